"""Quarter-end and year-end projection by the seasonal share method (docs/methodology.md §8)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from econdesk.analysis.arithmetic.growth import round_half_up as r
from econdesk.analysis.arithmetic.projection import (
    blend_with_estimate,
    choose_method,
    growth_only_projection,
    last_year_share_projection,
    recent_single_month_average,
    seasonal_share_projection,
)

SHARES = [D("0.52"), D("0.55"), D("0.50")]


def worked():
    return seasonal_share_projection(D("16.5"), SHARES, D("34.04"))


def test_it_projects_the_quarter_from_the_mean_share():
    p = worked()
    assert r(p.share, 4) == D("0.5233")
    assert (r(p.value, 1), r(p.growth, 1)) == (D("31.5"), D("-7.4"))


def test_it_back_tests_leaving_one_year_out():
    p = worked()
    assert [r(e, 1) for e in p.errors] == [D("-1.0"), D("7.8"), D("-6.5")]
    assert r(p.mape, 1) == D("5.1")


def test_it_gives_a_range_from_the_back_test():
    p = worked()
    assert (r(p.low, 1), r(p.high, 1)) == (D("29.9"), D("33.1"))
    assert (r(p.low_growth, 1), r(p.high_growth, 1)) == (D("-12.1"), D("-2.6"))


def test_it_uses_empirical_quantiles_from_five_years_on():
    shares = [D("0.52"), D("0.55"), D("0.50"), D("0.53"), D("0.51")]
    p = seasonal_share_projection(D("16.5"), shares, D("34.04"))
    outcomes = sorted(p.value / (1 + e / 100) for e in p.errors)
    assert outcomes[0] < p.low < p.high < outcomes[-1]
    assert p.low < p.value < p.high


def test_it_cannot_back_test_a_single_year():
    p = seasonal_share_projection(D("16.5"), [D("0.52")], D("34.04"))
    assert p.value is not None and p.mape is None and p.low is None


def test_it_projects_nothing_without_history():
    assert seasonal_share_projection(D("16.5"), [], D("34.04")).value is None


def test_it_projects_by_last_years_comparable_share():
    p = last_year_share_projection(D("16.5"), D("16.8"), D("34.04"))
    assert (r(p.value, 1), r(p.growth, 1)) == (D("33.4"), D("-1.8"))
    assert p.mape is None


def test_it_back_tests_last_years_share_from_the_year_before():
    p = last_year_share_projection(D("16.5"), D("16.8"), D("34.04"), SHARES)
    # 0.55/0.52 − 1 and 0.50/0.55 − 1
    assert [r(e, 1) for e in p.errors] == [D("5.8"), D("-9.1")]
    assert r(p.mape, 1) == D("7.4")


def test_it_chooses_the_method_with_the_lowest_back_test_error():
    a = last_year_share_projection(D("16.5"), D("16.8"), D("34.04"), SHARES)
    b = worked()
    assert choose_method([a, b]) is b
    untested = last_year_share_projection(D("16.5"), D("16.8"), D("34.04"))
    assert choose_method([untested, b]) is b
    assert choose_method([untested]) is untested
    assert choose_method([]) is None


def test_it_projects_growth_only_series_with_base_weights():
    # b = 0.3, 0.3, 0.4; March not out, assumed 6.0 → 0.3·5 + 0.3·4 + 0.4·6 = 5.1
    got = growth_only_projection([D("30"), D("30"), D("40")], [D("5"), D("4")], D("6.0"))
    assert got == D("5.1")


def test_it_assumes_the_recent_average_for_months_not_out():
    assert recent_single_month_average([D("1"), D("2"), D("3"), D("7")]) == D("4")
    assert recent_single_month_average([D("2"), None]) == D("2")
    assert recent_single_month_average([]) is None
    got = growth_only_projection([1, 1, 1, 1], [D("3"), D("6"), D("6")])
    assert got == D("5")


def test_it_projects_no_growth_without_any_month():
    assert growth_only_projection([1, 1], []) is None


def test_it_blends_the_projection_with_an_estimate():
    assert blend_with_estimate(D("31.5"), D("33.5")) == D("32.5")
    assert blend_with_estimate(D("30"), D("40"), D("0.75")) == D("32.50")


def test_it_lets_the_projection_stand_without_an_estimate():
    assert blend_with_estimate(D("31.5"), None) == D("31.5")
    assert blend_with_estimate(None, D("33")) == D("33")
    assert blend_with_estimate(None, None) is None
    with pytest.raises(ValueError):
        blend_with_estimate(D("1"), D("2"), D("1.5"))
