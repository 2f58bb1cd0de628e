"""Read helpers over department reports, for this app's pages and for other pages (no writes).

published_notes(indicator, period)  → the approved problems and plans, for the leader page
pending_for_review()                → the reports waiting for a reviewer
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from econdesk.accounts import permissions
from econdesk.ledger.models import Indicator, Observation, Period
from econdesk.ledger.periods import PeriodKey, parse_period
from econdesk.ledger.queries import home_region, latest_period
from econdesk.reporting.models import EstimateReport

# How far ahead of the latest actual period the period picker offers periods.
PICKER_MONTHS = 15


def _indicator(indicator: Indicator | str) -> Indicator | None:
    if isinstance(indicator, Indicator):
        return indicator
    return Indicator.objects.filter(code=indicator).first()


def _period_key(period: Period | PeriodKey | str) -> PeriodKey | None:
    if isinstance(period, Period):
        return period.key
    if isinstance(period, PeriodKey):
        return period
    try:
        return parse_period(str(period))
    except ValueError:
        return None


def published_notes(indicator: Indicator | str, period: Period | PeriodKey | str) -> list[dict]:
    """The approved reports' notes for an indicator (object or code) and period (or "YYYY-MM").

    One dict per approved report of the home region: department (its name), problems, plans,
    approved_at, and the published value and growth. What was last approved is returned even
    while a correction is being drafted.
    """
    ind, key = _indicator(indicator), _period_key(period)
    if ind is None or key is None:
        return []
    reports = (
        EstimateReport.objects.filter(
            indicator=ind,
            period__year=key.year,
            period__month=key.month,
            region=home_region(),
            approved_at__isnull=False,
        )
        .select_related("department")
        .order_by("department__sort_order", "approved_at")
    )
    return [
        {
            "department": r.department.name,
            "problems": r.published_problems,
            "plans": r.published_plans,
            "approved_at": r.approved_at,
            "value": r.published_value,
            "growth": r.published_growth,
        }
        for r in reports
    ]


def pending_for_review():
    """Submitted reports waiting for a reviewer, oldest submission first."""
    return (
        EstimateReport.objects.filter(status=EstimateReport.Status.SUBMITTED)
        .select_related("department", "indicator", "period", "submitted_by")
        .order_by("submitted_at", "id")
    )


def next_quarter_end(key: PeriodKey) -> PeriodKey:
    """The first quarter-end strictly after `key`: 2026-09 → 2026-12, 2026-12 → 2027-03."""
    if key.month == 12:
        return PeriodKey(key.year + 1, 3)
    return PeriodKey(key.year, (key.month // 3 + 1) * 3)


def default_period() -> PeriodKey:
    """The period being estimated: the next quarter-end after the latest actual period.

    With no actual figures yet, the quarter-end of today's quarter.
    """
    latest = latest_period()
    if latest is None:
        today = timezone.localdate()
        return PeriodKey(today.year, today.month).quarter_end()
    return next_quarter_end(latest.key)


def period_choices() -> list[PeriodKey]:
    """The periods a department may estimate: after the latest actual period, a year and more."""
    latest = latest_period()
    start = latest.key if latest else default_period()
    keys, year, month = [], start.year, start.month
    for _ in range(PICKER_MONTHS):
        month += 1
        if month > 12:
            year, month = year + 1, 1
        keys.append(PeriodKey(year, month))
    default = default_period()
    if default not in keys:
        keys.insert(0, default)
    return keys


def chosen_period(text: str | None) -> PeriodKey:
    """The period named in a query string ("2026-12"), else the default period."""
    key = _period_key(text) if text else None
    return key or default_period()


@dataclass
class IndicatorLine:
    """One indicator's line on the index: its report for the period, if any."""

    indicator: Indicator
    applies: bool  # the indicator has this period (no 1月 for 1-2月 series, quarters only …)
    report: EstimateReport | None
    estimate: Observation | None


def department_lines(department, key: PeriodKey) -> list[IndicatorLine]:
    """The indicators a department leads, each with its report and ledger estimate for `key`."""
    indicators = list(Indicator.objects.filter(lead_department=department, is_active=True))
    return _lines(indicators, key)


def all_lines(key: PeriodKey) -> list[IndicatorLine]:
    return _lines(list(Indicator.objects.filter(is_active=True)), key)


def _lines(indicators: list[Indicator], key: PeriodKey) -> list[IndicatorLine]:
    region = home_region()
    reports = {
        r.indicator_id: r
        for r in EstimateReport.objects.filter(
            region=region, period__year=key.year, period__month=key.month
        ).select_related("department")
    }
    estimates = {
        o.indicator_id: o
        for o in Observation.objects.filter(
            region=region,
            period__year=key.year,
            period__month=key.month,
            kind=Observation.Kind.ESTIMATE,
            is_current=True,
        )
    }
    return [
        IndicatorLine(i, i.has_period(key.month), reports.get(i.pk), estimates.get(i.pk))
        for i in indicators
    ]


def reports_for_period(user, key: PeriodKey):
    """The reports of a period that `user` may see: all for reviewers and admins, the own
    department's and the published ones for clerks, only published ones for everyone else."""
    qs = EstimateReport.objects.filter(
        region=home_region(), period__year=key.year, period__month=key.month
    ).select_related("department", "indicator", "period")
    return permissions.visible(user, "reporting.read", qs)


def may_see(user, report: EstimateReport) -> bool:
    """Drafts are the department's and the reviewers'; a published report is everyone's."""
    return permissions.can(user, "reporting.read", report)


_EVENT_LABELS = {"value": "预计累计值", "growth": "预计增速", "status": "状态"}


def timeline(report: EstimateReport | None) -> list[dict]:
    """The report's steps, oldest first, each with what changed in its figures and status."""
    if report is None:
        return []
    steps = []
    for event in report.events.all():
        before, after = event.before or {}, event.after or {}
        changes = []
        for name, label in _EVENT_LABELS.items():
            old, new = before.get(name), after.get(name)
            if old == new or (name != "status" and _same_number(old, new)):
                continue
            if name == "status":
                old = EstimateReport.Status(old).label if old else None
                new = EstimateReport.Status(new).label if new else None
            changes.append(f"{label} {_plain(old)} → {_plain(new)}")
        for name, label in (("problems", "存在问题"), ("plans", "下阶段工作打算")):
            if (before.get(name) or "") != (after.get(name) or ""):
                changes.append(f"修改了{label}")
        steps.append(
            {
                "at": event.at,
                "user_name": event.user_name,
                "action": event.action,
                "action_label": event.get_action_display(),
                "reason": event.reason,
                "changes": changes,
            }
        )
    return steps


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except InvalidOperation:
        return False


def _plain(value) -> str:
    if value is None or value == "None":
        return "—"
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except InvalidOperation:
        return str(value)


def notes_ahead(indicators, key: PeriodKey) -> dict[str, list[dict]]:
    """The notes departments published for the period being worked towards, per indicator code.

    At a meeting on the 1-2月 figures, departments speak to their estimate for the quarter or
    the year: for each indicator this takes the approved reports of the home region whose period
    is `key` or later in the same year, the nearest period first. One query.
    """
    codes = {getattr(i, "code", i) for i in indicators}
    reports = (
        EstimateReport.objects.filter(
            indicator__code__in=codes,
            region=home_region(),
            approved_at__isnull=False,
            period__year=key.year,
            period__month__gte=key.month,
        )
        .select_related("department", "indicator", "period")
        .order_by("period__month", "department__sort_order", "approved_at")
    )
    out: dict[str, list[dict]] = {}
    nearest: dict[str, int] = {}
    for r in reports:
        code = r.indicator.code
        month = nearest.setdefault(code, r.period.month)
        if r.period.month != month or not (r.published_problems or r.published_plans):
            continue
        out.setdefault(code, []).append(
            {
                "department": r.department.name,
                "problems": r.published_problems,
                "plans": r.published_plans,
                "approved_at": r.approved_at,
                "period": r.period.code,
                "value": r.published_value,
                "growth": r.published_growth,
            }
        )
    return out
