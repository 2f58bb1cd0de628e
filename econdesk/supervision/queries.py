"""Reads for pages, the API and commands: which tasks a user sees, their colours, statistics.

Which tasks a user sees is the rule book's (permissions.visible: a department-scoped role sees
the tasks its department leads or cooperates on, every other role all). Nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.supervision.colours import RED, YELLOW, Colour, milestones_of, task_colour
from econdesk.supervision.models import SupervisedTask, TaskRules, TaskStatus


def visible_tasks(user):
    """The tasks `user` may read, with what their rows show joined in."""
    tasks = SupervisedTask.objects.select_related(
        "lead_department", "leader", "decision__meeting"
    ).prefetch_related("cooperating_departments")
    return permissions.visible(user, "supervision.read", tasks)


def colour_of(task: SupervisedTask, today: date, rules: TaskRules | None = None) -> Colour:
    """The task's colour on `today` under the stored rules (see colours.py)."""
    rules = rules or TaskRules.current()
    return task_colour(
        task.deadline,
        today,
        rules.yellow_days,
        finished_on=task.finished_on,
        milestones=milestones_of(task.milestones),
    )


def with_colours(tasks, today: date, rules: TaskRules | None = None) -> list[SupervisedTask]:
    """The tasks as a list, each with .colour set."""
    rules = rules or TaskRules.current()
    rows = list(tasks)
    for task in rows:
        task.colour = colour_of(task, today, rules)
    return rows


def filter_tasks(tasks, params):
    """Narrow a task list by ?status=, ?department=, ?leader=, ?q= (ids and words)."""
    if (status := params.get("status")) in TaskStatus.values:
        tasks = tasks.filter(status=status)
    elif status == "open":
        tasks = tasks.exclude(status=TaskStatus.CLOSED)
    if (dept := query.object_id(params, "department")) is not None:
        tasks = tasks.filter(
            Q(lead_department_id=dept) | Q(cooperating_departments__id=dept)
        ).distinct()
    if (leader := query.object_id(params, "leader")) is not None:
        tasks = tasks.filter(leader_id=leader)
    if words := (params.get("q") or "").strip():
        tasks = tasks.filter(Q(title__icontains=words) | Q(number__icontains=words))
    return tasks


@dataclass
class CountRow:
    """Counts of one department or leader: open (not closed) tasks and how they stand."""

    key: int | None
    name: str
    open: int = 0
    due: int = 0  # yellow: near a deadline
    overdue: int = 0  # red and not yet asked to close
    requested: int = 0  # waiting for the supervisor
    closed: int = 0
    closed_on_time: int = 0
    tasks: list = field(default_factory=list)


@dataclass
class Statistics:
    by_department: list[CountRow]
    by_leader: list[CountRow]
    overdue: list[SupervisedTask]
    total: CountRow


def statistics(tasks, today: date, rules: TaskRules | None = None) -> Statistics:
    """Open, due and overdue tasks by lead department and by leader; the overdue list.

    "Open" is every task not yet closed (待办, 办理中, 申请办结); "due" and "overdue" count open
    tasks not yet asked to close whose colour is yellow or red.
    """
    rows = with_colours(tasks, today, rules)
    departments: dict[int, CountRow] = {}
    leaders: dict[int | None, CountRow] = {}
    total = CountRow(None, "合计")
    for task in rows:
        dept = departments.setdefault(
            task.lead_department_id, CountRow(task.lead_department_id, str(task.lead_department))
        )
        lead = leaders.setdefault(
            task.leader_id, CountRow(task.leader_id, str(task.leader) if task.leader else "未指定")
        )
        for row in (dept, lead, total):
            _count(row, task)
    overdue = sorted(
        (t for t in rows if t.is_open and t.colour.color == RED), key=lambda t: (t.deadline, t.pk)
    )
    by_dept = sorted(departments.values(), key=lambda r: (-r.overdue, -r.due, -r.open, r.name))
    by_leader = sorted(leaders.values(), key=lambda r: (r.key is None, -r.overdue, r.name))
    return Statistics(by_dept, by_leader, overdue, total)


def _count(row: CountRow, task: SupervisedTask) -> None:
    if task.status == TaskStatus.CLOSED:
        row.closed += 1
        row.closed_on_time += bool(task.closed_on_time)
        return
    row.open += 1
    if task.status == TaskStatus.CLOSURE_REQUESTED:
        row.requested += 1
    elif task.colour.color == RED:
        row.overdue += 1
    elif task.colour.color == YELLOW:
        row.due += 1


def overdue_days(task: SupervisedTask, today: date) -> int:
    return max(0, (today - task.deadline).days)


def tasks_by_source(source_refs: list[str]) -> dict[str, SupervisedTask]:
    """The latest not-closed task per source (e.g. "indicator:industry_va:2026-10")."""
    found = {}
    for task in SupervisedTask.objects.filter(source_ref__in=source_refs).exclude(
        status=TaskStatus.CLOSED
    ):
        found[task.source_ref] = task
    return found


def status_counts(tasks) -> list[tuple[str, str, int]]:
    """(status, label, how many) for each status, in the order of the life cycle."""
    counts: dict[str, int] = defaultdict(int)
    for status in tasks.values_list("status", flat=True):
        counts[status] += 1
    return [(value, label, counts.get(value, 0)) for value, label in TaskStatus.choices]
