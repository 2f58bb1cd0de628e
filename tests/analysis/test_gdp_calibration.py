"""Calibration, back-test and reverse calculation on districts whose true GDP is known.

No database: the figures are built here from industry value added with noise, as the city's
unified accounting would publish them, and read through the same plain functions the GDP page
uses (econdesk.analysis.gdp).
"""

from __future__ import annotations

import random

import pytest

from econdesk.analysis.gdp import backtest as bt
from econdesk.analysis.gdp import reverse as rv
from econdesk.analysis.gdp.model import SectorSpec, Snapshot, calibrate, weights_for

# code, default weight, driver, current price?, price %, true α, true θ, start level (亿元/quarter)
TRUE = [
    ("industry", 40, "industry_va", False, 0.0, -0.5, 1.10, 40.0),
    ("construction", 8, "construction_output", True, 1.0, 0.8, 0.75, 9.0),
    ("trade", 10, "wholesale_sales", True, 1.0, 1.2, 0.60, 12.0),
    ("services", 42, "services_revenue", True, 1.0, 2.0, 0.55, 39.0),
]
YEARS = range(2015, 2026)  # 2015 as the base, ten years of quarters after it
NOISE = 0.25  # pp, sd of each industry's growth around α + θ·x


def _specs(defaults: bool = True) -> list[SectorSpec]:
    return [
        SectorSpec(code, code, "secondary", float(w), f"va_{code}", driver, driver, cur, price)
        for code, w, driver, cur, price, *_ in TRUE
    ]


def _district(seed: int = 7, publish_va: bool = True):
    """Quarterly YTD value added and GDP built from the true α, θ; drivers wander around 5%."""
    rng = random.Random(seed)
    cells: dict = {}
    levels = {code: {} for code, *_ in TRUE}
    for code, *_rest, start in TRUE:
        for q, season in zip((3, 6, 9, 12), (0.23, 0.48, 0.74, 1.0), strict=True):
            levels[code][(YEARS[0], q)] = start * 4 * season
    for year in YEARS[1:]:
        for q in (3, 6, 9, 12):
            for code, _w, driver, cur, price, alpha, theta, _s in TRUE:
                x_nominal = 5 + rng.gauss(0, 3)
                cells[(driver, year, q)] = (None, round(x_nominal, 1))
                x = (
                    ((100 + round(x_nominal, 1)) / (100 + price) - 1) * 100
                    if cur
                    else round(x_nominal, 1)
                )
                g = alpha + theta * x + rng.gauss(0, NOISE)
                levels[code][(year, q)] = levels[code][(year - 1, q)] * (1 + g / 100)
    for year in YEARS:
        for q in (3, 6, 9, 12):
            total = sum(levels[c][(year, q)] for c in levels)
            last = (year - 1, q)
            growth = None
            if year > YEARS[0]:
                growth = (total / sum(levels[c][last] for c in levels) - 1) * 100
            cells[("gdp", year, q)] = (total, None if growth is None else round(growth, 1))
            if publish_va:
                for c in levels:
                    g = (
                        None
                        if year == YEARS[0]
                        else round((levels[c][(year, q)] / levels[c][last] - 1) * 100, 1)
                    )
                    cells[(f"va_{c}", year, q)] = (round(levels[c][(year, q)], 2), g)
    return Snapshot(cells), levels


def test_calibration_recovers_elasticities_within_a_tenth_and_constants_within_half_a_point():
    snap, _ = _district()
    model = calibrate(_specs(), snap)
    for code, *_rest, alpha, theta, _start in TRUE:
        fit = model.fits[code]
        assert fit.source == "fitted" and fit.n == 40
        assert abs(fit.theta - theta) < 0.1, (code, fit.theta, theta)
        assert abs(fit.alpha - alpha) < 0.5, (code, fit.alpha, alpha)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_the_tolerances_hold_for_other_draws_of_the_noise(seed):
    """Not one lucky seed: five more districts, the same tolerances, and a back-test error of
    the order of the noise (sd 0.25 pp per industry)."""
    snap, _ = _district(seed=seed)
    model = calibrate(_specs(), snap)
    for code, *_rest, alpha, theta, _start in TRUE:
        assert abs(model.fits[code].theta - theta) < 0.1, (seed, code)
        assert abs(model.fits[code].alpha - alpha) < 0.5, (seed, code)
    test = bt.backtest(_specs(), lambda t: snap, snap, methods=("production",))
    assert test.scores["production"].mae < 0.3


def test_weights_are_last_years_published_shares_within_a_thousandth():
    snap, levels = _district()
    weights = weights_for(_specs(), snap, (2025, 6))
    assert weights.source == "published"
    total = sum(levels[c][(2024, 6)] for c in levels)
    for code in levels:
        assert abs(weights.shares[code] - levels[code][(2024, 6)] / total) < 0.001


def test_the_calibrated_estimate_beats_the_defaults_on_the_back_test():
    snap, _ = _district()
    test = bt.backtest(_specs(), lambda t: snap, snap, methods=("production",))
    production = test.scores["production"]
    assert production.window == 8 and len(production.rows) == 40 - bt.MIN_TRAIN
    assert production.mae < 0.3  # the noise of the industries, rounding to 0.1, nothing more
    # With no value added published the table's default weights and θ = 1 are all there is.
    blind, _ = _district(publish_va=False)
    uncalibrated = bt.backtest(_specs(), lambda t: blind, blind, methods=("production",))
    assert uncalibrated.scores["production"].mae > production.mae


def test_the_method_with_the_lower_back_test_error_is_chosen():
    snap, _ = _district()
    assert bt.backtest(_specs(), lambda t: snap, snap).chosen == "production"
    # Without value added the production approach has only the defaults: the bridge wins.
    blind, _ = _district(publish_va=False)
    test = bt.backtest(_specs(), lambda t: blind, blind)
    assert test.chosen == "bridge"
    assert test.scores["bridge"].mae < test.scores["production"].mae


def test_without_value_added_the_weights_are_the_defaults_and_say_so():
    snap, _ = _district(publish_va=False)
    model = calibrate(_specs(), snap)
    assert all(f.source == "default" for f in model.fits.values())
    assert weights_for(_specs(), snap, (2025, 3)).source == "default"


def _hand_case():
    """One industry at the defaults (w = 1, θ = 1, α = 0); six quarters of GDP and driver."""
    x = [5, 6, 7, 8, 6, 5]
    g = [6, 6, 8, 8, 7, 7]
    periods = [(2020, 3), (2020, 6), (2020, 9), (2020, 12), (2021, 3), (2021, 6)]
    cells = {}
    for p, xi, gi in zip(periods, x, g, strict=True):
        cells[("drv", *p)] = (None, float(xi))
        cells[("gdp", *p)] = (None, float(gi))
    spec = SectorSpec("all", "全部", "secondary", 1.0, "va_all", "drv", "指标")
    return [spec], Snapshot(cells)


def test_the_back_test_error_is_exactly_the_hand_calculation():
    specs, snap = _hand_case()
    test = bt.backtest(specs, lambda t: snap, snap)
    # Production: x_t + mean residual (G − x) of the earlier quarters.
    # 2021Q1: 6 + (1+0+1+0)/4 = 6.5 (error −0.5); 2021Q2: 5 + (1+0+1+0+1)/5 = 5.6 (−1.4).
    prod = test.scores["production"]
    assert [(r.period, round(r.estimate, 6), round(r.error, 6)) for r in prod.rows] == [
        ((2021, 3), 6.5, -0.5),
        ((2021, 6), 5.6, -1.4),
    ]
    assert prod.mae == pytest.approx(0.95) and prod.max_error == pytest.approx(1.4)
    # Bridge: G = a + b·x by least squares. On 4 quarters b = 4/5 = 0.8, a = 7 − 0.8·6.5 = 1.8,
    # so 2021Q1 is 1.8 + 0.8·6 = 6.6 (−0.4); on 5 quarters b = 4/5.2, a = 7 − 6.4·b, so
    # 2021Q2 is 7 + (5 − 6.4)·4/5.2 = 5.923077 (−1.076923).
    bridge = test.scores["bridge"]
    assert [round(r.estimate, 6) for r in bridge.rows] == [6.6, 5.923077]
    assert bridge.mae == pytest.approx((0.4 + 1.4 * 4 / 5.2) / 2)
    assert test.chosen == "bridge" and test.window == ((2021, 3), (2021, 6))


def test_a_year_with_published_quarters_starts_from_them():
    # Published 5.5% for 前三季度 (share 0.7 of last year), the model said 5.0 for it and says
    # 5.2 for the year: the year is 5.2 + 0.7 × (5.5 − 5.0) = 5.55.
    assert bt.anchored(5.2, 5.0, 5.5, 0.7) == pytest.approx(5.55)


def test_the_reverse_calculation_flags_what_no_recent_year_has_seen():
    snap, _ = _district()
    specs = _specs()
    model = calibrate(specs, snap)
    estimate = model.estimate(snap, (2025, 12))
    va_ranges = {
        s.code: rv.range_of(
            [
                c[1]
                for k, c in snap.cells.items()
                if k[0] == s.va_code and k[1] >= 2020 and c[1] is not None
            ]
        )
        for s in specs
    }
    target = estimate.growth + 3.0  # three points more than the drivers give
    reqs = {r.code: r for r in rv.requirements(model, estimate, target, 0.0, va_ranges, {})}
    # 建筑业 (about 8% of GDP) alone would need some 37 points more: far beyond its range.
    construction = reqs["construction"]
    assert construction.growth > va_ranges["construction"].high and construction.reachable is False
    part = estimate.part("construction")
    assert construction.growth == pytest.approx(part.growth + 3.0 / part.share)
    # Its driver's requirement follows from the calibrated θ and the price change.
    fit = model.fits["construction"]
    real = (construction.growth - fit.alpha) / fit.theta
    assert construction.driver_growth == pytest.approx((100 + real) * 1.01 - 100)
    gap, combos = rv.combinations(model, estimate, target, 0.0, va_ranges, {})
    assert gap == pytest.approx(3.0)
    shared = combos[0]
    # Shared out within the ranges: every industry stays at or under its highest growth.
    for code, g in shared.growths.items():
        assert g <= va_ranges[code].high + 1e-9
    total = sum(
        estimate.part(c).share * (g - estimate.part(c).growth) for c, g in shared.growths.items()
    )
    assert shared.reachable and total == pytest.approx(3.0)
    # "How much more industry growth makes up for weaker services": one point less of services
    # needs w_services/w_industry points more of industry.
    pair = {c.label: c for c in combos[1:]}
    ind, srv = estimate.part("industry"), estimate.part("services")
    less, same = pair["pair:-1"].growths["industry"], pair["pair:+0"].growths["industry"]
    assert less - same == pytest.approx(srv.share / ind.share)


def _unrelated(g: list[float]):
    """One industry whose value added moves against its driver: x rises 3→8 while g falls."""
    x = [3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    cells = {}
    for q, xi, gi in zip((3, 6, 9, 12, 3, 6), x, g, strict=True):
        year = 2021 if len(cells) < 8 else 2022
        cells[("drv", year, q)] = (None, xi)
        cells[("va_all", year, q)] = (None, gi)
    return SectorSpec("all", "全部", "primary", 1.0, "va_all", "drv", "指标"), Snapshot(cells)


def test_an_elasticity_of_the_wrong_sign_is_never_used():
    from econdesk.analysis.gdp.model import fit_sector

    spec, snap = _unrelated([6.0, 5.8, 5.5, 5.2, 5.0, 4.6])
    fit = fit_sector(spec, snap, sorted({(y, m) for _c, y, m in snap.cells}))
    # Least squares with a constant would give θ ≈ −0.28; the driver explains nothing, so θ
    # alone is fitted through α = 0: Σx·g / Σx².
    x, g = [3, 4, 5, 6, 7, 8], [6.0, 5.8, 5.5, 5.2, 5.0, 4.6]
    assert fit.source == "ratio" and fit.alpha == 0.0
    assert fit.theta == pytest.approx(
        sum(a * b for a, b in zip(x, g, strict=True)) / sum(a * a for a in x)
    )
    assert fit.theta > 0
    # Falling growth against a rising driver with a negative level: even θ alone is ≤ 0.
    spec, snap = _unrelated([-1.0, -1.5, -2.0, -2.5, -3.0, -3.5])
    fit = fit_sector(spec, snap, sorted({(y, m) for _c, y, m in snap.cells}))
    assert (fit.source, fit.alpha, fit.theta) == ("default", 0.0, 1.0)
