"""Writes to meetings (会议) and their decisions (议定事项): permission, validation, change
record and save in one transaction, as every write in econdesk.

    meeting = create_meeting(sue, title="一季度经济运行分析会", held_on=date(2026, 3, 28),
                             agenda="…", decisions=["规上工业：走访重点企业…", "固投：…"])
    decision = add_decision(sue, meeting, content="…", lead_department=经信局)
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from econdesk.accounts import permissions
from econdesk.audit import changes
from econdesk.supervision.models import Decision, Meeting


def create_meeting(
    user,
    *,
    title: str,
    held_on: date,
    host: str = "",
    agenda: str = "",
    region=None,
    decisions: list[str] = (),
) -> Meeting:
    """Register a meeting with its agenda and decisions (one text each, numbered in order)."""
    permissions.require(user, "supervision.assign")
    _check(title, held_on)
    with transaction.atomic():
        meeting = Meeting(
            title=title.strip(),
            held_on=held_on,
            host=host.strip(),
            agenda=agenda.strip(),
            region=region,
            created_by=user,
        )
        changes.commit(user, "supervision.assign", meeting, None, reason="登记会议", validate=False)
        for content in decisions:
            if content.strip():
                _add(user, meeting, content, None)
    return meeting


def update_meeting(
    user,
    meeting: Meeting,
    *,
    title: str,
    held_on: date,
    host: str = "",
    agenda: str = "",
    expected_version: int,
) -> Meeting:
    """Change a meeting's title, date, host or agenda (its decisions are added one by one)."""
    permissions.require(user, "supervision.assign")
    _check(title, held_on)
    with transaction.atomic():
        stored = changes.lock(meeting)
        if stored.version != int(expected_version):
            raise changes.StaleEdit(stored)
        before = changes.full_snapshot(stored)
        stored.title, stored.held_on = title.strip(), held_on
        stored.host, stored.agenda = host.strip(), agenda.strip()
        changes.commit(user, "supervision.assign", stored, before, reason="修改会议",
                       validate=False)  # fmt: skip
    return stored


def add_decision(user, meeting: Meeting, *, content: str, lead_department=None) -> Decision:
    """Add one decision to a meeting, numbered after the last one."""
    permissions.require(user, "supervision.assign")
    if not (content or "").strip():
        raise ValidationError({"content": "请填写议定事项内容。"})
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        return _add(user, meeting, content, lead_department)


def _add(user, meeting: Meeting, content: str, lead_department) -> Decision:
    number = (meeting.decisions.aggregate(m=Max("number"))["m"] or 0) + 1
    decision = Decision(
        meeting=meeting, number=number, content=content.strip(), lead_department=lead_department
    )
    changes.commit(user, "supervision.assign", decision, None, reason="登记议定事项",
                   validate=False)  # fmt: skip
    return decision


def _check(title: str, held_on: date | None) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = "请填写会议名称。"
    elif len(title.strip()) > 120:
        errors["title"] = "会议名称不能超过120字。"
    if held_on is None:
        errors["held_on"] = "请填写召开日期。"
    if errors:
        raise ValidationError(errors)
