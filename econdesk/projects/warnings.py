"""Warnings (预警) on projects and deals, red or yellow, each with its reason in Chinese.

The rules, with their configurable numbers in ProjectRules (defaults after 银川's 红黄绿灯,
docs/formats.md §5.A):

* 逾期未开工: the planned start has passed and the project has not started → yellow; still not
  started ``start_red_months`` after it → red.
* 投资滞后: completed investment this year as a share of the annual plan (任务进度) against the
  months elapsed (序时进度 m/12, m = the last finished month): ``lag_yellow_pp``–``lag_red_pp``
  pp behind → yellow (both ends included), more → red.
* 手续逾期: a procedure's planned date has passed without completion → yellow; more than
  ``procedure_red_days`` days → red.
* 签约未注册: a deal signed more than ``deal_registration_days`` days ago is still not
  registered → yellow; more than ``deal_red_days`` → red.
* 开工未入库: started at least ``enrolment_yellow_months`` ago and not enrolled → yellow; more than
  ``enrolment_red_months`` → red (projects below the 500万元 threshold excepted).

The rule functions (``*_color``) are plain arithmetic on dates and numbers; ``warnings`` reads the
registers and applies them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from econdesk.projects.models import (
    DealStage,
    Enrolment,
    InvestmentDeal,
    MajorProject,
    ProjectMonth,
    ProjectProcedure,
    ProjectRules,
    Stage,
    project_threshold,
    stage_at_least,
)

RED, YELLOW = "red", "yellow"
COLOR_LABELS = {RED: "红灯", YELLOW: "黄灯"}
HUNDRED = Decimal(100)


class Kind:
    START_OVERDUE = "start_overdue"
    INVESTMENT_BEHIND = "investment_behind"
    PROCEDURE_OVERDUE = "procedure_overdue"
    DEAL_NOT_REGISTERED = "deal_not_registered"
    NOT_ENROLLED = "not_enrolled"


KIND_LABELS = {
    Kind.START_OVERDUE: "逾期未开工",
    Kind.INVESTMENT_BEHIND: "投资滞后",
    Kind.PROCEDURE_OVERDUE: "手续逾期",
    Kind.DEAL_NOT_REGISTERED: "签约未注册",
    Kind.NOT_ENROLLED: "开工未入库",
}
KIND_ORDER = list(KIND_LABELS)


@dataclass(frozen=True)
class ProjectWarning:
    """One warning: what kind, how serious, on which project or deal, and why."""

    kind: str
    color: str
    subject: str  # "project" or "deal"
    subject_id: int
    subject_name: str
    department_id: int | None
    department: str
    reason: str
    figures: dict = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def color_label(self) -> str:
        return COLOR_LABELS[self.color]


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _fmt(x: Decimal, places: int = 1) -> str:
    return f"{x.quantize(Decimal(1).scaleb(-places)):f}"


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def start_color(planned_start: date, today: date, red_months: int) -> str | None:
    """Yellow once the planned start has passed; red `red_months` after it."""
    if today <= planned_start:
        return None
    return RED if today >= add_months(planned_start, red_months) else YELLOW


def lag_color(lag_pp: Decimal, yellow_pp: Decimal, red_pp: Decimal) -> str | None:
    """Behind 序时进度 by `lag_pp`: yellow from `yellow_pp` to `red_pp` inclusive, red beyond."""
    if lag_pp > red_pp:
        return RED
    if lag_pp >= yellow_pp:
        return YELLOW
    return None


def overdue_color(deadline: date, today: date, red_after_days: int) -> str | None:
    """Yellow once a deadline has passed; red more than `red_after_days` days after it."""
    if today <= deadline:
        return None
    return RED if (today - deadline).days > red_after_days else YELLOW


def deal_color(signed_on: date, today: date, yellow_days: int, red_days: int) -> str | None:
    """Not registered more than `yellow_days` days after signing → yellow; `red_days` → red."""
    days = (today - signed_on).days
    if days > red_days:
        return RED
    if days > yellow_days:
        return YELLOW
    return None


def enrolment_color(started: date, today: date, yellow_months: int, red_months: int) -> str | None:
    """Started ≥ `yellow_months` ago and not enrolled → yellow; > `red_months` → red."""
    if today > add_months(started, red_months):
        return RED
    if today >= add_months(started, yellow_months):
        return YELLOW
    return None


def investment_lag(completed_ytd: Decimal, annual_plan: Decimal, month: int) -> dict:
    """任务进度, 序时进度 (m/12) and the lag between them, all in percent / pp."""
    task = completed_ytd / annual_plan * HUNDRED
    time = Decimal(month) / Decimal(12) * HUNDRED
    return {"task_progress": task, "time_progress": time, "lag_pp": time - task}


def _project_warning(project, kind, color, reason, **figures) -> ProjectWarning:
    return ProjectWarning(
        kind=kind,
        color=color,
        subject="project",
        subject_id=project.pk,
        subject_name=project.name,
        department_id=project.lead_department_id,
        department=str(project.lead_department),
        reason=reason,
        figures=figures,
    )


def _start_warnings(projects, today, rules):
    for p in projects:
        if p.actual_start or not p.planned_start or stage_at_least(p.stage, Stage.CONSTRUCTION):
            continue
        color = start_color(p.planned_start, today, rules.start_red_months)
        if color:
            days = (today - p.planned_start).days
            reason = f"计划于{_cn(p.planned_start)}开工，已逾期{days}天仍未开工"
            if color == RED:
                reason += f"（超过{rules.start_red_months}个月）"
            yield _project_warning(p, Kind.START_OVERDUE, color, reason + "。", days=days)


def _investment_warnings(projects, today, rules):
    month = today.month - 1  # the last finished month
    if month < 1:
        return
    ids = [p.pk for p in projects if p.annual_plan and p.plan_year == today.year]
    done = dict(
        ProjectMonth.objects.filter(project_id__in=ids, year=today.year, month__lte=month)
        .values("project_id")
        .annotate(total=Sum("completed"))
        .values_list("project_id", "total")
    )
    for p in projects:
        if p.pk not in ids or not stage_at_least(p.stage, Stage.CONSTRUCTION):
            continue
        ytd = done.get(p.pk) or Decimal(0)
        lag = investment_lag(ytd, p.annual_plan, month)
        color = lag_color(lag["lag_pp"], rules.lag_yellow_pp, rules.lag_red_pp)
        if color:
            span = "1月" if month == 1 else f"1-{month}月"
            reason = (
                f"{span}完成投资{_fmt(ytd / 10_000, 2)}亿元，占年度计划"
                f"{_fmt(lag['task_progress'])}%，低于序时进度{_fmt(lag['lag_pp'])}个百分点。"
            )
            yield _project_warning(p, Kind.INVESTMENT_BEHIND, color, reason, completed=ytd, **lag)


def _procedure_warnings(projects, today, rules):
    by_id = {p.pk: p for p in projects if not stage_at_least(p.stage, Stage.COMPLETED)}
    rows = ProjectProcedure.objects.filter(
        project_id__in=by_id, actual_date__isnull=True, planned_date__lt=today
    ).order_by("planned_date", "id")
    for proc in rows:
        color = overdue_color(proc.planned_date, today, rules.procedure_red_days)
        if color:
            p = by_id[proc.project_id]
            days = (today - proc.planned_date).days
            reason = (
                f"{proc.get_kind_display()}手续计划于{_cn(proc.planned_date)}办结，已逾期{days}天。"
            )
            yield _project_warning(p, Kind.PROCEDURE_OVERDUE, color, reason,
                                   procedure=proc.kind, days=days)  # fmt: skip


def _enrolment_warnings(projects, today, rules):
    floor = project_threshold() or Decimal(0)
    skip = (Enrolment.ENROLLED, Enrolment.INELIGIBLE)
    for p in projects:
        if not p.actual_start or p.enrolment in skip or p.total_investment < floor:
            continue
        color = enrolment_color(
            p.actual_start, today, rules.enrolment_yellow_months, rules.enrolment_red_months
        )
        if color:
            reason = f"已于{_cn(p.actual_start)}开工，至今未入库（{p.get_enrolment_display()}）。"
            yield _project_warning(p, Kind.NOT_ENROLLED, color, reason)


def _deal_warnings(region, today, rules):
    deals = InvestmentDeal.objects.filter(stage=DealStage.SIGNED, signed_on__isnull=False)
    if region is not None:
        deals = deals.filter(region=region)
    for deal in deals.select_related("lead_department"):
        color = deal_color(deal.signed_on, today, rules.deal_registration_days, rules.deal_red_days)
        if color:
            days = (today - deal.signed_on).days
            yield ProjectWarning(
                kind=Kind.DEAL_NOT_REGISTERED,
                color=color,
                subject="deal",
                subject_id=deal.pk,
                subject_name=deal.name,
                department_id=deal.lead_department_id,
                department=str(deal.lead_department),
                reason=f"已于{_cn(deal.signed_on)}签约，{days}天仍未注册"
                f"（规定{rules.deal_registration_days}天内）。",
                figures={"days": days},
            )


def warnings(region, today: date, rules: ProjectRules | None = None) -> list[ProjectWarning]:
    """Every warning on the region's projects and deals on `today`, red first.

    ``region`` None means every region. ``rules`` defaults to the stored ProjectRules.
    """
    rules = rules or ProjectRules.current()
    projects = MajorProject.objects.select_related("lead_department")
    if region is not None:
        projects = projects.filter(region=region)
    projects = list(projects)
    found = [
        *_start_warnings(projects, today, rules),
        *_investment_warnings(projects, today, rules),
        *_procedure_warnings(projects, today, rules),
        *_enrolment_warnings(projects, today, rules),
        *_deal_warnings(region, today, rules),
    ]
    found.sort(key=lambda w: (w.color != RED, KIND_ORDER.index(w.kind), w.subject_name))
    return found
