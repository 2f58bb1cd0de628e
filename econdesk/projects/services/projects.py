"""Writes to major projects: the project row, monthly investment, procedures and problems."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from econdesk.audit import changes
from econdesk.projects.models import (
    MajorProject,
    ProjectMonth,
    ProjectProblem,
    ProjectProcedure,
)
from econdesk.projects.services.base import EDIT, bump_version, lock_parent, remove, write


def save_project(
    user, project: MajorProject, *, expected_version: int | None = None, reason: str = ""
) -> MajorProject:
    """Create or update a major project (permission, validation, change record, save)."""
    return write(user, project, expected_version=expected_version, reason=reason or "维护重大项目")


@dataclass(frozen=True)
class MonthInput:
    """One month of a project's investment as entered (万元; None = not entered)."""

    month: int
    planned: Decimal | None = None
    completed: Decimal | None = None
    progress: str = ""

    @property
    def empty(self) -> bool:
        return self.planned is None and self.completed is None and not self.progress.strip()


def _same_month(row: ProjectMonth, entry: MonthInput) -> bool:
    def eq(a, b):
        return (a is None and b is None) or (a is not None and b is not None and a == b)

    return (
        eq(row.planned, entry.planned)
        and eq(row.completed, entry.completed)
        and row.progress == entry.progress.strip()
    )


def save_months(
    user,
    project: MajorProject,
    year: int,
    entries: list[MonthInput],
    *,
    expected_version: int | None = None,
    today: date | None = None,
    reason: str = "",
) -> int:
    """Save a project's monthly investment for a year; returns how many months changed.

    A completed amount can only be entered for a month that has begun. An emptied month is
    removed (its change record keeps what it held). All months are saved or none.
    """
    today = today or timezone.localdate()
    problems = []
    for entry in entries:
        if not 1 <= entry.month <= 12:
            problems.append(f"月份应在1-12之间：{entry.month}")
        elif entry.completed is not None and (year, entry.month) > (today.year, today.month):
            problems.append(f"{year}年{entry.month}月尚未到来，不能填报完成投资。")
        for label, value in (("计划投资", entry.planned), ("完成投资", entry.completed)):
            if value is not None and value < 0:
                problems.append(f"{entry.month}月{label}不能为负数。")
    if problems:
        raise ValidationError(problems)
    reason = reason or "填报月度投资"
    changed = 0
    with transaction.atomic():
        stored = lock_parent(user, project, expected_version)
        existing = {m.month: m for m in ProjectMonth.objects.filter(project=project, year=year)}
        for entry in entries:
            row = existing.get(entry.month)
            if entry.empty:
                if row is not None:
                    remove(user, row, reason=reason, guard=project)
                    changed += 1
                continue
            if row is not None and _same_month(row, entry):
                continue
            before = changes.full_snapshot(row) if row is not None else None
            row = row or ProjectMonth(project=project, year=year, month=entry.month)
            row.planned, row.completed = entry.planned, entry.completed
            row.progress = entry.progress.strip()
            changes.commit(user, EDIT, row, before, reason=reason)
            changed += 1
        if changed:
            bump_version(project, stored)
    return changed


@dataclass(frozen=True)
class ProcedureInput:
    """One procedure's dates as entered."""

    kind: str
    planned_date: date | None = None
    actual_date: date | None = None
    responsible: str = ""
    note: str = ""


def save_procedures(
    user,
    project: MajorProject,
    entries: list[ProcedureInput],
    *,
    expected_version: int | None = None,
    reason: str = "",
) -> int:
    """Save the procedures (手续) of a project; returns how many changed."""
    reason = reason or "维护项目手续"
    fields = ("planned_date", "actual_date", "responsible", "note")
    changed = 0
    with transaction.atomic():
        stored = lock_parent(user, project, expected_version)
        existing = {p.kind: p for p in ProjectProcedure.objects.filter(project=project)}
        for entry in entries:
            row = existing.get(entry.kind)
            values = {name: getattr(entry, name) for name in fields}
            blank = not any(values.values())
            if row is None and blank:
                continue
            if row is not None and all(getattr(row, k) == v for k, v in values.items()):
                continue
            before = changes.full_snapshot(row) if row is not None else None
            row = row or ProjectProcedure(project=project, kind=entry.kind)
            for name, value in values.items():
                setattr(row, name, value)
            changes.commit(user, EDIT, row, before, reason=reason)
            changed += 1
        if changed:
            bump_version(project, stored)
    return changed


def save_problem(
    user,
    problem: ProjectProblem,
    *,
    expected_version: int | None = None,
    reason: str = "",
) -> ProjectProblem:
    """Create or update a problem needing coordination (问题协调) of a project."""
    reason = reason or "问题协调"
    with transaction.atomic():
        stored = lock_parent(user, problem.project, expected_version)
        write(user, problem, reason=reason, guard=problem.project)
        bump_version(problem.project, stored)
    return problem
