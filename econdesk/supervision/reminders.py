"""Reminders (催办): in the app always, and by e-mail when a mail server is configured.

`send_reminders` (the cron command calls it) reminds the clerks of the lead department — and
of the cooperating ones if the rules say so — of every task not yet asked to close whose colour
is yellow or red. It is idempotent: one automatic reminder per task, person and day, so running
it twice in a day sends nothing new. `remind` is the supervisor's manual 催办 from a task page.

E-mail goes through django.core.mail to users with an address, when mail is configured:
settings.ECONDESK_REMINDER_EMAIL if set, else whenever EMAIL_BACKEND is not the default SMTP
backend or EMAIL_HOST is not the default "localhost".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from econdesk.accounts import permissions
from econdesk.accounts.models import User
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, snapshot
from econdesk.supervision import queries
from econdesk.supervision.colours import GREEN, Colour
from econdesk.supervision.models import (
    OPEN_STATUSES,
    Reminder,
    SupervisedTask,
    TaskEvent,
    TaskRules,
)
from econdesk.supervision.services import add_event, today_or

log = logging.getLogger(__name__)
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@dataclass
class ReminderRun:
    """What one run did: reminders created, e-mails sent, reminders already sent today."""

    day: date
    created: list[Reminder] = field(default_factory=list)
    emailed: int = 0
    skipped: int = 0
    tasks: int = 0


def mail_configured() -> bool:
    explicit = getattr(settings, "ECONDESK_REMINDER_EMAIL", None)
    if explicit is not None:
        return bool(explicit)
    return settings.EMAIL_BACKEND != SMTP_BACKEND or settings.EMAIL_HOST != "localhost"


def recipients(task: SupervisedTask, rules: TaskRules) -> list[User]:
    """The active clerks of the lead department (and of the cooperating ones, if configured)."""
    departments = [task.lead_department_id]
    if rules.remind_cooperating:
        departments += [d.pk for d in task.cooperating_departments.all()]
    return list(
        User.objects.filter(
            role__in=permissions.ROLE_RULES["supervision.report"],  # who reports on tasks
            is_active=True,
            department_id__in=departments,
        ).order_by("id")
    )


def reminder_text(task: SupervisedTask, colour: Colour, manual_note: str = "") -> str:
    head = "【催办】" if colour.color != GREEN or manual_note else "【提醒】"
    text = f"{head}{task.number}“{task.title}”：{colour.reason}。"
    if manual_note:
        text += manual_note
    return text[:300]


def due_tasks(today: date, rules: TaskRules):
    """(task, colour) of every open task not yet asked to close that is yellow or red."""
    tasks = SupervisedTask.objects.filter(status__in=OPEN_STATUSES).select_related(
        "lead_department"
    )
    for task in tasks.prefetch_related("cooperating_departments").order_by("deadline", "id"):
        colour = queries.colour_of(task, today, rules)
        if colour.color != GREEN:
            yield task, colour


def send_reminders(user, today: date | None = None) -> ReminderRun:
    """Remind everyone due a reminder today (see the module docstring). ``user`` is who the
    change record names (the command's account)."""
    day = today_or(today)
    rules = TaskRules.current()
    run = ReminderRun(day)
    for task, colour in due_tasks(day, rules):
        run.tasks += 1
        with transaction.atomic():
            sent = _remind(user, task, colour, day, Reminder.Kind.AUTO, rules)
        run.skipped += sent.skipped
        run.created.extend(sent.created)
    run.emailed = _mail(run.created)
    return run


def remind(user, task: SupervisedTask, *, note: str = "", today: date | None = None) -> ReminderRun:
    """The supervisor's manual reminder (人工催办) of one task; once per person and day."""
    permissions.require(user, "supervision.assign")
    day = today_or(today)
    rules = TaskRules.current()
    with transaction.atomic():
        colour = queries.colour_of(task, day, rules)
        run = _remind(user, task, colour, day, Reminder.Kind.MANUAL, rules, note.strip()[:150])
    run.emailed = _mail(run.created)
    return run


def _remind(user, task, colour, day, kind, rules, note: str = "") -> ReminderRun:
    run = ReminderRun(day)
    already = set(
        Reminder.objects.filter(task=task, sent_on=day, kind=kind).values_list(
            "recipient_id", flat=True
        )
    )
    text = reminder_text(task, colour, note)
    names = []
    for person in recipients(task, rules):
        if person.pk in already:
            run.skipped += 1
            continue
        reminder = Reminder.objects.create(
            task=task, recipient=person, kind=kind, sent_on=day, color=colour.color, text=text
        )
        record(
            user=user,
            action=ChangeRecord.Action.CREATE,
            object_type=reminder._meta.label,
            object_id=reminder.pk,
            object_repr=f"{task.number} 催办 {person}",
            after=snapshot(reminder),
            reason=Reminder.Kind(kind).label,
        )
        run.created.append(reminder)
        names.append(str(person))
    if names:
        label = "系统自动催办" if kind == Reminder.Kind.AUTO else "人工催办"
        add_event(
            user, task, TaskEvent.Action.REMIND, day, f"{label}：{text}（发送给{'、'.join(names)}）"
        )
    return run


def _mail(reminders: list[Reminder]) -> int:
    """E-mail each reminder whose recipient has an address; mark the ones sent."""
    if not reminders or not mail_configured():
        return 0
    sent = 0
    site = getattr(settings, "ECONDESK_SITE_URL", "").rstrip("/")
    for reminder in reminders:
        address = reminder.recipient.email
        if not address:
            continue
        link = f"{site}/supervision/tasks/{reminder.task_id}/"
        try:
            send_mail(
                subject=f"督办提醒：{reminder.task.number} {reminder.task.title}"[:150],
                message=f"{reminder.text}\n\n请登录经济运行调度平台查看并报送进展：{link}\n",
                from_email=None,
                recipient_list=[address],
            )
        except Exception:  # noqa: BLE001 - the in-app reminder stands; mail is best effort
            log.exception("催办邮件发送失败：%s", address)
            continue
        Reminder.objects.filter(pk=reminder.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Reminder.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, pk: int | None = None) -> int:
    """Mark one (or all) of the user's reminders read; a reader's own state, not business data."""
    unread = Reminder.objects.filter(recipient=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())
