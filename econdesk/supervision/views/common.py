"""What the supervision pages share: access checks in plain sight and errors onto forms."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.supervision.models import SupervisedTask


def task_for_user(request, pk: int, action: str = "supervision.read") -> SupervisedTask:
    """The task with id `pk` if the user may read it (and do `action` on it); else 403."""
    task = get_object_or_404(
        SupervisedTask.objects.select_related(
            "lead_department", "leader", "decision__meeting", "region", "created_by", "closed_by"
        ).prefetch_related("cooperating_departments"),
        pk=pk,
    )
    permissions.require(request.user, "supervision.read", task)
    if action != "supervision.read":
        permissions.require(request.user, action, task)
    return task


def year_param(request, default: int) -> int:
    value = query.year(request.GET)
    return value if value is not None and 2000 <= value <= 2100 else default
