"""Reminders (催办): in-app rows and locmem e-mails, once per task, person and day."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from econdesk.accounts.models import Role, User
from econdesk.supervision import reminders, services
from econdesk.supervision.models import Reminder, TaskEvent
from tests.supervision.conftest import dept

TODAY = date(2026, 11, 27)


@pytest.fixture
def colin_with_mail(people):
    colin = people["clerk"]
    colin.email = "colin@example.gov.cn"
    colin.save()
    return colin


def test_it_reminds_the_lead_department_of_due_and_overdue_tasks_once_a_day(
    people, make_task, colin_with_mail
):
    overdue = make_task(deadline=TODAY - timedelta(days=2), title="逾期事项")
    due = make_task(deadline=TODAY + timedelta(days=3), title="临近事项")
    make_task(deadline=TODAY + timedelta(days=4), title="绿色事项")
    make_task(deadline=TODAY - timedelta(days=1), lead="商务局", title="商务局事项")

    run = reminders.send_reminders(people["admin"], today=TODAY)
    assert run.tasks == 3
    colin_reminders = Reminder.objects.filter(recipient=colin_with_mail).order_by("task_id")
    assert [(r.task_id, r.color, r.kind) for r in colin_reminders] == [
        (overdue.pk, "red", "auto"),
        (due.pk, "yellow", "auto"),
    ]
    assert (
        colin_reminders[0].text
        == "【催办】督〔2026〕1号“逾期事项”：办结时限2026-11-25，已逾期2天。"
    )
    assert Reminder.objects.filter(recipient=people["other_clerk"]).count() == 1
    # cora has no e-mail address: only colin's two reminders went out by mail.
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == ["colin@example.gov.cn"]
    assert mail.outbox[0].subject == "督办提醒：督〔2026〕1号 逾期事项"
    assert "已逾期2天" in mail.outbox[0].body and "/supervision/tasks/" in mail.outbox[0].body
    assert all(r.emailed_at for r in colin_reminders)
    assert TaskEvent.objects.filter(task=overdue, action="remind").count() == 1

    again = reminders.send_reminders(people["admin"], today=TODAY)
    assert (len(again.created), again.skipped) == (0, 3)
    assert Reminder.objects.count() == 3 and len(mail.outbox) == 2
    assert TaskEvent.objects.filter(task=overdue, action="remind").count() == 1

    # The next day reminds again, and the green task (now 3 days before its deadline) too.
    next_day = reminders.send_reminders(people["admin"], today=TODAY + timedelta(days=1))
    assert len(next_day.created) == 4


def test_it_stops_reminding_once_closure_is_asked(people, make_task):
    task = make_task(deadline=TODAY - timedelta(days=1))
    services.request_closure(people["clerk"], task, text="完成", expected_version=1, today=TODAY)
    assert reminders.send_reminders(people["admin"], today=TODAY).tasks == 0


def test_it_reminds_cooperating_departments_only_when_configured(people, make_task):
    from econdesk.supervision.schemes import save_rules

    make_task(deadline=TODAY, cooperating=("商务局",))
    reminders.send_reminders(people["admin"], today=TODAY)
    assert list(Reminder.objects.values_list("recipient__username", flat=True)) == ["colin"]
    save_rules(people["supervisor"], yellow_days=3, warning_deadline_days=15,
               remind_cooperating=True, expected_version=0)  # fmt: skip
    reminders.send_reminders(people["admin"], today=TODAY)
    assert sorted(Reminder.objects.values_list("recipient__username", flat=True)) == [
        "colin", "cora",
    ]  # fmt: skip


def test_it_sends_no_mail_when_no_mail_server_is_configured(
    people, make_task, colin_with_mail, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "localhost"
    make_task(deadline=TODAY)
    run = reminders.send_reminders(people["admin"], today=TODAY)
    assert len(run.created) == 1 and run.emailed == 0
    assert Reminder.objects.get().emailed_at is None


def test_it_lets_the_supervisor_remind_by_hand_once_a_day(people, make_task, colin_with_mail):
    task = make_task(deadline=TODAY + timedelta(days=20))
    run = reminders.remind(people["supervisor"], task, note="请于本周报送", today=TODAY)
    assert [r.kind for r in run.created] == ["manual"]
    assert run.created[0].text.endswith("请于本周报送")
    assert reminders.remind(people["supervisor"], task, today=TODAY).skipped == 1
    with pytest.raises(PermissionDenied):
        reminders.remind(people["clerk"], task, today=TODAY)


def test_it_counts_and_marks_a_users_unread_reminders(people, make_task):
    make_task(deadline=TODAY)
    make_task(deadline=TODAY)
    reminders.send_reminders(people["admin"], today=TODAY)
    colin = people["clerk"]
    assert reminders.unread_count(colin) == 2
    first = Reminder.objects.filter(recipient=colin).first()
    reminders.mark_read(colin, first.pk)
    assert reminders.unread_count(colin) == 1
    assert reminders.mark_read(people["other_clerk"]) == 0


def test_the_command_is_idempotent_per_day(people, make_task):
    make_task(deadline=TODAY - timedelta(days=5))
    User.objects.create_user("clara", role=Role.CLERK, department=dept("经信局"), password="x")
    out = StringIO()
    call_command("send_reminders", "--date", "2026-11-27", stdout=out)
    assert "1项需催办，新发催办2条" in out.getvalue()
    out = StringIO()
    call_command("send_reminders", "--date", "2026-11-27", stdout=out)
    assert "新发催办0条" in out.getvalue() and "今天已催办过2条" in out.getvalue()
    assert Reminder.objects.count() == 2
