"""The city's wide monthly bulletin (各区（市）县主要经济指标) → observations.

Shape (samples/README.md): a title naming city and period, a 单位 row, a two-row header (the
indicator over merged cells, then sub-columns 绝对值/增速/位次 or their variants — a file may
print two ranks, 增速位次 and 总量位次, stored as readers.published_ranks says, and the single
month's figures, 当月值 and 当月增速, beside the year-to-date ones), a total row
(全市), one row per district in any order, and notes. Merged header cells arrive as one value
followed by blanks, so an indicator name carries to the right until the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from econdesk.ledger import periods, units
from econdesk.ledger.importing import layouts
from econdesk.ledger.importing.errors import column_letter, sheet_label
from econdesk.ledger.importing.names import city_in_title
from econdesk.ledger.importing.readers import (
    CellError,
    SheetRows,
    cell_text,
    fit,
    growth_rank_unused,
    growth_rank_warning,
    is_blank,
    period_problem,
    published_ranks,
    to_decimal,
    to_rank,
)
from econdesk.ledger.importing.report import FileContext
from econdesk.ledger.lookups import normalise
from econdesk.ledger.models import ImportBatch, Indicator, Region
from econdesk.ledger.periods import PeriodKey, parse_period
from econdesk.ledger.services.base import audited_save
from econdesk.ledger.services.observations import ObservationInput, ObservationWriter, new_batch
from econdesk.ledger.services.regions import (
    RegionLookupError,
    find_region,
    is_subtotal_label,
    open_group,
)

# Names are compared after normalise() (full-width folded, spaces removed).
REGION_HEADERS = frozenset(
    "地区 区县 区(市)县 区市县 县区 县(市、区) 地区名称 区域 区县名称 各区(市)县 各区县 单位 名称".split()
)
# Sub-column names with %, ±, brackets and signs removed ("增长%" → "增长", "同比±%" → "同比").
SUB_ROLES = {
    "value": set("绝对值 累计 本期 累计值 本年累计 总量 数值 绝对额".split()),
    "growth": set(
        "增速 增长 同比 同比增长 同比增速 增幅 增长率 比上年同期增长 比上年增长 同比增减 "
        "累计增长 累计增速".split()
    ),
    # An unqualified rank: by the indicator's rank_key (增速, or 总量 where the city ranks so).
    "rank": set("位次 排位 排名 名次 位序 全市位次 全市排位 全市排名".split()),
    "growth_rank": set(
        "增速位次 增速排位 增速排名 增速名次 增长位次 增长排位 增长排名 增幅位次 增幅排位 增幅排名".split()
    ),
    "value_rank": set(
        "总量位次 总量排位 总量排名 总量名次 规模位次 规模排位 规模排名 绝对值位次 绝对值排位 "
        "绝对值排名 总额位次 总额排名".split()
    ),
    # The single month (当月 / 本月) beside the year to date: its amount and its growth.
    "month_value": set(
        "当月 本月 当月值 本月值 当月完成 本月完成 当月数 本月数 当月绝对值 本月绝对值 当月总量".split()
    ),
    "month_growth": set(
        "当月增速 当月增长 当月同比 当月同比增长 当月同比增速 当月增幅 当月增长率 本月增速 本月增长 "
        "本月同比 本月同比增长 本月增幅 本月增长率".split()
    ),
}
RANK_ROLES = ("rank", "growth_rank", "value_rank")
# Amounts converted from the file's unit to the indicator's (the year to date and the month).
VALUE_ROLES = ("value", "month_value")
SUB_NAMES = "绝对值、累计、本期、增速、增长%、同比±%、位次、排位、排名、增速位次、总量位次、当月值、当月增速"
NOTE_PREFIXES = ("注", "说明", "备注", "资料来源", "数据来源")
_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_SUB_NOISE = re.compile(r"[%±()（）+\-/]")
# Growth is stored with 4 decimals and values with 6 (Observation fields).
GROWTH_PLACES, VALUE_PLACES = 4, 6


# Sub-columns a bulletin prints beside the figures that are no figure of this period: last
# year's, a share, a target, progress, a change since last month. Read past, and said.
SKIPPED_SUBS = frozenset(
    "上年同期 去年同期 上年同期值 上年同期数 上年同期累计 上年累计 上年 去年 比重 占比 占全市比重 "
    "所占比重 占全市 目标 全年目标 年度目标 目标值 目标任务 任务 进度 完成进度 序时进度 时序进度 "
    "完成率 目标完成率 任务完成率 差距 与全市差距 环比 比上月 较上月 增速变化 增减百分点 百分点 "
    "位次变化 排位变化 升降 位次升降 备注".split()
)
SKIPPED = "skipped"
# What may follow a period in a sub-column's name: 1-10月, 1-10月累计, 10月增速.
_PERIOD_VALUE = frozenset(
    {"", "累计", "完成", "累计完成", "绝对值", "总量", "数值", "累计值", "完成值"}
)
_MONTH_ROLE = {"value": "month_value", "growth": "month_growth"}


def _role_of(key: str) -> str | None:
    for role, names in SUB_ROLES.items():
        if key in names:
            return role
    if key in SKIPPED_SUBS or (key.startswith(("比", "较", "与")) and key):
        return SKIPPED
    return None


def _sub_key(text: str) -> str:
    return _SUB_NOISE.sub("", _PAREN.sub("", normalise(text)))


def sub_column(text: str) -> tuple[str | None, periods.LeadingPeriod | None]:
    """The role of a sub-column (value, growth, rank …, or SKIPPED) and the period its name
    starts with, if any: '1-10月' → value; '10月增速' → month_growth; '上年同期' → skipped."""
    role = _role_of(_sub_key(text))
    if role is not None:
        return role, None
    named = periods.leading_period(text)
    if named is None:
        return None, None
    rest = _sub_key(named.rest)
    role = "value" if rest in _PERIOD_VALUE else _role_of(rest)
    if role in ("month_value", "month_growth") or (named.single and role in _MONTH_ROLE):
        role = _MONTH_ROLE.get(role, role)
    elif named.single and role not in (SKIPPED, None):
        role = None  # a rank of one month: no bulletin prints it
    return role, named


def sub_role(text: str) -> str | None:
    return sub_column(text)[0]


@dataclass
class IndicatorColumns:
    indicator: Indicator
    header_column: int
    columns: dict[str, int] = field(default_factory=dict)
    unit: str | None = None  # from the header, e.g. 社会消费品零售总额（万元）
    value_unit: str | None = None  # resolved unit of the value column


def import_bulletin(ctx: FileContext, sheets) -> None:
    """Parse every sheet; if the file has no problem, write its figures as one batch."""
    inputs: list[ObservationInput] = []
    seen: dict[tuple, str] = {}
    ctx.rank_marks = {}  # region pk → RankMark: does the file rank this existing member?
    non_empty = 0
    for sheet in sheets:
        # Each table of the sheet, in the wide layout (importing.layouts), read where it is.
        for table in layouts.tables(ctx, sheet):
            ctx.locator = table.locate
            try:
                parsed = _parse_sheet(ctx, table, seen)
            finally:
                ctx.locator = None
            if parsed is None:
                continue
            non_empty += 1
            if table.name:
                ctx.report.sheets.append(table.name)
            inputs.extend(parsed)
    if not non_empty:
        ctx.problem(None, None, None, "文件中没有数据（工作表是空的）")
    if ctx.failed:
        return
    follow_ranking(ctx, ctx.rank_marks.values())
    writer = ObservationWriter(
        ctx.user,
        new_batch(ctx.user, kind=ImportBatch.Kind.BULLETIN, file_name=ctx.name, sha256=ctx.sha256),
    )
    writer.add(inputs)
    ctx.finish(writer)


def _parse_sheet(ctx: FileContext, sheet: SheetRows, seen: dict) -> list | None:
    name = sheet.name
    rows = [(n, cells) for n, cells in sheet.rows if any(not is_blank(c) for c in cells)]
    if not rows:
        return None
    header_at = next(
        (i for i, (_, cells) in enumerate(rows[:30]) if _is_region_header(cells)), None
    )
    if header_at is None:
        ctx.problem(name, None, None, "未找到表头：应有一行以“地区”开头，其后各列为指标名")
        return []
    if header_at + 1 >= len(rows):
        ctx.problem(name, rows[header_at][0], None, "表头之后没有子列名行和数据行")
        return []
    (h1_row, h1), (h2_row, h2) = rows[header_at], rows[header_at + 1]
    region_col = layouts.lead_texts(h1)[0][0]
    title, title_row, unit_cells = _preamble(rows[:header_at])
    key = _period(ctx, name, title, title_row)
    groups = _read_header(ctx, name, region_col, (h1_row, h1), (h2_row, h2), key)
    group = _group(ctx, name, title, title_row)
    if not groups or key is None or group is None:
        return []
    _resolve_units(ctx, name, groups, unit_cells, h2_row)
    for g in groups:
        if message := period_problem(g.indicator, key):
            ctx.problem(name, h1_row, column_letter(g.header_column), message)
    if ctx.failed:
        return []
    data = rows[header_at + 2 :]
    first_label = cell_text(data[0][1][region_col]) if data and len(data[0][1]) > region_col else ""
    if not data or first_label.startswith(NOTE_PREFIXES):
        ctx.problem(name, h2_row, None, "表头之后没有数据行")
        return []
    return _read_rows(ctx, name, data, region_col, groups, key, group, seen)


def _is_region_header(cells: list) -> bool:
    texts = [text for _, text in layouts.lead_texts(cells)]
    if len(texts) < 2:
        return False
    first = normalise(texts[0])
    return first in REGION_HEADERS or "地区" in first or _names_region_kinds(first)


def _names_region_kinds(text: str) -> bool:
    """区（县、市）, 县市区, 各县（市、区）, 乡镇（街道）: a header made of the kinds of regions."""
    core = re.sub(r"[()、,，/\s各]", "", text)
    kinds = re.sub(r"乡镇|街道|县|区|市|旗|镇|乡|园区|功能区", "", core)
    return len(core) >= 2 and not kinds


def _read_header(ctx, name, region_col, top_row, sub_row, key) -> list[IndicatorColumns]:
    (h1_row, h1), (h2_row, h2) = top_row, sub_row
    groups: list[IndicatorColumns] = []
    current: IndicatorColumns | None = None
    failed_name = False
    width = max(len(h1), len(h2))
    for col in range(region_col + 1, width):
        top = cell_text(h1[col]) if col < len(h1) else ""
        sub = cell_text(h2[col]) if col < len(h2) else ""
        if top:
            unit = next((u for u in _PAREN.findall(top) if units.is_known(u)), None)
            label = _PAREN.sub("", top) if unit else top
            indicator = ctx.indicators.find(label) or ctx.indicators.find(top)
            if indicator is None:
                indicator = ctx.names.indicator(
                    ctx, label, unit=unit, sheet=name, row=h1_row, column=column_letter(col)
                )
            failed_name = indicator is None
            if indicator is None:
                current = None
                continue
            if any(g.indicator == indicator for g in groups):
                ctx.problem(name, h1_row, column_letter(col), f"指标“{top}”重复出现")
            current = IndicatorColumns(indicator, col, unit=unit)
            groups.append(current)
        if not sub:
            if top and current is not None:
                ctx.problem(name, h2_row, column_letter(col), f"“{top}”下缺少子列名（{SUB_NAMES}）")
            continue
        if current is None:
            if not failed_name:
                ctx.problem(name, h1_row, column_letter(col), f"子列“{sub}”上方缺少指标名")
            continue
        role, named = sub_column(sub)
        if role is not None and named is not None and key is not None:
            if named.year not in (None, key.year) or named.month != key.month:
                role = SKIPPED
        if role == SKIPPED:
            where = ctx.where(name, h2_row, column_letter(col))
            ctx.report.warnings.append(
                f"{where}：“{current.indicator.name}·{sub}”不是本期数据，未导入"
            )
            continue
        if role is None:
            ctx.problem(
                name, h2_row, column_letter(col), f"“{sub}”不是可识别的子列名（可用：{SUB_NAMES}）"
            )
            continue
        if role in current.columns:
            ctx.problem(
                name,
                h2_row,
                column_letter(col),
                f"“{current.indicator.name}”有两个{sub}列（第{column_letter(current.columns[role])}列已有）",
            )
            continue
        current.columns[role] = col
        if role in VALUE_ROLES and not current.unit:
            current.unit = next((u for u in _PAREN.findall(sub) if units.is_known(u)), None)
    if not groups and not ctx.failed:
        ctx.problem(name, h1_row, None, "表头中没有指标")
    for g in groups:
        warning = growth_rank_warning(g.indicator)
        if growth_rank_unused(g.indicator, g.columns) and warning not in ctx.report.warnings:
            ctx.report.warnings.append(warning)
    return groups


# Lines above a table that are no part of its title: who made it and when.
_NOT_TITLE = re.compile(r"^(制表|填报|报送|编制|日期|时间|打印)|\d{1,2}\s*日")


def _title_line(text: str) -> bool:
    """A line that continues the title: short, no sentence (a Word bulletin's prose paragraph
    above its table is not), not who made the table or when."""
    text = normalise(text)
    return len(text) <= 40 and not re.search(r"[。，；;]", text) and not _NOT_TITLE.search(text)


def _preamble(rows) -> tuple[str, int | None, list[tuple[int, int, str]]]:
    """The title and the 单位 cells above the header. The title is the text lines there, in
    order (a title may take two: 霁川市各区县主要经济指标 / （2026年1-10月）), its row the
    first's; after the first, prose and lines saying who made the table or when are left out."""
    lines, title_row, unit_cells = [], None, []
    for number, cells in rows:
        for col, cell in enumerate(cells):
            text = cell_text(cell)
            if not text:
                continue
            if text.startswith(("单位", "计量单位")):
                unit_cells.append((number, col, text))
            elif not lines or _title_line(text):
                # Messages quote the title as the file has it, not width-folded.
                lines.append(str(cell).strip())
                title_row = title_row or number
    return " ".join(lines), title_row, unit_cells


def _period(ctx, name, title, title_row) -> PeriodKey | None:
    from_title = parse_period(title) if title else None
    chosen = ctx.options.period
    if chosen and from_title and chosen != from_title:
        ctx.problem(
            name,
            title_row,
            "A",
            f"标题期别为{from_title.full_label}，与指定的 --period {chosen.code} 不一致",
        )
        return None
    key = chosen or from_title
    if key is None:
        ctx.problem(
            name,
            title_row,
            "A" if title_row else None,
            f"标题{'“' + title + '”' if title else ''}未写明年份和期别；"
            "请用 --period 指定（如 --period 2022-02 表示2022年1-2月）",
        )
    return key


def _group(ctx, name, title, title_row):
    options = ctx.options
    where = "A" if title_row else None
    parent_name = options.parent or options.region or _city_in_title(title)
    if not parent_name:
        # A city the title names but the ledger lacks: proposed, created on confirmation.
        city = city_in_title(title) if title else None
        if city is None:
            ctx.problem(
                name,
                title_row,
                where,
                f"标题{'“' + title + '”' if title else ''}未写明城市；请在标题中写明城市"
                "（如“示范市2022年1-2月各区（市）县主要经济指标”），或在导入页“城市”一栏填写"
                "（命令行 --region 示范市）",
            )
            return None
        if ctx.names.new_parent(ctx, city, sheet=name, row=title_row, column=where) is None:
            return None
        parent_name = city
    elif not options.parent and _missing(parent_name):
        if ctx.names.new_parent(ctx, parent_name, sheet=name, row=title_row, column=where) is None:
            return None
    try:
        return open_group(
            ctx.user,
            parent_name=parent_name,
            create=bool(options.parent),
            reason=f"导入{ctx.name}",
            total=options.total,
        )
    except RegionLookupError as exc:
        ctx.problem(name, title_row, "A" if title_row else None, str(exc))
        return None


def _missing(name: str) -> bool:
    try:
        return find_region(name) is None
    except RegionLookupError:
        return False  # open_group reports the ambiguity


def _city_in_title(title: str) -> str | None:
    """The existing region named in the title: longest name wins, regions with members first."""
    text = normalise(title)
    if not text:
        return None
    parents = set(Region.objects.exclude(parent=None).values_list("parent_id", flat=True))
    best = None
    for region in Region.objects.all():
        for label in [region.name, *region.aliases]:
            label = normalise(label)
            if label and label in text:
                score = (region.pk in parents, len(label))
                if best is None or score > best[0]:
                    best = (score, region.name)
    return best[1] if best else None


def _resolve_units(ctx, name, groups, unit_cells, header_row) -> None:
    """The unit of each value column: from its header, else the 单位 line, else the indicator's."""
    listed: list[tuple[int, int, str]] = []
    for row, col, text in unit_cells:
        body = re.split(r"[:：]", text, maxsplit=1)[-1]
        for part in re.split(r"[、,，;；/\s]+", body):
            part = units.normalise_unit(part)
            if not part or part == "%":
                continue
            if not units.is_known(part):
                ctx.problem(name, row, column_letter(col), f"未知单位“{part}”")
                continue
            listed.append((row, col, part))
    for g in groups:
        amounts = [g.columns[r] for r in VALUE_ROLES if r in g.columns]
        if not amounts:
            continue
        own = g.indicator.unit
        if g.unit:
            g.value_unit = units.normalise_unit(g.unit)
        elif not listed:
            g.value_unit = own
            if own:
                ctx.report.warnings.append(f"未写明单位，“{g.indicator.name}”按{own}读取")
        else:
            fitting = [u for _, _, u in listed if not own or units.compatible(u, own)]
            if len(set(fitting)) == 1:
                g.value_unit = fitting[0]
            else:
                row, col, _ = listed[0]
                said = "、".join(dict.fromkeys(u for _, _, u in listed))
                ctx.problem(
                    name,
                    row,
                    column_letter(col),
                    f"单位行写明“{said}”，无法确定“{g.indicator.name}”（{own}）的单位",
                )
                continue
        if own and g.value_unit and g.value_unit != own:
            try:
                units.shift(g.value_unit, own)
            except units.UnitError as exc:
                ctx.problem(name, header_row, column_letter(amounts[0]), str(exc))


def _read_rows(ctx, name, data, region_col, groups, key, group, seen) -> list[ObservationInput]:
    inputs = []
    for number, cells in data:
        label = cell_text(cells[region_col]) if len(cells) > region_col else ""
        if label.startswith(NOTE_PREFIXES) or _note_line(cells):
            break
        ctx.report.rows_read += 1
        if not label:
            ctx.problem(name, number, column_letter(region_col), "缺少地区名称")
            continue
        if _heading_row(ctx, name, number, label, cells, groups, group):
            continue
        region = group.resolve(label)
        if (
            region is not None
            and region.parent_id == group.parent.pk
            and region not in group.created
        ):
            _mark_ranking(ctx, region, cells, groups)
        if region is None:
            region = ctx.names.member(
                ctx,
                group,
                label,
                ranked_hint=_ranked_hint(cells, groups),
                sheet=name,
                row=number,
                column=column_letter(region_col),
            )
        if region is None:
            continue
        for g in groups:
            cell_key = (region.pk, g.indicator.pk, key)
            if cell_key in seen:
                if g is groups[0]:
                    other_sheet, other_row, other_column = seen[cell_key]
                    here = ctx.locate(name, number, column_letter(region_col))[0]
                    where = sheet_label(other_sheet) if other_sheet != here else ""
                    at = f"第{other_row}行" if other_row else ""
                    at += f"{other_column}列" if other_column and "第" not in at else ""
                    ctx.problem(
                        name,
                        number,
                        column_letter(region_col),
                        f"“{label}”重复出现（{where}{at}已有）",
                    )
                continue
            seen[cell_key] = ctx.locate(name, number, column_letter(region_col))
            figures = _read_figures(ctx, name, number, cells, g)
            if figures is not None:
                row = ObservationInput(
                    region=region,
                    indicator=g.indicator,
                    period=key,
                    value=figures[0],
                    growth=figures[1],
                    rank=figures[2],
                    value_rank=figures[3],
                    month_value=figures[4],
                    month_growth=figures[5],
                    source_ref=_source_ref(ctx, name, number, g),
                )
                inputs.append(row)
                ctx.check(row, g.columns.get("value"), g.columns.get("growth"), name, number)
    ctx.report.regions_created.extend(r.name for r in group.created)
    group.created.clear()
    return inputs


def _note_line(cells) -> bool:
    """A 注：… line, wherever its text starts (under a 序号 column, say)."""
    filled = [c for c in cells if not is_blank(c)]
    return len(filled) == 1 and cell_text(filled[0]).startswith(NOTE_PREFIXES)


def _heading_row(ctx, name, number, label, cells, groups, group) -> bool:
    """A line that is no region's: a heading with no figures (其中：区县, 一、功能区) or a
    subtotal (区县小计). Skipped, and said in the report; a known region's blank line is not."""
    if is_subtotal_label(label):
        ctx.report.warnings.append(f"{ctx.where(name, number, None)}：“{label}”是小计行，未导入")
        return True
    if group.knows(label):
        return False
    columns = {col for g in groups for col in g.columns.values()}
    return all(col >= len(cells) or is_blank(cells[col]) for col in columns)


def _source_ref(ctx, name, number, g: IndicatorColumns) -> str:
    """Where the figure is in the file: 文件 工作表第N行 (a turned table: 第N行 C列)."""
    if ctx.locator is None:
        return f"{ctx.name} {name or ''}第{number}行"[:120]
    column = next(iter(g.columns.values()), None)
    sheet, row, letter = ctx.locate(name, number, column_letter(column) if column else None)
    place = f"第{row}行" if row else ""
    if letter and not (row and ctx.locate(name, number, None)[1] == row):
        place += f" {letter}列"
    return f"{ctx.name} {sheet or ''}{place}"[:120]


@dataclass
class RankMark:
    """What a file says of an existing member's place in the ranking: a rank printed in some
    table (ranked), or "—" in every rank cell of a row that has figures while the table ranks
    others (listed, not ranked)."""

    region: Region
    ranked: bool = False
    unranked: bool = False


def _mark_ranking(ctx, region: Region, cells, groups) -> None:
    hint = _ranked_hint(cells, groups)
    if hint is None:
        return
    mark = ctx.rank_marks.setdefault(region.pk, RankMark(region))
    if hint:
        mark.ranked = True
        return
    figure_columns = [g.columns[r] for g in groups for r in ("value", "growth") if r in g.columns]
    if any(col < len(cells) and not is_blank(cells[col]) for col in figure_columns):
        mark.unranked = True


def follow_ranking(ctx, marks) -> None:
    """Whether a member takes part in the ranking follows the file: a functional zone the city
    now ranks becomes ranked; a member the file lists with "—" in every rank cell (and ranks
    none of its figures anywhere in the file) is listed, not ranked. Only when the file ranks
    some member at all. Each change goes through the ledger's door, recorded, in the import's
    transaction, and is listed in the report (and so in the preview before confirming)."""
    marks = list(marks)
    if not any(m.ranked for m in marks):
        return
    for mark in marks:
        wanted = mark.ranked or not mark.unranked
        if mark.region.ranked == wanted:
            continue
        words = "参与排名" if wanted else "列出但不参与排名"
        reason = f"导入{ctx.name}：文件{'给出了位次' if wanted else '未给位次'}，改为{words}"
        mark.region.ranked = wanted
        audited_save(ctx.user, "ledger.import", mark.region, reason)
        ctx.report.ranking_changed.append(f"{mark.region.name}改为{words}")


def _ranked_hint(cells, groups) -> bool | None:
    """Whether a row the file ranks: ranks printed → yes, every rank cell "—" → no."""
    columns = [g.columns[r] for g in groups for r in RANK_ROLES if r in g.columns]
    if not columns:
        return None
    return any(col < len(cells) and not is_blank(cells[col]) for col in columns)


def _read_figures(ctx, name, number, cells, g: IndicatorColumns):
    """(value, growth, rank, value_rank, month_value, month_growth) of one cell, or None after
    reporting each bad cell."""
    out: list = [None] * 7
    ok = True
    for slot, role in enumerate(("value", "growth", *RANK_ROLES, "month_value", "month_growth")):
        col = g.columns.get(role)
        if col is None or col >= len(cells):
            continue
        try:
            if role in RANK_ROLES:
                out[slot] = to_rank(cells[col])
            elif role in ("growth", "month_growth"):
                out[slot] = fit(to_decimal(cells[col]), GROWTH_PLACES, 12)
            else:
                raw = to_decimal(cells[col])
                if raw is not None and g.value_unit and g.indicator.unit:
                    raw = units.convert(raw, g.value_unit, g.indicator.unit)
                out[slot] = fit(raw, VALUE_PLACES, 24)
        except CellError as exc:
            ctx.problem(name, number, column_letter(col), str(exc))
            ok = False
    if not ok:
        return None
    return (out[0], out[1], *published_ranks(g.indicator, *out[2:5]), out[5], out[6])
