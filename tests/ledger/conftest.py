"""Fixtures for the import tests: the sample bulletin as rows, writers for its variants (.xlsx,
CSV in any encoding, a real BIFF8 .xls), and a snapshot of what an import may change."""

from __future__ import annotations

import csv
import struct
from pathlib import Path

import openpyxl
import pytest

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import ImportBatch, Observation, Period, Region, Target
from tests.conftest import SAMPLE_BULLETIN


def sample_rows() -> list[list]:
    """The sample bulletin's cells, row by row (None for empty), as openpyxl reads them."""
    wb = openpyxl.load_workbook(SAMPLE_BULLETIN, data_only=True)
    ws = wb.worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def write_xlsx(path: Path, rows: list[list], sheet: str = "1-2月", merges=()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for cell_range in merges:
        ws.merge_cells(cell_range)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


# --- a minimal real .xls (BIFF8 in an OLE2 compound file), so the calamine path is tested on
# the format itself; LibreOffice is not available to convert one.


def _rec(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(sheet_type: int) -> bytes:
    return _rec(0x0809, struct.pack("<HHHHII", 0x0600, sheet_type, 0x0DBB, 0x07CC, 0, 0x06))


def _biff8(sheet_name: str, rows: list[list]) -> bytes:
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, int | float):
                cells += _rec(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))  # NUMBER
            else:
                text = str(value)
                data = struct.pack("<HHHHB", r, c, 0, len(text), 1) + text.encode("utf-16-le")
                cells += _rec(0x0204, data)  # LABEL, UTF-16
    width = max((len(r) for r in rows), default=0)
    dimensions = _rec(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
    sheet = _bof(0x0010) + dimensions + cells + _rec(0x000A)

    def workbook_globals(offset: int) -> bytes:
        name = struct.pack("<IBBBB", offset, 0, 0, len(sheet_name), 1)
        boundsheet = _rec(0x0085, name + sheet_name.encode("utf-16-le"))
        return _bof(0x0005) + _rec(0x0042, struct.pack("<H", 1200)) + boundsheet + _rec(0x000A)

    head = workbook_globals(0)
    return workbook_globals(len(head)) + sheet


def _compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    # Streams under 4096 bytes would live in the mini stream; padding keeps one plain chain.
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\0")
    sectors = len(stream) // 512
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end] + [3 + i for i in range(sectors - 1)] + [end]
    fat += [free] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", 0, *([free] * 108))

    def entry(label: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = label.encode("utf-16-le") + b"\0\0" if label else b""
        fixed = struct.pack("<HBBIII", len(raw), kind, 1 if label else 0, none, none, child)
        return (
            raw.ljust(64, b"\0")
            + fixed
            + b"\0" * 16
            + struct.pack("<IQQIII", 0, 0, 0, start, size, 0)
        )

    directory = entry("Root Entry", 5, 1, end, 0) + entry(name, 2, none, 2, len(stream))
    directory += entry("", 0, none, 0, 0) * 2
    return header + struct.pack("<128I", *fat) + directory + stream


def write_xls(path: Path, rows: list[list], sheet: str = "1-2月") -> Path:
    path.write_bytes(_compound_file(_biff8(sheet, rows)))
    return path


# --- fixtures


@pytest.fixture
def importer(system_user, catalogue):
    """The 命令行 account (an admin) with the standard catalogue in place."""
    return system_user


@pytest.fixture
def bulletin_rows():
    return sample_rows()


@pytest.fixture
def counts():
    """What an import could change, counted; compare before and after a refused import."""

    def take() -> dict[str, int]:
        return {
            "observations": Observation.objects.count(),
            "batches": ImportBatch.objects.count(),
            "changes": ChangeRecord.objects.count(),
            "targets": Target.objects.count(),
            "regions": Region.objects.count(),
            "periods": Period.objects.count(),
        }

    return take


@pytest.fixture
def current():
    """Current actual figure of region × indicator name × period code, as (value, growth, rank)."""

    def get(region: Region, indicator: str, period: str = "2022-02"):
        year, month = (int(p) for p in period.split("-"))
        obs = Observation.objects.get(
            region=region,
            indicator__name=indicator,
            period__year=year,
            period__month=month,
            is_current=True,
        )
        return obs.value, obs.growth, obs.rank

    return get
