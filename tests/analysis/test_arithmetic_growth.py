"""Growth and the comparable base (docs/methodology.md §2), with its worked numbers."""

from __future__ import annotations

from decimal import Decimal as D

from econdesk.analysis.arithmetic.growth import (
    base_adjustment,
    growth_pct,
    implied_base,
    implied_base_band,
    implied_deflator,
    round_half_up,
    single_month_growth,
    to_decimal,
)


def test_it_recovers_the_base_from_value_and_growth():
    assert round_half_up(implied_base(D("32.0"), D("-6.0")), 2) == D("34.04")


def test_it_accepts_ints_as_well_as_decimals():
    assert round_half_up(implied_base(32, -6), 2) == D("34.04")


def test_it_keeps_the_band_the_rounded_growth_allows():
    low, high = implied_base_band(D("32.0"), D("-6.0"))
    assert (round_half_up(low, 2), round_half_up(high, 2)) == (D("34.02"), D("34.06"))
    assert low < implied_base(D("32.0"), D("-6.0")) < high


def test_it_widens_the_band_for_fewer_published_decimals():
    low1, high1 = implied_base_band(D("32.0"), D("-6.0"), published_decimals=1)
    low0, high0 = implied_base_band(D("32.0"), D("-6.0"), published_decimals=0)
    assert low0 < low1 and high0 > high1


def test_it_gives_the_naive_growth_against_last_years_published_value():
    assert round_half_up(growth_pct(D("32.0"), D("35.2")), 1) == D("-9.1")


def test_it_measures_the_base_adjustment():
    base = implied_base(D("32.0"), D("-6.0"))
    assert round_half_up(base_adjustment(base, D("35.2")), 2) == D("-1.16")


def test_it_derives_the_implied_deflator():
    # (32.0/35.2)/0.94 − 1 = −3.29%
    assert round_half_up(implied_deflator(D("32.0"), D("35.2"), D("-6.0")), 2) == D("-3.29")


def test_it_derives_single_month_growth_from_cumulative_figures():
    g = single_month_growth(D("32.0"), D("34.04"), D("16.5"), D("16.8"))
    assert round_half_up(g, 1) == D("-10.1")


def test_it_gives_no_single_month_growth_without_both_bases():
    assert single_month_growth(D("32.0"), None, D("16.5"), D("16.8")) is None
    assert single_month_growth(D("32.0"), D("16.8"), D("16.5"), D("16.8")) is None


def test_it_gives_no_base_for_growth_of_minus_100_percent():
    assert implied_base(D("0"), D("-100.0")) is None
    assert implied_base_band(D("0"), D("-100.0")) is None
    assert implied_deflator(D("1"), D("2"), D("-100")) is None


def test_it_gives_no_growth_over_a_zero_or_unknown_base():
    assert growth_pct(D("5"), D("0")) is None
    assert growth_pct(D("5"), None) is None
    assert implied_base(None, D("3.0")) is None
    assert base_adjustment(None, D("35.2")) is None


def test_it_rounds_half_up_as_bulletins_do():
    assert round_half_up(D("0.105"), 2) == D("0.11")
    assert round_half_up(D("-0.105"), 2) == D("-0.11")
    assert round_half_up(D("6.45"), 1) == D("6.5")
    assert round_half_up(None) is None


def test_it_reads_floats_through_their_decimal_text():
    assert to_decimal(6.65) == D("6.65")
    assert round_half_up(6.65, 1) == D("6.7")
