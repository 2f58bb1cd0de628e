"""Growth (增速 / 同比) and the comparable base (同口径上年同期数) — docs/methodology.md §2.

Users speak of 增速 or 同比增长: year-on-year growth of a year-to-date (1–N月累计) figure
against the *comparable* prior-year figure, the base (同口径上年同期数). The published growth is
the authority; these functions derive what it implies and never replace it.

Units, everywhere in ``econdesk.analysis.arithmetic``:

* growth and every other rate are in **percent as published**: ``Decimal("-6.0")`` means −6.0%;
* amounts (value, base, gap) are in the indicator's own unit (亿元, 万元, 万千瓦时 …);
* shares and value-added rates passed as parameters are **fractions** (0.22, 0.85) unless a
  docstring says otherwise; shares returned for display are percent.

Functions return ``None`` where a figure does not apply: an unknown input, a growth of −100%
(no base can be recovered), a zero or negative base (growth is not defined; bulletins print "—").

This module also holds the rounding helpers shared by the other arithmetic modules: bulletins
round half up (0.105 → 0.11), which is not what Python's ``round()`` does on a ``Decimal``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import overload

__all__ = [
    "HUNDRED",
    "Number",
    "base_adjustment",
    "growth_pct",
    "implied_base",
    "implied_base_band",
    "implied_deflator",
    "round_half_up",
    "single_month_growth",
    "to_decimal",
    "unit_of",
]

Number = Decimal | int
"""What the arithmetic accepts for amounts and percentages (str and float are converted too)."""

HUNDRED = Decimal(100)
ONE = Decimal(1)
ZERO = Decimal(0)


@overload
def to_decimal(x: None) -> None: ...
@overload
def to_decimal(x: Decimal | int | str | float) -> Decimal: ...
def to_decimal(x: Decimal | int | str | float | None) -> Decimal | None:
    """Return ``x`` as a Decimal, or None for None.

    Floats go through ``str()`` so that 6.65 stays 6.65 rather than its binary neighbour
    6.6500000000000003552…, which would round differently.
    """
    if x is None:
        return None
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool):
        raise TypeError("a bool is not a number here")
    if isinstance(x, float):
        return Decimal(str(x))
    return Decimal(x)


def unit_of(decimals: int) -> Decimal:
    """One unit of the last published decimal: ``unit_of(1) == Decimal("0.1")``."""
    return Decimal(1).scaleb(-decimals)


@overload
def round_half_up(x: None, decimals: int = 1) -> None: ...
@overload
def round_half_up(x: Decimal | int, decimals: int = 1) -> Decimal: ...
def round_half_up(x: Decimal | int | None, decimals: int = 1) -> Decimal | None:
    """Round as statistical bulletins do: half away from zero, to ``decimals`` places.

    ``round_half_up(Decimal("0.105"), 2) == Decimal("0.11")`` whereas Python's ``round()``
    gives 0.10 (banker's rounding).
    """
    d = to_decimal(x)
    if d is None:
        return None
    return d.quantize(unit_of(decimals), rounding=ROUND_HALF_UP)


def _growth_factor(growth: Decimal | int | None) -> Decimal | None:
    """1 + g/100, or None when g is unknown."""
    g = to_decimal(growth)
    return None if g is None else ONE + g / HUNDRED


def growth_pct(value: Number | None, base: Number | None) -> Decimal | None:
    """Growth in percent of ``value`` over ``base``: (V/B − 1)·100.

    Use it for 名义同比 (against last year's *published* figure) or to check a projection; the
    official growth is always the published one. None when the base is unknown, zero or
    negative (growth over a loss is not defined).
    """
    v, b = to_decimal(value), to_decimal(base)
    if v is None or b is None or b <= 0:
        return None
    return (v / b - ONE) * HUNDRED


def implied_base(value: Number | None, growth_pct: Number | None) -> Decimal | None:
    """The comparable base (同口径上年同期数) the published figures imply: V / (1 + g/100).

    Worked (§2): ``implied_base(32.0, -6.0)`` = 34.0426 ≈ **34.04 亿元**.
    None when either input is unknown or g ≤ −100% (nothing can be recovered).
    """
    v, factor = to_decimal(value), _growth_factor(growth_pct)
    if v is None or factor is None or factor <= 0:
        return None
    return v / factor


def implied_base_band(
    value: Number | None, growth_pct: Number | None, published_decimals: int = 1
) -> tuple[Decimal, Decimal] | None:
    """The (low, high) range of the base, since the growth was rounded before publication.

    The true growth lies within ±half a unit of its last decimal (−6.0 → [−6.05, −5.95]), so
    the base lies between V/(1 + (g+½u)/100) and V/(1 + (g−½u)/100).
    Worked (§2): ``implied_base_band(32.0, -6.0)`` ≈ (34.02, 34.06).
    None when an input is unknown or the band reaches growth −100%.
    """
    v, g = to_decimal(value), to_decimal(growth_pct)
    if v is None or g is None:
        return None
    half = unit_of(published_decimals) / 2
    a, b = implied_base(v, g + half), implied_base(v, g - half)
    if a is None or b is None:
        return None
    return (min(a, b), max(a, b))


def base_adjustment(
    implied_base: Number | None, prior_published_value: Number | None
) -> Decimal | None:
    """How far the comparable base sits from last year's published figure: B − V_published.

    Caused by changes in the enterprise set, corrections, 入库 of new units, revisions and
    (for comparable-price series) prices. Worked (§2): 34.04 − 35.2 = **−1.16 亿元**.
    """
    b, p = to_decimal(implied_base), to_decimal(prior_published_value)
    if b is None or p is None:
        return None
    return b - p


def implied_deflator(
    value: Number | None, prior_published_value: Number | None, growth_pct: Number | None
) -> Decimal | None:
    """The price change (percent) a comparable-price growth implies: (V/V_prior)/(1+g) − 1.

    Only meaningful for comparable-price series (GDP, 规上工业增加值); it also absorbs the
    other base adjustments. Example: 32.0 against 35.2 published, growth −6.0 → −3.29%.
    None when the prior value is not positive or g ≤ −100%.
    """
    v, p, factor = to_decimal(value), to_decimal(prior_published_value), _growth_factor(growth_pct)
    if v is None or p is None or factor is None or p <= 0 or factor <= 0:
        return None
    return ((v / p) / factor - ONE) * HUNDRED


def single_month_growth(
    value_now: Number | None,
    base_now: Number | None,
    value_prev: Number | None,
    base_prev: Number | None,
) -> Decimal | None:
    """Growth (percent) of the latest month alone, from two cumulative periods (当月增速).

    g_m = (V_{1..m} − V_{1..m−1}) / (B_{1..m} − B_{1..m−1}) − 1.
    Worked (§2): March alone = (32.0 − 16.5)/(34.04 − 16.8) − 1 = **−10.1%**.
    Needs both bases, so it is undefined for growth-only series (use base weights, §3).
    None when an input is unknown or the base did not grow between the two periods (a
    revision or a stock series, where the difference is not a month's base).
    """
    vn, bn, vp, bp = map(to_decimal, (value_now, base_now, value_prev, base_prev))
    if vn is None or bn is None or vp is None or bp is None:
        return None
    base_increment = bn - bp
    if base_increment <= 0:
        return None
    return ((vn - vp) / base_increment - ONE) * HUNDRED
