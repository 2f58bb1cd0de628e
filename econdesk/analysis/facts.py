"""Read what the panel needs from the ledger in a handful of queries, into plain structures.

One region's panel touches: its own history (for bases, shares and projections), its peers
and the group total in the current, previous and last-year periods (ranks), its targets and
its departments' estimates. Everything else is arithmetic on these dicts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from econdesk.ledger.asof import current_observations
from econdesk.ledger.models import Indicator, Observation, Period, Region, Target
from econdesk.ledger.periods import PeriodKey

HISTORY_YEARS = 6


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    growth: Decimal | None
    rank: int | None
    observation_id: int
    # The single month (当月) as the file printed it beside the year to date; None: not printed.
    month_value: Decimal | None = None
    month_growth: Decimal | None = None


@dataclass
class PanelFacts:
    region: Region
    period: PeriodKey
    group: Region | None
    members: list[Region]
    indicators: list[Indicator]
    # (indicator_id, PeriodKey) -> Figure, for the region itself (actuals)
    own: dict[tuple[int, PeriodKey], Figure] = field(default_factory=dict)
    # (indicator_id, PeriodKey) -> {region_id: Figure}, for members and the total
    peers: dict[tuple[int, PeriodKey], dict[int, Figure]] = field(default_factory=dict)
    # (indicator_id, PeriodKey) -> Figure for the region's estimates (预计)
    estimates: dict[tuple[int, PeriodKey], Figure] = field(default_factory=dict)
    # indicator_id -> list of Target
    targets: dict[int, list[Target]] = field(default_factory=lambda: defaultdict(list))

    def own_figure(self, indicator_id: int, key: PeriodKey) -> Figure | None:
        return self.own.get((indicator_id, key))

    def total_figure(self, indicator_id: int, key: PeriodKey) -> Figure | None:
        if self.group is None:
            return None
        return self.peers.get((indicator_id, key), {}).get(self.group.pk)


def previous_period(indicator: Indicator, key: PeriodKey) -> PeriodKey | None:
    """The period before `key` in this indicator's calendar (上月 / 上季), within the year."""
    step = 3 if indicator.frequency == Indicator.Frequency.QUARTERLY else 1
    month = key.month - step
    if month < indicator.first_month:
        return None
    return PeriodKey(key.year, month)


def _figures(qs):
    # period_id rather than period__year/__month: no join, and the caller maps each id to one
    # shared PeriodKey instead of building a key per row (the panel reads thousands of rows).
    return qs.values_list(
        "region_id", "indicator_id", "period_id", "value", "growth", "rank", "id", "month_value",
        "month_growth",
    )  # fmt: skip


def load_panel_facts(
    region: Region, key: PeriodKey, indicators=None, observations=None
) -> PanelFacts:
    """`observations`: the versions to read, e.g. econdesk.ledger.asof.observations_as_of(t);
    by default the current ones (econdesk.ledger.asof.current_observations)."""
    if observations is None:
        observations = current_observations()
    group = region.parent
    members = list(Region.objects.filter(parent=group)) if group else [region]
    indicators = list(
        indicators
        if indicators is not None
        else Indicator.objects.filter(is_active=True).select_related("lead_department", "leader")
    )
    facts = PanelFacts(
        region=region, period=key, group=group, members=members, indicators=indicators
    )
    ind_ids = [i.pk for i in indicators]

    periods = {
        (y, m): pid
        for pid, y, m in Period.objects.filter(
            year__gte=key.year - HISTORY_YEARS, year__lte=key.year
        ).values_list("id", "year", "month")
    }
    key_of = {pid: PeriodKey(y, m) for (y, m), pid in periods.items()}
    # Only what was known at the period: earlier years, and this year up to its end month.
    own_ids = [pid for (y, m), pid in periods.items() if y < key.year or m <= key.month]
    actual = observations.filter(kind=Observation.Kind.ACTUAL)
    for _rid, iid, pid, v, g, r, oid, mv, mg in _figures(
        actual.filter(region=region, indicator_id__in=ind_ids, period_id__in=own_ids)
    ):
        facts.own[(iid, key_of[pid])] = Figure(v, g, r, oid, mv, mg)

    wanted = {key, key.previous_year()}
    for indicator in indicators:
        prev = previous_period(indicator, key)
        if prev:
            wanted.add(prev)
    peer_period_ids = [periods[(k.year, k.month)] for k in wanted if (k.year, k.month) in periods]
    peer_ids = [m.pk for m in members] + ([group.pk] if group else [])
    for rid, iid, pid, v, g, r, oid, mv, mg in _figures(
        actual.filter(
            region_id__in=peer_ids, indicator_id__in=ind_ids, period_id__in=peer_period_ids
        )
    ):
        facts.peers.setdefault((iid, key_of[pid]), {})[rid] = Figure(v, g, r, oid, mv, mg)

    # This year's periods are all in key_of (it spans whole years up to key.year).
    this_year = [pid for (y, _m), pid in periods.items() if y == key.year]
    estimates = observations.filter(
        kind=Observation.Kind.ESTIMATE, region=region, period_id__in=this_year
    )
    for _rid, iid, pid, v, g, r, oid, mv, mg in _figures(
        estimates.filter(indicator_id__in=ind_ids)
    ):
        facts.estimates[(iid, key_of[pid])] = Figure(v, g, r, oid, mv, mg)

    for target in Target.objects.filter(
        region=region, period__year=key.year, indicator_id__in=ind_ids
    ).select_related("period"):
        facts.targets[target.indicator_id].append(target)
    return facts
