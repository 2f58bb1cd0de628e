"""docs/gdp-method.md §7's worked example, computed by the code it describes.

Every number the document quotes is asserted here, so the document cannot drift from the
method. No database: the figures are a small two-industry district built in plain numbers.
"""

from __future__ import annotations

import pytest

from econdesk.analysis.gdp import backtest as bt
from econdesk.analysis.gdp import reverse as rv
from econdesk.analysis.gdp.model import SectorSpec, Snapshot, calibrate, weights_for

SPECS = [
    SectorSpec("industry", "工业", "secondary", 40, "va_industry", "industry_va", "规上工业增加值"),
    SectorSpec(
        "services", "服务业", "tertiary", 60, "va_services", "services_revenue", "营业收入",
        current_price=True, price_change=2.0,
    ),
]  # fmt: skip
BASE = {  # 2022 value added, 亿元, year to date
    "industry": {3: 40.0, 6: 85.0, 9: 130.0, 12: 180.0},
    "services": {3: 50.0, 6: 105.0, 9: 160.0, 12: 220.0},
}
QUARTERS = [(y, m) for y in (2023, 2024) for m in (3, 6, 9, 12)] + [(2025, 3)]
# 规上工业增加值, 工业增加值, 营业收入 (current prices), 服务业增加值: growth %, as in the document
PUBLISHED = [
    (5.0, 5.1, 8.0, 4.6),
    (6.0, 5.8, 9.0, 5.0),
    (7.0, 6.9, 7.0, 4.0),
    (6.5, 6.4, 6.0, 3.6),
    (4.0, 4.0, 5.0, 2.9),
    (5.0, 5.1, 6.0, 3.7),
    (5.5, 5.4, 7.0, 4.1),
    (6.0, 6.0, 8.0, 4.6),
    (7.0, 6.9, 9.0, 5.1),
]
H1, Q1 = (2025, 6), (2025, 3)


def _district() -> Snapshot:
    cells: dict = {}
    levels = {c: {(2022, m): v for m, v in by.items()} for c, by in BASE.items()}
    for m in (3, 6, 9, 12):
        for c in BASE:
            cells[(f"va_{c}", 2022, m)] = (BASE[c][m], None)
        cells[("gdp", 2022, m)] = (BASE["industry"][m] + BASE["services"][m], None)
    for (y, m), (xi, gi, xs, gs) in zip(QUARTERS, PUBLISHED, strict=True):
        cells[("industry_va", y, m)] = (None, xi)
        cells[("services_revenue", y, m)] = (None, xs)
        for code, g in (("industry", gi), ("services", gs)):
            levels[code][(y, m)] = round(levels[code][(y - 1, m)] * (1 + g / 100), 2)
            cells[(f"va_{code}", y, m)] = (levels[code][(y, m)], g)
        now = sum(levels[c][(y, m)] for c in levels)
        last = sum(levels[c][(y - 1, m)] for c in levels)
        cells[("gdp", y, m)] = (round(now, 2), round((now / last - 1) * 100, 1))
    cells[("industry_va", *H1)] = (None, 7.5)
    cells[("services_revenue", *H1)] = (None, 8.5)
    return Snapshot(cells)


def r3(x: float) -> float:
    return round(x, 3)


def test_the_published_gdp_column_of_the_table():
    snap = _district()
    assert [snap.growth("gdp", p) for p in QUARTERS] == [
        4.8, 5.4, 5.3, 4.9, 3.4, 4.3, 4.7, 5.2, 5.9,
    ]  # fmt: skip
    assert snap.value("va_industry", (2024, 6)) == 94.52
    assert snap.value("va_services", (2024, 6)) == 114.33
    assert snap.value("gdp", (2024, 6)) == 208.85
    assert snap.value("gdp", (2024, 3)) == 97.54


def test_the_fit_the_weights_and_the_estimate():
    snap = _district()
    model = calibrate(SPECS, snap)
    ind, srv = model.fits["industry"], model.fits["services"]
    assert (ind.source, ind.n, r3(ind.alpha), r3(ind.theta)) == ("fitted", 9, 0.306, 0.939)
    assert (srv.source, srv.n, r3(srv.alpha), r3(srv.theta)) == ("fitted", 9, 1.511, 0.521)
    assert round(ind.rmse, 2) == 0.08 and round(srv.rmse, 2) == 0.08
    assert round(model.residual, 4) == 0.0002 and model.residual_n == 9
    weights = weights_for(SPECS, snap, H1)
    assert weights.source == "published"
    assert round(weights.shares["industry"], 4) == 0.4526
    assert round(weights.shares["services"], 4) == 0.5474
    est = model.estimate(snap, H1)
    assert r3(est.part("industry").growth) == 7.351
    assert r3(est.part("services").real_driver) == 6.373
    assert r3(est.part("services").growth) == 4.830
    assert r3(est.part("industry").pull) == 3.327 and r3(est.part("services").pull) == 2.644
    assert r3(est.growth) == 5.971


def test_the_estimate_starts_from_the_published_first_quarter():
    snap = _district()
    model = calibrate(SPECS, snap)
    at_q1 = model.estimate(snap, Q1).growth
    share = snap.value("gdp", (2024, 3)) / snap.value("gdp", (2024, 6))
    assert r3(at_q1) == 5.891 and round(share, 4) == 0.4670
    year = bt.anchored(model.estimate(snap, H1).growth, at_q1, 5.9, share)
    assert r3(year) == 5.976
    assert f"测算增长{year:.1f}%左右" == "测算增长6.0%左右"


def test_the_back_test_table_and_its_mean_absolute_error_by_hand():
    snap = _district()
    early = calibrate(SPECS, snap, before=(2024, 3))
    assert early.fits["industry"].source == "ratio" and r3(early.fits["industry"].theta) == 0.987
    assert r3(early.fits["services"].theta) == 0.785 and r3(early.residual) == 0.054
    test = bt.backtest(SPECS, lambda t: snap, snap)
    prod, bridge = test.scores["production"], test.scores["bridge"]
    assert [(r.period, r.published, r3(r.estimate), r3(r.error)) for r in prod.rows] == [
        ((2024, 3), 3.4, 3.093, -0.307),
        ((2024, 6), 4.3, 4.020, -0.280),
        ((2024, 9), 4.7, 4.704, 0.004),
        ((2024, 12), 5.2, 5.193, -0.007),
        ((2025, 3), 5.9, 5.885, -0.015),
    ]
    assert [(r3(r.estimate), r3(r.error)) for r in bridge.rows] == [
        (4.850, 1.450), (4.370, 0.070), (4.692, -0.008), (5.183, -0.017), (5.897, -0.003),
    ]  # fmt: skip
    assert prod.mae == pytest.approx(sum(abs(r.error) for r in prod.rows) / 5)
    assert r3(prod.mae) == 0.123 and r3(bridge.mae) == 0.310 and prod.window == 5
    assert test.chosen == "production"
    assert (
        f"（近{prod.window}个季度平均误差±{prod.mae:.1f}个百分点）"
        == "（近5个季度平均误差±0.1个百分点）"
    )


def test_the_reverse_calculation_for_six_and_a_half_percent():
    snap = _district()
    model = calibrate(SPECS, snap)
    est = model.estimate(snap, H1)
    share = snap.value("gdp", (2024, 3)) / snap.value("gdp", (2024, 6))
    shift = share * (5.9 - model.estimate(snap, Q1).growth)
    assert round(shift, 4) == 0.0043
    ranges = {
        s.code: rv.range_of(
            [c[1] for k, c in snap.cells.items() if k[0] == s.va_code and c[1] is not None]
        )
        for s in SPECS
    }
    assert ranges["industry"].high == 6.9 and ranges["services"].high == 5.1
    reqs = {r.code: r for r in rv.requirements(model, est, 6.5, shift, ranges, {})}
    ind, srv = reqs["industry"], reqs["services"]
    assert round(ind.growth, 2) == 8.51 and round(ind.driver_growth, 2) == 8.73
    assert ind.reachable is False and ind.high == 6.9
    assert round(srv.growth, 2) == 5.79 and round(srv.driver_growth, 1) == 10.4
    assert srv.reachable is False and srv.high == 5.1
    gap, combos = rv.combinations(model, est, 6.5, shift, ranges, {})
    assert round(gap, 2) == 0.52
    assert combos[0].label == "各行业都达到近五年最高增速仍不够" and not combos[0].reachable
