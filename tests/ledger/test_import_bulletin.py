"""The sample city bulletin reads back exactly, cell by cell."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import import_files
from econdesk.ledger.models import ImportBatch, Observation
from tests.conftest import SAMPLE_BULLETIN, SAMPLE_DISTRICTS

IND, FAI, RETAIL, FISCAL = (
    "规模以上工业增加值",
    "固定资产投资",
    "社会消费品零售总额",
    "一般公共预算收入",
)
D = Decimal

# Copied by hand from city-bulletin-2022-02.xlsx: (value, growth, rank); "—" is None.
EXPECTED = {
    "全市": {
        IND: (None, D("7.1"), None),
        FAI: (None, D("5.6"), None),
        RETAIL: (D("248"), D("5.1"), None),
        FISCAL: (D("33.93"), D("2.9"), None),
    },
    "东城区": {
        IND: (None, D("8.2"), 3),
        FAI: (None, D("-6"), 7),
        RETAIL: (D("62.35"), D("5.1"), 4),
        FISCAL: (D("8.61"), D("-3.2"), 7),
    },
    "西城区": {
        IND: (None, D("6.5"), 5),
        FAI: (None, D("4.2"), 5),
        RETAIL: (D("58.1"), D("4.8"), 5),
        FISCAL: (D("7.95"), D("2.4"), 5),
    },
    "南湖区": {
        IND: (None, D("10.1"), 2),
        FAI: (None, D("15.3"), 2),
        RETAIL: (D("40.22"), D("6.3"), 2),
        FISCAL: (D("6.02"), D("11.8"), 1),
    },
    "北山区": {
        IND: (None, D("6.5"), 5),
        FAI: (None, D("9.8"), 3),
        RETAIL: (D("25.67"), D("3.9"), 6),
        FISCAL: (D("3.15"), D("5"), 4),
    },
    "临江县": {
        IND: (None, D("12.3"), 1),
        FAI: (None, D("21"), 1),
        RETAIL: (D("18.05"), D("7.4"), 1),
        FISCAL: (D("2.88"), D("9.1"), 2),
    },
    "青山县": {
        IND: (None, D("3.4"), 7),
        FAI: (None, D("-12.5"), 8),
        RETAIL: (D("12.4"), D("2.5"), 8),
        FISCAL: (D("1.76"), D("-8.4"), 8),
    },
    "白水县": {
        IND: (None, D("-2.1"), 8),
        FAI: (None, D("2.2"), 6),
        RETAIL: (D("9.88"), D("3.1"), 7),
        FISCAL: (D("1.02"), D("1.3"), 6),
    },
    "红岩市": {
        IND: (None, D("7.7"), 4),
        FAI: (None, D("7.1"), 4),
        RETAIL: (D("21.33"), D("5.6"), 3),
        FISCAL: (D("2.54"), D("6.6"), 3),
    },
}


@pytest.fixture
def imported(importer, sample_city):
    report = import_files(importer, [SAMPLE_BULLETIN])
    return report, sample_city


def _region(sample_city, name):
    city, members = sample_city
    return city if name == "全市" else members[name]


@pytest.mark.django_db
def test_it_reads_back_every_cell_of_the_sample_bulletin(imported, current):
    _, sample_city = imported
    assert set(EXPECTED) == {"全市", *SAMPLE_DISTRICTS}
    for name, figures in EXPECTED.items():
        for indicator, expected in figures.items():
            assert current(_region(sample_city, name), indicator) == expected, (name, indicator)
    assert Observation.objects.count() == 9 * 4


@pytest.mark.django_db
def test_it_agrees_with_the_file_read_independently_with_openpyxl(imported, current):
    _, sample_city = imported
    ws = openpyxl.load_workbook(SAMPLE_BULLETIN, data_only=True).worksheets[0]
    header = [c.value for c in ws[3]]
    sub = [c.value for c in ws[4]]
    indicator = None
    checked = 0
    for row in ws.iter_rows(min_row=5, max_row=13, values_only=True):
        region = _region(sample_city, row[0])
        for col in range(1, len(row)):
            indicator = header[col] or indicator
            value, growth, rank = current(region, indicator)
            stored = {"绝对值": value, "增速": growth, "位次": rank}[sub[col]]
            cell = row[col]
            if cell == "—":
                assert stored is None
            elif sub[col] == "位次":
                assert stored == cell
            else:
                # The text Excel shows (repr of the float), compared as decimals.
                assert stored == Decimal(repr(cell)), (row[0], indicator, sub[col])
            checked += 1
    assert checked == 9 * 10


@pytest.mark.django_db
def test_it_puts_the_city_row_on_the_city_and_keeps_8_2_exact(imported):
    report, (city, members) = imported
    obs = Observation.objects.get(region=members["东城区"], indicator__name=IND)
    assert str(obs.growth.normalize()) == "8.2"
    assert Observation.objects.filter(region=city).count() == 4
    assert Observation.objects.filter(region=city, rank__isnull=False).count() == 0
    assert report.created == 36 and not report.revisions


@pytest.mark.django_db
def test_it_records_one_batch_and_one_change_record(imported):
    report, _ = imported
    batch = ImportBatch.objects.get()
    assert batch.kind == ImportBatch.Kind.BULLETIN
    assert batch.file_name == SAMPLE_BULLETIN.name
    assert batch.created_count == 36 and batch.rows_read == 9
    assert report.files[0].batch_id == batch.pk
    record = ChangeRecord.objects.get(action=ChangeRecord.Action.IMPORT)
    assert record.object_id == str(batch.pk) and record.after["created"] == 36
    assert Observation.objects.exclude(batch=batch).count() == 0


@pytest.mark.django_db
def test_it_imports_from_the_command_line(importer, sample_city, capsys):
    call_command("import", str(SAMPLE_BULLETIN))
    out = capsys.readouterr().out
    assert "新增36条" in out
    assert Observation.objects.count() == 36


@pytest.mark.django_db
def test_it_imports_an_uploaded_file_object(importer, sample_city, current):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from econdesk.ledger.importing import import_one

    upload = SimpleUploadedFile("月报.xlsx", SAMPLE_BULLETIN.read_bytes())
    report = import_one(importer, upload)
    assert report.files[0].file == "月报.xlsx" and report.created == 36
    city, members = sample_city
    assert current(members["临江县"], FAI) == (None, D("21"), 1)
    assert ImportBatch.objects.get().file_name == "月报.xlsx"
