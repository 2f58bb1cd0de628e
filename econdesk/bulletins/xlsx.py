"""The indicator table as an Excel workbook (openpyxl): figures as numbers with formats.

Sheet 主要指标: value, growth, the total's growth, the difference, rank and its change, status.
Sheet 目标与缺口: every target with its gaps, progress and the projection's gaps. Header rows
are frozen. Every cell goes through econdesk.ledger.safe_excel, so text that starts with
= + - @ (or a tab / carriage return) is written as text with Excel's quote prefix and a name
can never run as a formula (CSV/formula injection).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from econdesk import phrases
from econdesk.ledger import safe_excel

HEAD_FILL = PatternFill("solid", fgColor="EEF1F4")
THIN = Side(style="thin", color="C8CED6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
COLOR_WORDS = {"red": "红", "yellow": "黄", "green": "绿"}


def number_format(decimals: int) -> str:
    """0 → "0", 2 → "0.00"."""
    return "0" if decimals <= 0 else "0." + "0" * decimals


def put(ws, row: int, column: int, value, fmt: str | None = None):
    """Write one cell; text that Excel could read as a formula stays text."""
    cell = safe_excel.write(ws.cell(row=row, column=column), value)
    if fmt and value is not None and not isinstance(value, str):
        cell.number_format = fmt
    cell.border = BOX
    return cell


def _sheet(ws, title: str, headers: list[str], widths: list[int]) -> None:
    put(ws, 1, 1, title).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    for column, head in enumerate(headers, start=1):
        cell = put(ws, 2, column, head)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(column)].width = widths[column - 1]
    ws.freeze_panes = "B3"


def _change_words(delta) -> str:
    return "" if delta is None else phrases.rank_change_short(delta)


def _indicators(ws, panel: dict) -> None:
    total = panel.get("total_label") or "全市"
    headers = ["指标", "单位", "累计值", "增速（%）", f"{total}增速（%）", "差值（百分点）", "位次",
               "参与排名数", "并列", "较上期位次变化", "较上期", "状态", "状态原因",
               "牵头部门", "分管区领导"]  # fmt: skip
    widths = [24, 8, 12, 10, 12, 12, 7, 10, 7, 12, 12, 6, 48, 14, 14]
    _sheet(ws, f"{panel['region']}{panel['year']}年{panel['period_label']}主要经济指标", headers,
           widths)  # fmt: skip
    for i, r in enumerate(panel["indicators"], start=3):
        g, v = number_format(r["growth_decimals"]), number_format(r["decimals"])
        values = [
            (r["name"], None), (r["unit"], None), (r["value"], v), (r["growth"], g),
            (r["total_growth"], g), (r["vs_total_pp"], g), (r["rank"], "0"), (r["rank_of"], "0"),
            ("并列" if r["tied"] else "", None), (r["rank_change_prev"], "+0;-0;0"),
            (_change_words(r["rank_change_prev"]), None),
            (COLOR_WORDS.get(r["status"]["color"], ""), None),
            ("；".join(r["status"]["reasons"]), None), (r["lead_department"], None),
            (r["leader"], None),
        ]  # fmt: skip
        for column, (value, fmt) in enumerate(values, start=1):
            put(ws, i, column, value, fmt)


def _targets(ws, panel: dict) -> None:
    headers = ["指标", "目标层级", "目标期别", "目标增速（%）", "目标值", "位次目标",
               "缺口（百分点）", "缺口（金额）", "是否完成", "任务进度（%）", "序时进度（%）",
               "其余月份需增长（%）", "预计值", "预计增速（%）", "预计实现正增长缺口",
               "预计完成目标缺口", "预计缺口（百分点）", "单位"]  # fmt: skip
    widths = [24, 9, 9, 11, 11, 9, 11, 11, 9, 11, 11, 14, 11, 11, 16, 14, 14, 8]
    _sheet(ws, f"{panel['region']}{panel['year']}年{panel['period_label']}目标与缺口", headers,
           widths)  # fmt: skip
    i = 3
    for r in panel["indicators"]:
        g, v = number_format(r["growth_decimals"]), number_format(r["decimals"])
        for t in r["targets"]:
            met = {True: "已完成", False: "未完成"}.get(t["met"], "")
            values = [
                (r["name"], None), (t["level_label"], None), (t["period_label"], None),
                (t["growth"], g), (t["value"], v), (t["rank"], "0"), (t["gap_pp"], g),
                (t["gap_amount"], v), (met, None), (t["task_progress"], "0.0"),
                (t["time_progress"], "0.0"), (t["required_growth_rest"], g),
                (t["expected_value"], v), (t["expected_growth"], g),
                (t["expected_gap_zero_growth"], v), (t["expected_gap_amount"], v),
                (t["expected_gap_pp"], g), (r["unit"], None),
            ]  # fmt: skip
            for column, (value, fmt) in enumerate(values, start=1):
                put(ws, i, column, value, fmt)
            i += 1


def render_xlsx(material: dict) -> bytes:
    """The workbook of a bulletin's panel."""
    panel = material["panel"]
    wb = Workbook()
    wb.properties.creator = "econdesk"
    wb.properties.title = f"{panel['region']}{panel['year']}年{panel['period_label']}主要经济指标"
    _indicators(wb.active, panel)
    wb.active.title = "主要指标"
    _targets(wb.create_sheet("目标与缺口"), panel)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
