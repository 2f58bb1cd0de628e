"""The demo city's generator: deterministic, consistent and plausible, without a database."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from econdesk.demo import profiles
from econdesk.demo.figures import DemoCity, Figure, periods_of
from econdesk.demo.generator import generate
from econdesk.ledger.catalogue import catalogue_entries

ENTRIES = {e["code"]: e for e in catalogue_entries()}
CITY = profiles.CITY_NAME
HOME = profiles.HOME_NAME
RANKED = [m.name for m in profiles.MEMBERS if m.ranked]
PER_CAPITA = {"income_all", "income_urban", "income_rural"}
SEEDS = [profiles.DEFAULT_SEED, 1, 2, 3]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=SEEDS, ids=lambda s: f"seed{s}")
def city(request) -> DemoCity:
    return generate(request.param)


@pytest.fixture(scope="module")
def default_city() -> DemoCity:
    return generate()


def _series(city: DemoCity) -> dict[tuple[str, str], list[Figure]]:
    found: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for f in city.actuals:
        found[(f.region, f.indicator)].append(f)
    return {k: sorted(v, key=lambda f: (f.year, f.month)) for k, v in found.items()}


def test_it_runs_without_django():
    code = (
        "import sys, econdesk.demo.generator as g; g.generate(); "
        "sys.exit('django' in ' '.join(sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0


def test_it_gives_the_same_city_for_the_same_seed():
    assert generate(5).actuals == generate(5).actuals
    assert generate(5).targets == generate(5).targets
    assert generate(5).actuals != generate(6).actuals


def test_it_has_ten_members_one_home_and_one_unranked_zone():
    assert len(profiles.MEMBERS) == 10
    assert [m.name for m in profiles.MEMBERS if m.is_home] == [HOME]
    assert [m.name for m in profiles.MEMBERS if not m.ranked] == ["示例高新区"]
    assert "东城区" not in {m.name for m in profiles.MEMBERS}  # the sample bulletin's name


def test_it_covers_every_indicator_for_every_region_in_its_own_periods(city):
    series = _series(city)
    regions = [CITY, *(m.name for m in profiles.MEMBERS)]
    for code, entry in ENTRIES.items():
        expected = periods_of(entry)
        full_years = [p for p in expected if p[0] in (2024, 2025)]
        assert len(full_years) == (
            8 if entry["frequency"] == "quarterly" else 26 - 2 * entry["first_month"]
        )
        for region in regions:
            got = [(f.year, f.month) for f in series[(region, code)]]
            assert got == expected, (region, code)
    assert max((f.year, f.month) for f in city.actuals) == profiles.LAST_PERIOD


def test_it_has_no_january_for_series_that_start_at_1_2月_and_quarters_only_at_quarter_ends(city):
    for f in city.actuals:
        entry = ENTRIES[f.indicator]
        if entry["frequency"] == "quarterly":
            assert f.month in (3, 6, 9, 12), f
        elif entry["first_month"] == 2:
            assert f.month != 1, f


def test_ytd_values_rise_within_a_year(city):
    for (region, code), figures in _series(city).items():
        if ENTRIES[code]["cumulation"] != "ytd":
            continue
        for a, b in zip(figures, figures[1:], strict=False):
            if a.year == b.year:
                assert b.value > a.value, (region, code, b.year, b.month)


def test_growth_is_value_over_base_rounded_to_a_tenth(city):
    for f in city.actuals + city.estimates:
        exact = (f.value / f.base - 1) * 100
        assert abs(f.growth - exact) <= Decimal("0.05"), f
        assert f.growth == f.growth.quantize(Decimal("0.1"))


def test_the_base_is_last_years_value_within_two_percent(city):
    series = _series(city)
    for (region, code), figures in series.items():
        by_period = {(f.year, f.month): f for f in figures}
        for f in figures:
            last = by_period.get((f.year - 1, f.month))
            if last is not None and region != CITY:
                assert abs(f.base / last.value - 1) <= Decimal("0.0201"), (region, code, f)


def test_the_city_total_is_the_sum_of_its_members(city):
    for f in (f for f in city.actuals if f.region == CITY):
        members = [city.figure(m.name, f.indicator, f.year, f.month) for m in profiles.MEMBERS]
        if f.indicator in PER_CAPITA:
            assert min(m.value for m in members) <= f.value <= max(m.value for m in members)
        else:
            assert f.value == sum(m.value for m in members), f
            assert f.base == sum(m.base for m in members), f
        assert f.rank is None


def test_gdp_is_the_sum_of_its_three_sectors(city):
    for f in (f for f in city.actuals if f.indicator == "gdp"):
        parts = [city.figure(f.region, code, f.year, f.month) for code in profiles.GDP_PARTS]
        assert f.value == sum(p.value for p in parts)


def test_ytd_growth_moves_smoothly_after_1_3月(city):
    for (region, code), figures in _series(city).items():
        for a, b in zip(figures, figures[1:], strict=False):
            if a.year == b.year and b.month > 3:
                assert abs(b.growth - a.growth) < 3, (region, code, b.year, b.month)


def test_ranks_follow_the_rounded_growth_with_ties_sharing_a_rank(city):
    for code, entry in ENTRIES.items():
        for period in periods_of(entry):
            figures = {m: city.figure(m, code, *period) for m in RANKED}
            growths = [f.growth for f in figures.values()]
            expected = {m: 1 + sum(g > f.growth for g in growths) for m, f in figures.items()}
            assert {m: f.rank for m, f in figures.items()} == expected, (code, period)
            assert city.figure("示例高新区", code, *period).rank is None


def test_there_is_a_tie_in_1_2月_of_2026(city):
    tied = []
    for code, entry in ENTRIES.items():
        if (2026, 2) in periods_of(entry):
            growths = [city.figure(m, code, 2026, 2).growth for m in RANKED]
            if len(set(growths)) < len(growths):
                tied.append(code)
    assert tied


def test_monthly_amounts_are_seasonal(default_city):
    for m in profiles.MEMBERS:
        for code in ("retail_sales", "fai", "industry_output"):
            ytd = {f.month: f.value for f in default_city.series(m.name, code) if f.year == 2025}
            assert ytd[2] / ytd[12] < Decimal(2) / 12  # 1-2月 below two average months
            assert ytd[12] - ytd[11] > ytd[12] / 12  # December above an average month


def test_magnitudes_are_those_of_a_mid_size_citys_districts(default_city):
    ranges = {
        "gdp": (300, 950),
        "retail_sales": (85, 450),
        "fiscal_revenue": (15, 65),
        "fai": (150, 500),
        "income_urban": (38_000, 62_000),
        "income_rural": (20_000, 40_000),
    }
    for code, (low, high) in ranges.items():
        for m in profiles.MEMBERS:
            for year in (2024, 2025):
                value = default_city.figure(m.name, code, year, 12).value
                assert low <= value <= high, (m.name, code, year, value)


def test_the_home_district_tells_the_speechs_story(default_city):
    c = default_city

    def growth(region: str, code: str, month: int) -> Decimal:
        return c.figure(region, code, 2026, month).growth

    assert growth(HOME, "industry_va", 2) < growth(CITY, "industry_va", 2)
    assert Decimal("-7") <= growth(HOME, "fai", 2) <= Decimal("-5")
    assert 3 <= c.figure(HOME, "retail_sales", 2026, 2).rank <= 7
    assert c.figure(HOME, "fiscal_revenue", 2026, 2).rank >= 7
    assert growth(HOME, "gdp", 3) < Decimal("6.0")  # the 市下达 一季度 target
    assert c.figure(HOME, "income_rural", 2026, 3).rank <= 3


def test_department_estimates_cover_the_home_districts_first_quarter(default_city):
    estimates = {f.indicator: f for f in default_city.estimates}
    assert set(estimates) == {"fai", "tertiary_va", "gdp", "retail_sales"}
    assert all((f.region, f.year, f.month) == (HOME, 2026, 3) for f in estimates.values())
    assert Decimal("-5.5") <= estimates["fai"].growth <= Decimal("-4.5")


def test_targets_rise_from_city_to_district_to_stretch_for_the_home_district(default_city):
    targets = default_city.targets
    home = [t for t in targets if t.region == HOME]
    assert {t.level for t in home} == {"city", "district", "stretch"}
    assert {t.level for t in targets if t.region != HOME} == {"city"}
    assert {(t.year, t.month) for t in targets} == {(2025, 3), (2025, 12), (2026, 3), (2026, 12)}
    by_key = {(t.indicator, t.year, t.month, t.level): t for t in home}
    for code, year, month in (("gdp", 2026, 3), ("fai", 2026, 12), ("retail_sales", 2025, 12)):
        levels = [
            by_key[(code, year, month, level)].growth for level in ("city", "district", "stretch")
        ]
        assert levels == sorted(levels) and levels[0] < levels[2]
    assert by_key[("fiscal_revenue", 2026, 12, "city")].value is not None
    assert by_key[("retail_sales", 2026, 12, "district")].rank_goal == 3


def test_the_home_districts_industries_add_up_to_its_published_groups(city):
    """Value added by industry (for the GDP calibration) sums to 第一/二/三产业 exactly."""
    from econdesk.demo.gdp_history import GROUPS
    from econdesk.ledger.gdp_defaults import VALUE_ADDED

    by = {(f.indicator, f.year, f.month): f for f in city.value_added}
    assert {f.year for f in city.value_added} == {2024, 2025, 2026}
    for group, (rest, shares) in GROUPS.items():
        for f in (f for f in city.series(profiles.HOME_NAME, group) if f.month % 3 == 0):
            parts = [by[(VALUE_ADDED[c][0], f.year, f.month)] for c in (rest, *shares)]
            assert abs(sum(p.value for p in parts) - f.value) <= Decimal("0.01") * len(parts)
            # Against the same comparable base their growths add up to the group's.
            weighted = sum(p.base * p.growth for p in parts) / sum(p.base for p in parts)
            assert abs(weighted - f.growth) <= Decimal("0.1")


def test_the_smaller_industries_follow_their_drivers(default_city):
    from econdesk.demo.gdp_history import DRIVERS, TRUTH, _real
    from econdesk.ledger.gdp_defaults import VALUE_ADDED

    for code, (alpha, theta, sd) in TRUTH.items():
        driver, price = DRIVERS[code]
        for f in (f for f in default_city.value_added if f.indicator == VALUE_ADDED[code][0]):
            x = _real(
                float(default_city.figure(profiles.HOME_NAME, driver, f.year, f.month).growth),
                price,
            )
            assert abs(float(f.growth) - (alpha + theta * x)) < 4 * sd + 0.1


def test_the_value_added_codes_are_the_gdp_tables():
    from econdesk.ledger.gdp_defaults import VALUE_ADDED

    assert set(profiles.VALUE_ADDED_CODES) == {code for code, _ in VALUE_ADDED.values()}
