"""The real NBS provincial file in tidy form: 2,046 rows, 31 provinces under 全国."""

from __future__ import annotations

import csv
from decimal import Decimal

import openpyxl
import pytest

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import ImportBatch, Observation, Region
from tests.conftest import REAL_EXPLANATION, REAL_PROVINCES
from tests.ledger.conftest import write_csv

RE, RESIDENTIAL = "房地产开发投资", "房地产开发投资：住宅"  # the file writes 房地产开发投资:住宅


@pytest.fixture
def loaded(importer):
    report = import_files(importer, [REAL_PROVINCES], parent="全国", explanation=REAL_EXPLANATION)
    return report, Region.objects.get(name="全国")


@pytest.mark.django_db
def test_it_loads_all_2046_rows_under_a_new_country_region(loaded):
    report, country = loaded
    assert report.rows_read == 2046 and report.created == 2046
    assert country.kind == Region.Kind.COUNTRY and country.parent is None
    provinces = Region.objects.filter(parent=country)
    assert provinces.count() == 31
    assert set(provinces.values_list("kind", flat=True)) == {Region.Kind.PROVINCE}
    assert Observation.objects.filter(is_current=True).count() == 2046
    names = set(Observation.objects.values_list("indicator__name", flat=True).distinct())
    assert names == {RE, RESIDENTIAL}
    batch = ImportBatch.objects.get()
    assert batch.kind == ImportBatch.Kind.TIDY and batch.created_count == 2046
    # 32 regions created, each with its own change record, plus one for the import.
    assert ChangeRecord.objects.filter(object_type="ledger.Region").count() == 32
    assert ChangeRecord.objects.filter(action=ChangeRecord.Action.IMPORT).count() == 1


@pytest.mark.django_db
def test_it_keeps_tibets_blank_growth_cells_null(loaded, current):
    _, country = loaded
    tibet = Region.objects.get(parent=country, name="西藏自治区")
    assert current(tibet, RESIDENTIAL, "2017-02") == (Decimal("0.24"), None, None)
    assert current(tibet, RESIDENTIAL, "2019-02") == (Decimal("0.22"), None, None)
    assert current(tibet, RE, "2017-02") == (Decimal("0.44"), Decimal("236.2"), None)
    blank = Observation.objects.filter(growth__isnull=True)
    assert blank.count() == 2 and set(blank.values_list("region__name", flat=True)) == {
        "西藏自治区"
    }


@pytest.mark.django_db
def test_it_stores_the_published_figures_exactly(loaded, current):
    _, country = loaded
    province = {r.name: r for r in Region.objects.filter(parent=country)}
    assert current(province["上海市"], RE, "2017-02") == (Decimal("550.01"), Decimal("10"), None)
    assert current(province["北京市"], RESIDENTIAL, "2019-12") == (
        Decimal("2039.76"),
        Decimal("0.7"),
        None,
    )
    assert current(province["广东省"], RE, "2018-06") == (
        Decimal("6454.56"),
        Decimal("20.2"),
        None,
    )
    # No January period: NBS publishes 1-2月 together.
    assert not Observation.objects.filter(period__month=1).exists()


@pytest.mark.django_db
def test_it_agrees_with_every_row_of_the_file(loaded):
    _, country = loaded
    stored = {
        (o.region.name, o.indicator.name, o.period.code): (o.value, o.growth)
        for o in Observation.objects.select_related("region", "indicator", "period")
    }
    with REAL_PROVINCES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            growth = Decimal(row["growth"]) if row["growth"] else None
            # the file's 房地产开发投资:住宅 is the catalogue's 房地产开发投资：住宅
            indicator = row["indicator"].replace(":", "：")
            key = (row["region"], indicator, row["period"])
            assert stored[key] == (Decimal(row["value"]), growth), key


@pytest.mark.django_db
def test_it_changes_nothing_when_imported_again(loaded, importer, counts):
    before = counts()
    report = import_files(importer, [REAL_PROVINCES], parent="全国")  # no change: no explanation
    assert not report.changed and "无变化" in report.render()
    assert report.unchanged == 2046
    assert counts() == before


@pytest.mark.django_db
def test_it_needs_a_parent_to_create_a_new_peer_group(importer, counts):
    before = counts()
    with pytest.raises(ImportFailed, match="--parent"):
        import_files(importer, [REAL_PROVINCES])
    assert counts() == before


@pytest.mark.django_db
def test_it_reads_a_tidy_xlsx_with_a_unit_column_and_a_total_row(importer, tmp_path, current):
    rows = [
        ["region", "indicator", "period", "value", "unit", "growth", "rank"],
        ["全国", RE, "2019-03", 2380300000, "万元", 11.8, None],
        ["上海市", RE, "2019-03", 869.62, "亿元", 8.6, 2],
        ["北京市", RE, "2019-03", 6060000, "万元", -3.1, 3],
        ["广东省", RE, "2019-03", 3203.5, "", 17.3, 1],
    ]
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "tidy.xlsx"
    wb.save(path)
    import_files(importer, [path], parent="全国")
    country = Region.objects.get(name="全国")
    assert current(country, RE, "2019-03") == (Decimal("238030"), Decimal("11.8"), None)
    beijing = Region.objects.get(parent=country, name="北京市")
    assert current(beijing, RE, "2019-03") == (Decimal("606"), Decimal("-3.1"), 3)
    assert Region.objects.filter(parent=country).count() == 3


@pytest.mark.django_db
def test_it_joins_an_existing_peer_group_without_parent(importer, sample_city, tmp_path, current):
    city, members = sample_city
    rows = [
        ["region", "indicator", "period", "value", "growth"],
        ["西城区", "社消零", "2022-03", "88.1", "4.4"],
        ["全市", "社消零", "2022-03", "380", "5.0"],
    ]
    import_files(importer, [write_csv(tmp_path / "t.csv", rows)])
    assert current(members["西城区"], "社会消费品零售总额", "2022-03")[:2] == (
        Decimal("88.1"),
        Decimal("4.4"),
    )
    assert current(city, "社会消费品零售总额", "2022-03")[0] == Decimal("380")
