"""One fictional city's month, written in every layout the importer reads.

霁川市 is in no ledger: its first file creates it. 8 members (7 ranked districts and counties,
one development zone the city lists with "—"), 6 indicators: a growth-only one with two-decimal
growths, 社零 published in 万元 and stored in 亿元, 用电量 in 万千瓦时, 外资 in 万美元, and a tie
in the published ranks (云台县 and 南浦区 both 3rd in 社零 growth, no 4th). Every writer puts the
same figures in its file; the tests import each and compare the ledgers figure for figure.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

D = Decimal
CITY = "霁川市"
PERIOD = "2026-10"
TITLE = f"{CITY}2026年1-10月各区县主要经济指标"
MEMBERS = ["霁东区", "霁西区", "南浦区", "北湖区", "临溪县", "青石县", "云台县", "霁川经开区"]
ROWS = ["全市", *MEMBERS]
RANKED = {m: m != "霁川经开区" for m in MEMBERS}

# indicator → (unit the file writes values in, unit stored, {region: (value, growth, rank)});
# texts as published, None for a blank ("—").
FIGURES: dict[str, tuple[str | None, dict]] = {
    "规模以上工业增加值": (None, {
        "全市": (None, "6.85", None), "霁东区": (None, "7.91", 2), "霁西区": (None, "5.08", 5),
        "南浦区": (None, "9.26", 1), "北湖区": (None, "-1.43", 7), "临溪县": (None, "6.12", 4),
        "青石县": (None, "7.05", 3), "云台县": (None, "3.30", 6), "霁川经开区": (None, "12.57", None),
    }),
    "固定资产投资": ("亿元", {
        "全市": ("812.36", "4.2", None), "霁东区": ("160.5", "3.1", 4), "霁西区": ("98.72", "-2.6", 7),
        "南浦区": ("120.04", "8.8", 1), "北湖区": ("85.3", "5.5", 2), "临溪县": ("101.11", "1.0", 6),
        "青石县": ("77.69", "2.9", 5), "云台县": ("69", "4.7", 3), "霁川经开区": ("100", "6.4", None),
    }),
    "社会消费品零售总额": ("万元", {
        "全市": ("2236518", "5.4", None), "霁东区": ("623518", "6.1", 1),
        "霁西区": ("381007", "4.9", 5), "南浦区": ("402200", "5.5", 3),
        "北湖区": ("255650", "5.8", 2), "临溪县": ("188143", "3.2", 7),
        "青石县": ("160000", "4.4", 6), "云台县": ("146000", "5.5", 3),
        "霁川经开区": ("80000", "0.0", None),
    }),
    "一般公共预算收入": ("亿元", {
        "全市": ("98.76", "3.3", None), "霁东区": ("20.12", "2.5", 4), "霁西区": ("15.4", "7.7", 1),
        "南浦区": ("11.9", "-0.6", 7), "北湖区": ("13.34", "4.1", 3), "临溪县": ("9.01", "0.8", 6),
        "青石县": ("8.5", "1.9", 5), "云台县": ("7.49", "6.6", 2), "霁川经开区": ("13", "9.9", None),
    }),
    "全社会用电量": ("万千瓦时", {
        "全市": ("1208455", "7.3", None), "霁东区": ("301200", "6.0", 5), "霁西区": ("188400", "9.2", 2),
        "南浦区": ("176305", "5.1", 6), "北湖区": ("150050", "10.4", 1), "临溪县": ("132500", "7.7", 4),
        "青石县": ("120000", "8.1", 3), "云台县": ("90000", "2.2", 7), "霁川经开区": ("50000", "12.0", None),
    }),
    "实际利用外资": ("万美元", {
        "全市": ("45678", "-12.5", None), "霁东区": ("12000", "3.5", 2), "霁西区": ("8000", "-20.1", 6),
        "南浦区": ("9100", "-5.5", 4), "北湖区": ("4500", "18.2", 1), "临溪县": ("3078", "-30.0", 7),
        "青石县": ("5000", "1.1", 3), "云台县": ("2000", "-8.8", 5), "霁川经开区": ("2000", "0.5", None),
    }),
}  # fmt: skip
STORED_UNIT = {
    "规模以上工业增加值": "亿元", "固定资产投资": "亿元", "社会消费品零售总额": "亿元",
    "一般公共预算收入": "亿元", "全社会用电量": "万千瓦时", "实际利用外资": "万美元",
}  # fmt: skip


def expected_ledger() -> dict[tuple[str, str], tuple]:
    """(region, indicator) → (value in the stored unit, growth, rank), normalised Decimals."""
    out = {}
    for indicator, (unit, cells) in FIGURES.items():
        for region, (value, growth, rank) in cells.items():
            number = D(value) if value is not None else None
            if number is not None and unit == "万元":
                number = number.scaleb(-4)
            name = CITY if region == "全市" else region
            out[(name, indicator)] = (
                number.normalize() if number is not None else None,
                D(growth).normalize(),
                rank,
            )
    return out


def has_value(indicator: str) -> bool:
    return any(v is not None for v, _, _ in FIGURES[indicator][1].values())


def label(indicator: str) -> str:
    unit = FIGURES[indicator][0]
    return f"{indicator}（{unit}）" if unit and has_value(indicator) else indicator


def cell(text, as_number: bool = True):
    """A figure as a file holds it: a number in a spreadsheet, text in Word; "—" when blank."""
    if text is None:
        return "—"
    if not as_number or isinstance(text, int):
        return str(text) if not as_number else text
    return float(text) if "." in text else int(text)


def rank_cell(rank, as_number: bool = True):
    if rank is None:
        return "—"
    return rank if as_number else str(rank)


# --- the wide table -------------------------------------------------------------------------


def wide_rows(indicators=None, as_number: bool = True, title: str | None = TITLE) -> list[list]:
    """Districts as rows, indicators as merged column groups (the classic city bulletin)."""
    indicators = list(indicators or FIGURES)
    head, sub = ["地区"], [None]
    for indicator in indicators:
        width = 3 if has_value(indicator) else 2
        head += [label(indicator)] + [None] * (width - 1)
        sub += (["绝对值"] if has_value(indicator) else []) + ["增速(%)", "位次"]
    rows = [[title]] if title else []
    rows += [["单位：%"], head, sub]
    for region in ROWS:
        row = [region]
        for indicator in indicators:
            value, growth, rank = FIGURES[indicator][1][region]
            row += [cell(value, as_number)] if has_value(indicator) else []
            row += [cell(growth, as_number), rank_cell(rank, as_number)]
        rows.append(row)
    rows.append(["注：位次按增速排列，霁川经开区不参与排名。"])
    return rows


def _save(path: Path, sheets: dict[str, list[list]], merges: dict | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cell_range in (merges or {}).get(name, ()):
            ws.merge_cells(cell_range)
    wb.save(path)
    return path


def write_wide_xlsx(path: Path) -> Path:
    return _save(path, {"1-10月": wide_rows()})


def write_two_blocks_xlsx(path: Path) -> Path:
    """Two tables on one sheet: the second under a 续表 line that names no period."""
    names = list(FIGURES)
    first = wide_rows(names[:3])
    second = wide_rows(names[3:], title="续表：财政、能源与外资")
    return _save(path, {"1-10月": [*first, [], *second]})


# --- indicators as rows, districts as columns -----------------------------------------------


def turned_rows() -> list[list]:
    """Each district one column, the total first; an indicator's row holds its values and the
    rows 增速 / 位次 under it the rest; a 单位 column."""
    rows = [[TITLE], ["指标", "单位", *ROWS]]
    for indicator, (unit, cells) in FIGURES.items():
        if has_value(indicator):
            rows.append([indicator, unit, *(cell(cells[r][0]) for r in ROWS)])
        else:
            rows.append([indicator])
        rows.append(["增速(%)", "%", *(cell(cells[r][1]) for r in ROWS)])
        rows.append(["位次", None, *(rank_cell(cells[r][2]) for r in ROWS)])
    rows.append(["注：位次按增速排列，霁川经开区不参与排名。"])
    return rows


def write_turned_xlsx(path: Path) -> Path:
    return _save(path, {"主要指标": turned_rows()})


def write_turned_merged_xlsx(path: Path) -> Path:
    """Each district a merged header over 绝对值 / 增速 / 位次 (the total: 绝对值 / 增速)."""
    top, sub, merges = ["指标名称"], [None], []
    for region in ROWS:
        start = len(top) + 1
        roles = ["绝对值", "增速", *([] if region == "全市" else ["位次"])]
        top += [region] + [None] * (len(roles) - 1)
        sub += roles
        merges.append(
            f"{openpyxl.utils.get_column_letter(start)}3:"
            f"{openpyxl.utils.get_column_letter(start + len(roles) - 1)}3"
        )
    rows = [[TITLE], ["单位：%"], top, sub]
    for indicator, (_unit, cells) in FIGURES.items():
        row = [label(indicator)]
        for region in ROWS:
            value, growth, rank = cells[region]
            row += [cell(value), cell(growth)]
            if region != "全市":
                row.append(rank_cell(rank))
        rows.append(row)
    return _save(path, {"1-10月": rows}, {"1-10月": merges})


# --- one sheet per indicator ----------------------------------------------------------------


SHEET_NAMES = ["工业", "投资", "社零", "财政", "用电", "外资"]


def write_per_sheet_xlsx(path: Path) -> Path:
    sheets = {}
    for name, (indicator, (unit, cells)) in zip(SHEET_NAMES, FIGURES.items(), strict=True):
        title = f"{CITY}2026年1-10月{indicator}" + (f"（{unit}）" if has_value(indicator) else "")
        head = ["地区", *(["绝对值"] if has_value(indicator) else []), "增速(%)", "位次"]
        rows = [[title], head]
        for region in ROWS:
            value, growth, rank = cells[region]
            values = [cell(value)] if has_value(indicator) else []
            rows.append([region, *values, cell(growth), rank_cell(rank)])
        sheets[name] = rows
    return _save(path, sheets)


# --- Word and PDF ---------------------------------------------------------------------------


def write_docx(path: Path, tables: int = 1, paragraphs_only: bool = False) -> Path:
    """A 统计快报: a title paragraph, text, the wide table(s) with merged indicator headers."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.2))
    doc.styles["Normal"].font.size = Pt(8)
    doc.add_paragraph(TITLE)
    doc.add_paragraph("今年以来，全市经济运行总体平稳，主要指标完成情况如下。")
    if paragraphs_only:
        doc.add_paragraph("规模以上工业增加值增长6.85%，固定资产投资增长4.2%。")
        doc.save(path)
        return path
    names = list(FIGURES)
    groups = [names] if tables == 1 else [names[:3], names[3:]]
    for k, group in enumerate(groups):
        if k:
            doc.add_paragraph("表2  财政、能源与外资")
        rows = wide_rows(group, as_number=False, title=None)
        doc.add_paragraph(rows[0][0])  # 单位：%
        table_rows = rows[1:-1]
        width = len(table_rows[1])
        table = doc.add_table(rows=len(table_rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(table_rows):
            for c in range(width):
                value = row[c] if c < len(row) else None
                if value is not None:
                    table.cell(r, c).text = str(value)
        # Merge each indicator's header over its sub-columns, and 地区 over two rows.
        head = table_rows[0]
        starts = [c for c in range(1, width) if c < len(head) and head[c] is not None]
        for i, start in enumerate(starts):
            end = (starts[i + 1] if i + 1 < len(starts) else width) - 1
            if end > start:
                text = table.cell(0, start).text
                merged = table.cell(0, start).merge(table.cell(0, end))
                merged.text = text
        area = table.cell(0, 0).merge(table.cell(1, 0))
        area.text = "地区"
        doc.add_paragraph(rows[-1][0])
    doc.save(path)
    return path


def to_pdf(docx_path: Path) -> Path:
    """The Word file as LibreOffice prints it to PDF (a text layer, as bureaus publish), in the
    fonts econdesk ships (econdesk.bulletins.pdf)."""
    from econdesk.bulletins import pdf

    return pdf.convert(docx_path, docx_path.parent, timeout=180)


# --- a layout no reader recognises (mapped once by a person, importing.mapped) ---------------

SHORT = {
    "规模以上工业增加值": "规上工业", "固定资产投资": "固投", "社会消费品零售总额": "社零",
    "一般公共预算收入": "一般公共预算收入", "全社会用电量": "用电量", "实际利用外资": "外资",
}  # fmt: skip


def flat_rows(title: str | None = TITLE, months: str = "1-10月") -> list[list]:
    """A 序号 column, then the region, then one header row with each column's indicator and
    measure in its own words (社零1-10月累计 | 社零同比% | 社零排名 …): no merged groups, no
    sub-column row, so neither the wide nor the turned reader finds its header."""
    head = ["序号", "区划"]
    for indicator in FIGURES:
        short = SHORT.get(indicator, indicator)
        if has_value(indicator):
            head.append(f"{short}{months}累计")
        head += [f"{short}同比%", f"{short}排名"]
    rows = [[title]] if title else []
    rows += [["单位：万元、亿元、万千瓦时、万美元"], head]
    for number, region in enumerate(ROWS):
        row = [number or None, region]
        for indicator in FIGURES:
            value, growth, rank = FIGURES[indicator][1][region]
            row += [cell(value)] if has_value(indicator) else []
            row += [cell(growth), rank_cell(rank)]
        rows.append(row)
    rows.append(["注：排名按增速，霁川经开区不参与排名。"])
    return rows


def flat_columns() -> list[tuple[int, str, str, str]]:
    """What a person says each column of flat_rows() holds: (0-based column, indicator,
    measure, unit)."""
    out, column = [], 2
    for indicator in FIGURES:
        if has_value(indicator):
            out.append((column, indicator, "value", FIGURES[indicator][0] or ""))
            column += 1
        out += [(column, indicator, "growth", ""), (column + 1, indicator, "rank", "")]
        column += 2
    return out


def write_flat_xlsx(path: Path, title: str | None = TITLE, months: str = "1-10月") -> Path:
    return _save(path, {"县区指标": flat_rows(title, months)})
