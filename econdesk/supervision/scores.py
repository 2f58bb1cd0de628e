"""A year's assessment (考核): the facts from the panel and the task list, fed to scoring.py.

Indicators are judged at the latest period of the year with published figures for the region
(the home district by default): their rank among the peers and their completion of the target
the panel judges them against. Tasks count in the year of their deadline, as of today (or the
year's last day, once it has passed). Nothing is stored: the table is worked out when asked, so
closing a task shows in the score at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from econdesk.accounts import permissions
from econdesk.accounts.models import Department
from econdesk.analysis.panel import build_panel, judged_target
from econdesk.ledger.models import Indicator, Observation, Region
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.queries import home_region
from econdesk.supervision import scoring
from econdesk.supervision.models import AssessmentScheme, SupervisedTask, TaskStatus
from econdesk.supervision.schemes import rules_of, scheme_for
from econdesk.supervision.services import today_or


@dataclass
class Assessment:
    """The score table of a year with what it was based on."""

    year: int
    scheme: AssessmentScheme
    region: Region | None
    period: PeriodKey | None
    as_of: date
    table: list[scoring.DepartmentScore]

    def score_of(self, department_id: int) -> scoring.DepartmentScore | None:
        return next((s for s in self.table if s.department_id == department_id), None)


def assessed_period(region: Region | None, year: int) -> PeriodKey | None:
    """The latest period of `year` with a published figure for `region`."""
    if region is None:
        return None
    found = (
        Observation.objects.filter(
            region=region, kind=Observation.Kind.ACTUAL, is_current=True, period__year=year
        )
        .order_by("-period__month")
        .values_list("period__month", flat=True)
        .first()
    )
    return PeriodKey(year, found) if found else None


def indicator_results(
    region: Region, key: PeriodKey, scheme: AssessmentScheme
) -> list[scoring.IndicatorResult]:
    """Each assessed indicator's rank and judged target at `key`, with its lead department."""
    indicators = Indicator.objects.filter(
        is_active=True, lead_department__isnull=False
    ).select_related("lead_department", "leader")
    if scheme.indicator_codes:
        indicators = indicators.filter(code__in=scheme.indicator_codes)
    by_code = {i.code: i for i in indicators}
    panel = build_panel(region, key, indicators)
    results = []
    for row in panel["indicators"]:
        indicator = by_code[row["code"]]
        target = judged_target(row, key.code)
        target_growth = target_value = None
        share = Decimal(1)
        label = "目标"
        if target is not None:
            label = f"{target['level_label']}{target['period_label']}目标"
            target_growth = target["growth"]
            if target_growth is None:
                target_value = target["value"]
            target_month = int(target["period"][-2:])
            if target["period"][:4] == str(key.year) and target_month > key.month:
                share = Decimal(key.month) / Decimal(target_month)
        results.append(
            scoring.IndicatorResult(
                code=row["code"],
                name=row["name"],
                department_id=indicator.lead_department_id,
                department=str(indicator.lead_department),
                rank=row["rank"],
                rank_of=row["rank_of"],
                tied=row["tied"],
                growth=row["growth"],
                target_growth=target_growth,
                value=row["value"],
                target_value=target_value,
                elapsed_share=share,
                unit=row["unit"],
                total_label=panel["total_label"] or "全市",
                target_label=label,
            )
        )
    return results


HIDDEN_TITLE = "（非本单位事项，内容不公开）"


def task_results(year: int, viewer=None) -> list[scoring.TaskResult]:
    """Every task of the year counts; a task `viewer` may not read shows by its number only."""
    tasks = SupervisedTask.objects.filter(deadline__year=year).select_related("lead_department")
    shown = None
    if viewer is not None:
        readable = permissions.visible(viewer, "supervision.read", tasks)
        shown = set(readable.values_list("pk", flat=True))
    return [
        scoring.TaskResult(
            number=t.number,
            title=t.title if shown is None or t.pk in shown else HIDDEN_TITLE,
            department_id=t.lead_department_id,
            department=str(t.lead_department),
            deadline=t.deadline,
            finished_on=t.finished_on,
            closed=t.status == TaskStatus.CLOSED,
        )
        for t in tasks.order_by("deadline", "id")
    ]


def assess(
    year: int, region: Region | None = None, today: date | None = None, viewer=None
) -> Assessment:
    """The score table of `year` for the departments (see the module docstring); the titles
    of tasks `viewer` may not read are left out of the lines (the points stay)."""
    region = region or home_region()
    scheme = scheme_for(year)
    as_of = min(today_or(today), date(year, 12, 31))
    key = assessed_period(region, year)
    indicators = indicator_results(region, key, scheme) if key else []
    table = scoring.score_departments(
        indicators, task_results(year, viewer), rules_of(scheme), as_of
    )
    return Assessment(year, scheme, region, key, as_of, table)


def department_name(pk: int) -> str:
    found = Department.objects.filter(pk=pk).first()
    return str(found) if found else ""
