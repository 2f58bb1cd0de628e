"""Excel exports (openpyxl): the score table with every line, and the overdue list.

Every cell goes through econdesk.ledger.safe_excel: text that a spreadsheet would read as a
formula (starting with = + - @, tab or carriage return) is written as text.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from econdesk.ledger import safe_excel
from econdesk.supervision import scoring

BOLD = Font(bold=True)


def put(ws, row: int, column: int, value):
    """Write one cell; numbers as numbers, formula-like text as text."""
    if isinstance(value, Decimal):
        value = float(value)
    return safe_excel.write(ws.cell(row=row, column=column), value)


def _sheet(ws, title: str, header: list[str], rows: list[list], widths: list[int]) -> None:
    ws.title = title
    for col, name in enumerate(header, start=1):
        put(ws, 1, col, name).font = BOLD
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value).alignment = Alignment(wrap_text=isinstance(value, str))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    ws.freeze_panes = "A2"


def _bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def score_workbook(assessment) -> bytes:
    """Sheet 考核得分 (one row per department), sheet 得分明细 (every line)."""
    wb = Workbook()
    summary = []
    for s in assessment.table:
        summary.append(
            [
                s.rank,
                s.department,
                s.subtotal(scoring.RANK, scoring.BOTTOM, scoring.TIE),
                s.subtotal(scoring.COMPLETION),
                s.subtotal(scoring.ON_TIME, scoring.OVERDUE),
                s.total,
            ]
        )
    _sheet(
        wb.active,
        "考核得分",
        ["名次", "单位", "位次分", "目标完成分", "督办办结分", "总分"],
        summary,
        [8, 24, 10, 12, 12, 10],
    )
    details = [
        [s.department, line.rule_label, line.subject, line.figure, line.points]
        for s in assessment.table
        for line in s.lines
    ]
    _sheet(
        wb.create_sheet(),
        "得分明细",
        ["单位", "计分规则", "对象", "依据", "得分"],
        details,
        [24, 18, 36, 60, 10],
    )
    return _bytes(wb)


def overdue_workbook(tasks, today: date) -> bytes:
    """The overdue list for the next meeting: one row per overdue task."""
    rows = [
        [
            t.number,
            t.title,
            str(t.lead_department),
            str(t.leader or ""),
            t.deadline.isoformat(),
            max(0, (today - t.deadline).days),
            t.get_status_display(),
            t.colour.reason,
        ]
        for t in tasks
    ]
    wb = Workbook()
    _sheet(
        wb.active,
        "逾期事项",
        ["编号", "事项", "牵头单位", "分管区领导", "办结时限", "逾期天数", "状态", "情况"],
        rows,
        [16, 40, 20, 16, 12, 10, 10, 50],
    )
    return _bytes(wb)
