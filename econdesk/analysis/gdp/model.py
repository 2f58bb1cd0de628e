"""The calibrated production approach: weights and elasticities from the district's own history.

Plain Python and numpy, no Django (docs/gdp-method.md gives the formulas). Periods are
``(year, month)`` with month 3, 6, 9 or 12 for GDP; growth is year to date, in percent.

* Weight of industry i for period t: w_i = VA_i / GDP of the same period last year, from the
  published figures (the part of GDP not covered by a published industry is shared out by the
  default weights); the default table only where last year's figures are missing.
* Industry growth from its driver: g_i = α_i + θ_i·x_i, x_i the driver's year-to-date growth
  (deflated when at current prices). α, θ are fitted by least squares on the quarters where the
  industry's value added was published (``MIN_FIT`` or more; fewer: θ through the origin with
  the default α; none: the defaults α = (1−θ_above)·g_below, θ = elasticity·θ_above). A fitted
  θ ≤ 0 is never used (a driver whose rise lowers the industry explains nothing): θ alone is
  fitted instead, and if that too is ≤ 0 the defaults stand.
* GDP growth: G = Σ w_i·g_i + r, r the mean residual of the fitted quarters (the published GDP
  minus the sum): what the industries' drivers systematically miss.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

Period = tuple[int, int]
Cell = tuple[float | None, float | None]  # (value, growth)

MIN_FIT = 6  # quarters of an industry's value added to fit α and θ (else θ only, or defaults)
MIN_RATIO = 2  # quarters to fit θ through the origin


@dataclass(frozen=True)
class SectorSpec:
    """One industry of the sector table, in plain numbers (see econdesk.ledger.models.GdpSector)."""

    code: str
    name: str
    group: str
    weight: float  # default weight, any scale
    va_code: str  # the ledger indicator of its published value added
    driver: str | None = None  # indicator code of its related indicator
    driver_name: str | None = None
    current_price: bool = False
    price_change: float = 0.0
    elasticity: float = 1.0
    above_share: float | None = None
    below_growth: float | None = None
    manual_growth: float | None = None

    def default_fit(self) -> SectorFit:
        theta = self.elasticity
        alpha = 0.0
        if self.above_share is not None and self.below_growth is not None:
            alpha = (1 - self.above_share) * self.below_growth
            theta = self.elasticity * self.above_share
        return SectorFit(self.code, alpha, theta, 0, "default")

    def real(self, nominal: float | None) -> float | None:
        """The driver's growth at comparable prices: (1+g)/(1+p) − 1 for current-price drivers."""
        if nominal is None:
            return None
        if not self.current_price or not self.price_change:
            return nominal
        return ((100 + nominal) / (100 + self.price_change) - 1) * 100


@dataclass(frozen=True)
class SectorFit:
    """g = alpha + theta·x for one industry; ``n`` quarters fitted; source default/ratio/fitted."""

    code: str
    alpha: float
    theta: float
    n: int
    source: str
    rmse: float | None = None

    def growth(self, x: float | None) -> float | None:
        return None if x is None else self.alpha + self.theta * x

    def driver_needed(self, g: float) -> float | None:
        return None if not self.theta else (g - self.alpha) / self.theta


@dataclass
class Snapshot:
    """The figures known at one moment: ``cells[(indicator code, year, month)] = (value, growth)``."""

    cells: Mapping[tuple[str, int, int], Cell]

    def growth(self, code: str | None, period: Period) -> float | None:
        if code is None:
            return None
        cell = self.cells.get((code, *period))
        return None if cell is None else cell[1]

    def value(self, code: str | None, period: Period) -> float | None:
        if code is None:
            return None
        cell = self.cells.get((code, *period))
        return None if cell is None else cell[0]

    def latest_growth(self, code: str | None, year: int, month: int) -> tuple[float, int] | None:
        """The code's growth of ``year`` at the latest month up to ``month``, with that month."""
        for m in range(month, 0, -1):
            g = self.growth(code, (year, m))
            if g is not None:
                return g, m
        return None

    def gdp_periods(self, before: Period | None = None) -> list[Period]:
        """Quarters with a published GDP growth, oldest first (only those before ``before``)."""
        found = sorted(
            (y, m)
            for (code, y, m), (_v, g) in self.cells.items()
            if code == "gdp" and g is not None and m % 3 == 0
        )
        return [p for p in found if before is None or p < before]


@dataclass(frozen=True)
class Weights:
    shares: dict[str, float]
    source: str  # "published" (all from last year's figures), "partial" or "default"


def weights_for(sectors: list[SectorSpec], snap: Snapshot, period: Period) -> Weights:
    """w_i = VA_i / GDP of the same period last year; the uncovered rest by the defaults.

    When last year's same period has no value added at all (the first year of a history), the
    structure of the nearest period that has it stands in (source "nearest").
    """
    last = (period[0] - 1, period[1])
    va = {s.code: snap.value(s.va_code, last) for s in sectors}
    known = {c: v for c, v in va.items() if v is not None and v > 0}
    total = snap.value("gdp", last)
    if not known:
        nearest = _nearest_structure(sectors, snap, last)
        if nearest is not None:
            return nearest
    if known and len(known) == len(sectors):
        total = sum(known.values())  # every industry published: they are the whole
    if not known or not total or total <= 0:
        default_total = sum(s.weight for s in sectors)
        return Weights({s.code: s.weight / default_total for s in sectors}, "default")
    shares = {c: v / total for c, v in known.items()}
    rest = max(0.0, 1 - sum(shares.values()))
    others = [s for s in sectors if s.code not in known]
    other_total = sum(s.weight for s in others)
    for s in others:
        shares[s.code] = rest * s.weight / other_total if other_total else 0.0
    return Weights(shares, "published" if not others else "partial")


def _nearest_structure(sectors: list[SectorSpec], snap: Snapshot, last: Period) -> Weights | None:
    codes = {s.va_code: s.code for s in sectors}
    periods = sorted(
        {(y, m) for (code, y, m), (v, _g) in snap.cells.items() if code in codes and v},
        key=lambda p: (abs((p[0] - last[0]) * 12 + p[1] - last[1]), p),
    )
    for p in periods:
        values = {s.code: snap.value(s.va_code, p) for s in sectors}
        if all(v is not None and v > 0 for v in values.values()):
            total = sum(values.values())
            return Weights({c: v / total for c, v in values.items()}, "nearest")
    return None


def _driver_at(spec: SectorSpec, snap: Snapshot, period: Period) -> float | None:
    found = snap.latest_growth(spec.driver, period[0], period[1])
    return spec.real(found[0]) if found else None


def fit_sector(spec: SectorSpec, snap: Snapshot, periods: Iterable[Period]) -> SectorFit:
    """α, θ of one industry from the quarters where its value added and driver were published."""
    default = spec.default_fit()
    if spec.driver is None:
        return default
    pairs = []
    for p in periods:
        g = snap.growth(spec.va_code, p)
        x = _driver_at(spec, snap, p)
        if g is not None and x is not None:
            pairs.append((x, g))
    n = len(pairs)
    if n < MIN_RATIO:
        return default
    x = np.array([a for a, _ in pairs])
    y = np.array([b for _, b in pairs])
    theta = None
    if n >= MIN_FIT and np.ptp(x) > 1e-9:
        design = np.column_stack([np.ones(n), x])
        (alpha, theta), *_ = np.linalg.lstsq(design, y, rcond=None)
        source = "fitted"
        if theta <= 0:
            theta = None  # the wrong sign: the driver does not explain the industry's swings
    if theta is None:
        alpha = default.alpha
        denom = float(x @ x)
        if denom < 1e-12:
            return default
        theta = float(x @ (y - alpha)) / denom
        source = "ratio"
        if theta <= 0:
            return default
    resid = y - (alpha + theta * x)
    rmse = float(np.sqrt(np.mean(resid**2)))
    return SectorFit(spec.code, float(alpha), float(theta), n, source, rmse)


@dataclass(frozen=True)
class SectorPart:
    code: str
    share: float
    driver_growth: float | None  # nominal, as published
    driver_month: int | None
    real_driver: float | None
    growth: float | None
    pull: float | None
    source: str  # where the growth came from: "driver", "manual", "published", "none"


@dataclass(frozen=True)
class ProductionEstimate:
    growth: float | None  # G = Σ w·g + r
    parts: tuple[SectorPart, ...]
    residual: float
    weights: Weights
    missing: tuple[str, ...] = ()

    def part(self, code: str) -> SectorPart:
        return next(p for p in self.parts if p.code == code)


@dataclass
class ProductionModel:
    """The calibrated production approach: one fit per industry and the residual term."""

    sectors: list[SectorSpec]
    fits: dict[str, SectorFit]
    residual: float = 0.0
    residual_n: int = 0
    history: list[Period] = field(default_factory=list)

    def estimate(
        self,
        snap: Snapshot,
        period: Period,
        drivers: Mapping[str, tuple[float, int] | None] | None = None,
        residual: bool = True,
        use_published: bool = False,
    ) -> ProductionEstimate:
        """G for ``period`` from the drivers' growth (given, or read at the period's month).

        ``use_published``: an industry whose value added for ``period`` is published takes that
        growth instead of its driver's (the page of a published quarter; never the back-test).
        """
        weights = weights_for(self.sectors, snap, period)
        parts, missing = [], []
        for s in self.sectors:
            share = weights.shares[s.code]
            if drivers is not None and s.code in drivers:
                found = drivers[s.code]
            else:
                found = snap.latest_growth(s.driver, *period) if s.driver else None
            nominal, month = found if found else (None, None)
            real = s.real(nominal)
            source = "driver"
            g = self.fits[s.code].growth(real) if real is not None else None
            if use_published and snap.growth(s.va_code, period) is not None:
                g, source = snap.growth(s.va_code, period), "published_now"
            if g is None:
                g, source = _fallback_growth(s, snap, period)
            pull = None if g is None else share * g
            if g is None:
                missing.append(s.code)
            parts.append(SectorPart(s.code, share, nominal, month, real, g, pull, source))
        r = self.residual if residual else 0.0
        total = None if missing else sum(p.pull for p in parts) + r
        return ProductionEstimate(total, tuple(parts), r, weights, tuple(missing))


def _fallback_growth(s: SectorSpec, snap: Snapshot, period: Period) -> tuple[float | None, str]:
    """An industry without a driver figure: its set growth, else its last published growth."""
    if s.manual_growth is not None:
        return s.manual_growth, "manual"
    earlier = sorted(
        (k[1], k[2]) for k, c in snap.cells.items() if k[0] == s.va_code and c[1] is not None
    )
    earlier = [p for p in earlier if p < period]
    if earlier:
        return snap.growth(s.va_code, earlier[-1]), "published"
    return None, "none"


def calibrate(sectors: list[SectorSpec], snap: Snapshot, before: Period | None = None):
    """The production model fitted on the quarters published before ``before`` (all: None)."""
    history = snap.gdp_periods(before)
    va_periods = sorted(
        {
            (y, m)
            for (code, y, m) in snap.cells
            if m % 3 == 0 and (before is None or (y, m) < before)
        }
    )
    fits = {s.code: fit_sector(s, snap, va_periods) for s in sectors}
    model = ProductionModel(sectors, fits, history=history)
    residuals = []
    for p in history:
        est = model.estimate(snap, p, residual=False)
        published = snap.growth("gdp", p)
        if est.growth is not None and published is not None:
            residuals.append(published - est.growth)
    if residuals:
        model.residual = float(np.mean(residuals))
        model.residual_n = len(residuals)
    return model
