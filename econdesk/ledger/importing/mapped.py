"""A layout mapped once by a person (版式): which row is the header, which column the region,
and for each column its indicator, measure and unit — for files no reader recognises.

A mapping is found again by the fingerprint of its header: the header row's texts (and the
row above it when that row is part of the header, i.e. holds more than one cell), each
width-folded with spaces removed and every run of digits read as "#", so next month's file
(1-11月 instead of 1-10月) has the same fingerprint and a reworded or reordered one does not.

apply() rewrites a sheet read with a mapping into the wide layout the bulletin parser reads
(importing.bulletin): the text lines above the header (title, 单位 line) as they are, two
header rows built from the mapping (the indicator with its unit over merged columns, then
the measures' sub-column names), and every row below the header with the region first and
the mapped columns grouped by indicator. Rows keep their numbers; locate() takes each
rewritten column back to the file's column, so every problem is named where it is.

Django-free: the stored layout (ledger.models.Layout) is handed in as a Mapping.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from econdesk.ledger import units
from econdesk.ledger.importing.errors import FileRefused, column_letter
from econdesk.ledger.importing.readers import SheetRows, cell_text, is_blank

# The measures a column can hold, with the sub-column name the wide table gives it
# (importing.bulletin.SUB_ROLES reads these names back) and the label the form shows.
MEASURES = {
    "value": ("绝对值", "累计值（绝对值）"),
    "growth": ("增速", "累计增速（%）"),
    "rank": ("位次", "位次"),
    "growth_rank": ("增速位次", "增速位次"),
    "value_rank": ("总量位次", "总量位次"),
    "month_value": ("当月值", "当月值"),
    "month_growth": ("当月增速", "当月增速（%）"),
}
# Measures whose figures are amounts, converted from the column's unit.
AMOUNTS = ("value", "month_value")
# The header is looked for in the first rows of a sheet (a title and a few notes above it).
SEARCH_ROWS = 40
# How many rows of a file the mapping form shows, and how many columns can be mapped (a sample
# keeps one more, so that a wider header is refused instead of fingerprinted cut short).
SAMPLE_ROWS, SAMPLE_COLUMNS = 30, 256
VIRTUAL = 10**7  # row numbers of the two built header rows, beyond any sheet's own
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ColumnMap:
    column: int  # 0-based index in the file's rows
    indicator: str  # a name the catalogue knows (or proposes as new)
    measure: str  # a key of MEASURES
    unit: str = ""  # the unit of an amount column; '' → the heading's 单位 line or the indicator's


@dataclass(frozen=True)
class Mapping:
    name: str
    header_row: int  # 1-based row number of the header when the mapping was made
    region_column: int
    columns: tuple[ColumnMap, ...]
    fingerprint: str = ""
    header: tuple[str, ...] = ()  # the header row's texts when it was made (for messages)


class MappingError(ValueError):
    """A mapping that cannot be used; ``problems`` are (field, Chinese message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("；".join(m for _, m in problems))


@dataclass
class Located:
    """Where a mapping's header was found in a sheet, and the sheet's first rows."""

    header_row: int | None
    rows: list[tuple[int, list]] = field(default_factory=list)


def _key(value) -> str:
    return _DIGITS.sub("#", _SPACE.sub("", cell_text(value)))


def _multi(cells) -> bool:
    return sum(1 for c in cells if not is_blank(c)) >= 2


def fingerprint(header: list, above: list | None = None) -> str:
    """The fingerprint of a header row (and the row above it when that is a header row too)."""
    parts = []
    for cells in (above if above is not None and _multi(above) else None, header):
        if cells is None:
            continue
        keys = [_key(c) for c in cells]
        while keys and not keys[-1]:
            keys.pop()
        parts.append("|".join(keys))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def fingerprints(rows: Iterable[tuple[int, list]]) -> Iterator[tuple[int, str]]:
    """(row number, fingerprint) of every row with two or more cells among `rows`; the row
    above a row is the nearest non-blank one (blank rows are not part of a header)."""
    previous = None
    for number, cells in rows:
        if all(is_blank(c) for c in cells):
            continue
        if _multi(cells):
            yield number, fingerprint(cells, previous)
        previous = cells


def read_with(sheets: Iterable[SheetRows], forced: Mapping | None, known: dict, used: list):
    """The sheets, each read with the mapping whose header it has: `forced` (every sheet with
    figures must have its header; FileRefused otherwise) or else any of `known` (fingerprint →
    Mapping; a sheet without one is passed on as it is). The names used are appended to `used`."""
    for sheet in sheets:
        rows = iter(sheet.rows)
        head = []
        for number, cells in rows:
            head.append((number, cells))
            if len(head) >= SEARCH_ROWS:
                break
        found = None
        for number, print_ in fingerprints(head):
            mapping = forced if forced is not None else known.get(print_)
            if mapping is not None and print_ == mapping.fingerprint:
                found = mapping, number
                break
        if found is None:
            if forced is not None and any(not is_blank(c) for _, cells in head for c in cells):
                raise FileRefused(mismatch(forced, head), sheet.name, forced.header_row)
            yield SheetRows(sheet.name, chain(head, rows), sheet.locate)
            continue
        mapping, header_row = found
        if mapping.name not in used:
            used.append(mapping.name)
        yield apply(mapping, SheetRows(sheet.name, rows, sheet.locate), head, header_row)


def header_texts(cells) -> tuple[str, ...]:
    texts = [cell_text(c) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


def check(mapping: Mapping, known_units: Iterable[str] | None = None) -> None:
    """MappingError unless every column is used once, each measure once per indicator, and the
    amounts of one indicator share a unit."""
    problems: list[tuple[str, str]] = []
    if not mapping.name.strip():
        problems.append(("name", "请填写版式名称"))
    if not mapping.columns:
        problems.append(("columns", "请至少为一列指定指标和口径"))
    seen: dict[tuple[str, str], int] = {}
    amount_units: dict[str, tuple[str, int]] = {}
    for col in mapping.columns:
        letter = column_letter(col.column)
        if col.column == mapping.region_column:
            problems.append((f"c{col.column}", f"第{letter}列是地区列，不能同时作为指标列"))
        if not col.indicator.strip():
            problems.append((f"c{col.column}", f"第{letter}列已选口径，请填写指标名称"))
        if col.measure not in MEASURES:
            problems.append((f"c{col.column}", f"第{letter}列的口径“{col.measure}”不可用"))
            continue
        key = (col.indicator.strip(), col.measure)
        if key in seen:
            problems.append(
                (
                    f"c{col.column}",
                    f"第{letter}列与第{column_letter(seen[key])}列都是“{key[0]}”的"
                    f"{MEASURES[col.measure][1]}",
                )
            )
        seen.setdefault(key, col.column)
        if col.unit and col.measure not in AMOUNTS:
            problems.append(
                (f"c{col.column}", f"第{letter}列是{MEASURES[col.measure][1]}，不填单位")
            )
        elif col.unit and not units.is_known(col.unit):
            problems.append((f"c{col.column}", f"第{letter}列的单位“{col.unit}”不可识别"))
        elif col.unit:
            other = amount_units.setdefault(key[0], (col.unit, col.column))
            if units.normalise_unit(other[0]) != units.normalise_unit(col.unit):
                problems.append(
                    (
                        f"c{col.column}",
                        f"“{key[0]}”的第{column_letter(other[1])}列单位为{other[0]}，"
                        f"第{letter}列为{col.unit}：同一指标的累计值与当月值请用同一单位",
                    )
                )
    if problems:
        raise MappingError(problems)


def mismatch(mapping: Mapping, rows: list[tuple[int, list]]) -> str:
    """Why a sheet's header is not the mapping's: the first column that differs at the row
    where the mapping had its header."""
    at = dict(rows).get(mapping.header_row)
    if at is None:
        return f"第{mapping.header_row}行是空的，版式“{mapping.name}”的表头在这一行"
    found = header_texts(at)
    for index in range(max(len(found), len(mapping.header))):
        want = mapping.header[index] if index < len(mapping.header) else ""
        got = found[index] if index < len(found) else ""
        if _key(want) != _key(got):
            return (
                f"第{mapping.header_row}行{column_letter(index)}列为“{got or '空'}”，"
                f"版式“{mapping.name}”的表头此处为“{want or '空'}”：表格格式已变，"
                "请重新映射或编辑该版式"
            )
    return f"表头上方一行与版式“{mapping.name}”不同：表格格式已变，请重新映射或编辑该版式"


def _text_line(cells) -> bool:
    texts = [c for c in cells if not is_blank(c)]
    return len(texts) == 1 and isinstance(texts[0], str)


def _groups(mapping: Mapping) -> list[tuple[str, list[ColumnMap]]]:
    """The mapped columns grouped by indicator, in the order they first appear."""
    groups: dict[str, list[ColumnMap]] = {}
    for col in sorted(mapping.columns, key=lambda c: c.column):
        groups.setdefault(col.indicator.strip(), []).append(col)
    return list(groups.items())


def apply(mapping: Mapping, sheet: SheetRows, head: list[tuple[int, list]], header_row: int):
    """The sheet (its first rows already read into `head`) as the wide table, with locate()."""
    rest = sheet.rows
    groups = _groups(mapping)
    order: list[int] = [mapping.region_column]  # file column of each rewritten column
    h1: list = ["地区"]
    h2: list = [None]
    for indicator, cols in groups:
        unit = next((c.unit for c in cols if c.unit and c.measure in AMOUNTS), "")
        for k, col in enumerate(cols):
            order.append(col.column)
            h1.append((f"{indicator}（{unit}）" if unit else indicator) if k == 0 else None)
            h2.append(MEASURES[col.measure][0])

    def rewritten() -> Iterator[tuple[int, list]]:
        # Above the header only its title and text lines: header rows above it are the mapping's.
        for number, cells in head:
            if number < header_row and _text_line(cells):
                yield number, cells
        yield VIRTUAL, h1
        yield VIRTUAL + 1, h2
        for number, cells in _after(head, rest, header_row):
            yield number, [cells[i] if i < len(cells) else None for i in order]

    def locate(name, row, column):
        rewritten = row is None or row > header_row  # the lines above are the file's own
        if row is not None and row >= VIRTUAL:
            row = header_row
        if column and rewritten:
            index = _index(column)
            if 0 <= index < len(order):
                column = column_letter(order[index])
        if sheet.locate is not None:
            return sheet.locate(name, row, column)
        return name, row, column

    return SheetRows(sheet.name, rewritten(), locate=locate)


def _after(head, rest, header_row):
    for number, cells in head:
        if number > header_row:
            yield number, cells
    yield from rest


def _index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def sample(rows: Iterable[tuple[int, list]]) -> list[list]:
    """The first rows of a sheet as the mapping form shows them: [row number, texts…]."""
    out = []
    for number, cells in rows:
        if len(out) >= SAMPLE_ROWS:
            break
        texts = [cell_text(c) for c in cells[: SAMPLE_COLUMNS + 1]]
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            out.append([number, *texts])
    return out


def guess(grid: list[list]) -> dict:
    """A first guess for the form from a sample: the header is the last row above the first
    row holding two or more numbers; the region column the first with text in the rows below
    it; each other column's measure, indicator stem and unit from its heading (and the
    heading above it, carried right over merged cells). The person checks and corrects it."""
    header_at, region_column = None, 0
    for k, (_number, *texts) in enumerate(grid):
        if k and sum(1 for t in texts if _numeric(t)) >= 2:
            header_at = k - 1
            body = grid[k:]
            # The column with text in the most rows below (a note in column A is one row).
            counts = [
                sum(1 for r in body if index + 1 < len(r) and r[index + 1]
                    and not _numeric(r[index + 1]))
                for index in range(len(grid[k - 1]) - 1)
            ]  # fmt: skip
            region_column = counts.index(max(counts)) if counts and max(counts) else 0
            break
    if header_at is None:
        return {"header_row": None, "region_column": 0, "columns": {}}
    header = grid[header_at][1:]
    above = grid[header_at - 1][1:] if header_at and _multi(grid[header_at - 1][1:]) else []
    columns, carried = {}, ""
    for index, text in enumerate(header):
        top = above[index] if index < len(above) else ""
        carried = top or carried
        if index <= region_column or not text and not top:
            continue
        columns[index] = _guess_column(f"{carried if above else ''}{text}")
    return {"header_row": grid[header_at][0], "region_column": region_column, "columns": columns}


_MONTHS = re.compile(r"\d+(-\d+)?月(份)?|\d{4}年|1-\d+月")
_WORDS = re.compile(
    r"(当月|本月|累计|本年|绝对值|总量|同比|增长率|增长|增速|增幅|比上年|排名|位次|排位|名次|[%％±])"
)


def _guess_column(text: str) -> dict:
    """measure, indicator stem and unit read from one column's heading."""
    plain = _SPACE.sub("", cell_text(text))
    unit = next((u for u in re.findall(r"[(（]([^()（）]*)[)）]", plain) if units.is_known(u)), "")
    bare = re.sub(r"[(（][^()（）]*[)）]", "", plain)
    month = "当月" in bare or "本月" in bare
    if any(w in bare for w in ("排名", "位次", "排位", "名次")):
        measure = "value_rank" if "总量" in bare else "growth_rank" if "增" in bare else "rank"
    elif any(w in bare for w in ("增", "同比", "%", "％")):
        measure = "month_growth" if month else "growth"
    else:
        measure = "month_value" if month else "value"
    stem = _WORDS.sub("", _MONTHS.sub("", bare)).strip("：:、-")
    return {
        "measure": measure,
        "indicator": stem,
        "unit": unit if measure in AMOUNTS else "",
    }


def _numeric(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return False
    return True
