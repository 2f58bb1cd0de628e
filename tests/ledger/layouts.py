"""One fictional city's October bulletin, and writers for it in each layout an import reads.

青岚市 is in no ledger: its first file creates it. Every writer puts the same figures in the
file; the tests import each and compare the ledgers figure for figure.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl

D = Decimal
CITY = "青岚市"
TITLE = f"{CITY}2026年1-10月各区县主要经济指标"
PERIOD = "2026-10"
MEMBERS = ["云溪区", "松林区", "石门县", "白鹭县", "青岚高新区"]
ROWS = ["全市", *MEMBERS]
RANKED = {"云溪区": True, "松林区": True, "石门县": True, "白鹭县": True, "青岚高新区": False}

# indicator → (unit the file writes values in, {region: (value, growth, rank)}).
# 规上工业增加值 and 工业投资 are published as growth only; 工业投资 and 一般公共预算支出 are
# in the wider catalogue (not seeded); 社零 is written in 万元 and stored in 亿元.
FIGURES: dict[str, tuple[str | None, dict]] = {
    "规模以上工业增加值": (None, {
        "全市": (None, "6.8", None), "云溪区": (None, "7.9", 2), "松林区": (None, "5.1", 3),
        "石门县": (None, "9.2", 1), "白鹭县": (None, "-1.4", 4), "青岚高新区": (None, "12.5", None),
    }),
    "工业投资": (None, {
        "全市": (None, "10.2", None), "云溪区": (None, "4.4", 4), "松林区": (None, "15.0", 1),
        "石门县": (None, "8.8", 2), "白鹭县": (None, "6.1", 3), "青岚高新区": (None, "20.3", None),
    }),
    "社会消费品零售总额": ("万元", {
        "全市": ("1862350", "5.4", None), "云溪区": ("623500", "6.1", 1),
        "松林区": ("581000", "4.9", 3), "石门县": ("402200", "5.5", 2),
        "白鹭县": ("255650", "3.2", 4), "青岚高新区": ("0", "0", None),
    }),
    "一般公共预算支出": ("亿元", {
        "全市": ("98.76", "3.3", None), "云溪区": ("30.12", "2.5", 3), "松林区": ("25.4", "7.7", 1),
        "石门县": ("21.9", "-0.6", 4), "白鹭县": ("21.34", "4.1", 2), "青岚高新区": ("0", "0", None),
    }),
}  # fmt: skip
STORED_UNIT = {"规模以上工业增加值": "亿元", "工业投资": "亿元", "社会消费品零售总额": "亿元",
               "一般公共预算支出": "亿元"}  # fmt: skip


def expected_ledger() -> dict[tuple[str, str], tuple]:
    """(region, indicator) → (value in the stored unit, growth, rank), as Decimals."""
    out = {}
    for indicator, (unit, cells) in FIGURES.items():
        for region, (value, growth, rank) in cells.items():
            number = D(value) if value is not None else None
            if number is not None and unit == "万元":
                number = number.scaleb(-4)
            out[(CITY if region == "全市" else region, indicator)] = (number, D(growth), rank)
    return out


def _cell(text):
    """A figure as a spreadsheet holds it: a number where it is one, "—" where blank."""
    if text is None:
        return "—"
    return int(text) if isinstance(text, int) else float(text) if "." in text else int(text)


def wide_rows() -> list[list]:
    """Districts as rows, indicators as merged column groups (the classic city bulletin)."""
    head, sub = ["地区"], [None]
    for indicator, (unit, cells) in FIGURES.items():
        has_value = any(v is not None for v, _, _ in cells.values())
        label = f"{indicator}（{unit}）" if unit and has_value else indicator
        head += [label] + [None] * (2 if has_value else 1)
        sub += (["绝对值"] if has_value else []) + ["增速", "位次"]
    rows = [[TITLE], ["单位：%"], head, sub]
    for region in ROWS:
        row = [region]
        for _indicator, (_unit, cells) in FIGURES.items():
            has_value = any(v is not None for v, _, _ in cells.values())
            value, growth, rank = cells[region]
            row += ([_cell(value)] if has_value else []) + [_cell(growth), rank or "—"]
        rows.append(row)
    rows.append(["注：位次按增速排列，青岚高新区不参与排名。"])
    return rows


def write_wide_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "1-10月"
    for row in wide_rows():
        ws.append(row)
    wb.save(path)
    return path


def write_tidy_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["地区", "指标", "期别", "累计值", "增速", "位次", "单位"])
        for indicator, (unit, cells) in FIGURES.items():
            for region in ROWS:
                value, growth, rank = cells[region]
                writer.writerow(
                    [region, indicator, PERIOD, value or "", growth, rank or "", unit or ""]
                )
    return path
