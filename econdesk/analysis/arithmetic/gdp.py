"""Estimating GDP growth (地区生产总值测算 / 预估) and the reverse calculation — docs/methodology.md §5.

Users speak of 测算 or 预估 GDP: quarterly value added by industry is extrapolated from related
indicators (相关指标推算), weighted by the previous year's same-period value added, and summed.
Each industry's 拉动 (pull, pp of GDP growth) and 贡献率 (contribution rate, % of GDP growth)
follow. The reverse calculation (倒推) asks what one industry must grow for GDP to hit a target,
as in "支撑…开门红目标". The official figure comes from unified accounting (统一核算); this is an
estimate, to be back-tested against past official figures.

Units: growth in percent (constant prices), pull in percentage points, contribution rate in
percent; ``theta`` (the above-scale share of industrial value added) is a fraction; a sector's
``weight`` is its previous-year same-period value added (amount, or share in any scale — the
weights are divided by their sum, so the sectors must cover the whole GDP).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .growth import HUNDRED, ONE, ZERO, Number, to_decimal

__all__ = [
    "GROUPS",
    "GdpEstimate",
    "GroupPull",
    "Sector",
    "SectorPull",
    "deflate",
    "estimate_gdp",
    "industry_growth_from_above_and_below",
    "required_above_scale_growth",
    "required_sector_growth",
]

GROUPS = ("primary", "secondary", "tertiary")
"""The usual values of ``Sector.group``: 第一产业, 第二产业, 第三产业 (any label works)."""


@dataclass(frozen=True)
class Sector:
    """An industry in the production-approach estimate (行业增加值).

    ``weight`` is the previous year's same-period value added (for Q1, last year's Q1), as an
    amount or a share; ``growth_pct`` the industry's estimated real growth in percent (None:
    not yet estimated); ``group`` primary/secondary/tertiary when groupings are wanted;
    ``driver`` free notes on the related indicator used (e.g. {"indicator": "规上工业增加值"}).
    """

    code: str
    name: str
    weight: Decimal | int
    growth_pct: Decimal | int | None
    group: str | None = None
    driver: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SectorPull:
    """One industry's part of the estimate: share (fraction), growth (%), pull (pp), rate (%)."""

    code: str
    name: str
    share: Decimal
    growth_pct: Decimal | None
    pull: Decimal | None
    contribution_rate: Decimal | None


@dataclass(frozen=True)
class GroupPull:
    """A group of industries (产业): share (fraction), growth = pull/share (%), pull (pp), rate."""

    group: str
    share: Decimal
    growth_pct: Decimal | None
    pull: Decimal | None
    contribution_rate: Decimal | None


@dataclass(frozen=True)
class GdpEstimate:
    """The estimate: GDP growth (%), per-industry and per-group pulls.

    ``gdp_growth`` is None when an industry has no growth yet (listed in ``missing``); the pulls
    of the others are still given, their contribution rates are not.
    """

    gdp_growth: Decimal | None
    sectors: tuple[SectorPull, ...]
    groups: dict[str, GroupPull]
    missing: tuple[str, ...] = ()

    def sector(self, code: str) -> SectorPull:
        """The pull of one industry, by code."""
        for s in self.sectors:
            if s.code == code:
                return s
        raise KeyError(code)


def industry_growth_from_above_and_below(
    above_pct: Number | None, below_pct: Number | None, theta: Number
) -> Decimal | None:
    """Industrial growth from above-scale and below-scale growth: θ·g_above + (1−θ)·g_below.

    θ is the above-scale (规上) share of industrial value added, a fraction (≥0.8 nationally).
    Worked (§5): 0.85 × 6.0 + 0.15 × 3.0 = **5.55%**.
    """
    a, b, t = to_decimal(above_pct), to_decimal(below_pct), to_decimal(theta)
    if a is None or b is None or t is None:
        return None
    return t * a + (ONE - t) * b


def required_above_scale_growth(
    required_industry_pct: Number | None, below_pct: Number | None, theta: Number
) -> Decimal | None:
    """The 规上工业增加值 growth an industrial growth needs: (g_ind − (1−θ)·g_below)/θ.

    Worked (§5): (7.19 − 0.15 × 3.0)/0.85 = **7.93%**. None when θ is 0.
    """
    g, b, t = to_decimal(required_industry_pct), to_decimal(below_pct), to_decimal(theta)
    if g is None or b is None or t is None or t == 0:
        return None
    return (g - (ONE - t) * b) / t


def deflate(nominal_growth_pct: Number | None, price_pct: Number | None) -> Decimal | None:
    """Real growth (percent) from nominal growth and a price index change: (1+g)/(1+p) − 1.

    Worked (§5): output +8%, construction prices +1% → **6.93%**. None when p ≤ −100%.
    """
    g, p = to_decimal(nominal_growth_pct), to_decimal(price_pct)
    if g is None or p is None or p <= -HUNDRED:
        return None
    return ((HUNDRED + g) / (HUNDRED + p) - ONE) * HUNDRED


def _shares(sectors: list[Sector]) -> list[Decimal]:
    weights = [to_decimal(s.weight) or ZERO for s in sectors]
    total = sum(weights, ZERO)
    if total <= 0:
        raise ValueError("the sector weights must add up to more than zero")
    return [w / total for w in weights]


def _rate(pull: Decimal | None, gdp_growth: Decimal | None) -> Decimal | None:
    if pull is None or gdp_growth is None or gdp_growth == 0:
        return None
    return pull / gdp_growth * HUNDRED


def estimate_gdp(sectors: Iterable[Sector]) -> GdpEstimate:
    """GDP growth by the production approach: G ≈ Σ w_i·g_i with w_i = last year's same-period share.

    Per industry, pull p_i = w_i·g_i (pp) and contribution rate c_i = p_i/G (%). Groups (by
    ``Sector.group``) get the sum of their pulls, growth = pull/share and their rate.
    Worked (§5, last year's Q1 VA = 100): G = **4.84%**; 工业 pulls 2.22 pp (45.8%);
    primary 0.11 pp, secondary 2.77 pp at 5.78%, tertiary 1.96 pp at 4.01%.
    A contribution rate is None when G is 0 (no growth to share out).
    """
    items = list(sectors)
    shares = _shares(items)
    pulls: list[Decimal | None] = []
    missing: list[str] = []
    for sector, share in zip(items, shares, strict=True):
        g = to_decimal(sector.growth_pct)
        pulls.append(None if g is None else share * g)
        if g is None:
            missing.append(sector.code)
    gdp_growth = None if missing else sum((p for p in pulls if p is not None), ZERO)

    sector_pulls = tuple(
        SectorPull(
            code=s.code,
            name=s.name,
            share=share,
            growth_pct=to_decimal(s.growth_pct),
            pull=pull,
            contribution_rate=_rate(pull, gdp_growth),
        )
        for s, share, pull in zip(items, shares, pulls, strict=True)
    )

    grouped: dict[str, tuple[Decimal, Decimal | None]] = {}
    for s, share, pull in zip(items, shares, pulls, strict=True):
        if s.group is None:
            continue
        total_share, total_pull = grouped.get(s.group, (ZERO, ZERO))
        grouped[s.group] = (
            total_share + share,
            None if total_pull is None or pull is None else total_pull + pull,
        )
    groups = {
        name: GroupPull(
            group=name,
            share=share,
            growth_pct=None if pull is None or share == 0 else pull / share,
            pull=pull,
            contribution_rate=_rate(pull, gdp_growth),
        )
        for name, (share, pull) in grouped.items()
    }
    return GdpEstimate(gdp_growth, sector_pulls, groups, tuple(missing))


def required_sector_growth(
    sectors: Iterable[Sector], sector_code: str, target_gdp_growth: Number
) -> Decimal | None:
    """倒推: the growth (%) one industry needs for GDP to grow G*: (G* − Σ_{j≠k} w_j·g_j)/w_k.

    Worked (§5): for G* = 5.5, industry needs (5.5 × 100 − 262.43)/40 = **7.19%**. The
    industry's own current growth is ignored. None when another industry has no growth or the
    industry's weight is 0; KeyError for an unknown code.
    """
    items = list(sectors)
    shares = _shares(items)
    target = to_decimal(target_gdp_growth)
    own_share: Decimal | None = None
    others = ZERO
    for sector, share in zip(items, shares, strict=True):
        if sector.code == sector_code:
            own_share = share
            continue
        g = to_decimal(sector.growth_pct)
        if g is None:
            return None
        others += share * g
    if own_share is None:
        raise KeyError(sector_code)
    if own_share == 0 or target is None:
        return None
    return (target - others) / own_share
