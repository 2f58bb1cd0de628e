"""GDP estimate, pull, contribution rate and reverse calculation (docs/methodology.md §5)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from econdesk.analysis.arithmetic.gdp import (
    Sector,
    deflate,
    estimate_gdp,
    industry_growth_from_above_and_below,
    required_above_scale_growth,
    required_sector_growth,
)
from econdesk.analysis.arithmetic.growth import round_half_up as r

THETA = D("0.85")


def worked_sectors(industry_growth=None):
    """Last year's Q1 value added = 100 亿元, as in the §5 table."""
    industry = industry_growth_from_above_and_below(D("6.0"), D("3.0"), THETA)
    return [
        Sector("agri", "农林牧渔", 3, D("3.5"), "primary"),
        Sector(
            "ind", "工业", 40, industry if industry_growth is None else industry_growth, "secondary"
        ),
        Sector("cons", "建筑业", 8, deflate(D("8"), D("1")), "secondary"),
        Sector("trade", "批零", 10, deflate(D("5"), D("1")), "tertiary"),
        Sector("hotel", "住餐", 2, deflate(D("7"), D("1")), "tertiary"),
        Sector("transport", "交通", 4, D("4.00"), "tertiary"),
        Sector("finance", "金融", 6, D("5.00"), "tertiary"),
        Sector("estate", "房地产", 7, D("-3.00"), "tertiary"),
        Sector("other", "其他服务", 20, D("6.00"), "tertiary"),
    ]


def test_it_combines_above_and_below_scale_industry():
    assert industry_growth_from_above_and_below(D("6.0"), D("3.0"), THETA) == D("5.55")


def test_it_deflates_nominal_growth():
    assert r(deflate(D("8"), D("1")), 2) == D("6.93")
    assert r(deflate(D("5"), D("1")), 2) == D("3.96")
    assert r(deflate(D("7"), D("1")), 2) == D("5.94")
    assert deflate(D("8"), D("-100")) is None


def test_it_estimates_gdp_growth():
    assert r(estimate_gdp(worked_sectors()).gdp_growth, 2) == D("4.84")


def test_it_gives_each_sectors_pull_and_contribution_rate():
    table = {
        "agri": ("3.50", "0.11", "2.2"),
        "ind": ("5.55", "2.22", "45.8"),
        "cons": ("6.93", "0.55", "11.4"),
        "trade": ("3.96", "0.40", "8.2"),
        "hotel": ("5.94", "0.12", "2.5"),
        "transport": ("4.00", "0.16", "3.3"),
        "finance": ("5.00", "0.30", "6.2"),
        "estate": ("-3.00", "-0.21", "-4.3"),
        "other": ("6.00", "1.20", "24.8"),
    }
    estimate = estimate_gdp(worked_sectors())
    for code, (growth, pull, rate) in table.items():
        s = estimate.sector(code)
        assert (r(s.growth_pct, 2), r(s.pull, 2), r(s.contribution_rate, 1)) == (
            D(growth),
            D(pull),
            D(rate),
        ), code


def test_it_adds_pulls_up_to_gdp_growth():
    estimate = estimate_gdp(worked_sectors())
    assert sum(s.pull for s in estimate.sectors) == estimate.gdp_growth


def test_it_groups_sectors_into_primary_secondary_tertiary():
    groups = estimate_gdp(worked_sectors()).groups
    assert r(groups["primary"].pull, 2) == D("0.11")
    assert (r(groups["secondary"].share, 2), r(groups["secondary"].growth_pct, 2)) == (
        D("0.48"),
        D("5.78"),
    )
    assert r(groups["secondary"].pull, 2) == D("2.77")
    assert (r(groups["tertiary"].share, 2), r(groups["tertiary"].growth_pct, 2)) == (
        D("0.49"),
        D("4.01"),
    )
    assert r(groups["tertiary"].pull, 2) == D("1.96")


def test_it_accepts_weights_as_shares():
    as_shares = [
        Sector(s.code, s.name, D(s.weight) / 100, s.growth_pct, s.group) for s in worked_sectors()
    ]
    assert estimate_gdp(as_shares).gdp_growth == estimate_gdp(worked_sectors()).gdp_growth


def test_it_gives_no_gdp_growth_while_a_sector_is_missing():
    sectors = worked_sectors()
    sectors[0] = Sector("agri", "农林牧渔", 3, None, "primary")
    estimate = estimate_gdp(sectors)
    assert estimate.gdp_growth is None
    assert estimate.missing == ("agri",)
    assert estimate.sector("ind").pull == D("2.22")
    assert estimate.sector("ind").contribution_rate is None


def test_it_gives_no_contribution_rate_when_gdp_does_not_grow():
    flat = [Sector("a", "甲", 50, D("2")), Sector("b", "乙", 50, D("-2"))]
    estimate = estimate_gdp(flat)
    assert estimate.gdp_growth == 0
    assert estimate.sector("a").contribution_rate is None


def test_it_reverses_to_the_industry_growth_a_gdp_target_needs():
    needed = required_sector_growth(worked_sectors(), "ind", D("5.5"))
    assert r(needed, 2) == D("7.19")


def test_it_ignores_the_sectors_own_current_growth_when_reversing():
    a = required_sector_growth(worked_sectors(), "ind", D("5.5"))
    b = required_sector_growth(worked_sectors(industry_growth=D("0")), "ind", D("5.5"))
    assert a == b


def test_it_checks_the_reverse_calculation_against_the_estimate():
    needed = required_sector_growth(worked_sectors(), "ind", D("5.5"))
    assert r(estimate_gdp(worked_sectors(industry_growth=needed)).gdp_growth, 10) == D("5.5")


def test_it_translates_industry_growth_to_above_scale_growth():
    assert r(required_above_scale_growth(D("7.19"), D("3.0"), THETA), 2) == D("7.93")
    needed = required_sector_growth(worked_sectors(), "ind", D("5.5"))
    assert r(required_above_scale_growth(needed, D("3.0"), THETA), 2) == D("7.93")
    assert required_above_scale_growth(D("7.19"), D("3.0"), D("0")) is None


def test_it_refuses_an_unknown_sector():
    with pytest.raises(KeyError):
        required_sector_growth(worked_sectors(), "mining", D("5.5"))
