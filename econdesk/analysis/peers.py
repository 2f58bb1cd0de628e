"""Ranking a peer group by an indicator's rank key: the one place that says which figure is
compared (growth, or value where the indicator ranks by 总量) and at what precision. The panel
ranks with it, and so does the peer table pages show (全市对比)."""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.analysis.arithmetic import ranking
from econdesk.ledger.asof import current_observations
from econdesk.ledger.models import Indicator, Observation, Period, Region


def rank_members(indicator: Indicator, figures: dict, members: list[Region]) -> dict:
    """Competition ranks of `members` from their figures (objects with .value and .growth, by
    region id; a member without a figure takes no place). Functional zones are not ranked."""
    by_value = indicator.rank_key == Indicator.RankKey.VALUE
    field = "value" if by_value else "growth"
    values = {m.pk: getattr(figures[m.pk], field) if m.pk in figures else None for m in members}
    decimals = indicator.decimals if by_value else indicator.growth_decimals
    ranked = {m.pk: m.ranked for m in members}
    return ranking.competition_rank(values, ranked=ranked, decimals=decimals)


@dataclass
class PeerRow:
    region: Region
    value: object
    growth: object
    published_rank: int | None
    rank: int | None
    tied: bool


def peer_table(group: Region | None, indicator: Indicator | None, period: Period | None):
    """Every member of `group` for one indicator and period, best rank first."""
    if not (group and indicator and period):
        return []
    members = list(Region.objects.filter(parent=group))
    figures = {
        o.region_id: o
        for o in current_observations().filter(
            region__in=members, indicator=indicator, period=period, kind=Observation.Kind.ACTUAL
        )
    }
    ranks = rank_members(indicator, figures, members)
    rows = []
    for region in members:
        o, r = figures.get(region.pk), ranks.get(region.pk)
        rows.append(
            PeerRow(
                region=region,
                value=o.value if o else None,
                growth=o.growth if o else None,
                published_rank=o.rank if o else None,
                rank=r.rank if r else None,
                tied=bool(r and r.tied),
            )
        )
    rows.sort(key=lambda row: (row.rank is None, row.rank or 0, row.region.sort_order))
    return rows
