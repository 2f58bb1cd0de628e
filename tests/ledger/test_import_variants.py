"""The real-world variants of the city bulletin (samples/README.md) read as the sample does."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import Observation, Region
from tests.ledger.conftest import write_csv, write_xls, write_xlsx
from tests.ledger.test_import_bulletin import EXPECTED, FISCAL, IND, RETAIL

MERGES = ("A1:K1", "A2:K2", "A3:A4", "B3:C3", "D3:E3", "F3:H3", "I3:K3")
VALUE_COLUMNS = (5, 8)  # F and I: 社会消费品零售总额 and 一般公共预算收入 绝对值
DATA = slice(4, 13)  # 全市 and the eight districts


def assert_reads_back(sample_city, current, expected=EXPECTED):
    city, members = sample_city
    for name, figures in expected.items():
        region = city if name == "全市" else members[name]
        for indicator, want in figures.items():
            assert current(region, indicator) == want, (name, indicator)


@pytest.mark.django_db
def test_it_converts_wan_yuan_to_yi_yuan_exactly(importer, sample_city, bulletin_rows, tmp_path,
                                                 current):  # fmt: skip
    rows = copy.deepcopy(bulletin_rows)
    rows[1][0] = "单位：万元、%"
    for row in rows[DATA]:
        for col in VALUE_COLUMNS:
            row[col] = float(Decimal(repr(row[col])) * 10000)
    path = write_xlsx(tmp_path / "wan.xlsx", rows, merges=MERGES)
    import_files(importer, [path])
    assert_reads_back(sample_city, current)
    city, members = sample_city
    assert current(members["东城区"], RETAIL)[0] == Decimal("62.35")


@pytest.mark.django_db
def test_it_reads_a_unit_given_in_the_indicator_header(importer, sample_city, bulletin_rows,
                                                       tmp_path, current):  # fmt: skip
    rows = copy.deepcopy(bulletin_rows)
    rows[2][5] = "社会消费品零售总额（万元）"
    for row in rows[DATA]:
        row[5] = float(Decimal(repr(row[5])) * 10000)
    import_files(importer, [write_xlsx(tmp_path / "h.xlsx", rows, merges=MERGES)])
    assert_reads_back(sample_city, current)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "names",
    [("累计", "增长%", "排名"), ("本期", "同比±%", "排位"), ("绝对值", "增速(%)", "位次")],
)
def test_it_understands_other_sub_column_names(importer, sample_city, bulletin_rows, tmp_path,
                                               current, names):  # fmt: skip
    rows = copy.deepcopy(bulletin_rows)
    role = {"绝对值": names[0], "增速": names[1], "位次": names[2]}
    rows[3] = [role.get(v, v) for v in rows[3]]
    import_files(importer, [write_xlsx(tmp_path / "subs.xlsx", rows, merges=MERGES)])
    assert_reads_back(sample_city, current)


@pytest.mark.django_db
def test_it_reads_an_indicator_without_a_rank_column(importer, sample_city, bulletin_rows,
                                                     tmp_path, current):  # fmt: skip
    rows = [row[:10] for row in copy.deepcopy(bulletin_rows)]  # drop K: 一般公共预算收入 位次
    merges = ("A1:J1", "A2:J2", "A3:A4", "B3:C3", "D3:E3", "F3:H3", "I3:J3")
    import_files(importer, [write_xlsx(tmp_path / "norank.xlsx", rows, merges=merges)])
    expected = copy.deepcopy(EXPECTED)
    for figures in expected.values():
        value, growth, _ = figures[FISCAL]
        figures[FISCAL] = (value, growth, None)
    assert_reads_back(sample_city, current, expected)


@pytest.mark.django_db
def test_it_takes_districts_in_any_order(importer, sample_city, bulletin_rows, tmp_path, current):
    rows = copy.deepcopy(bulletin_rows)
    rows[4:13] = list(reversed(rows[4:13]))  # 全市 last, districts reversed
    import_files(importer, [write_xlsx(tmp_path / "order.xlsx", rows, merges=MERGES)])
    assert_reads_back(sample_city, current)


@pytest.mark.django_db
def test_it_lists_a_functional_zone_without_ranking_it(importer, sample_city, bulletin_rows,
                                                       tmp_path, current):  # fmt: skip
    city, _ = sample_city
    zone = Region.objects.create(
        name="示范高新区", kind=Region.Kind.FUNCTIONAL_ZONE, parent=city, ranked=False
    )
    rows = copy.deepcopy(bulletin_rows)
    rows.insert(13, ["示范高新区", 15.2, "—", 30.1, "—", 5.5, 9.9, "—", 0.8, 12.0, "—"])
    import_files(importer, [write_xlsx(tmp_path / "zone.xlsx", rows, merges=MERGES)])
    assert current(zone, IND) == (None, Decimal("15.2"), None)
    assert current(zone, FISCAL) == (Decimal("0.8"), Decimal("12"), None)
    zone.refresh_from_db()
    assert zone.ranked is False
    assert_reads_back(sample_city, current)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_it_reads_the_bulletin_as_csv(importer, sample_city, bulletin_rows, tmp_path, current,
                                      encoding):  # fmt: skip
    path = write_csv(tmp_path / "bulletin.csv", bulletin_rows, encoding=encoding)
    raw = path.read_bytes()
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    else:
        assert raw.startswith(b"\xef\xbb\xbf")
    report = import_files(importer, [path])
    assert report.created == 36
    assert_reads_back(sample_city, current)


@pytest.mark.django_db
def test_it_reads_a_legacy_xls_file(importer, sample_city, bulletin_rows, tmp_path, current):
    path = write_xls(tmp_path / "bulletin.xls", bulletin_rows)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    report = import_files(importer, [path])
    assert report.created == 36
    assert_reads_back(sample_city, current)


@pytest.mark.django_db
def test_it_asks_for_region_and_period_when_the_title_lacks_them(
    importer, sample_city, bulletin_rows, tmp_path, current, counts
):
    rows = copy.deepcopy(bulletin_rows)
    rows[0][0] = "各区（市）县主要经济指标"
    path = write_xlsx(tmp_path / "untitled.xlsx", rows, merges=MERGES)
    before = counts()
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path])
    text = failed.value.render()
    assert "--region" in text and "--period" in text
    assert "untitled.xlsx 工作表“1-2月” 第1行 A列" in text
    assert counts() == before
    import_files(importer, [path], region="示范市", period="2022-02")
    assert_reads_back(sample_city, current)


@pytest.mark.django_db
def test_it_refuses_a_period_option_that_contradicts_the_title(importer, sample_city, counts):
    from tests.conftest import SAMPLE_BULLETIN

    with pytest.raises(ImportFailed, match="与指定的 --period 2022-03 不一致"):
        import_files(importer, [SAMPLE_BULLETIN], period="2022-03")
    assert Observation.objects.count() == 0
