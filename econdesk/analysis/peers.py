"""Ranking a peer group by an indicator's rank key: the one place that says which figure is
compared (growth, or value where the indicator ranks by 总量) and at what precision. The panel
ranks with it, and so does the peer table pages show (全市对比)."""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.analysis.arithmetic import ranking, status
from econdesk.analysis.arithmetic.growth import round_half_up
from econdesk.ledger.asof import current_observations
from econdesk.ledger.models import Indicator, Observation, Period, Region
from econdesk.ledger.services.status_rules import current_rules


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
    published_value_rank: int | None = None  # the 总量 rank the file printed beside it
    month_value: object = None  # the single month's amount (当月值) the file printed, if any
    month_growth: object = None  # the single month's growth (当月增速) the file printed, if any


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
                published_value_rank=o.value_rank if o else None,
                month_value=o.month_value if o else None,
                month_growth=o.month_growth if o else None,
            )
        )
    rows.sort(key=lambda row: (row.rank is None, row.rank or 0, row.region.sort_order))
    return rows


# 排位总表: every indicator of one peer group and period at once (the table city bulletins
# print). One query for the figures; each column ranked as rank_members ranks (the same
# competition_rank, key and precision), each cell given the status light the panel's rules give
# a member with that growth and rank (no targets: a member's targets are its own business).


@dataclass(frozen=True)
class _Figure:
    value: object
    growth: object


@dataclass(frozen=True)
class RankingCell:
    value: object
    growth: object
    rank: int | None
    tied: bool
    color: str | None  # red / yellow / green; None without a figure or for a zone


@dataclass
class RankingTable:
    group: Region
    period: Period
    indicators: list[Indicator]
    members: list[Region]
    cells: dict  # (region id, indicator id) → RankingCell
    totals: dict  # indicator id → _Figure (the group's own figure: 全市)
    ranked_count: dict  # indicator id → how many members took a place

    def cell(self, region: Region, indicator: Indicator) -> RankingCell | None:
        return self.cells.get((region.pk, indicator.pk))

    @property
    def has_figures(self) -> bool:
        return bool(self.cells) or bool(self.totals)


def cell_color(growth, total_growth, rank, rank_of, lowest, rules=status.DEFAULT_RULES) -> str:
    """The light evaluate_status gives a ranked member judged on growth and rank alone (no
    targets, no progress, no previous rank): the same rules, without building reasons, since
    a province-sized table asks it 12,000 times. tests/web/test_any_district_pages.py checks
    it against evaluate_status over a grid of cases."""
    d = rules.decimals
    g = round_half_up(growth, d)
    t = round_half_up(total_growth, d)
    if rank is not None and rank_of is not None and rank_of >= 2:
        low = lowest if lowest is not None else rank_of
        if rules.red_when_last and rank >= low and rank > 1:
            return status.RED
        part = rules.bottom_part
        bottom = part is not None and rank * part > rank_of * (part - 1)
    else:
        bottom = False
    if g is not None and t is not None:
        below = t - g
        if rules.red_below_total_pp is not None and below > rules.red_below_total_pp:
            return status.RED
        if rules.yellow_below_total_pp is not None and below > rules.yellow_below_total_pp:
            return status.YELLOW
    if bottom or (rules.yellow_when_declining and g is not None and g < 0):
        return status.YELLOW
    if g is None and rank is None:
        return rules.no_data_color
    return status.GREEN


def ranking_table(
    group: Region, period: Period, indicators: list[Indicator], rules=None
) -> RankingTable:
    """Members × indicators for one group and period: figures, ranks (ties shared, zones not
    ranked) and a status colour per cell, judged by the 亮灯规则 in force (设置 → 指标亮灯规则)
    unless ``rules`` are given; the group's own figure as the total row."""
    rules = rules or current_rules()
    members = list(Region.objects.filter(parent=group))
    by_id = {i.pk: i for i in indicators}
    rows = (
        current_observations()
        .filter(
            region_id__in=[m.pk for m in members] + [group.pk],
            indicator_id__in=list(by_id),
            period=period,
            kind=Observation.Kind.ACTUAL,
        )
        .values_list("region_id", "indicator_id", "value", "growth")
    )
    figures: dict[int, dict[int, _Figure]] = {pk: {} for pk in by_id}
    totals: dict[int, _Figure] = {}
    for region_id, indicator_id, value, growth in rows:
        if region_id == group.pk:
            totals[indicator_id] = _Figure(value, growth)
        else:
            figures[indicator_id][region_id] = _Figure(value, growth)
    cells, counts = {}, {}
    ranked = {m.pk: m.ranked for m in members}
    order = [m.pk for m in members]
    for indicator_id, found in figures.items():
        if not found:
            continue
        indicator = by_id[indicator_id]
        by_value = indicator.rank_key == Indicator.RankKey.VALUE
        values = {pk: (f.value if by_value else f.growth) for pk, f in found.items()}
        ranks = ranking.competition_rank(
            {pk: values[pk] for pk in order if pk in values},
            ranked=ranked,
            decimals=indicator.decimals if by_value else indicator.growth_decimals,
        )
        placed = [r.rank for r in ranks.values() if r.rank is not None]
        n = counts[indicator_id] = len(placed)
        lowest = max(placed) if placed else None
        total = totals.get(indicator_id)
        total_growth = total.growth if total else None
        for region_id, figure in found.items():
            r = ranks[region_id]
            color = None
            if r.rank is not None:
                color = cell_color(figure.growth, total_growth, r.rank, n, lowest, rules)
            cells[(region_id, indicator_id)] = RankingCell(
                figure.value, figure.growth, r.rank, r.tied, color
            )
    return RankingTable(group, period, list(indicators), members, cells, totals, counts)
