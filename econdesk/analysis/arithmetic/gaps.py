"""Gaps (缺口), time progress (序时进度) and task progress (任务进度) — docs/methodology.md §3.

Users say 缺口 for the shortfall to zero growth (实现正增长缺口) or to a target (完成目标缺口);
a gap is 0 once met, never negative. 序时进度 is the share of the target period elapsed, 任务进度
(完成率) the share of the target achieved; "时间过半任务过半" compares the two.

Units: growth and progress in percent (``Decimal("8")`` = 8%), gaps between rates in
percentage points (pp), amounts in the indicator's unit. ``base_share`` and
``value_added_rate`` parameters are fractions (0.22, 0.25). Notation as in §3: V is the
year-to-date value, B its comparable base, A last year's comparable full-period base, g* the
target growth and m the months elapsed.
"""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal

from .growth import HUNDRED, ONE, ZERO, Number, to_decimal

__all__ = [
    "gap_pp",
    "gap_to_target",
    "gap_to_target_amount",
    "gap_to_zero_growth",
    "pp_gap_to_amount",
    "progress_gap",
    "required_amount_per_month",
    "required_growth_rest",
    "required_growth_rest_growth_only",
    "seasonal_benchmark",
    "target_amount",
    "task_progress",
    "time_progress_by_day",
    "time_progress_by_month",
]


def target_amount(annual_base: Number | None, target_growth_pct: Number | None) -> Decimal | None:
    """The amount a growth target stands for: A·(1 + g*/100). Worked (§3): 150 × 1.08 = 162."""
    a, g = to_decimal(annual_base), to_decimal(target_growth_pct)
    if a is None or g is None:
        return None
    return a * (ONE + g / HUNDRED)


def gap_to_zero_growth(value: Number | None, base: Number | None) -> Decimal | None:
    """实现正增长缺口: max(0, B − V), in the indicator's unit.

    Worked (§3): 34.04 − 32.0 = **2.04 亿元**. None when the base is unknown.
    """
    v, b = to_decimal(value), to_decimal(base)
    if v is None or b is None:
        return None
    return max(ZERO, b - v)


def gap_to_target(
    value: Number | None, base: Number | None, target_growth_pct: Number | None
) -> Decimal | None:
    """完成目标缺口 for a growth target: max(0, B·(1 + g*/100) − V).

    Worked (§3): 34.04 × 1.08 − 32.0 = **4.76 亿元** (with the unrounded base 34.0426 it is
    4.77; the note rounds the base first).
    """
    v, b, g = to_decimal(value), to_decimal(base), to_decimal(target_growth_pct)
    if v is None or b is None or g is None:
        return None
    return max(ZERO, b * (ONE + g / HUNDRED) - v)


def gap_to_target_amount(value: Number | None, target_amount: Number | None) -> Decimal | None:
    """完成目标缺口 for an amount target (市下达 an absolute figure): max(0, T − V)."""
    v, t = to_decimal(value), to_decimal(target_amount)
    if v is None or t is None:
        return None
    return max(ZERO, t - v)


def gap_pp(growth_pct: Number | None, target_growth_pct: Number | None) -> Decimal | None:
    """The gap of a growth-only indicator, in percentage points: max(0, g* − g).

    For 规上工业增加值 and 服务业增加值, which have no levels: "低于目标2.5个百分点".
    """
    g, t = to_decimal(growth_pct), to_decimal(target_growth_pct)
    if g is None or t is None:
        return None
    return max(ZERO, t - g)


def required_growth_rest(
    value: Number | None,
    base: Number | None,
    annual_base: Number | None,
    target_growth_pct: Number | None,
) -> Decimal | None:
    """Growth (percent) the remaining months must reach: g_rem = (A(1+g*) − V)/(A − B) − 1.

    Worked (§3): (162 − 32)/(150 − 34.04) − 1 = **+12.1%**. Not clipped: a figure at or below
    −100% means the target is already secured. None when an input is unknown or nothing of
    the period's base is left (A ≤ B: the period is over).
    """
    v, b, a = to_decimal(value), to_decimal(base), to_decimal(annual_base)
    goal = target_amount(a, target_growth_pct)
    if v is None or b is None or a is None or goal is None or a - b <= 0:
        return None
    return ((goal - v) / (a - b) - ONE) * HUNDRED


def required_amount_per_month(
    value: Number | None,
    annual_base: Number | None,
    target_growth_pct: Number | None,
    months_elapsed: int,
    months_in_period: int = 12,
) -> Decimal | None:
    """Amount still needed per remaining month: max(0, A(1+g*) − V)/(12 − m).

    Worked (§3): (162 − 32)/(12 − 3) = **14.4 亿元 per month**. For a quarter pass
    ``months_in_period=3`` and the months elapsed inside it. None when no month is left.
    """
    v, goal = to_decimal(value), target_amount(annual_base, target_growth_pct)
    months_left = months_in_period - months_elapsed
    if v is None or goal is None or months_left <= 0:
        return None
    return max(ZERO, goal - v) / months_left


def required_growth_rest_growth_only(
    growth_pct: Number | None, target_growth_pct: Number | None, base_share: Number | None
) -> Decimal | None:
    """Growth (percent) still needed for a growth-only indicator: (g* − s·g)/(1 − s).

    ``base_share`` s is the elapsed part's share of the target period's base at comparable
    prices, a fraction. Worked (§3): (7.0 − 0.22 × 4.5)/0.78 = **7.7%**; inside a quarter,
    (6.0 − 0.62 × 5.0)/0.38 = **7.6%**. None when s ≥ 1 (nothing left) or an input is unknown.
    """
    g, t, s = to_decimal(growth_pct), to_decimal(target_growth_pct), to_decimal(base_share)
    if g is None or t is None or s is None or s >= 1:
        return None
    return (t - s * g) / (ONE - s)


def _clamp_percent(x: Decimal) -> Decimal:
    return min(HUNDRED, max(ZERO, x))


def time_progress_by_month(
    end_month: int, period_end_month: int = 12, period_start_month: int = 1
) -> Decimal:
    """序时进度 at a month-end, in **percent**: months elapsed / months in the period × 100.

    The months are counted inclusively, so the 1–3月 data of a year give 3/12 = **25.0%**
    (§3) and month 5 of the second quarter (4–6) gives 2/3. Clamped to 0–100.
    """
    months = period_end_month - period_start_month + 1
    if months <= 0:
        raise ValueError("the period must end after it starts")
    elapsed = end_month - period_start_month + 1
    return _clamp_percent(Decimal(elapsed) * HUNDRED / months)


def time_progress_by_day(day: Date, period_start: Date, period_end: Date) -> Decimal:
    """序时进度 by days ("以天保月"), in **percent**, counting ``day`` itself as elapsed.

    (day − start + 1)/(end − start + 1) × 100. Worked (§3): 31 March in a 365-day year is
    90/365 = **24.7%**. Inside a month pass its first and last day (day/days-in-month).
    Clamped to 0–100.
    """
    days = (period_end - period_start).days + 1
    if days <= 0:
        raise ValueError("the period must end after it starts")
    elapsed = (day - period_start).days + 1
    return _clamp_percent(Decimal(elapsed) * HUNDRED / days)


def task_progress(value: Number | None, target_amount: Number | None) -> Decimal | None:
    """任务进度 (完成率) in percent: V / target × 100.

    For a growth target the target is A·(1+g*), see :func:`target_amount`. Worked (§3):
    32/162 = **19.8%**. None when the target is unknown, zero or negative.
    """
    v, t = to_decimal(value), to_decimal(target_amount)
    if v is None or t is None or t <= 0:
        return None
    return v / t * HUNDRED


def seasonal_benchmark(base_now: Number | None, annual_base: Number | None) -> Decimal | None:
    """The seasonal benchmark s_ly = B_t/A in percent: last year's same-period share.

    A year that follows last year's pattern and hits its target has 任务进度 equal to this.
    Worked (§3): 34.04/150 = **22.7%**. None when A is unknown or not positive.
    """
    b, a = to_decimal(base_now), to_decimal(annual_base)
    if b is None or a is None or a <= 0:
        return None
    return b / a * HUNDRED


def progress_gap(task_progress_pct: Number | None, benchmark_pct: Number | None) -> Decimal | None:
    """任务进度 − benchmark in pp; negative means behind (落后序时进度).

    The benchmark is 序时进度 or the seasonal benchmark. Worked (§3): 19.8 − 22.7 = −2.9 pp,
    against 25.0 it is −5.2 pp.
    """
    t, b = to_decimal(task_progress_pct), to_decimal(benchmark_pct)
    if t is None or b is None:
        return None
    return t - b


def pp_gap_to_amount(
    base_value_added: Number | None,
    gap_pp: Number | None,
    value_added_rate: Number | None = None,
) -> Decimal | None:
    """Turn a pp gap of a growth-only indicator into an amount [K]: ΔVA ≈ B_VA · Δ/100.

    With ``value_added_rate`` (a fraction, e.g. 0.25) the result is the extra gross output
    (产值) instead: ΔVA / rate. Worked (§3): base 20 亿元, Δ 2.5 pp → **0.5 亿元** of value
    added, or **2.0 亿元** of output at a 25% value-added rate. None when the rate is zero.
    """
    b, d = to_decimal(base_value_added), to_decimal(gap_pp)
    if b is None or d is None:
        return None
    amount = b * d / HUNDRED
    if value_added_rate is None:
        return amount
    rate = to_decimal(value_added_rate)
    if rate is None or rate <= 0:
        return None
    return amount / rate
