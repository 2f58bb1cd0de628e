"""What the pages read beside the panel: the period picker, one growth series for a chart, the
versions of a figure, the target list and the departments' notes. Reads only, few queries.

The panel (econdesk.analysis.panel) holds every computed figure; nothing here computes.
"""

from __future__ import annotations

from econdesk.accounts.models import Leader
from econdesk.ledger.models import Indicator, Observation, Period, Region, Target
from econdesk.ledger.periods import PeriodKey, parse_period

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
    key = parse_period(params.get("period") or "")
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
