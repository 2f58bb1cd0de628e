"""Small builders shared by tests: write figures the way an import does (no mocks)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from econdesk.ledger.models import Indicator
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.observations import ObservationInput, ObservationWriter, new_batch


def D(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def write_figures(user, rows, *, file_name="test.csv", kind="actual"):
    """rows: (region, indicator_code, 'YYYY-MM', value, growth, rank)."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    inputs = []
    for region, code, period, value, growth, rank in rows:
        year, month = (int(x) for x in period.split("-"))
        inputs.append(
            ObservationInput(
                region=region,
                indicator=indicators[code],
                period=PeriodKey(year, month),
                value=D(value),
                growth=D(growth),
                rank=rank,
                kind=kind,
            )
        )
    with transaction.atomic():
        writer = ObservationWriter(
            user, new_batch(user, kind="tidy", file_name=file_name, sha256="t")
        )
        writer.add(inputs)
        return writer.finish(rows_read=len(inputs))


# The sample bulletin's 规模以上工业增加值 growth and published rank (1-2月 2022).
SAMPLE_INDUSTRY = {
    "东城区": ("8.2", 3),
    "西城区": ("6.5", 5),
    "南湖区": ("10.1", 2),
    "北山区": ("6.5", 5),
    "临江县": ("12.3", 1),
    "青山县": ("3.4", 7),
    "白水县": ("-2.1", 8),
    "红岩市": ("7.7", 4),
}


def sample_bulletin_rows() -> list[list]:
    """The rows of docs/samples/city-bulletin-2022-02.xlsx, as lists (to alter in a test)."""
    import openpyxl

    from tests.conftest import SAMPLE_BULLETIN

    wb = openpyxl.load_workbook(SAMPLE_BULLETIN, data_only=True)
    return [list(row) for row in wb.worksheets[0].iter_rows(values_only=True)]


def write_bulletin(path, rows, merges, sheet="1-2月"):
    """A one-sheet bulletin workbook of `rows` with its merged header cells."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for cell_range in merges:
        ws.merge_cells(cell_range)
    wb.save(path)
    return path
