"""An indicator's status light (红黄绿灯 / 三色预警) with its reasons — red, yellow or green.

Users speak of 红灯 / 黄灯 / 绿灯 (亮灯, 三色预警): a colour for where an indicator stands, always
with the reason in words ("增速低于全市1.2个百分点", "较上期后退2位"). The colour is the worst
any rule gives; the reasons list every rule that fired, red ones first.

Default rules (:class:`StatusRules`, every threshold configurable, None switches a rule off):

* **red** — behind the same-period target: a gap in pp or in amount above 0, or the target
  reported missed (``target_met is False``);
* **red** — last among the ranked peers (at least two ranked, and not also first);
* **yellow** — growth below the total (全市) by more than 0.0 pp (compared at 1 decimal);
* **yellow** — in the bottom third of the ranked peers (rank·3 > peers·2: 6th–8th of 8);
* **yellow** — rank fell against the previous period by 1 place or more;
* **yellow** — growth negative (同比下降);
* **yellow** — task progress behind its benchmark (序时进度, or the seasonal benchmark) by more
  than 0.0 pp;
* with no fact at all to judge, **yellow** with "暂无数据".

Numbers in reasons are rounded half up to 1 decimal and keep a trailing .0 (4.0, not 4).
Units: growth in percent, gaps between rates in percentage points, amounts in ``unit``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .growth import round_half_up, to_decimal

__all__ = [
    "DEFAULT_RULES",
    "IndicatorFacts",
    "Status",
    "StatusRules",
    "evaluate_status",
    "format_number",
]

RED, YELLOW, GREEN = "red", "yellow", "green"
_SEVERITY = {GREEN: 0, YELLOW: 1, RED: 2}
_Fire = Callable[[str, str], None]
_PART_WORDS = {2: "后二分之一", 3: "后三分之一", 4: "后四分之一", 5: "后五分之一"}


@dataclass(frozen=True)
class StatusRules:
    """Thresholds of the status light; see the module docstring for the defaults' meaning.

    ``*_pp`` thresholds are in percentage points; a rule fires when the shortfall is *more*
    than the threshold. ``bottom_part`` N means "in the bottom 1/N of the ranked peers".
    """

    red_when_behind_target: bool = True
    red_when_last: bool = True
    yellow_below_total_pp: Decimal | None = Decimal("0")
    red_below_total_pp: Decimal | None = None
    bottom_part: int | None = 3
    yellow_rank_fell_by: int | None = 1
    yellow_when_declining: bool = True
    yellow_behind_benchmark_pp: Decimal | None = Decimal("0")
    no_data_color: str = YELLOW
    decimals: int = 1
    amount_decimals: int = 1


DEFAULT_RULES = StatusRules()


@dataclass(frozen=True)
class IndicatorFacts:
    """What the panel knows about one indicator of one region in one period.

    ``growth`` and ``total_growth`` (全市) in percent; ``rank`` among ``rank_of`` ranked peers,
    ``lowest_rank`` the rank of the last (defaults to ``rank_of``; lower when the last places
    are tied); ``rank_change_prev`` = previous rank − current (negative: fell); ``gap_pp`` /
    ``gap_amount`` the shortfall to the same-period target (0 when met); ``target_met`` whether
    the period's target was reached (None: not yet known); ``progress_gap_pp`` = task progress −
    benchmark (negative: behind). The labels are the words used in the reasons.
    """

    growth: Decimal | int | None = None
    total_growth: Decimal | int | None = None
    rank: int | None = None
    rank_of: int | None = None
    lowest_rank: int | None = None
    tied: bool = False
    rank_change_prev: int | None = None
    gap_pp: Decimal | int | None = None
    gap_amount: Decimal | int | None = None
    target_met: bool | None = None
    progress_gap_pp: Decimal | int | None = None
    unit: str = "亿元"
    total_label: str = "全市"
    target_label: str = "市下达目标"
    prev_label: str = "上期"
    benchmark_label: str = "序时进度"


@dataclass(frozen=True)
class Status:
    """The light: ``color`` in {"red", "yellow", "green"} and the reasons, in Chinese."""

    color: str
    reasons: list[str] = field(default_factory=list)


def format_number(x: Decimal | int, decimals: int = 1) -> str:
    """A number as bulletins print it: half up, fixed decimals, trailing .0 kept, no "-0.0"."""
    q = round_half_up(x, decimals)
    if q == 0:
        q = abs(q)
    return format(q, "f")


def evaluate_status(
    facts: IndicatorFacts | Mapping[str, Any], rules: StatusRules = DEFAULT_RULES
) -> Status:
    """The status light of one indicator: the worst colour any rule gives, with all reasons.

    ``facts`` is an :class:`IndicatorFacts` or a mapping of its field names. Example: growth
    5.3 against 全市 6.5, 7th of 8, down 2 places, 2.5 pp short of the target →
    red: ["距市下达目标还差2.5个百分点", "增速低于全市1.2个百分点", "居全市第7位，处于后三分之一",
    "较上期后退2位"].
    """
    f = facts if isinstance(facts, IndicatorFacts) else IndicatorFacts(**facts)
    d = rules.decimals
    found: list[tuple[str, str]] = []

    def fire(color: str, reason: str) -> None:
        found.append((color, reason))

    growth = round_half_up(f.growth, d)
    total = round_half_up(f.total_growth, d)
    judged = any(
        x is not None
        for x in (growth, f.rank, f.gap_pp, f.gap_amount, f.target_met, f.progress_gap_pp)
    )

    if rules.red_when_behind_target:
        _target_rules(f, rules, fire)

    if growth is not None and total is not None:
        below = total - growth
        if rules.red_below_total_pp is not None and below > rules.red_below_total_pp:
            fire(RED, f"增速低于{f.total_label}{format_number(below, d)}个百分点")
        elif rules.yellow_below_total_pp is not None and below > rules.yellow_below_total_pp:
            fire(YELLOW, f"增速低于{f.total_label}{format_number(below, d)}个百分点")

    _rank_rules(f, rules, fire)

    if rules.yellow_when_declining and growth is not None and growth < 0:
        fire(YELLOW, f"同比下降{format_number(-growth, d)}%")

    behind = to_decimal(f.progress_gap_pp)
    if rules.yellow_behind_benchmark_pp is not None and behind is not None:
        lag = -round_half_up(behind, d)
        if lag > rules.yellow_behind_benchmark_pp:
            fire(YELLOW, f"任务进度落后{f.benchmark_label}{format_number(lag, d)}个百分点")

    if not judged:
        return Status(rules.no_data_color, ["暂无数据"])
    if not found:
        return Status(GREEN, [])
    found.sort(key=lambda cr: -_SEVERITY[cr[0]])  # stable: rule order within a colour
    color = found[0][0]
    return Status(color, [reason for _, reason in found])


def _target_rules(f: IndicatorFacts, rules: StatusRules, fire: _Fire) -> None:
    gap_pp = to_decimal(f.gap_pp)
    gap_amount = to_decimal(f.gap_amount)
    fired = False
    if gap_pp is not None and gap_pp > 0:
        fire(RED, f"距{f.target_label}还差{_positive(gap_pp, rules.decimals)}个百分点")
        fired = True
    if gap_amount is not None and gap_amount > 0:
        fire(RED, f"距{f.target_label}还差{_positive(gap_amount, rules.amount_decimals)}{f.unit}")
        fired = True
    if f.target_met is False and not fired:
        fire(RED, f"未完成{f.target_label}")


def _positive(x: Decimal, decimals: int) -> str:
    """A shortfall above 0 that would print as 0.0 reads "不足0.1" rather than "0.0"."""
    if round_half_up(x, decimals) == 0:
        return f"不足{format_number(Decimal(1).scaleb(-decimals), decimals)}"
    return format_number(x, decimals)


def _rank_rules(f: IndicatorFacts, rules: StatusRules, fire: _Fire) -> None:
    if f.rank is not None and f.rank_of is not None and f.rank_of >= 2:
        place = f"居{f.total_label}{'并列' if f.tied else ''}第{f.rank}位"
        lowest = f.lowest_rank if f.lowest_rank is not None else f.rank_of
        if rules.red_when_last and f.rank >= lowest and f.rank > 1:
            fire(RED, f"{place}，排名末位")
        elif rules.bottom_part is not None and f.rank * rules.bottom_part > f.rank_of * (
            rules.bottom_part - 1
        ):
            part = _PART_WORDS.get(rules.bottom_part, f"后1/{rules.bottom_part}")
            fire(YELLOW, f"{place}，处于{part}")
    fell_by = rules.yellow_rank_fell_by
    if fell_by is not None and f.rank_change_prev is not None and -f.rank_change_prev >= fell_by:
        fire(YELLOW, f"较{f.prev_label}后退{-f.rank_change_prev}位")
