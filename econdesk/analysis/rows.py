"""The panel's contract: what a panel and each of its rows hold (TypedDicts).

`econdesk.analysis.panel.build_panel` returns a :class:`Panel`; every reader — pages, template
tags, API, `econdesk analyze`, bulletins, warnings, scores — reads these fields and nothing
else. At run time they are plain dicts (``row["growth"]`` keeps working, the panel cache pickles
them, `econdesk.analysis.serialize` turns them into JSON with the same field names); the types
say what each field means, so a type checker and a reader agree on it.

Conventions for every field below:

- **Amounts** (``value``, ``base``, ``gap_*`` amounts …) are :class:`~decimal.Decimal` in the
  indicator's ``unit`` (亿元, 万元, 万千瓦时 …), year to date unless ``cumulation`` says stock.
- **Growth** is in percent (``Decimal("8.2")`` = 8.2 %), as published; differences between rates
  (``*_pp``) are in percentage points; progress figures are percent (0–100).
- **None** means "not known": the ledger has no such figure, or it cannot be computed from the
  figures there are (a growth-only indicator has no amount gap, a region without a figure has
  no rank). It never means zero: a gap that is met is ``Decimal(0)``.
- Periods are codes ``YYYY-MM`` (the end month of the year-to-date span); ``*_label`` fields are
  the Chinese words for them (1-3月, 一季度 …).

Adding a field: add it here with its meaning, unit and when it is None, then fill it in
`panel.py` (``indicator_row`` for a row); `econdesk analyze --json` prints it under the same name
(tests/analysis/test_panel_contract.py checks the JSON against these declarations).
"""

# No `from __future__ import annotations`: TypedDict must see NotRequired[...] as written to
# tell optional keys from required ones (__optional_keys__).
from decimal import Decimal
from typing import NotRequired, TypedDict

__all__ = ["IndicatorRow", "MoveUp", "Panel", "Projection", "Status", "TargetEntry"]


class Projection(TypedDict):
    """Where the year-to-date figure is projected to end a later period T (docs/methodology.md §8).

    Present only for cumulative (``ytd``) indicators with a figure or a department's 预计 for T.
    """

    period: str  # T, e.g. "2022-03" for 一季度
    period_label: str  # T in words: 一季度, 上半年, 前三季度, 全年
    value: Decimal | None  # projected amount at T; None without enough history to project
    growth: Decimal | None  # projected growth at T, percent; None without T's comparable base
    low: Decimal | None  # lower end of the range value·(1 − MAPE); None without a back-test
    high: Decimal | None  # upper end value·(1 + MAPE); None without a back-test
    low_growth: Decimal | None  # growth at ``low``, percent
    high_growth: Decimal | None  # growth at ``high``, percent
    mape: Decimal | None  # leave-one-out back-test error, percent; None with fewer than 2 years
    method: str | None  # "mean_share" or "last_year_share" (the lower MAPE wins); None: none
    base: Decimal | None  # T's comparable base A (last year's T scaled by the 同口径 adjustment)
    estimate_value: Decimal | None  # the department's 预计 amount for T; None: no estimate
    estimate_growth: Decimal | None  # the department's 预计 growth for T, percent
    # Only when a 预计 exists: the projection blended with it (its growth against ``base``).
    blended_value: NotRequired[Decimal | None]
    blended_growth: NotRequired[Decimal | None]


class TargetEntry(TypedDict):
    """One target of the indicator (市下达 / 区级 / 奋斗, for this period or a later one) and how
    the region stands against it (docs/methodology.md §3)."""

    level: str  # "city" 市下达, "district" 区级, "stretch" 奋斗
    level_label: str  # the level in words: 市下达 / 区级 / 奋斗
    period: str  # the target's period T (YYYY-MM)
    period_label: str  # T in words (一季度, 全年 …)
    growth: Decimal | None  # the target growth g*, percent; None: an amount or rank target only
    value: Decimal | None  # the target amount, indicator unit; None: a growth or rank target
    rank: int | None  # the rank goal (3 = 进入前3); None: no rank goal
    gap_amount: Decimal | None  # amount still short of the target (0 when met); None: unknown
    gap_pp: Decimal | None  # points short of g* (max(0, g* − g)); None without both growths
    met: bool | None  # T is this period: reached or not; None for a later T or unknown
    remaining: Decimal | None  # later T: target amount − value so far (≥ 0); None: unknown
    required_growth_rest: Decimal | None  # later T: growth the rest of T needs, percent
    required_amount_per_month: Decimal | None  # later T: ``remaining`` / months left
    task_progress: Decimal | None  # 任务进度: value / target amount, percent
    time_progress: Decimal | None  # later T: 序时进度, months elapsed / months of T, percent
    seasonal_benchmark: Decimal | None  # later T: last year's share B_t / A, percent
    expected_value: Decimal | None  # later T: the projected (or 预计-blended) amount at T
    expected_growth: Decimal | None  # later T: the projected growth at T, percent
    expected_gap_amount: Decimal | None  # later T: projected shortfall to the target amount
    expected_gap_zero_growth: Decimal | None  # later T: projected shortfall to zero growth
    expected_gap_pp: Decimal | None  # later T: projected points short of g*
    rank_gap: int | None  # places behind the rank goal (0 when reached); None: no goal or rank


class MoveUp(TypedDict):
    """What it takes to reach a better rank (docs/methodology.md §4), with everyone else
    unchanged."""

    target_rank: int  # the rank aimed at
    peer: str  # the region now holding it (the last of a tie), by name
    peer_growth: Decimal  # that region's growth, percent, at the published precision
    growth_needed: Decimal  # the growth that beats it strictly (one last decimal more), percent
    pp_needed: Decimal  # growth_needed − own growth, percentage points
    amount_needed: Decimal | None  # extra amount that growth means; None for growth-only
    tied_after: bool  # True when that growth would share the rank with another region


class Status(TypedDict):
    """The status light (红黄绿灯, docs/methodology.md §9)."""

    color: str  # "red", "yellow" or "green": the worst any rule gives
    reasons: list[
        str
    ]  # every rule that fired, in Chinese, red ones first ("暂无数据" without facts)


class IndicatorRow(TypedDict):
    """One indicator of the panel's region and period."""

    # The indicator (from the catalogue).
    code: str  # catalogue code, e.g. "industry_va", "fai"
    name: str  # full Chinese name: 规模以上工业增加值
    short_name: str  # the short name pages and the command line print (规上工业增加值); else name
    unit: str  # unit of every amount in the row: 亿元, 万元 …
    cumulation: str  # "ytd" year to date, "stock" month-end balance (存贷款余额)
    frequency: str  # "monthly" or "quarterly"
    decimals: int  # decimals of amounts in print
    growth_decimals: int  # decimals of growth in print (and the precision ranks compare at)
    value_published: bool  # False where the statistics publish growth only (规上工业增加值)
    lead_department: str  # 牵头部门, "" when none is set
    leader: str  # 分管区领导, "" when none is set
    # The region's figures in this period.
    value: Decimal | None  # year-to-date amount; None when not published ("—")
    growth: Decimal | None  # year-on-year growth as published, percent; None when not published
    published_rank: int | None  # the rank the bulletin printed; None when it printed none
    # The single month (当月) as the file printed it beside the year-to-date figures, for the
    # period's last month alone; None when the file printed none (never computed).
    month_value: Decimal | None  # the month's amount (当月值), indicator unit
    month_growth: Decimal | None  # the month's year-on-year growth (当月增速), percent
    total_value: Decimal | None  # the total's (全市) amount; None when not published
    total_growth: Decimal | None  # the total's growth, percent; None when not published
    total_month_value: Decimal | None  # the total's 当月值; None when not published
    total_month_growth: Decimal | None  # the total's 当月增速, percent; None when not published
    vs_total_pp: Decimal | None  # growth − total_growth, points; None without both
    # Rank among the peer group (docs/methodology.md §4).
    rank: int | None  # competition rank by the indicator's rank key; None: no figure, or a zone
    rank_of: int | None  # how many members took a place; None when nobody has a figure
    tied: bool  # True when the rank is shared (并列)
    tied_with: list[str]  # names of the regions sharing it ([] when not tied)
    prev_period: str | None  # the period compared for rank change (1-2月 before 1-3月); None: none
    prev_period_label: str | None  # that period in words (1-2月); None when there is none
    rank_prev: int | None  # rank in prev_period; None without figures then
    rank_yoy: int | None  # rank in the same period last year; None without figures then
    rank_change_prev: int | None  # rank_prev − rank (> 0 前移, < 0 后退, 0 持平); None: unknown
    rank_change_yoy: int | None  # rank_yoy − rank, same sign; None: unknown
    lowest_rank: int | None  # the rank of the last placed member (lower than rank_of with a tie)
    # Base, gaps and progress (docs/methodology.md §2–§3).
    base: Decimal | None  # comparable base B = value / (1 + growth); None without both
    gap_zero_growth: Decimal | None  # max(0, B − value): short of zero growth; None without B
    time_progress: Decimal  # 序时进度 of the year at this month end, percent (m / 12)
    observation_id: int | None  # the ledger figure (Observation id) the row reads; None: none
    projection: "Projection | None"  # to the quarter end (or the year end at a quarter end)
    projection_year: "Projection | None"  # to the year end
    targets: list[TargetEntry]  # this period's and later targets, by period then level
    # To the next place ("next") and to the rank goal ("goal"), when there is one to reach.
    move_up: dict[str, MoveUp]
    status: Status


class Panel(TypedDict):
    """The indicator panel (指标面板) of one region for one period."""

    region: str  # the region's name
    region_id: int  # its id
    group: str | None  # the peer group's name (the parent: 示范市); None for a region without one
    total_label: str | None  # how the group's own row is called: 全市 / 全省 / 全国
    period: str  # YYYY-MM
    period_label: str  # the year-to-date span: 1-3月
    period_display: str  # as pages head it: 一季度 at a quarter end, else the span
    year: int
    indicators: list[IndicatorRow]  # indicators with a figure or a target, catalogue order
