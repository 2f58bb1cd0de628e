"""On the real NBS provincial data, every province's rank in every period, checked against a
ranking computed independently here (sort, then 1 + the number of provinces strictly ahead)."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from econdesk.analysis.panel import build_panel
from econdesk.analysis.peers import peer_table
from econdesk.ledger.importing import import_files
from econdesk.ledger.models import Indicator, Observation, Period, Region
from econdesk.ledger.periods import PeriodKey
from tests.conftest import REAL_EXPLANATION, REAL_PROVINCES


@pytest.fixture
def provinces(people):
    import_files(people["reviewer"], [REAL_PROVINCES], parent="全国", explanation=REAL_EXPLANATION)
    return Region.objects.get(name="全国")


def independent_ranks() -> dict[tuple, int | None]:
    """(province, indicator, period) → rank by published growth at 0.1, ties shared."""
    groups = defaultdict(list)
    for name, code, year, month, growth in Observation.objects.filter(is_current=True).values_list(
        "region__name", "indicator__code", "period__year", "period__month", "growth"
    ):
        groups[(code, year, month)].append((name, growth))
    ranks = {}
    for (code, year, month), members in groups.items():
        rounded = {
            n: g.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            for n, g in members
            if g is not None
        }
        for name, growth in members:
            key = (name, code, f"{year}-{month:02d}")
            ranks[key] = (
                None
                if growth is None
                else 1 + sum(1 for g in rounded.values() if g > rounded[name])
            )
    return ranks


def test_it_ranks_every_province_in_every_period_as_an_independent_ranking(provinces):
    expected = independent_ranks()
    assert len(expected) == 2046
    got = {}
    # The peer table's ranking (analysis.peers), the one the panel ranks with.
    pairs = Observation.objects.filter(region__parent=provinces).values_list(
        "indicator_id", "period_id"
    )
    indicators = Indicator.objects.in_bulk({i for i, _ in pairs})
    periods = Period.objects.in_bulk({p for _, p in pairs})
    for indicator_id, period_id in sorted(set(pairs)):
        indicator, period = indicators[indicator_id], periods[period_id]
        for row in peer_table(provinces, indicator, period):
            if row.growth is not None or row.value is not None:
                got[(row.region.name, indicator.code, period.code)] = row.rank
    assert got == expected
    # Tibet's two blank growth cells take no place.
    assert expected[("西藏自治区", "re_investment_residential", "2017-02")] is None
    assert expected[("西藏自治区", "re_investment", "2017-02")] == 1  # +236.2%


def test_it_gives_the_panel_the_same_ranks(provinces):
    expected = independent_ranks()
    for name in ["北京市", "西藏自治区", "广东省"]:
        region = Region.objects.get(name=name)
        for month in (2, 6, 12):
            panel = build_panel(region, PeriodKey(2018, month))
            for row in panel["indicators"]:
                assert row["rank"] == expected[(name, row["code"], f"2018-{month:02d}")]
                assert row["rank_of"] == 31
