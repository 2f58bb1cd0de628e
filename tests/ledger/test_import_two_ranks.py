"""Two published ranks per cell — 增速位次 and 总量位次 — in every layout an import reads, stored as
readers.published_ranks says: ``rank`` is the rank by the indicator's rank_key (as it always
was), ``value_rank`` the 总量 rank where the file names one. Fictional figures, built here."""

from __future__ import annotations

import pytest

from econdesk.ledger.importing import import_files
from econdesk.ledger.importing.bulletin import sub_role
from econdesk.ledger.models import Indicator, Observation
from tests.ledger.conftest import write_csv, write_xlsx

TITLE = "示范市2022年1-2月各区（市）县主要经济指标"
# 社会消费品零售总额: (value, growth, growth rank, total rank) per member.
RETAIL = {"东城区": (62.35, 5.1, 4, 1), "西城区": (58.1, 4.8, 5, 2), "南湖区": (40.22, 6.3, 2, 3),
          "北山区": (25.67, 3.9, 6, 4), "临江县": (18.05, 7.4, 1, 6), "青山县": (12.4, 2.5, 8, 7),
          "白水县": (9.88, 3.1, 7, 8), "红岩市": (21.33, 5.6, 3, 5)}  # fmt: skip


def wide(subs: tuple[str, str], indicator="社会消费品零售总额") -> list[list]:
    """地区 | 绝对值 | 增速 | subs[0] | subs[1], one row per member (growth rank, total rank)."""
    rows = [[TITLE], ["单位：亿元、%"], ["地区", indicator, None, None, None],
            [None, "绝对值", "增速", *subs], ["全市", 248, 5.1, "—", "—"]]  # fmt: skip
    rows += [[name, v, g, gr, vr] for name, (v, g, gr, vr) in RETAIL.items()]
    return rows


def ranks(sample_city, code="retail_sales") -> dict[str, tuple]:
    _, members = sample_city
    return {
        name: tuple(
            Observation.objects.filter(region=region, indicator__code=code, is_current=True)
            .values_list("rank", "value_rank")
            .get()
        )
        for name, region in members.items()
    }


@pytest.mark.parametrize(
    ("header", "role"),
    [("位次", "rank"), ("排名", "rank"), ("全市排位", "rank"), ("增速位次", "growth_rank"),
     ("增速排位", "growth_rank"), ("增速排名", "growth_rank"), ("总量位次", "value_rank"),
     ("总量排位", "value_rank"), ("总量排名", "value_rank"), ("规模位次", "value_rank"),
     ("绝对值位次", "value_rank"), ("总量 位次", "value_rank"), ("增速", "growth"),
     ("总量", "value")],
)  # fmt: skip
def test_rank_sub_columns_are_told_apart(header, role):
    assert sub_role(header) == role


@pytest.mark.django_db
def test_a_growth_ranked_indicator_stores_both_ranks(importer, sample_city, tmp_path):
    path = write_xlsx(tmp_path / "两个位次.xlsx", wide(("增速排名", "规模位次")))
    report = import_files(importer, [path])
    assert report.created == 9 and not report.files[0].warnings
    assert ranks(sample_city) == {n: (gr, vr) for n, (_, _, gr, vr) in RETAIL.items()}


@pytest.mark.django_db
def test_a_plain_rank_beside_a_total_rank_is_the_rank_as_before(importer, sample_city, tmp_path):
    path = write_xlsx(tmp_path / "位次和总量位次.xlsx", wide(("位次", "总量位次")))
    import_files(importer, [path])
    assert ranks(sample_city) == {n: (gr, vr) for n, (_, _, gr, vr) in RETAIL.items()}


@pytest.mark.django_db
def test_a_single_plain_rank_keeps_todays_behaviour(importer, sample_city, tmp_path):
    rows = [row[:4] for row in wide(("位次", "总量位次"))]
    import_files(importer, [write_xlsx(tmp_path / "一个位次.xlsx", rows)])
    assert ranks(sample_city) == {n: (gr, None) for n, (_, _, gr, _) in RETAIL.items()}


@pytest.mark.django_db
def test_an_indicator_ranked_by_total_keeps_its_total_rank_as_the_rank(
    importer, sample_city, tmp_path
):
    """rank means the rank by rank_key: the 总量位次 here; the 增速位次 is not stored, and said."""
    Indicator.objects.filter(code="retail_sales").update(rank_key="value")
    path = write_xlsx(tmp_path / "按总量排名.xlsx", wide(("增速位次", "总量位次")))
    report = import_files(importer, [path])
    assert ranks(sample_city) == {n: (vr, vr) for n, (_, _, _, vr) in RETAIL.items()}
    assert report.files[0].warnings == [
        "“社会消费品零售总额”按总量排名，位次按总量位次保存，文件中的增速位次未保存"
    ]


@pytest.mark.django_db
def test_an_indicator_ranked_by_total_with_one_plain_rank_is_read_as_before(
    importer, sample_city, tmp_path
):
    Indicator.objects.filter(code="retail_sales").update(rank_key="value")
    rows = [row[:3] + row[4:] for row in wide(("位次", "位次"))]  # 地区 绝对值 增速 位次
    import_files(importer, [write_xlsx(tmp_path / "总量一个位次.xlsx", rows)])
    assert ranks(sample_city) == {n: (vr, None) for n, (_, _, _, vr) in RETAIL.items()}


@pytest.mark.django_db
def test_a_tidy_file_gives_both_ranks(importer, sample_city, tmp_path):
    rows = [["地区", "指标", "期别", "绝对值", "增速", "增速位次", "总量位次"]]
    rows += [[n, "社会消费品零售总额", "2022-02", v, g, gr, vr]
             for n, (v, g, gr, vr) in RETAIL.items()]  # fmt: skip
    import_files(importer, [write_csv(tmp_path / "tidy.csv", rows)])
    assert ranks(sample_city) == {n: (gr, vr) for n, (_, _, gr, vr) in RETAIL.items()}


@pytest.mark.django_db
def test_indicators_as_rows_give_both_ranks(importer, sample_city, tmp_path):
    names = list(RETAIL)
    rows = [
        [TITLE],
        ["指标", "全市", *names],
        ["社会消费品零售总额（亿元）", 248, *(RETAIL[n][0] for n in names)],
        ["增速", 5.1, *(RETAIL[n][1] for n in names)],
        ["增速位次", "—", *(RETAIL[n][2] for n in names)],
        ["总量位次", "—", *(RETAIL[n][3] for n in names)],
    ]
    import_files(importer, [write_xlsx(tmp_path / "指标为行.xlsx", rows)])
    assert ranks(sample_city) == {n: (gr, vr) for n, (_, _, gr, vr) in RETAIL.items()}


@pytest.mark.django_db
def test_a_tidy_file_corrects_a_total_rank_as_a_revision(importer, sample_city, tmp_path):
    head = ["region", "indicator", "period", "growth", "rank", "value_rank"]
    first = [head, ["东城区", "社会消费品零售总额", "2022-02", 5.1, 4, 1]]
    import_files(importer, [write_csv(tmp_path / "a.csv", first)])
    again = import_files(importer, [write_csv(tmp_path / "b.csv", first)])
    assert not again.changed and again.unchanged == 1
    fixed = [head, ["东城区", "社会消费品零售总额", "2022-02", 5.1, 4, 2]]
    report = import_files(importer, [write_csv(tmp_path / "c.csv", fixed)])
    (revision,) = report.revisions
    assert revision.describe() == "东城区·社会消费品零售总额·2022-02：总量位次 1 → 2"
    assert Observation.objects.filter(region__name="东城区").count() == 2
