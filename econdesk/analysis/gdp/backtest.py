"""Back-test and choice of method: what each method would have said before each published GDP.

Plain Python and numpy, no Django. For every quarter t with a published GDP (after the first
``MIN_TRAIN``), each method is fitted on what was known when t's GDP came out — the figures of
the earlier quarters as the ledger held them at that moment — and estimates t from its drivers;
the error is estimate − published. The method with the lower mean absolute error over the
recent quarters both methods estimated (at most ``WINDOW``) is chosen for the district.

Methods: ``production`` (the calibrated production approach, model.py) and ``bridge`` (a
regression of GDP growth on the leading drivers: G = a + Σ b_k·x_k, the drivers of the
largest industries, as many as the quarters allow).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from econdesk.analysis.gdp.model import (
    Period,
    ProductionModel,
    SectorSpec,
    Snapshot,
    calibrate,
    weights_for,
)

MIN_TRAIN = 4  # published quarters before the first back-tested one
WINDOW = 8  # the recent quarters the error is averaged over
METHODS = ("production", "bridge")
METHOD_NAMES = {"production": "校准生产法", "bridge": "桥接回归"}


@dataclass
class BridgeModel:
    """G = intercept + Σ coef_k·x_k, x_k the real growth of the drivers of ``codes``."""

    sectors: list[SectorSpec]
    codes: list[str]
    intercept: float
    coefs: list[float]
    n: int

    def estimate(
        self,
        snap: Snapshot,
        period: Period,
        drivers: Mapping[str, tuple[float, int] | None] | None = None,
    ) -> float | None:
        x = _regressors(self.sectors, self.codes, snap, period, drivers)
        if x is None:
            return None
        return self.intercept + float(np.dot(self.coefs, x))


def _regressors(sectors, codes, snap, period, drivers=None) -> list[float] | None:
    by_code = {s.code: s for s in sectors}
    out = []
    for code in codes:
        s = by_code[code]
        if drivers is not None and code in drivers:
            found = drivers[code]
        else:
            found = snap.latest_growth(s.driver, *period)
        if not found:
            return None
        out.append(s.real(found[0]))
    return out


def fit_bridge(sectors: list[SectorSpec], snap: Snapshot, before: Period | None = None):
    """The bridge regression on the quarters before ``before``; None when too few quarters."""
    history = snap.gdp_periods(before)
    n = len(history)
    k = min(3, (n - 2) // 2)
    if k < 1:
        return None
    shares = weights_for(sectors, snap, history[-1]).shares
    ranked = sorted((s for s in sectors if s.driver), key=lambda s: -shares[s.code])
    codes = [s.code for s in ranked[:k]]
    rows, ys = [], []
    for p in history:
        x = _regressors(sectors, codes, snap, p)
        if x is not None:
            rows.append(x)
            ys.append(snap.growth("gdp", p))
    if len(rows) < len(codes) + 2:
        return None
    design = np.column_stack([np.ones(len(rows)), np.array(rows)])
    coef, *_ = np.linalg.lstsq(design, np.array(ys), rcond=None)
    return BridgeModel(sectors, codes, float(coef[0]), [float(c) for c in coef[1:]], len(rows))


def fit(method: str, sectors: list[SectorSpec], snap: Snapshot, before: Period | None = None):
    if method == "production":
        return calibrate(sectors, snap, before)
    return fit_bridge(sectors, snap, before)


def estimate_with(model, snap: Snapshot, period: Period, drivers=None) -> float | None:
    if model is None:
        return None
    if isinstance(model, ProductionModel):
        return model.estimate(snap, period, drivers).growth
    return model.estimate(snap, period, drivers)


@dataclass(frozen=True)
class BacktestRow:
    period: Period
    published: float
    estimate: float
    error: float  # estimate − published, percentage points


@dataclass(frozen=True)
class MethodScore:
    method: str
    rows: tuple[BacktestRow, ...]
    mae: float | None  # over the comparison window
    max_error: float | None
    window: int  # quarters averaged

    @property
    def name(self) -> str:
        return METHOD_NAMES[self.method]


@dataclass(frozen=True)
class Backtest:
    scores: dict[str, MethodScore]
    chosen: str
    window: tuple[Period, ...]

    @property
    def best(self) -> MethodScore:
        return self.scores[self.chosen]


def backtest(
    sectors: list[SectorSpec],
    snapshot_at: Callable[[Period], Snapshot],
    published: Snapshot,
    methods: tuple[str, ...] = METHODS,
) -> Backtest:
    """Each method's estimate of every published quarter as it would have been made then.

    ``snapshot_at(t)``: the figures as the ledger held them when t's GDP was first published
    (t's own and later GDP and value added are ignored); ``published``: the figures now, whose
    GDP the estimates are compared with.
    """
    quarters = published.gdp_periods()
    rows: dict[str, list[BacktestRow]] = {m: [] for m in methods}
    for t in quarters[MIN_TRAIN:]:
        snap = snapshot_at(t)
        if len(snap.gdp_periods(t)) < MIN_TRAIN:
            continue
        actual = published.growth("gdp", t)
        for method in methods:
            est = estimate_with(fit(method, sectors, snap, t), snap, t)
            if est is not None:
                rows[method].append(BacktestRow(t, actual, est, est - actual))
    return score(rows)


def score(rows: dict[str, list[BacktestRow]]) -> Backtest:
    """MAE of each method over the recent quarters every method with rows estimated."""
    usable = {m: r for m, r in rows.items() if len(r) >= 2}
    if usable:
        common = set.intersection(*({r.period for r in rs} for rs in usable.values()))
        window = tuple(sorted(common)[-WINDOW:])
    else:
        window = ()
    scores = {}
    for method, method_rows in rows.items():
        errors = [abs(r.error) for r in method_rows if r.period in window]
        if method not in usable or not errors:
            own = [abs(r.error) for r in method_rows[-WINDOW:]]
            errors, n = own, len(own)
        else:
            n = len(errors)
        scores[method] = MethodScore(
            method,
            tuple(method_rows),
            float(np.mean(errors)) if errors else None,
            float(max(errors)) if errors else None,
            n,
        )
    compared = [m for m in usable if scores[m].mae is not None]
    chosen = (
        min(compared, key=lambda m: (scores[m].mae, METHODS.index(m))) if compared else "production"
    )
    return Backtest(scores, chosen, window)


def anchored(
    model_now: float | None, model_at_published: float | None, published: float | None, share: float
) -> float | None:
    """The estimate for a period whose earlier quarters are published, not from scratch.

    With s the published part's share of last year's same-period GDP, the estimate is
    s·published + (1 − s)·(the model's growth of the rest), the model's growth of the rest
    being (G_model − s·G_model,published)/(1 − s): so G = G_model + s·(published − G_model,p).
    """
    if model_now is None:
        return None
    if published is None or model_at_published is None:
        return model_now
    return model_now + share * (published - model_at_published)
