"""Bulk ranks and status lights agree with the panel and with a ranking written out by hand."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from econdesk.analysis.arithmetic.status import IndicatorFacts, StatusRules, evaluate_status
from econdesk.analysis.bulk import StatusCache, rank_and_status_all, summarise
from econdesk.analysis.panel import build_panel
from econdesk.ledger.asof import reading_as_of
from econdesk.ledger.models import Indicator, Period, Region
from econdesk.ledger.periods import PeriodKey
from tests.helpers import SAMPLE_INDUSTRY, write_figures

FEB, MAR = PeriodKey(2022, 2), PeriodKey(2022, 3)

# 规上工业增加值 growth in 1-3月: 东城 6.54 and 西城 6.46 both publish as 6.5 and tie; 青山 has
# a published rank but no growth ("—"); 高新区 is a functional zone whose 20.0 would otherwise be first.
INDUSTRY_MAR = {
    "东城区": "6.54",
    "西城区": "6.46",
    "南湖区": "9.0",
    "北山区": "6.6",
    "临江县": "12.0",
    "青山县": None,
    "白水县": "-1.0",
    "红岩市": "9.04",
}
# 全社会用电量 ranked by value (0 decimals): 100.4 and 99.6 both round to 100 and tie.
POWER_MAR = {
    "东城区": ("100.4", "3.0"),
    "西城区": ("99.6", "-2.0"),
    "南湖区": ("250", "5.5"),
    "北山区": ("80", "1.0"),
    "临江县": ("99.4", "0.0"),
    "青山县": ("120", None),
    "白水县": ("60", "-4.0"),
    "红岩市": ("300", "8.0"),
}
POWER_FEB = {name: (str(Decimal(v) - 20), g) for name, (v, g) in POWER_MAR.items()}


@pytest.fixture
def ledger(catalogue, sample_city, system_user):
    city, members = sample_city
    zone = Region.objects.create(
        name="高新区", kind=Region.Kind.FUNCTIONAL_ZONE, parent=city, ranked=False, sort_order=9
    )
    members = {**members, "高新区": zone}
    Indicator.objects.filter(code="power_use").update(rank_key=Indicator.RankKey.VALUE)
    rows = []
    for name, (growth, rank) in SAMPLE_INDUSTRY.items():
        rows.append((members[name], "industry_va", FEB.code, None, growth, rank))
    for name, growth in INDUSTRY_MAR.items():
        published = 6 if growth is None else None  # a figure without growth: listed, unranked
        rows.append((members[name], "industry_va", MAR.code, None, growth, published))
    rows += [
        (zone, "industry_va", FEB.code, None, "15.0", None),
        (zone, "industry_va", MAR.code, None, "20.0", None),
        (city, "industry_va", FEB.code, None, "6.8", None),
        (city, "industry_va", MAR.code, None, "7.0", None),
    ]
    for key, table in ((FEB, POWER_FEB), (MAR, POWER_MAR)):
        for name, (value, growth) in table.items():
            rows.append((members[name], "power_use", key.code, value, growth, None))
        rows.append((zone, "power_use", key.code, "500", "9.9", None))
        rows.append((city, "power_use", key.code, "1200", "2.5", None))
    # GDP is quarterly: a stray 1-2月 figure is not a period it publishes and gets no row.
    for order, name in enumerate(INDUSTRY_MAR):
        rows.append((members[name], "gdp", MAR.code, str(100 + order), str(order - 2), None))
        rows.append((members[name], "gdp", FEB.code, "1", "1.0", None))
    rows.append((city, "gdp", MAR.code, "900", "1.0", None))
    write_figures(system_user, rows)
    return city, members


def _bulk_rows(**kwargs) -> dict[tuple[int, int, int], object]:
    out = {}
    for chunk in rank_and_status_all(**kwargs):
        for row in chunk.rows():
            out[(row.region_id, row.indicator_id, row.period_id)] = row
    return out


def _period_id(key: PeriodKey) -> int:
    return Period.objects.get(year=key.year, month=key.month).pk


def _by_hand(figures: dict[str, str | None], decimals: int) -> dict[str, int | None]:
    """Competition rank the long way: 1 + the number of ranked peers strictly better."""
    unit = Decimal(1).scaleb(-decimals)
    rounded = {
        k: None if v is None else Decimal(v).quantize(unit, rounding=ROUND_HALF_UP)
        for k, v in figures.items()
    }
    return {
        k: None if v is None else 1 + sum(1 for o in rounded.values() if o is not None and o > v)
        for k, v in rounded.items()
    }


def test_bulk_equals_the_panel_for_every_region(ledger):
    city, members = ledger
    bulk = _bulk_rows()
    indicators = {i.code: i for i in Indicator.objects.all()}
    compared = 0
    for key in (FEB, MAR):
        pid = _period_id(key)
        for region in members.values():
            panel = build_panel(region, key)
            panel_codes = {row["code"] for row in panel["indicators"]}
            bulk_codes = {
                code for code, ind in indicators.items() if (region.pk, ind.pk, pid) in bulk
            }
            assert panel_codes == bulk_codes, (region.name, key)
            for row in panel["indicators"]:
                got = bulk[(region.pk, indicators[row["code"]].pk, pid)]
                where = (region.name, row["code"], key.code)
                assert got.rank == row["rank"], where
                assert got.rank_of == row["rank_of"], where
                assert got.tied == row["tied"], where
                assert got.rank_prev == row["rank_prev"], where
                assert got.rank_change == row["rank_change_prev"], where
                assert got.growth == row["growth"], where
                assert got.total_growth == row["total_growth"], where
                assert got.color == row["status"]["color"], where
                assert list(got.reasons) == row["status"]["reasons"], where
                compared += 1
    assert compared == 2 * 9 * 2 + 8  # industry and power in both months, GDP in 1-3月


def test_bulk_ranks_equal_a_ranking_by_hand_with_ties_and_a_zone(ledger):
    city, members = ledger
    bulk = _bulk_rows()
    industry = Indicator.objects.get(code="industry_va")
    power = Indicator.objects.get(code="power_use")
    cases = [
        (industry, FEB, {k: g for k, (g, _) in SAMPLE_INDUSTRY.items()}, 1),
        (industry, MAR, INDUSTRY_MAR, 1),
        (power, MAR, {k: v for k, (v, _) in POWER_MAR.items()}, 0),
    ]
    for indicator, key, figures, decimals in cases:
        expected = _by_hand(figures, decimals)
        pid = _period_id(key)
        for name, rank in expected.items():
            assert bulk[(members[name].pk, indicator.pk, pid)].rank == rank, (name, key)
        zone = bulk[(members["高新区"].pk, indicator.pk, pid)]
        assert zone.rank is None and not zone.tied
        assert zone.rank_of == sum(1 for r in expected.values() if r is not None)
    # The sample bulletin's published ranks come out as published (西城 and 北山 tie at 5).
    pid = _period_id(FEB)
    for name, (_, published) in SAMPLE_INDUSTRY.items():
        assert bulk[(members[name].pk, industry.pk, pid)].rank == published
    mar = _period_id(MAR)
    east, west = (bulk[(members[n].pk, industry.pk, mar)] for n in ("东城区", "西城区"))
    assert east.rank == west.rank == 5 and east.tied and west.tied  # 6.54 and 6.46 → 6.5
    south, red = (bulk[(members[n].pk, industry.pk, mar)] for n in ("南湖区", "红岩市"))
    assert south.rank == red.rank == 2 and south.tied  # 9.0 and 9.04 → 9.0; nobody is 3rd
    assert bulk[(members["青山县"].pk, industry.pk, mar)].rank is None
    assert bulk[(members["青山县"].pk, industry.pk, mar)].color == "yellow"
    near, far = (bulk[(members[n].pk, power.pk, mar)] for n in ("东城区", "西城区"))
    assert near.rank == far.rank == 4 and near.tied  # 100.4 and 99.6 both publish as 100
    assert city.pk not in {region for region, _, _ in bulk}  # the total is never a row


def test_chunks_and_period_filter_change_nothing(ledger):
    whole = _bulk_rows()
    assert _bulk_rows(chunk=1) == whole
    only_march = _bulk_rows(periods=[MAR])
    assert only_march == {k: v for k, v in whole.items() if k[2] == _period_id(MAR)}
    assert any(row.rank_prev is not None for row in only_march.values())
    industry = Indicator.objects.get(code="industry_va")
    just_one = _bulk_rows(indicator_ids=[industry.pk], periods=[Period.objects.get(month=3)])
    assert just_one == {k: v for k, v in only_march.items() if k[1] == industry.pk}


def test_as_of_a_moment_bulk_reads_the_versions_the_panel_reads(ledger, system_user):
    city, members = ledger
    moment = timezone.now()
    east = members["东城区"]
    write_figures(
        system_user, [(east, "industry_va", MAR.code, None, "13.0", None)], file_name="fix"
    )
    industry = Indicator.objects.get(code="industry_va")
    key = (east.pk, industry.pk, _period_id(MAR))
    assert _bulk_rows(indicator_ids=[industry.pk], periods=[MAR])[key].rank == 1  # corrected
    with reading_as_of(moment):
        then = _bulk_rows(indicator_ids=[industry.pk], periods=[MAR])[key]
        row = next(r for r in build_panel(east, MAR)["indicators"] if r["code"] == "industry_va")
    assert then.rank == row["rank"] == 5 and then.tied
    assert then.color == row["status"]["color"] and list(then.reasons) == row["status"]["reasons"]


def test_ranks_only_and_summary(ledger):
    chunks = list(rank_and_status_all(rules=None))
    assert all(not c.colors for c in chunks)
    summary = summarise(rank_and_status_all())
    assert summary["rows"] == 2 * 9 * 2 + 8
    assert summary["ranked"] == summary["rows"] - 4 - 1  # the zone ×4, 青山's "—" in 1-3月
    assert sum(summary["colors"].values()) == summary["rows"]


RULE_SETS = [
    StatusRules(),
    StatusRules(red_below_total_pp=Decimal("2"), bottom_part=4, yellow_rank_fell_by=2),
    StatusRules(yellow_below_total_pp=Decimal("0.05"), yellow_when_declining=False),
    StatusRules(yellow_below_total_pp=None, red_when_last=False, yellow_rank_fell_by=None),
    StatusRules(bottom_part=None, yellow_below_total_pp=Decimal("-0.5"), decimals=2),
]


@pytest.mark.parametrize("rules", RULE_SETS)
def test_status_cache_equals_evaluate_status(rules):
    cache = StatusCache(rules)
    growths = [
        None,
        Decimal("-3.25"),
        Decimal("-0.04"),
        Decimal("0"),
        Decimal("1.96"),
        Decimal("7"),
    ]
    growths += [Decimal("6.95"), Decimal("-0.05"), Decimal("0.05")]  # round half up at 1 and 2 dp
    ranks = [(None, None, None), (1, 1, 1), (1, 8, 8), (5, 8, 8), (6, 8, 7), (7, 8, 8), (8, 8, 8)]
    for g, t, (rank, of, low), tied, change in itertools.product(
        growths, growths, ranks, (False, True), (None, -3, -1, 0, 2)
    ):
        facts = IndicatorFacts(
            growth=g, total_growth=t, rank=rank, rank_of=of, lowest_rank=low, tied=tied,
            rank_change_prev=change, unit="亿元", total_label="全省", prev_label="1-2月",
        )  # fmt: skip
        want = evaluate_status(facts, rules)
        got = cache.status(g, t, rank, of, low, tied, change, "亿元", "全省", "1-2月")
        assert got == (want.color, tuple(want.reasons)), facts
    assert cache.calls < len(growths) ** 2 * len(ranks) * 2 * 5
