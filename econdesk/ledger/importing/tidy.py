"""The tidy form `region,indicator,period,value,growth[,rank][,unit]` → observations, streamed.

Ranks: `rank` (位次 / 排名) is the published rank by the indicator's rank_key; a file may give
instead or beside it `growth_rank` (增速位次) and `value_rank` (总量位次), stored as
readers.published_ranks says. The single month's figures come in `month_value` (当月值, in the
row's unit like `value`) and `month_growth` (当月增速).

A tidy file can hold hundreds of thousands of rows, so rows are read one at a time, turned
into ObservationInput through dict caches (no query per row), and handed to the writer in
chunks inside the import's one transaction: memory stays flat in the file's length.
The regions of one file are one peer group; rows named 全市 / 全省 / 全国 (or --total) are the
group's total, stored on the parent region.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from econdesk.ledger import units
from econdesk.ledger.importing.errors import column_letter
from econdesk.ledger.importing.names import city_in_title
from econdesk.ledger.importing.readers import (
    CellError,
    cell_text,
    fit,
    growth_rank_unused,
    growth_rank_warning,
    period_problem,
    published_ranks,
    to_decimal,
    to_rank,
)
from econdesk.ledger.importing.report import FileContext
from econdesk.ledger.lookups import normalise
from econdesk.ledger.models import ImportBatch
from econdesk.ledger.periods import PeriodKey, parse_period
from econdesk.ledger.services.observations import (
    ObservationInput,
    ObservationWriter,
    input_row,
    new_batch,
)
from econdesk.ledger.services.regions import (
    PeerGroup,
    RegionLookupError,
    find_region,
    is_total_label,
    open_group,
)

CHUNK_ROWS = 5000
GROWTH_PLACES, VALUE_PLACES = 4, 6
COLUMN_NAMES = {
    "region": {"region", "地区", "地区名称", "区县", "县区", "区县名称", "区域"},
    "indicator": {"indicator", "指标", "指标名称", "指标项"},
    "period": {"period", "期别", "时期", "期间", "统计期", "报告期", "时间", "月份"},
    "value": {"value", "累计值", "数值", "绝对值", "值", "累计", "本年累计", "累计数", "总量"},
    "growth": {
        "growth",
        "增速",
        "增长",
        "增长率",
        "同比",
        "同比增长",
        "同比增速",
        "增幅",
        "累计增速",
        "累计增长",
    },  # fmt: skip
    "rank": {"rank", "位次", "排名", "排位"},
    "growth_rank": {"growth_rank", "增速位次", "增速排位", "增速排名"},
    "value_rank": {"value_rank", "总量位次", "总量排位", "总量排名", "规模位次", "绝对值位次"},
    "month_value": {"month_value", "当月值", "当月", "本月", "本月值", "当月完成"},
    "month_growth": {
        "month_growth",
        "当月增速",
        "当月增速(%)",
        "当月增长",
        "当月增长(%)",
        "本月增速",
        "当月同比",
    },
    "unit": {"unit", "单位"},
    "level": {"level", "层级", "目标层级"},
    "rank_goal": {"rank_goal", "位次目标"},
}
_BY_NAME = {name: role for role, names in COLUMN_NAMES.items() for name in names}
TIDY_COLUMNS = (
    "region", "indicator", "period", "value", "growth", "rank", "growth_rank", "value_rank",
    "month_value", "month_growth", "unit",
)  # fmt: skip
RANK_COLUMNS = ("rank", "growth_rank", "value_rank")
MONTH_COLUMNS = ("month_value", "month_growth")
TARGET_COLUMNS = ("region", "indicator", "period", "level", "growth", "value", "rank_goal", "unit")
_MISSING = object()
# A total row (全市) before any member row: which city it totals is not known yet.
_PENDING = object()


_PERCENT = re.compile(r"[(（]?%[)）]?$")


def column_role(cell) -> str | None:
    """The column a tidy header cell names; 增速(%) and 增速% are 增速."""
    key = normalise(cell_text(cell)).lower()
    return _BY_NAME.get(key) or _BY_NAME.get(_PERCENT.sub("", key))


def detect_kind(first_row: list) -> str:
    """'targets', 'tidy' or 'bulletin' from the first non-empty row of a file.

    Two or more tidy column names make it a tidy file, so a misspelt header is reported as
    such instead of being read as a bulletin without a 地区 column.
    """
    roles = {column_role(c) for c in first_row} - {None}
    if "level" in roles or "rank_goal" in roles:
        return ImportBatch.Kind.TARGETS
    # Each tidy row names its indicator and period: a bulletin's header (地区 | 增速 | 位次 …,
    # a one-row header whose measures stand alone) names neither.
    tidy = roles & {"region", "indicator", "period", "value", "growth"}
    if len(tidy) >= 2 and tidy & {"indicator", "period"}:
        return ImportBatch.Kind.TIDY
    return ImportBatch.Kind.BULLETIN


def read_header(ctx, sheet, number, cells, allowed, required) -> dict[str, int] | None:
    """Column role → index; problems for unknown, repeated or missing columns."""
    columns: dict[str, int] = {}
    ok = True
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        if not text:
            continue
        role = column_role(cell)
        if role is None or role not in allowed:
            ctx.problem(
                sheet,
                number,
                column_letter(index),
                f"未知列“{text}”（可用列：{','.join(allowed)}）",
            )
            ok = False
        elif role in columns:
            ctx.problem(sheet, number, column_letter(index), f"列“{text}”重复")
            ok = False
        else:
            columns[role] = index
    missing = [name for name in required if name not in columns]
    if missing:
        ctx.problem(sheet, number, None, f"表头缺少列：{','.join(missing)}")
        ok = False
    return columns if ok else None


def read_period(value) -> PeriodKey | None:
    # Excel turns a typed 2017-02 into a date; its year and month are what was meant.
    if isinstance(value, datetime | date):
        return PeriodKey(value.year, value.month)
    try:
        return parse_period(cell_text(value))
    except ValueError:
        return None


def quick_number(value, places: int, max_digits: int) -> Decimal | None:
    """fit(to_decimal(value)) with a fast path for the plain numbers that fill a CSV file."""
    if value.__class__ is str and "e" not in value and "E" not in value:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return fit(to_decimal(value), places, max_digits)
        dot = value.find(".")
        if (
            number.is_finite()
            and (dot < 0 or len(value.rstrip()) - dot - 1 <= places)
            and number.adjusted() < max_digits - places
        ):
            return number
    return fit(to_decimal(value), places, max_digits)


# How figures() reads each figure column: as a value, a growth or a rank.
_VALUE, _GROWTH, _RANK = 0, 1, 2
_FIGURE_ROLES = (
    ("value", _VALUE),
    ("growth", _GROWTH),
    ("rank", _RANK),
    ("growth_rank", _RANK),
    ("value_rank", _RANK),
    ("month_value", _VALUE),
    ("month_growth", _GROWTH),
)


def row_plan(header: dict) -> tuple:
    """What row() needs of a header, worked out once per sheet: the figure columns the file
    has as (slot, index, how to read it), the value and growth columns' letters, and the unit
    column's index (or None)."""
    figures = tuple(
        (slot, header[role], how)
        for slot, (role, how) in enumerate(_FIGURE_ROLES)
        if header.get(role) is not None
    )
    letters = tuple(
        column_letter(header[role]) if header.get(role) is not None else None
        for role in ("value", "growth")
    )
    return figures, letters, header.get("unit")


class TidyImport:
    """State of one tidy file: the peer group, caches and the chunk being filled."""

    def __init__(self, ctx: FileContext):
        self.ctx = ctx
        self.group: PeerGroup | None = None
        self.group_failed = False
        # raw cell → (object, pk) or None (reported once)
        self.regions: dict[object, tuple | None] = {}
        self.indicators: dict[object, tuple | None] = {}
        self.period_keys: dict[object, PeriodKey | None] = {}
        self.periods: dict[tuple, tuple[PeriodKey, int] | None] = {}
        self.period_index: dict[PeriodKey, int] = {}
        self.shifts: dict[tuple, int | None] = {}
        # (region, indicator) → bit mask over period_index: duplicates found in flat memory.
        self.seen: dict[tuple[int, int], int] = {}
        self.chunk: list[ObservationInput] = []
        # Total rows read before the first member row; read again once the group is known.
        self.pending: list[tuple] = []
        self.unknown_first: set[str] = set()
        self.writer = ObservationWriter(
            ctx.user,
            new_batch(ctx.user, kind=ImportBatch.Kind.TIDY, file_name=ctx.name, sha256=ctx.sha256),
        )

    def run(self, sheets) -> None:
        ctx = self.ctx
        any_data = False
        for sheet in sheets:
            header = None
            header_row = None
            sheet_rows = 0
            for number, cells in sheet.rows:
                if not cells:
                    continue
                if header is None:
                    header = read_header(
                        ctx,
                        sheet.name,
                        number,
                        cells,
                        TIDY_COLUMNS,
                        ("region", "indicator", "period"),
                    )
                    if header is None:
                        break
                    if "value" not in header and "growth" not in header:
                        ctx.problem(sheet.name, number, None, "表头缺少列：value 或 growth")
                        break
                    header["_width"] = max(header.values()) + 1
                    header["_plan"] = row_plan(header)
                    header_row = number
                    if sheet.name:
                        ctx.report.sheets.append(sheet.name)
                    continue
                any_data = True
                sheet_rows += 1
                ctx.report.rows_read += 1
                row = self.row(sheet.name, number, cells, header)
                if row is not None:
                    self.chunk.append(row)
                if len(self.chunk) >= CHUNK_ROWS:
                    self.flush()
            if header is not None and not sheet_rows:
                ctx.problem(sheet.name, header_row, None, "只有表头，没有数据行")
        if not any_data and not ctx.failed:
            ctx.problem(None, None, None, "文件中没有数据")
        self.read_pending()
        self.flush()
        if not ctx.failed:
            ctx.finish(self.writer)
        if self.group is not None:
            ctx.report.regions_created.extend(r.name for r in self.group.created)

    def read_pending(self) -> None:
        pending, self.pending = self.pending, []
        if pending and self.group is None and not self.group_failed:
            self.group_from_total(pending)
        if self.group is None:
            return
        for sheet, number, cells, header in pending:
            row = self.row(sheet, number, cells, header)
            if row is not None:
                self.chunk.append(row)

    def flush(self) -> None:
        # After the first problem nothing will be committed, so stop writing and just keep
        # reading to report every problem in one pass.
        if self.chunk and not self.ctx.failed:
            self.writer.add(self.chunk)
        self.chunk = []

    def row(self, sheet, number, cells, header) -> ObservationInput | None:
        """One data row → an ObservationInput, or None after reporting its problems.

        This runs once per row of files of 100,000 rows and more: every lookup goes through a
        dict cache keyed by the raw cell, and plain numbers take quick_number's fast path.
        """
        width = header["_width"]
        if len(cells) < width:
            cells = cells + [None] * (width - len(cells))
        raw = cells[header["region"]]
        region = self.regions.get(raw, _MISSING)
        if region is _MISSING:
            region = self.region(sheet, number, header["region"], raw)
        if region is _PENDING:
            self.pending.append((sheet, number, cells, header))
            return None
        raw = cells[header["indicator"]]
        indicator = self.indicators.get(raw, _MISSING)
        if indicator is _MISSING:
            indicator = self.indicator(sheet, number, header["indicator"], raw)
        raw = cells[header["period"]]
        slot = self.periods.get((raw, indicator[1] if indicator else None), _MISSING)
        if slot is _MISSING:
            slot = self.period(sheet, number, header["period"], raw, indicator)
        figures = self.figures(sheet, number, cells, header)
        if region is None or indicator is None or slot is None or figures is None:
            return None
        key, period_bit = slot
        value, growth, rank, growth_rank, value_rank, month_value, month_growth = figures
        if rank is not None or growth_rank is not None or value_rank is not None:
            # (Without any rank published_ranks gives (None, None).)
            rank, value_rank = published_ranks(indicator[0], rank, growth_rank, value_rank)
            if growth_rank is not None and growth_rank_unused(indicator[0], ("growth_rank",)):
                warning = growth_rank_warning(indicator[0])
                if warning not in self.ctx.report.warnings:
                    self.ctx.report.warnings.append(warning)
        if value is not None or month_value is not None:
            unit = header["_plan"][2]
            raw = cells[unit] if unit is not None else None
            exponent = self.shifts.get((raw, indicator[1]), _MISSING)
            if exponent is _MISSING:
                exponent = self.shift(sheet, number, header, raw, indicator)
            if exponent is None:
                return None
            if exponent:
                try:
                    if value is not None:
                        value = fit(value.scaleb(exponent), VALUE_PLACES, 24)
                    if month_value is not None:
                        month_value = fit(month_value.scaleb(exponent), VALUE_PLACES, 24)
                except CellError as exc:
                    where = header["value" if value is not None else "month_value"]
                    self.ctx.problem(sheet, number, column_letter(where), str(exc))
                    return None
        # Region and indicator were cached as (object, pk): Model.pk is a property and costs.
        ctx = self.ctx
        series = (region[1], indicator[1])
        mask = self.seen.get(series, 0)
        if mask & period_bit:
            ctx.problem(
                sheet, number, None, f"{region[0].name}·{indicator[0].name}·{key.code}重复出现"
            )
            return None
        self.seen[series] = mask | period_bit
        row = input_row(
            region[0],
            indicator[0],
            key,
            value,
            growth,
            rank,
            value_rank,
            month_value,
            month_growth,
            f"{ctx.name} {sheet or ''}第{number}行",
        )
        if ctx.checks is not None and ctx.locator is None:
            # ctx.check with the cells located as it would (the rows are the file's own),
            # the column letters worked out once per sheet.
            if value is not None or growth is not None:
                value_letter, growth_letter = header["_plan"][1]
                ctx.checks.add_read(
                    ctx,
                    row,
                    region[1],
                    indicator[1],
                    (sheet, number, value_letter) if value is not None else None,
                    (sheet, number, growth_letter) if growth is not None else None,
                )
        else:
            ctx.check(row, header.get("value"), header.get("growth"), sheet, number)
        return row

    def figures(self, sheet, number, cells, header) -> tuple | None:
        """(value, growth, rank, growth_rank, value_rank, month_value, month_growth) of a row, or
        None after reporting each bad cell."""
        out: list = [None] * 7
        ok = True
        for slot, index, how in header["_plan"][0]:
            raw = cells[index]
            if raw is None or raw == "":
                continue
            try:
                if how == _VALUE:
                    out[slot] = quick_number(raw, VALUE_PLACES, 24)
                elif how == _GROWTH:
                    out[slot] = quick_number(raw, GROWTH_PLACES, 12)
                else:
                    out[slot] = to_rank(raw)
            except CellError as exc:
                self.ctx.problem(sheet, number, column_letter(index), str(exc))
                ok = False
        return tuple(out) if ok else None

    def region(self, sheet, number, column, raw):
        found = self.regions.get(raw, _MISSING)
        if found is not _MISSING:
            return found
        name = cell_text(raw)
        found = None
        if not name:
            self.ctx.problem(sheet, number, column_letter(column), "缺少地区名称")
            return None
        if self.group is None and not self.group_failed:
            if self.is_total_first(name) or self.is_unknown_first(name):
                return _PENDING
            self.open_group(sheet, number, column, name)
        if self.group is not None:
            found = self.group.resolve(name)
            if found is None:
                found = self.ctx.names.member(
                    self.ctx,
                    self.group,
                    name,
                    ranked_hint=None,
                    sheet=sheet,
                    row=number,
                    column=column_letter(column),
                )
        found = (found, found.pk) if found is not None else None
        self.regions[raw] = found
        return found

    def group_from_total(self, pending) -> None:
        """No row names a known region: the group is the one the total row names (全国), or
        the city the file's name gives (示范市….csv for 全市), proposed as a new region."""
        ctx = self.ctx
        self.group_failed = True
        totals = [
            (sheet, number, cells, header)
            for sheet, number, cells, header in pending
            if self.is_total_label(cell_text(cells[header["region"]]))
        ]
        sheet, number, cells, header = (totals or pending)[0]
        column = column_letter(header["region"])
        label = normalise(cell_text(cells[header["region"]]))
        parent_name = label if label == "全国" else city_in_title(ctx.name.rsplit(".", 1)[0])
        if not totals or parent_name is None:
            first = cell_text(pending[0][2][pending[0][3]["region"]])
            if totals:
                message = (
                    f"“{label}”是合计行，但文件未写明是哪个地区的合计；请在导入页“上级地区”"
                    "一栏填写（命令行 --parent 示范市），或在文件名中写明（如 示范市2022年.csv）"
                )
            else:
                message = (
                    f"地区“{first}”尚未建立，文件中也没有合计行（全市、全省、全国）说明它们属于"
                    "哪个地区；请在导入页“上级地区”一栏填写（命令行 --parent 示范市）"
                )
            ctx.problem(sheet, number, column, message)
            return
        parent = ctx.names.new_parent(ctx, parent_name, sheet=sheet, row=number, column=column)
        if parent is None:
            return
        self.group_failed = False
        self.group = PeerGroup(parent, True, ctx.user, f"导入{ctx.name}", ctx.options.total)
        if parent.name in ctx.report.regions_created:
            ctx.report.regions_created.remove(parent.name)
            self.group.created.append(parent)

    def is_total_label(self, name: str) -> bool:
        return is_total_label(name, [self.ctx.options.total])

    def is_total_first(self, name: str) -> bool:
        """A total row (全市) before any member row, with no --parent and no region so named."""
        options = self.ctx.options
        if options.parent:
            return False
        if not self.is_total_label(name):
            return False
        try:
            return find_region(name) is None
        except RegionLookupError:
            return False  # open_group reports the ambiguity

    def is_unknown_first(self, name: str) -> bool:
        """A region no one has created, before any known one and with no --parent: which group
        it belongs to is decided by the rows that follow (a known member, or the total)."""
        if self.ctx.options.parent:
            return False
        if name in self.unknown_first:
            return True
        try:
            if find_region(name) is not None:
                return False
        except RegionLookupError:
            return False
        self.unknown_first.add(name)
        return True

    def open_group(self, sheet, number, column, name) -> None:
        """The group: --parent, else the parent of the first region the file names."""
        ctx, options = self.ctx, self.ctx.options
        reason = f"导入{ctx.name}"
        try:
            if options.parent:
                self.group = open_group(
                    ctx.user,
                    parent_name=options.parent,
                    create=True,
                    reason=reason,
                    total=options.total,
                )
                return
            is_total = self.is_total_label(name)
            region = find_region(name)
            if region is not None and is_total:
                # A region called 全国 is the group's parent itself.
                self.group = PeerGroup(region, False, ctx.user, reason, options.total)
                return
            if region is None or region.parent is None:
                raise RegionLookupError(
                    f"地区“{name}”尚未建立（或没有上级）；如需在导入时建立这组地区，"
                    "请用 --parent 指明其上级（如 --parent 全国）"
                )
            self.group = PeerGroup(region.parent, False, ctx.user, reason, options.total)
        except RegionLookupError as exc:
            self.group_failed = True
            ctx.problem(sheet, number, column_letter(column), str(exc))

    def indicator(self, sheet, number, column, raw):
        found = self.indicators.get(raw, _MISSING)
        if found is not _MISSING:
            return found
        name = cell_text(raw)
        found = self.ctx.indicators.find(name) if name else None
        if found is None and name:
            found = self.ctx.names.indicator(
                self.ctx, name, unit=None, sheet=sheet, row=number, column=column_letter(column)
            )
        elif found is None:
            self.ctx.problem(sheet, number, column_letter(column), "缺少指标名称")
        found = (found, found.pk) if found is not None else None
        self.indicators[raw] = found
        return found

    def period(self, sheet, number, column, raw, indicator) -> tuple[PeriodKey, int] | None:
        """(period, its bit in the duplicate masks) for a raw period cell and an indicator."""
        key = self.period_keys.get(raw, _MISSING)
        if key is _MISSING:
            key = read_period(raw)
            self.period_keys[raw] = key
            if key is None:
                self.ctx.problem(
                    sheet,
                    number,
                    column_letter(column),
                    f"“{cell_text(raw)}”不是期别（应如 2022-03）",
                )
        slot = None
        if key is not None and indicator is not None:
            if message := period_problem(indicator[0], key):
                self.ctx.problem(sheet, number, column_letter(column), message)
            else:
                slot = (key, 1 << self.period_index.setdefault(key, len(self.period_index)))
        if indicator is not None:
            self.periods[(raw, indicator[1])] = slot
        return slot

    def shift(self, sheet, number, header, raw, indicator) -> int | None:
        """The power of ten from the row's unit to the indicator's (None if impossible)."""
        cache_key = (raw, indicator[1])
        exponent = self.shifts.get(cache_key, _MISSING)
        if exponent is _MISSING:
            unit = units.normalise_unit(cell_text(raw))
            own = indicator[0].unit
            exponent = 0
            if unit and own and unit != own:
                try:
                    exponent = units.shift(unit, own)
                except units.UnitError as exc:
                    self.ctx.problem(sheet, number, column_letter(header["unit"]), str(exc))
                    exponent = None
            self.shifts[cache_key] = exponent
        return exponent


def import_tidy(ctx: FileContext, sheets) -> None:
    TidyImport(ctx).run(sheets)
