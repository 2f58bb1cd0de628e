"""Quarter-end and year-end projection (预计 / 预测完成) by the seasonal share method — §8.

Users say 预计 ("预计一季度完成31.5亿元、下降7.4%"): the value a period will close at, from the
year-to-date value and the share that part of the period usually holds. V̂_T = V_t / ŝ, and the
projected growth ĝ_T = V̂_T / B_T − 1. Each option for ŝ is back-tested on prior years, and the
option with the lowest mean absolute percentage error (MAPE) is used.

Units: values in the indicator's unit; growth, errors and MAPE in percent; shares are
fractions (0.52). Prior-year shares are given **oldest first**.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from .growth import HUNDRED, ONE, ZERO, Number, growth_pct, to_decimal

__all__ = [
    "Projection",
    "blend_with_estimate",
    "choose_method",
    "growth_only_projection",
    "last_year_share_projection",
    "recent_single_month_average",
    "seasonal_share_projection",
]

EMPIRICAL_FROM_YEARS = 5
"""From this many back-test years on, the range uses empirical quantiles instead of ±MAPE."""


@dataclass(frozen=True)
class Projection:
    """A projected period-end figure with its back-tested error.

    ``value`` (unit of the indicator) and ``growth`` (%) are the projection, ``share`` the ŝ
    used (fraction). ``errors`` are the back-test errors e_y = s_y/ŝ_y − 1 in percent, in the
    order of the years tested; ``mape`` their mean absolute value (None with nothing to test).
    ``low``/``high`` bound the value and ``low_growth``/``high_growth`` the growth.
    """

    method: str
    value: Decimal | None
    growth: Decimal | None
    share: Decimal | None
    errors: tuple[Decimal, ...] = ()
    mape: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    low_growth: Decimal | None = None
    high_growth: Decimal | None = None


def _mean(xs: Sequence[Decimal]) -> Decimal:
    return sum(xs, ZERO) / len(xs)


def _quantile(sorted_xs: Sequence[Decimal], q: Decimal) -> Decimal:
    """Linear-interpolation quantile (the "inclusive" method of ``statistics.quantiles``)."""
    position = q * (len(sorted_xs) - 1)
    low = int(position)
    if low + 1 >= len(sorted_xs):
        return sorted_xs[-1]
    fraction = position - low
    return sorted_xs[low] + (sorted_xs[low + 1] - sorted_xs[low]) * fraction


def _finish(
    method: str,
    value_now: Decimal,
    share: Decimal,
    base_target: Decimal | None,
    errors: list[Decimal],
) -> Projection:
    value = value_now / share
    mape = _mean([abs(e) for e in errors]) if errors else None
    low = high = None
    if len(errors) >= EMPIRICAL_FROM_YEARS:
        # An error e means the true share was (1+e)·ŝ, so the true value was V̂/(1+e).
        outcomes = sorted(value / (ONE + e / HUNDRED) for e in errors)
        low, high = _quantile(outcomes, Decimal("0.1")), _quantile(outcomes, Decimal("0.9"))
    elif mape is not None:
        low, high = value * (ONE - mape / HUNDRED), value * (ONE + mape / HUNDRED)
    return Projection(
        method=method,
        value=value,
        growth=growth_pct(value, base_target),
        share=share,
        errors=tuple(errors),
        mape=mape,
        low=low,
        high=high,
        low_growth=growth_pct(low, base_target),
        high_growth=growth_pct(high, base_target),
    )


def seasonal_share_projection(
    value_now: Number | None,
    shares_prior_years: Sequence[Number],
    base_target: Number | None,
    method: str = "mean_share",
) -> Projection:
    """Option (b): ŝ = the mean of the prior years' shares V_t/V_T; leave-one-out back-test.

    For each prior year y, e_y = s_y / mean(shares without y) − 1; MAPE = mean |e_y|; the range
    is V̂·(1 ± MAPE), or the 10%–90% empirical quantiles of V̂/(1+e_y) from 5 years on.
    Pass only the years with similar Spring-Festival timing to get option (c) (and name it in
    ``method``). Worked (§8): 16.5 with shares 0.52/0.55/0.50 and base 34.04 → **31.5 亿元,
    −7.4%**, errors −1.0/+7.8/−6.5%, MAPE 5.1%, range 29.9–33.1 (growth −12.1 to −2.6%).
    The value is None without a share history or a year-to-date value.
    """
    v = to_decimal(value_now)
    shares = [s for s in (to_decimal(x) for x in shares_prior_years) if s is not None]
    if v is None or not shares or _mean(shares) <= 0:
        return Projection(method=method, value=None, growth=None, share=None)
    errors: list[Decimal] = []
    if len(shares) >= 2:
        total = sum(shares, ZERO)
        for s in shares:
            rest = (total - s) / (len(shares) - 1)
            if rest > 0:
                errors.append((s / rest - ONE) * HUNDRED)
    return _finish(method, v, _mean(shares), to_decimal(base_target), errors)


def last_year_share_projection(
    value_now: Number | None,
    base_now: Number | None,
    base_target: Number | None,
    shares_prior_years: Sequence[Number] | None = None,
) -> Projection:
    """Option (a): ŝ = last year's comparable share B_t/B_T — the year-to-date growth persists.

    V̂_T = V_t·B_T/B_t, so ĝ_T equals the year-to-date growth (同比延续). Worked (§8):
    16.5/(16.8/34.04) = **33.4 亿元, −1.8%**.

    Back-test (optional): this is option (b) with only the previous year, so with
    ``shares_prior_years`` (oldest first) each year from the second on is predicted from the
    year before it, e_y = s_y/s_{y−1} − 1. One year fewer is tested than for option (b).
    """
    v, bn, bt = to_decimal(value_now), to_decimal(base_now), to_decimal(base_target)
    if v is None or bn is None or bt is None or bn <= 0 or bt <= 0:
        return Projection(method="last_year_share", value=None, growth=None, share=None)
    errors: list[Decimal] = []
    shares = [to_decimal(x) for x in shares_prior_years or ()]
    for previous, current in pairwise(shares):
        if previous is not None and current is not None and previous > 0:
            errors.append((current / previous - ONE) * HUNDRED)
    return _finish("last_year_share", v, bn / bt, bt, errors)


def choose_method(candidates: Iterable[Projection]) -> Projection | None:
    """The candidate with the lowest back-test MAPE (ties: the first given).

    Candidates without a value are skipped; those with no back-test (MAPE None) rank after all
    tested ones. None when no candidate has a value. Re-run every month (§8).
    """
    usable = [c for c in candidates if c.value is not None]
    if not usable:
        return None
    return min(usable, key=lambda c: (c.mape is None, c.mape if c.mape is not None else ZERO))


def recent_single_month_average(
    single_month_growths: Sequence[Number | None], months: int = 3
) -> Decimal | None:
    """The average of the last ``months`` known single-month growths (%), for months not out.

    Unknown months (None) are skipped; fewer months are used when fewer are known.
    """
    known = [g for g in (to_decimal(x) for x in single_month_growths) if g is not None]
    if not known or months < 1:
        return None
    return _mean(known[-months:])


def growth_only_projection(
    month_weights: Sequence[Number],
    known_single_month_growths: Sequence[Number | None],
    assumed_growth_for_rest: Number | None = None,
) -> Decimal | None:
    """Projected cumulative growth (%) of a growth-only series: ĝ_T = Σ_j b_j·ĝ_j.

    ``month_weights`` are last year's amounts or shares of each month of T (normalised here),
    ``known_single_month_growths`` the single-month growths published so far, from the first
    month of T. Months not yet out get ``assumed_growth_for_rest``, or by default the average of
    the last three known months (:func:`recent_single_month_average`). None when a month's
    growth is unknown and nothing can be assumed. Its error is back-tested as |ĝ_T − g_T| in pp.
    """
    weights = [to_decimal(w) or ZERO for w in month_weights]
    total = sum(weights, ZERO)
    if total <= 0 or len(known_single_month_growths) > len(weights):
        return None
    rest = to_decimal(assumed_growth_for_rest)
    if rest is None:
        rest = recent_single_month_average(known_single_month_growths)
    projected = ZERO
    for j, weight in enumerate(weights):
        g = (
            to_decimal(known_single_month_growths[j])
            if j < len(known_single_month_growths)
            else None
        )
        g = rest if g is None else g
        if g is None:
            return None
        projected += weight / total * g
    return projected


def blend_with_estimate(
    projection_value: Number | None, estimate_value: Number | None, weight: Number = Decimal("0.5")
) -> Decimal | None:
    """Blend the seasonal projection with another estimate: w·projection + (1 − w)·estimate.

    ``weight`` (a fraction, default 0.5) is the projection's weight; the other estimate is, for
    FAI, the §7 project sum, or a department's 预计 figure. When there is no estimate the
    projection stands (and the estimate when there is no projection); None when neither.
    """
    p, e, w = to_decimal(projection_value), to_decimal(estimate_value), to_decimal(weight)
    if w is None or not ZERO <= w <= ONE:
        raise ValueError("weight must be between 0 and 1")
    if e is None:
        return p
    if p is None:
        return e
    return w * p + (ONE - w) * e
