"""What the pages read beside the panel: the period picker, one growth series for a chart, the
versions of a figure, the target list and the departments' notes. Reads only, few queries.

The panel (econdesk.analysis.panel) holds every computed figure; nothing here computes.
"""

from __future__ import annotations

from econdesk import params as query
from econdesk.accounts.models import Leader
from econdesk.ledger.models import Indicator, Observation, Period, Region, Target
from econdesk.ledger.periods import PeriodKey

# How far back the growth-over-time chart looks, in years before the chosen period's year.
HISTORY_YEARS = 2


def panel_indicators():
    """The active indicators with their lead department and leader joined in, so the panel's
    rows name them without a query each."""
    return Indicator.objects.filter(is_active=True).select_related("lead_department", "leader")


def periods_for(region: Region | None, indicator: Indicator | None = None) -> list[Period]:
    """The periods with a published figure for `region` (and `indicator`), latest first.

    Filtered by region so the query stays on the region index however large the ledger is.
    """
    if region is None:
        return []
    figures = Observation.objects.filter(
        region=region, kind=Observation.Kind.ACTUAL, is_current=True
    )
    if indicator is not None:
        figures = figures.filter(indicator=indicator)
    ids = figures.values_list("period_id", flat=True).distinct()
    return list(Period.objects.filter(pk__in=ids).order_by("-year", "-month"))


def chosen_period(params, periods: list[Period]) -> Period | None:
    """The period asked for with ?period=2026-03 (one of `periods`), else the latest one."""
    key = query.period(params)  # 2026-13, "²" …: 400 (econdesk/params.py)
    if key is not None:
        for period in periods:
            if period.key == key:
                return period
    return periods[0] if periods else None


def growth_history(region: Region, indicator: Indicator, key: PeriodKey) -> list[tuple]:
    """(region_id, year, month, growth) of `region` and its group total, up to `key`.

    One values_list query; the chart lines come from it as they are.
    """
    ids = [region.pk] + ([region.parent_id] if region.parent_id else [])
    return list(
        Observation.objects.filter(
            region_id__in=ids,
            indicator=indicator,
            kind=Observation.Kind.ACTUAL,
            is_current=True,
            period__year__gte=key.year - HISTORY_YEARS,
            period__year__lte=key.year,
        )
        .exclude(period__year=key.year, period__month__gt=key.month)
        .order_by("period__year", "period__month")
        .values_list("region_id", "period__year", "period__month", "growth")
    )


def figure_versions(region: Region, indicator: Indicator, key: PeriodKey) -> list[Observation]:
    """Every version of every figure this year up to `key`, for the region and its total:
    current and superseded, actual and estimate, with the import or the person behind it."""
    ids = [region.pk] + ([region.parent_id] if region.parent_id else [])
    return list(
        Observation.objects.filter(
            region_id__in=ids,
            indicator=indicator,
            period__year=key.year,
            period__month__lte=key.month,
        )
        .select_related("region", "period", "batch", "entered_by")
        .order_by("-period__month", "region__parent_id", "kind", "-version")
    )


def targets_of(region: Region | None, year: int | None, indicator: Indicator | None = None):
    """The region's targets of one year (all years when None), by indicator, period, level."""
    if region is None:
        return Target.objects.none()
    targets = Target.objects.filter(region=region).select_related("indicator", "period", "batch")
    if year is not None:
        targets = targets.filter(period__year=year)
    if indicator is not None:
        targets = targets.filter(indicator=indicator)
    return targets


def target_years(region: Region | None) -> list[int]:
    if region is None:
        return []
    years = Target.objects.filter(region=region).values_list("period__year", flat=True)
    return sorted(set(years), reverse=True)


def leaders_and_their_indicators() -> tuple[list[Leader], dict[str, int]]:
    """The leaders in charge, and indicator code → leader id (two queries)."""
    leaders = list(Leader.objects.all())
    owned = dict(
        Indicator.objects.filter(is_active=True, leader__isnull=False).values_list(
            "code", "leader_id"
        )
    )
    return leaders, owned


def leader_of(user) -> Leader | None:
    """The leader in charge this login belongs to, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Leader.objects.filter(user=user).first()


def attach_department_notes(reports, period: Period) -> None:
    """Give each report item the problems and plans its departments published for the period
    being worked towards (the quarter or the year of `period`)."""
    if not reports:
        return
    from econdesk.reporting.queries import notes_ahead

    codes = [item.code for report in reports for item in report.items]
    notes = notes_ahead(codes, period.key)
    for report in reports:
        for item in report.items:
            item.notes = notes.get(item.code, [])


def region_groups() -> list[tuple[Region, list[Region]]]:
    """Every peer group (a city, a province) with its members, for the region picker: the home
    region's group first, then the others by their order; members in their order. One query."""
    members = Region.objects.filter(parent__isnull=False).select_related("parent")
    groups: dict[int, tuple[Region, list[Region]]] = {}
    for region in members.order_by("sort_order", "id"):
        groups.setdefault(region.parent_id, (region.parent, []))[1].append(region)
    home_group = next((pid for pid, (_, m) in groups.items() if any(r.is_home for r in m)), None)
    return sorted(
        groups.values(),
        key=lambda g: (g[0].pk != home_group, g[0].sort_order, g[0].name),
    )


def group_periods(group: Region | None, indicator: Indicator | None) -> list[Period]:
    """The periods with a published figure (of `indicator`, or of any) for a member of `group`,
    latest first: the periods a peer table can show, every one of them with figures."""
    if group is None:
        return []
    figures = Observation.objects.filter(
        region__parent=group, kind=Observation.Kind.ACTUAL, is_current=True
    )
    if indicator is not None:
        figures = figures.filter(indicator=indicator)
    ids = figures.values_list("period_id", flat=True).distinct()
    return list(Period.objects.filter(pk__in=ids).order_by("-year", "-month"))


def indicator_with_data(group: Region | None, indicators) -> Indicator | None:
    """The first of `indicators` (catalogue order) the members of `group` have figures for."""
    if group is None:
        return indicators.first()
    having = set(
        Observation.objects.filter(
            region__parent=group, kind=Observation.Kind.ACTUAL, is_current=True
        )
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    return next((i for i in indicators if i.pk in having), None) or indicators.first()


def peer_groups() -> list[Region]:
    """Every region with members (a city, a province): the groups a ranking table can show."""
    ids = Region.objects.filter(parent__isnull=False).values_list("parent_id", flat=True)
    return list(Region.objects.filter(pk__in=ids).order_by("sort_order", "name"))


def evaluate_past_targets(panel: dict, region: Region) -> None:
    """Give each target of a period already published (a Q1 target read in October) its
    result: the figure of that period, the gap and 已完成/未完成, as a report says it.

    The panel judges the targets of the period on show and of periods ahead; the ones behind
    it are evaluated here from the region's published figure of their period (one query).
    """
    from econdesk.analysis.arithmetic import gaps

    current = panel["period"]
    wanted = {
        (row["code"], t["period"])
        for row in panel["indicators"]
        for t in row["targets"]
        if t["period"] < current
    }
    if not wanted:
        return
    codes = {code for code, _ in wanted}
    years = {int(p[:4]) for _, p in wanted}
    figures = {}
    for code, year, month, value, growth in Observation.objects.filter(
        region=region,
        indicator__code__in=codes,
        period__year__in=years,
        kind=Observation.Kind.ACTUAL,
        is_current=True,
    ).values_list("indicator__code", "period__year", "period__month", "value", "growth"):
        figures[(code, f"{year}-{month:02d}")] = (value, growth)
    for row in panel["indicators"]:
        for t in row["targets"]:
            if t["period"] >= current or (row["code"], t["period"]) not in figures:
                continue
            value, growth = figures[(row["code"], t["period"])]
            t["result_value"], t["result_growth"] = value, growth
            if t.get("growth") is not None:
                t["gap_pp"] = gaps.gap_pp(growth, t["growth"])
                shortfall = t["gap_pp"]
            else:
                t["gap_amount"] = gaps.gap_to_target_amount(value, t.get("value"))
                shortfall = t["gap_amount"]
            if shortfall is not None:
                t["met"] = shortfall == 0
                t["past"] = True
