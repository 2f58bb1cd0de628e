"""The layouts a city bulletin comes in, recognised from content and turned into the wide one.

The bulletin parser (importing.bulletin) reads the wide table: districts as rows, indicators as
merged column groups with sub-columns 绝对值 / 增速 / 位次. Every other layout is rewritten
into that shape here, cell for cell (the values are the file's own objects, never re-typed),
with a locate() that takes each rewritten row and column back to where the cell is in the
file, so every problem is still named at its sheet, row and column:

- **indicators as rows, districts as columns** — a header row starting 指标 (指标名称, 项目),
  then one column per district (the total, 全市, among them) and optionally a 单位 column.
  Either each indicator's figures are rows of their own (the indicator's row holds values,
  rows labelled 增速 / 位次 (or 增速位次 and 总量位次, 当月值 and 当月增速) under it hold the
  rest), or each district
  header is merged over sub-columns 绝对值 / 增速 / 位次 named in the row below;
- **one indicator per sheet (or table)** — a 地区 header whose other columns are only
  sub-columns (绝对值, 增速, 位次); the indicator is named by the title or heading above it
  (青岚市2026年1-10月社会消费品零售总额（万元）) or else by the sheet's name;
- **a header of one row or of three** — the measure inside the indicator's cell
  (规上工业增加值增速(%) | 位次), or a period / unit row between the names and the data;
- **several tables in one sheet** — each header row (地区… or 指标…) starts a table; the lines
  of text just above it are its title, and a table whose title names no period takes the
  sheet's first title (a second block under one heading).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from econdesk.ledger import units
from econdesk.ledger.importing.errors import column_letter
from econdesk.ledger.importing.names import city_in_title
from econdesk.ledger.importing.readers import SheetRows, cell_text, is_blank
from econdesk.ledger.lookups import normalise
from econdesk.ledger.periods import normalise as period_words
from econdesk.ledger.periods import parse_period, period_end

INDICATOR_HEADERS = frozenset("指标 指标名称 项目 主要指标 指标项目 项目名称".split())
UNIT_HEADERS = frozenset("单位 计量单位".split())
NOTE_PREFIXES = ("注", "说明", "备注", "资料来源", "数据来源")
# Sub-column names the rewritten wide table uses (importing.bulletin.SUB_ROLES reads them back).
ROLE_NAMES = {
    "value": "绝对值", "growth": "增速", "rank": "位次", "growth_rank": "增速位次",
    "value_rank": "总量位次", "month_value": "当月值", "month_growth": "当月增速",
}  # fmt: skip
# Rows of a rewritten table are numbered from here, far beyond any sheet's own rows.
VIRTUAL = 10**7
_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_TITLE_NOISE = re.compile(r"(完成情况|情况表|情况|统计表|一览表|表)$")


def _letter_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _sub_role(text: str) -> str | None:
    from econdesk.ledger.importing.bulletin import sub_role

    return sub_role(text)


def _is_region_header(cells) -> bool:
    from econdesk.ledger.importing.bulletin import _is_region_header as wide_header

    return wide_header(cells)


def _texts(cells) -> list[tuple[int, str]]:
    return [(i, cell_text(c)) for i, c in enumerate(cells) if not is_blank(c)]


# A first column that only numbers the lines: 序号 | 地区 | …, 序号 | 指标名称 | ….
SERIAL_HEADERS = frozenset("序号 编号 序 行次 行号 NO NO.".split())


def lead_texts(cells) -> list[tuple[int, str]]:
    """The header's texts from its label column on: a leading 序号 column is left out."""
    texts = _texts(cells)
    if len(texts) >= 3 and normalise(texts[0][1]).upper() in SERIAL_HEADERS:
        return texts[1:]
    return texts


def is_indicator_header(cells) -> bool:
    texts = lead_texts(cells)
    return len(texts) >= 2 and normalise(texts[0][1]) in INDICATOR_HEADERS


def header_row(cells) -> bool:
    """A row that starts a table: 地区 … (districts as rows) or 指标 … (indicators as rows)."""
    return _is_region_header(cells) or is_indicator_header(cells)


def _is_text_line(cells) -> bool:
    """A row that is one line of text: a title, a 单位 line or a note."""
    texts = _texts(cells)
    return len(texts) == 1 and isinstance(cells[texts[0][0]], str)


@dataclass
class Block:
    preamble: list[tuple[int, list]]
    header: int  # index into body
    body: list[tuple[int, list]]


def tables(ctx, sheet: SheetRows) -> Iterator[SheetRows]:
    """The tables of one sheet, each in the wide layout with its locate()."""
    rows = [(n, cells) for n, cells in sheet.rows if any(not is_blank(c) for c in cells)]
    if not rows:
        return
    starts = []
    for i, (_, cells) in enumerate(rows):
        if _is_region_header(cells) or is_indicator_header(cells):
            # The row under a header that starts 地区 again is its second header row.
            if not (starts and starts[-1] == i - 1):
                starts.append(i)
    if len(starts) <= 1:
        yield _shaped(ctx, sheet, rows)
        return
    first_title = next(
        (
            (n, cells)
            for n, cells in rows[: starts[0]]
            if _is_text_line(cells) and parse_period(cell_text(_texts(cells)[0][1]))
        ),
        None,
    )
    begin = 0
    for k, start in enumerate(starts):
        # The text lines just above a header are its table's title (notes end the table before).
        top = start
        while top > begin and _is_text_line(rows[top - 1][1]):
            if cell_text(_texts(rows[top - 1][1])[0][1]).startswith(NOTE_PREFIXES):
                break
            top -= 1
        if k == 0:
            top = begin
        end = starts[k + 1] if k + 1 < len(starts) else len(rows)
        # Trim the next table's title off this one.
        nxt = end
        if k + 1 < len(starts):
            while nxt > start + 1 and _is_text_line(rows[nxt - 1][1]):
                if cell_text(_texts(rows[nxt - 1][1])[0][1]).startswith(NOTE_PREFIXES):
                    break
                nxt -= 1
        block = rows[top:nxt]
        own = [cells for _, cells in rows[top:start]]
        named = any(parse_period(_texts(c)[0][1]) for c in own if _is_text_line(c))
        if k and not named and first_title is not None:
            block = [first_title, *block]
        begin = nxt
        yield _shaped(ctx, sheet, block)


def _shaped(ctx, sheet: SheetRows, rows: list[tuple[int, list]]) -> SheetRows:
    header_at = next(
        (
            i
            for i, (_, cells) in enumerate(rows[:30])
            if _is_region_header(cells) or is_indicator_header(cells)
        ),
        None,
    )
    if header_at is not None:
        cells = rows[header_at][1]
        if is_indicator_header(cells) and not _is_region_header(cells):
            return _turned(sheet, rows, header_at)
        if _diagonal(cells) and _columns_are_regions(ctx, cells):
            return _turned(sheet, rows, header_at)
        if _only_sub_columns(cells):
            return _one_indicator(ctx, sheet, rows, header_at)
        rows = _one_header_row(rows, header_at) or _deep_header(rows, header_at) or rows
    return SheetRows(sheet.name, iter(rows), locate=sheet.locate)


def _diagonal(cells) -> bool:
    """A corner cell naming both ways, as Word tables draw it: 指标\\地区, 地区 / 项目."""
    first = normalise(lead_texts(cells)[0][1])
    return "地区" in first and any(word in first for word in ("指标", "项目"))


def _columns_are_regions(ctx, cells) -> bool:
    """Whether the header's other cells name regions (全市, 霁东区 …) rather than indicators."""
    from econdesk.ledger.services.regions import is_total_label, region_label

    regions = indicators = 0
    for _, text in lead_texts(cells)[1:]:
        name = region_label(text)
        if ctx.indicators.find(_PAREN.sub("", text)) or ctx.indicators.find(text):
            indicators += 1
        elif is_total_label(name) or re.fullmatch(r"[\u4e00-\u9fff]{1,10}(区|县|市|旗)", name):
            regions += 1
    return regions > indicators


# --- headers of one row, or of three --------------------------------------------------------


def _region_blank(cells, region_col: int) -> bool:
    return region_col >= len(cells) or is_blank(cells[region_col])


def _all_text(cells) -> bool:
    return all(isinstance(cells[i], str) for i, _ in _texts(cells))


def _one_header_row(rows, header_at):
    """地区 | 规上工业增加值增速(%) | 位次 | 固定资产投资（亿元） | 增速 | 位次, then the data: the
    measure is in the indicator's own cell, or the cell is a measure of the indicator before it.
    Rewritten as the two header rows (indicator over its group; measures) on the same row
    number, so every message still names the header's cells. None if not this shape."""
    number, cells = rows[header_at]
    region_col = lead_texts(cells)[0][0]
    if header_at + 1 >= len(rows) or _region_blank(rows[header_at + 1][1], region_col):
        return None
    below = rows[header_at + 1][1]
    if _is_region_header(below) or _only_sub_columns(below):
        return None  # the usual two rows, 地区 written in both (a merged cell read twice)
    top: list = [None] * len(cells)
    sub: list = [None] * len(cells)
    top[region_col] = cells[region_col]
    current = None  # the indicator of the column before: 社零1-10月累计 | 社零同比% | 社零排名
    for col, text in lead_texts(cells)[1:]:
        if col <= region_col:
            continue
        if _sub_role(text) is not None:
            sub[col] = text
            continue
        unit = next((u for u in _PAREN.findall(text) if units.is_known(u)), None)
        name, measure = _split_measure(text)
        same = normalise(_PAREN.sub("", name)) == normalise(current) if current else False
        if unit and not same:
            # 外资1-10月累计（万美元）: the unit goes with the name, where a new indicator's
            # proposal takes it from (a unit inside the measure's words is read there too).
            name = f"{_PAREN.sub('', name)}（{unit}）"
            measure = _PAREN.sub("", measure) if measure else measure
        top[col], sub[col] = (None if same else name), measure or ROLE_NAMES["value"]
        current = _PAREN.sub("", name)
    return [*rows[:header_at], (number, top), (number, sub), *rows[header_at + 1 :]]


def _split_measure(text: str) -> tuple[str, str | None]:
    """'规模以上工业增加值增速(%)' → ('规模以上工业增加值', '增速(%)'); a name with no measure
    after it comes back whole with None."""
    for cut in range(1, len(text)):
        tail = text[cut:]
        if _sub_role(tail) not in (None, "skipped") and _PAREN.sub("", text[:cut]).strip():
            return text[:cut].strip(), tail
    return text, None


def _is_unit_word(text: str) -> bool:
    unit = units.normalise_unit(_PAREN.sub(lambda m: m.group(1), text))
    return unit in ("%", "位", "名") or units.is_known(unit)


def _joined(upper: str, lower: str) -> str:
    """Two header words of one column as one measure: 1-10月 + 增速 → 1-10月增速; 增速 + 10月
    → 10月增速; 绝对值 over 亿元 → 绝对值(亿元)."""
    if not upper:
        return lower
    if _is_unit_word(lower):
        return f"{upper}({_PAREN.sub(lambda m: m.group(1), lower)})"
    if _is_unit_word(upper):
        return f"{lower}({_PAREN.sub(lambda m: m.group(1), upper)})"
    first, second = upper + lower, lower + upper
    return second if _sub_role(first) is None and _sub_role(second) else first


def _deep_header(rows, header_at):
    """Three header rows — indicator; 1-10月 / 10月 over its measures; 绝对值 / 增速 — read as
    two: the middle row's words (carried across its merged span) joined to each measure's,
    '1-10月增速', '10月绝对值'. The middle row is dropped; the measures keep their row number.
    None if not this shape."""
    if header_at + 3 >= len(rows):
        return None
    (_, h1), (mid_number, mid), (sub_number, sub) = rows[header_at : header_at + 3]
    region_col = lead_texts(h1)[0][0]
    if not all(_region_blank(r, region_col) and _all_text(r) for r in (mid, sub)):
        return None
    width = max(len(h1), len(mid), len(sub))
    joined: list = [None] * width
    carried = ""
    for col in range(region_col + 1, width):
        if col < len(h1) and not is_blank(h1[col]):
            carried = ""
        if col < len(mid) and not is_blank(mid[col]):
            carried = cell_text(mid[col])
        below = cell_text(sub[col]) if col < len(sub) else ""
        if not below:
            joined[col] = carried or None
            continue
        joined[col] = _joined(carried, below)
    return [*rows[: header_at + 1], (sub_number, joined), *rows[header_at + 3 :]]


def _chain(sheet: SheetRows, mine):
    """locate() of a rewritten table: its own mapping, then the sheet's."""
    outer = sheet.locate

    def locate(name, row, column):
        name, row, column = mine(name, row, column)
        return outer(name, row, column) if outer is not None else (name, row, column)

    return locate


# --- one indicator per sheet ----------------------------------------------------------------


def _only_sub_columns(cells) -> bool:
    texts = lead_texts(cells)[1:]
    return bool(texts) and all(_sub_role(text) is not None for _, text in texts)


def indicator_in_title(text: str) -> str:
    """What a sheet's title says after its city and period: 青岚市2026年1-10月社会消费品零售总额
    （万元） → 社会消费品零售总额（万元）; '' when nothing is left."""
    text = period_words(cell_text(text))
    cut = period_end(text)
    if not cut and (city := city_in_title(text)) and text.startswith(city):
        cut = len(city)
    rest = text[cut:].strip(" ：:，,、-—")
    rest = rest.removeprefix("份").strip()
    rest = re.sub(r"^(各区[(（]?市[)）]?县|各区县|各县[(（]?市、?区[)）]?|各地区|分地区)", "", rest)
    bare = _PAREN.sub("", rest)
    bare = _TITLE_NOISE.sub("", bare).strip()
    unit = next((u for u in _PAREN.findall(rest) if units.is_known(u)), None)
    return f"{bare}（{unit}）" if bare and unit else bare


def _one_indicator(ctx, sheet: SheetRows, rows, header_at) -> SheetRows:
    """地区 | 绝对值 | 增速 | 位次 under a title naming the indicator: one merged header row
    naming the indicator is put above the sub-column names."""
    header_row, cells = rows[header_at]
    region_col = lead_texts(cells)[0][0]
    candidates: list[tuple[int, str]] = []
    for number, line in rows[:header_at]:
        for _, text in _texts(line):
            if text.startswith(("单位", "计量单位")):
                continue
            if name := indicator_in_title(text):
                candidates.append((number, name))
    if sheet.name and not str(sheet.name).startswith(("Sheet", "表格", "第")):
        candidates.append((None, cell_text(sheet.name)))
    chosen = next(
        (c for c in candidates if ctx.indicators.find(_PAREN.sub("", c[1]) or c[1])),
        candidates[0] if candidates else (header_row, ""),
    )
    source_row, label = chosen
    top = [None] * (region_col + 1)
    top[region_col] = cell_text(cells[region_col])
    top.append(label or None)
    virtual = [*rows[:header_at], (VIRTUAL, top), *rows[header_at:]]

    def mine(name, row, column):
        if row == VIRTUAL:
            if source_row is None:
                return name, header_row, None
            return name, source_row, "A"
        return name, row, column

    return SheetRows(sheet.name, iter(virtual), locate=_chain(sheet, mine))


# --- indicators as rows, districts as columns -----------------------------------------------


def _turned(sheet: SheetRows, rows, header_at) -> SheetRows:
    """Rewrite 指标 × 地区 as 地区 × 指标: the transpose, keeping every cell's position."""
    header_row, header = rows[header_at]
    texts = lead_texts(header)
    label_col = texts[0][0]
    unit_col = next((i for i, t in texts[1:] if normalise(t) in UNIT_HEADERS), None)
    districts = [(i, t) for i, t in texts[1:] if i != unit_col]
    body = rows[header_at + 1 :]
    # Sub-columns under merged district headers: the row below names 绝对值 / 增速 / 位次.
    sub_row = None
    if body:
        below = body[0][1]
        subs = [(i, t) for i, t in _texts(below) if i > label_col and i != unit_col]
        if (
            subs
            and all(_sub_role(t) for _, t in subs)
            and not cell_text(below[label_col] if label_col < len(below) else None)
        ):
            sub_row = body[0]
            body = body[1:]
    # columns[i] = (indicator label, role, file row of the label, file row of the role name,
    # {district index: file column}); the label's row holds the figures in one-column mode.
    columns: list[tuple[str, str, int, int, int | None, dict[int, int]]] = []
    notes_at = None
    if sub_row is not None:
        sub_number, sub_cells = sub_row
        spans: list[dict[str, int]] = []
        for k, (col, _) in enumerate(districts):
            end = districts[k + 1][0] if k + 1 < len(districts) else len(sub_cells)
            spans.append(
                {
                    role: c
                    for c in range(col, max(end, col + 1))
                    if c < len(sub_cells) and (role := _sub_role(cell_text(sub_cells[c])))
                }
            )
        roles = [r for r in ROLE_NAMES if any(r in s for s in spans)]
        for number, cells in body:
            label = cell_text(cells[label_col]) if label_col < len(cells) else ""
            if label.startswith(NOTE_PREFIXES):
                notes_at = number
                break
            label = _with_unit(label, cells, unit_col)
            for role in roles:
                where = {k: span[role] for k, span in enumerate(spans) if role in span}
                first = next(iter(where.values()), None)
                columns.append(
                    (
                        label,
                        role,
                        number,
                        sub_number,
                        first,
                        {k: (number, c) for k, c in where.items()},
                    )
                )
    else:
        current = None
        for number, cells in body:
            label = cell_text(cells[label_col]) if label_col < len(cells) else ""
            if label.startswith(NOTE_PREFIXES):
                notes_at = number
                break
            role = _sub_role(label) if label else None
            filled = any(col < len(cells) and not is_blank(cells[col]) for col, _ in districts)
            if role is None or current is None:
                current = (_with_unit(label, cells, unit_col), number)
                if not filled:
                    continue
                role = "value"
            where = {k: (number, col) for k, (col, _) in enumerate(districts)}
            columns.append((current[0], role, current[1], number, label_col, where))
    # The wide table: h1 (indicator over its group), h2 (role names), one row per district.
    h1: list = ["地区"]
    h2: list = [None]
    origin: dict[int, tuple] = {}
    last_label = None
    for index, (label, role, label_row, role_row, role_col, _) in enumerate(columns, start=1):
        h1.append(label if label != last_label else None)
        last_label = label
        h2.append(ROLE_NAMES[role])
        origin[index] = (label_row, role_row, role_col)
    by_number = dict(rows)
    grid_rows: list[tuple[int, list]] = [*rows[:header_at]]
    grid_rows.append((VIRTUAL, h1))
    grid_rows.append((VIRTUAL + 1, h2))
    for k, (col, _name) in enumerate(districts):
        row = [header[col]]
        for *_, where in columns:
            place = where.get(k)
            value = None
            if place is not None:
                cells = by_number.get(place[0], [])
                value = cells[place[1]] if place[1] < len(cells) else None
            row.append(value)
        grid_rows.append((VIRTUAL + 2 + k, row))
    if notes_at is not None:
        grid_rows.append((notes_at, by_number[notes_at]))
    cell_at = {
        (VIRTUAL + 2 + k, i + 1): where.get(k)
        for k in range(len(districts))
        for i, (*_, where) in enumerate(columns)
    }

    def mine(name, row, column):
        if row is None or row < VIRTUAL:
            return name, row, column
        index = _letter_index(column) if column else None
        if row in (VIRTUAL, VIRTUAL + 1):
            if index is None or index not in origin:
                return name, header_row, None
            label_row, role_row, role_col = origin[index]
            if row == VIRTUAL:
                return name, label_row, column_letter(label_col)
            if sub_row is not None and role_col is not None:
                return name, role_row, column_letter(role_col)
            return name, role_row, column_letter(label_col)
        k = row - VIRTUAL - 2
        if not 0 <= k < len(districts):
            return name, header_row, None
        if index is None or index == 0:
            return name, header_row, column_letter(districts[k][0])
        place = cell_at.get((row, index))
        if place is None:
            return name, header_row, column_letter(districts[k][0])
        return name, place[0], column_letter(place[1])

    return SheetRows(sheet.name, iter(grid_rows), locate=_chain(sheet, mine))


def _with_unit(label: str, cells, unit_col) -> str:
    """The indicator's label with the 单位 column's unit in brackets, as a wide header has it."""
    if unit_col is None or unit_col >= len(cells) or _PAREN.search(label):
        return label
    unit = units.normalise_unit(cell_text(cells[unit_col]))
    return f"{label}（{unit}）" if unit and unit != "%" and units.is_known(unit) else label
