"""The GDP estimate read from the ledger reproduces docs/methodology.md §5's worked example."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from econdesk.analysis.gdp_estimate import estimate_for
from econdesk.ledger.models import Indicator, Target
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.catalogue import period_for
from econdesk.ledger.services.gdp import ensure_default_gdp_sectors
from tests.helpers import write_figures

# Driver growths that give the worked table's industry growths (§5).
DRIVERS = {
    "agri_output": "3.5",  # comparable prices → 3.50
    "industry_va": "6.0",  # θ 0.85, 规下 3.0 → 5.55
    "construction_output": "8.0",  # price +1% → 6.93
    "wholesale_sales": "5.0",  # price +1% → 3.96
    "catering_revenue": "7.0",  # price +1% → 5.94
    "deposits": "5.0",  # → 5.00
    "house_sales_area": "-3.0",  # → −3.00
    "services_revenue": "7.06",  # price +1% → 6.00
}


@pytest.fixture
def district(people, sample_city):
    ensure_default_gdp_sectors(people["admin"])
    city, members = sample_city
    home = members["东城区"]
    rows = [(home, code, "2022-03", None, g, None) for code, g in DRIVERS.items()]
    write_figures(people["admin"], rows)
    return home


def q(x, places="0.01"):
    return x.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def test_it_estimates_gdp_growth_as_the_worked_example(district):
    result = estimate_for(district, PeriodKey(2022, 3))
    assert q(result["gdp_growth"]) == Decimal("4.84")
    by_code = {row["code"]: row for row in result["sectors"]}
    assert q(by_code["industry"]["growth"]) == Decimal("5.55")
    assert q(by_code["industry"]["pull"]) == Decimal("2.22")
    assert q(by_code["industry"]["contribution_rate"], "0.1") == Decimal("45.8")
    assert q(by_code["construction"]["growth"]) == Decimal("6.93")
    assert q(by_code["real_estate"]["contribution_rate"], "0.1") == Decimal("-4.3")
    assert by_code["transport"]["driver_source"] == "人工设定"
    groups = {g["group"]: g for g in result["groups"]}
    assert q(groups["primary"]["pull"]) == Decimal("0.11")
    assert q(groups["secondary"]["pull"]) == Decimal("2.77")
    assert q(groups["secondary"]["growth"]) == Decimal("5.78")
    assert q(groups["tertiary"]["growth"]) == Decimal("4.01")


def test_it_reverses_a_gdp_target_into_the_growth_each_driver_needs(district, people):
    Target.objects.create(
        region=district,
        indicator=Indicator.objects.get(code="gdp"),
        period=period_for(2022, 3),
        level="city",
        growth=Decimal("5.5"),
    )
    result = estimate_for(district, PeriodKey(2022, 3))
    assert result["target_growth"] == Decimal("5.5")
    assert result["target_label"] == "市下达一季度目标"
    assert q(result["gap_pp"]) == Decimal("0.66")
    industry = next(r for r in result["sectors"] if r["code"] == "industry")
    assert q(industry["required_growth"]) == Decimal("7.19")
    assert q(industry["required_driver_growth"]) == Decimal("7.93")
    assert q(industry["driver_gap_pp"]) == Decimal("1.93")
