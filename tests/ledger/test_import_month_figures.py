"""The single month (当月值 / 当月增速) beside the year to date, in every layout an import reads:
stored on the same observation, converted like the value, versioned like every figure (a
changed one a listed revision, the same file again nothing, a blank keeps the stored one).
Fictional figures, built here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from econdesk.ledger.importing import import_files
from econdesk.ledger.importing.bulletin import sub_role
from econdesk.ledger.models import Observation
from tests.ledger.conftest import write_csv, write_xlsx

TITLE = "示范市2022年1-10月各区（市）县主要经济指标"
# 社会消费品零售总额 1-10月: (value, growth, rank, 当月值, 当月增速) per member, 亿元 and %.
RETAIL = {"东城区": (310.5, 5.1, 4, 33.2, 6.4), "西城区": (290.4, 4.8, 5, 30.1, -1.5),
          "南湖区": (201.2, 6.3, 2, 21.7, 0.0), "北山区": (128.3, 3.9, 6, 13.0, 2.2),
          "临江县": (90.2, 7.4, 1, 9.6, 8.8), "青山县": (62.0, 2.5, 8, 6.1, 1.1),
          "白水县": (49.4, 3.1, 7, 5.0, 3.3), "红岩市": (106.6, 5.6, 3, 11.2, 4.0)}  # fmt: skip
TOTAL = (1238.6, 5.1, "—", 129.9, 3.6)


def wide(subs=("绝对值", "增速", "位次", "当月值", "当月增速"), scale=1, unit="亿元") -> list[list]:
    rows = [[TITLE], [f"单位：{unit}、%"], ["地区", "社会消费品零售总额", None, None, None, None],
            [None, *subs], ["全市", TOTAL[0] * scale, *TOTAL[1:3], TOTAL[3] * scale, TOTAL[4]]]  # fmt: skip
    rows += [[n, v * scale, g, r, mv * scale, mg] for n, (v, g, r, mv, mg) in RETAIL.items()]
    return rows


def month_figures(sample_city, code="retail_sales") -> dict[str, tuple]:
    _, members = sample_city
    return {
        name: tuple(
            Observation.objects.filter(region=region, indicator__code=code, is_current=True)
            .values_list("month_value", "month_growth")
            .get()
        )
        for name, region in members.items()
    }


def expected() -> dict[str, tuple]:
    return {n: (Decimal(str(mv)), Decimal(str(mg))) for n, (_, _, _, mv, mg) in RETAIL.items()}


@pytest.mark.parametrize(
    ("header", "role"),
    [("当月", "month_value"), ("本月", "month_value"), ("当月值", "month_value"),
     ("当月完成", "month_value"), ("当月值（万元）", "month_value"), ("当月增速", "month_growth"),
     ("当月增长", "month_growth"), ("当月增长%", "month_growth"), ("本月增速", "month_growth"),
     ("当月同比", "month_growth"), ("当月同比±%", "month_growth"), ("增速", "growth"),
     ("累计增长", "growth"), ("本期", "value"), ("绝对值", "value")],
)  # fmt: skip
def test_single_month_sub_columns_are_told_apart_from_the_year_to_date(header, role):
    assert sub_role(header) == role


@pytest.mark.django_db
def test_a_wide_bulletin_stores_the_single_month_beside_the_year_to_date(
    importer, sample_city, tmp_path
):
    report = import_files(importer, [write_xlsx(tmp_path / "当月.xlsx", wide(), sheet="1-10月")])
    assert report.created == 9 and not report.files[0].warnings
    assert month_figures(sample_city) == expected()
    east = Observation.objects.get(region__name="东城区", is_current=True)
    assert (east.value, east.growth, east.rank) == (Decimal("310.5"), Decimal("5.1"), 4)
    city = Observation.objects.get(region__name="示范市", is_current=True)
    assert (city.month_value, city.month_growth) == (Decimal("129.9"), Decimal("3.6"))


@pytest.mark.django_db
def test_other_header_words_and_units_convert_like_the_value(importer, sample_city, tmp_path):
    rows = wide(("累计", "增长%", "排名", "本月", "当月增长%"), scale=10000, unit="万元")
    import_files(importer, [write_xlsx(tmp_path / "万元.xlsx", rows, sheet="1-10月")])
    assert month_figures(sample_city) == expected()
    assert Observation.objects.get(region__name="东城区").value == Decimal("310.5")


@pytest.mark.django_db
def test_a_file_without_single_month_columns_stores_none(importer, sample_city, tmp_path):
    rows = [row[:4] for row in wide()]
    import_files(importer, [write_xlsx(tmp_path / "无当月.xlsx", rows, sheet="1-10月")])
    assert not Observation.objects.filter(month_growth__isnull=False).exists()
    assert not Observation.objects.filter(month_value__isnull=False).exists()


@pytest.mark.django_db
def test_a_corrected_single_month_figure_is_a_listed_revision(importer, sample_city, tmp_path):
    first = write_xlsx(tmp_path / "a.xlsx", wide(), sheet="1-10月")
    import_files(importer, [first])
    count = Observation.objects.count()
    again = import_files(importer, [first])
    assert not again.changed and not again.revisions and Observation.objects.count() == count

    rows = wide()
    rows[5][5] = 7.4  # 东城区's 当月增速, 6.4 → 7.4; nothing else changes
    report = import_files(importer, [write_xlsx(tmp_path / "b.xlsx", rows, sheet="1-10月")])
    (revision,) = report.revisions
    assert revision.region == "东城区"
    assert revision.describe() == "东城区·社会消费品零售总额·2022-10：当月增速 6.4 → 7.4"
    assert "当月增速 6.4 → 7.4" in report.render()
    versions = Observation.objects.filter(region__name="东城区").order_by("version")
    assert [(o.version, o.month_growth, o.is_current) for o in versions] == [
        (1, Decimal("6.4"), False),
        (2, Decimal("7.4"), True),
    ]

    # A later file without the 当月 sub-columns keeps them: a blank is no correction.
    without = [row[:4] for row in wide()]
    later = import_files(importer, [write_xlsx(tmp_path / "c.xlsx", without, sheet="1-10月")])
    assert not later.revisions
    assert month_figures(sample_city)["东城区"] == (Decimal("33.2"), Decimal("7.4"))


@pytest.mark.django_db
def test_a_tidy_file_gives_the_single_month(importer, sample_city, tmp_path):
    rows = [["region", "indicator", "period", "value", "growth", "month_value", "month_growth",
             "unit"]]  # fmt: skip
    rows += [[n, "社会消费品零售总额", "2022-10", v * 10000, g, mv * 10000, mg, "万元"]
             for n, (v, g, _, mv, mg) in RETAIL.items()]  # fmt: skip
    import_files(importer, [write_csv(tmp_path / "tidy.csv", rows)])
    assert month_figures(sample_city) == expected()


@pytest.mark.django_db
def test_a_tidy_file_with_chinese_columns_corrects_a_single_month_growth(
    importer, sample_city, tmp_path
):
    head = ["地区", "指标", "期别", "增速", "当月增速"]
    first = [head, ["东城区", "社会消费品零售总额", "2022-10", 5.1, 6.4]]
    import_files(importer, [write_csv(tmp_path / "a.csv", first)])
    assert not import_files(importer, [write_csv(tmp_path / "b.csv", first)]).changed
    fixed = [head, ["东城区", "社会消费品零售总额", "2022-10", 5.1, 6.0]]
    (revision,) = import_files(importer, [write_csv(tmp_path / "c.csv", fixed)]).revisions
    assert revision.describe() == "东城区·社会消费品零售总额·2022-10：当月增速 6.4 → 6"
    assert Observation.objects.filter(region__name="东城区").count() == 2


@pytest.mark.django_db
def test_indicators_as_rows_give_the_single_month(importer, sample_city, tmp_path):
    names = list(RETAIL)
    rows = [
        [TITLE],
        ["指标", "全市", *names],
        ["社会消费品零售总额（亿元）", TOTAL[0], *(RETAIL[n][0] for n in names)],
        ["增速", TOTAL[1], *(RETAIL[n][1] for n in names)],
        ["当月值", TOTAL[3], *(RETAIL[n][3] for n in names)],
        ["当月增速", TOTAL[4], *(RETAIL[n][4] for n in names)],
    ]
    import_files(importer, [write_xlsx(tmp_path / "指标为行.xlsx", rows, sheet="1-10月")])
    assert month_figures(sample_city) == expected()


@pytest.mark.django_db
def test_one_indicator_per_sheet_gives_the_single_month(importer, sample_city, tmp_path):
    rows = [["示范市2022年1-10月社会消费品零售总额（亿元）"],
            ["地区", "绝对值", "增速", "位次", "当月", "当月同比"],
            ["全市", TOTAL[0], TOTAL[1], "—", TOTAL[3], TOTAL[4]]]  # fmt: skip
    rows += [[n, v, g, r, mv, mg] for n, (v, g, r, mv, mg) in RETAIL.items()]
    import_files(importer, [write_xlsx(tmp_path / "单指标.xlsx", rows, sheet="社零")])
    assert month_figures(sample_city) == expected()
