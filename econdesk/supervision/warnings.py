"""Warnings that become tasks with one click (一键立项督办).

* A red indicator of a region: the panel's row (econdesk.analysis.panel) with status red. The
  task is filled in with its figures and reasons, its lead department and leader in charge.
* A red project or deal warning (a stalled project), when econdesk.projects is installed: its
  reason in Chinese, its lead department and the project's leader.

The server recomputes the warning when the button is pressed (nothing is taken from the page),
and a warning that already has an open task leads to that task instead of a second one.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError

from econdesk import phrases
from econdesk.accounts import permissions
from econdesk.accounts.models import Department
from econdesk.analysis.arithmetic.status import format_number
from econdesk.analysis.panel import build_panel
from econdesk.ledger.models import Indicator
from econdesk.ledger.periods import PeriodKey
from econdesk.supervision import queries
from econdesk.supervision.models import SupervisedTask, TaskRules, TaskSource
from econdesk.supervision.services import TaskDraft, create_task, today_or

ASK = "请牵头单位分析原因，制定针对性措施，按期报送进展情况。"


def indicator_ref(code: str, key: PeriodKey) -> str:
    return f"indicator:{code}:{key.code}"


def _indicators():
    return Indicator.objects.filter(is_active=True).select_related("lead_department", "leader")


def red_indicators(region, key: PeriodKey, indicators=None) -> list[dict]:
    """The panel rows of `region` in period `key` whose status is red, each with .task (an open
    task already made from it, or None) and .source_ref."""
    panel = build_panel(region, key, indicators if indicators is not None else _indicators())
    rows = [row for row in panel["indicators"] if row["status"]["color"] == "red"]
    refs = [indicator_ref(row["code"], key) for row in rows]
    existing = queries.tasks_by_source(refs)
    for row, ref in zip(rows, refs, strict=True):
        row["source_ref"] = ref
        row["task"] = existing.get(ref)
        row["total_label"] = panel["total_label"] or "全市"
    return rows


def _growth_words(growth, decimals: int) -> str:
    return phrases.growth(growth, decimals)


def indicator_content(region, key: PeriodKey, row: dict) -> str:
    """The task's text: where the indicator stands, and why it is red."""
    total = row.get("total_label") or "全市"
    decimals = row.get("growth_decimals", 1)
    text = f"{region}{key.year}年{row.get('period_label') or key.label}{row['name']}"
    if row.get("value") is not None and row.get("value_published", True):
        text += f"累计{format_number(row['value'], row.get('decimals', 2))}{row['unit']}，"
    if row.get("growth") is not None:
        text += _growth_words(row["growth"], decimals)
    if row.get("total_growth") is not None:
        text += phrases.growth_in_brackets(total, row["total_growth"], decimals)
    if row.get("rank") is not None:
        text += (
            f"，{phrases.rank(row['rank'], row.get('tied', False), total)}（共{row['rank_of']}位）"
        )
    reasons = "；".join(row["status"]["reasons"])
    return f"{text}。预警原因：{reasons}。{ASK}"


def task_from_indicator(
    user, region, key: PeriodKey, code: str, today: date | None = None
) -> tuple[SupervisedTask, bool]:
    """A task from a red indicator: (the new task, True), or (its open task, False)."""
    permissions.require(user, "supervision.assign")
    day = today_or(today)
    indicators = _indicators().filter(code=code)
    indicator = indicators.first()
    if indicator is None:
        raise ValidationError("找不到该指标。")
    rows = red_indicators(region, key, indicators)
    if not rows:
        raise ValidationError(f"“{indicator}”{key.full_label}不是红色预警，不能一键立项。")
    row = rows[0]
    if row["task"] is not None:
        return row["task"], False
    if indicator.lead_department is None:
        raise ValidationError(f"“{indicator}”未设牵头部门，请先在指标目录中设置。")
    row["period_label"] = key.label
    figures = {
        "indicator": code,
        "period": key.code,
        "unit": row["unit"],
        "value": _str(row.get("value")),
        "growth": _str(row.get("growth")),
        "total_growth": _str(row.get("total_growth")),
        "rank": row.get("rank"),
        "rank_of": row.get("rank_of"),
        "color": "red",
        "reasons": list(row["status"]["reasons"]),
    }
    draft = TaskDraft(
        title=f"{indicator.short_name or indicator.name}指标预警督办（{key.full_label}）",
        content=indicator_content(region, key, row),
        lead_department=indicator.lead_department,
        leader=indicator.leader,
        deadline=day + timedelta(days=TaskRules.current().warning_deadline_days),
        source=TaskSource.INDICATOR_WARNING,
        region=region,
        source_ref=row["source_ref"],
        source_figures=figures,
        assigned_on=day,
    )
    return create_task(user, draft, today=day), True


# --- projects ---------------------------------------------------------------------------------


def project_ref(warning) -> str:
    return f"project:{warning.subject}:{warning.subject_id}:{warning.kind}"


def red_project_warnings(region, today: date) -> list:
    """The red warnings on the region's projects and deals, each with .task and .source_ref in
    a dict."""
    from econdesk.projects import warnings as project_warnings

    found = [w for w in project_warnings.warnings(region, today) if w.color == "red"]
    refs = [project_ref(w) for w in found]
    existing = queries.tasks_by_source(refs)
    return [
        {"warning": w, "source_ref": ref, "task": existing.get(ref)}
        for w, ref in zip(found, refs, strict=True)
    ]


def task_from_project_warning(
    user, region, source_ref: str, today: date | None = None
) -> tuple[SupervisedTask, bool]:
    """A task from a red project warning, found again by its source_ref."""
    permissions.require(user, "supervision.assign")
    day = today_or(today)
    match = next(
        (w for w in red_project_warnings(region, day) if w["source_ref"] == source_ref), None
    )
    if match is None:
        raise ValidationError("该项目预警已不存在（可能已解决），请刷新页面。")
    if match["task"] is not None:
        return match["task"], False
    w = match["warning"]
    department = Department.objects.filter(pk=w.department_id).first()
    if department is None:
        raise ValidationError(f"“{w.subject_name}”未设牵头部门。")
    leader = None
    if w.subject == "project":
        from econdesk.projects.models import MajorProject

        project = MajorProject.objects.select_related("leader").filter(pk=w.subject_id).first()
        leader = project.leader if project else None
    figures = {k: _str(v) for k, v in w.figures.items()}
    figures.update(kind=w.kind, subject=w.subject, subject_id=w.subject_id, color=w.color)
    draft = TaskDraft(
        title=f"{w.subject_name}{w.kind_label}督办"[:120],
        content=f"{w.subject_name}（{w.department}牵头）{w.color_label}预警：{w.reason}{ASK}",
        lead_department=department,
        leader=leader,
        deadline=day + timedelta(days=TaskRules.current().warning_deadline_days),
        source=TaskSource.PROJECT_WARNING,
        region=region,
        source_ref=source_ref,
        source_figures=figures,
        assigned_on=day,
    )
    return create_task(user, draft, today=day), True


def _str(value):
    return None if value is None else str(value) if not isinstance(value, int | str) else value
