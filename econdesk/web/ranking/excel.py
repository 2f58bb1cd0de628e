"""The 排位总表 as an Excel file: one sheet, the total row first, growth as numbers with the
indicator's decimals (number format 0.0), the rank beside each growth, every text cell through
econdesk.ledger.safe_excel so no name can become a formula."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from econdesk.analysis.peers import RankingTable
from econdesk.ledger import safe_excel
from econdesk.web.ranking import layout

BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
FILLS = {
    "red": PatternFill("solid", fgColor="F8D7DA"),
    "yellow": PatternFill("solid", fgColor="FFF3CD"),
    "green": PatternFill("solid", fgColor="D1E7DD"),
}


def number_format(decimals: int) -> str:
    return "0" if decimals <= 0 else "0." + "0" * decimals


def _put(ws, row: int, col: int, value):
    if isinstance(value, Decimal):
        value = float(value)
    return safe_excel.write(ws.cell(row=row, column=col), value)


def workbook(table: RankingTable, title: str) -> bytes:
    """Row 1 the title, rows 2-3 the headings (indicator over 增速（%）/位次), row 4 the total,
    then one row per member."""
    wb = Workbook()
    ws = wb.active
    ws.title = "排位总表"
    _put(ws, 1, 1, title).font = Font(bold=True, size=14)
    _put(ws, 2, 1, "地区").font = BOLD
    ws.merge_cells(start_row=2, start_column=1, end_row=3, end_column=1)
    for i, ind in enumerate(table.indicators):
        col = 2 + 2 * i
        head = _put(ws, 2, col, ind.name)
        head.font, head.alignment = BOLD, CENTER
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 1)
        _put(ws, 3, col, "增速（%）").font = BOLD
        _put(ws, 3, col + 1, "位次").font = BOLD
        ws.column_dimensions[get_column_letter(col)].width = 10
        ws.column_dimensions[get_column_letter(col + 1)].width = 10
    ws.column_dimensions["A"].width = 16
    rows = [(table.group.total_label, layout.total_cells(table), False)]
    rows += [(r.region.name + ("（功能区）" if r.zone else ""), r.cells, r.zone) for r in
             layout.rows_of(table)]  # fmt: skip
    for offset, (name, cells, _zone) in enumerate(rows):
        r = 4 + offset
        label = _put(ws, r, 1, name)
        if offset == 0:
            label.font = BOLD
        for i, (ind, cell) in enumerate(zip(table.indicators, cells, strict=True)):
            col = 2 + 2 * i
            growth = _put(ws, r, col, cell.growth_number)
            growth.number_format = number_format(ind.growth_decimals)
            rank = _put(ws, r, col + 1, cell.rank or None)
            if cell.color in FILLS:
                growth.fill = rank.fill = FILLS[cell.color]
    ws.freeze_panes = "B4"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
