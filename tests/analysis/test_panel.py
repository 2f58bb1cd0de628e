"""The indicator panel read from the ledger: base, gaps, targets, progress, rank changes."""

from decimal import ROUND_HALF_UP, Decimal

import pytest

from econdesk.analysis.panel import build_panel
from econdesk.ledger.models import Indicator, Target
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.catalogue import period_for
from tests.helpers import write_figures


def r(x, places="0.01"):
    return None if x is None else x.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@pytest.fixture
def fai_story(people, sample_city):
    """东城区 fixed-asset investment as docs/methodology.md §2–§3: Q1 32.0 亿元, −6.0%."""
    city, m = sample_city
    home = m["东城区"]
    rows = [
        (home, "fai", "2021-02", "15.9", "3.0", None),
        (home, "fai", "2021-03", "35.2", "4.0", None),
        (home, "fai", "2021-12", "155.0", "5.0", None),
        (home, "fai", "2022-02", "16.5", "-1.8", None),
        (home, "fai", "2022-03", "32.0", "-6.0", None),
        (city, "fai", "2022-03", "300.0", "5.6", None),
        (city, "fai", "2022-02", "150.0", "4.0", None),
    ]
    # Peers for the rank: 东城 −6.0 sits 7th of 8 in 1-3月, 8th in 1-2月.
    growths_q1 = {"西城区": "4.2", "南湖区": "15.3", "北山区": "9.8", "临江县": "21.0",
                  "青山县": "-12.5", "白水县": "2.2", "红岩市": "7.1"}  # fmt: skip
    growths_feb = {"西城区": "4.0", "南湖区": "12.0", "北山区": "8.0", "临江县": "20.0",
                   "青山县": "1.0", "白水县": "2.0", "红岩市": "7.0"}  # fmt: skip
    rows += [(m[n], "fai", "2022-03", None, g, None) for n, g in growths_q1.items()]
    rows += [(m[n], "fai", "2022-02", None, g, None) for n, g in growths_feb.items()]
    write_figures(people["admin"], rows)
    fai = Indicator.objects.get(code="fai")
    Target.objects.create(region=home, indicator=fai, period=period_for(2022, 3), level="city",
                          growth=Decimal("8.0"))  # fmt: skip
    Target.objects.create(region=home, indicator=fai, period=period_for(2022, 12), level="city",
                          growth=Decimal("9.0"))  # fmt: skip
    return home


def fai_row(home, month=3):
    panel = build_panel(home, PeriodKey(2022, month))
    return next(row for row in panel["indicators"] if row["code"] == "fai")


def test_it_gives_the_implied_base_and_the_gap_to_zero_growth(fai_story):
    row = fai_row(fai_story)
    assert r(row["base"]) == Decimal("34.04")
    assert r(row["gap_zero_growth"]) == Decimal("2.04")


def test_it_gives_the_gap_to_the_same_period_target(fai_story):
    row = fai_row(fai_story)
    quarter = next(t for t in row["targets"] if t["period"] == "2022-03")
    # hand: 32.0 / 0.94 × 1.08 − 32.0 = 4.766
    assert r(quarter["gap_amount"]) == Decimal("4.77")
    assert r(quarter["gap_pp"], "0.1") == Decimal("14.0")
    assert quarter["met"] is False and quarter["level_label"] == "市下达"


def test_it_gives_what_the_rest_of_the_year_needs(fai_story):
    row = fai_row(fai_story)
    year = next(t for t in row["targets"] if t["period"] == "2022-12")
    base = Decimal("32.0") / Decimal("0.94")
    annual = Decimal("155.0") * base / Decimal("35.2")  # last year's total on today's footing
    target_amount = annual * Decimal("1.09")
    assert r(year["remaining"]) == r(target_amount - Decimal("32.0"))
    assert r(year["task_progress"], "0.1") == r(Decimal("3200") / target_amount, "0.1")
    assert r(year["required_growth_rest"], "0.1") == r(
        ((target_amount - 32) / (annual - base) - 1) * 100, "0.1"
    )
    assert r(year["time_progress"], "0.1") == Decimal("25.0")
    assert r(year["required_amount_per_month"]) == r((target_amount - 32) / 9)


def test_it_compares_with_the_city_and_ranks_among_peers(fai_story):
    row = fai_row(fai_story)
    assert row["total_growth"] == Decimal("5.6")
    assert r(row["vs_total_pp"], "0.1") == Decimal("-11.6")
    assert (row["rank"], row["rank_of"], row["tied"]) == (7, 8, False)
    assert row["rank_prev"] == 8 and row["rank_change_prev"] == 1  # moved up one place
    assert row["status"]["color"] == "red"
    assert row["status"]["reasons"][0] == "距市下达一季度目标还差14.0个百分点"
    assert "增速低于全市11.6个百分点" in row["status"]["reasons"]


def test_it_says_what_it_takes_to_pass_the_next_peer(fai_story):
    row = fai_row(fai_story)
    nxt = row["move_up"]["next"]
    assert nxt["peer"] == "白水县" and nxt["growth_needed"] == Decimal("2.3")
    assert nxt["target_rank"] == 6
    assert r(nxt["amount_needed"]) == r(Decimal("32.0") / Decimal("0.94") * Decimal("1.023") - 32)
