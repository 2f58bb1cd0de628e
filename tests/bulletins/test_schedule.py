"""`econdesk issue_due_bulletins` (cron): the month's bulletin once new data arrives, once."""

from io import StringIO

from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory

from econdesk.bulletins import services
from econdesk.bulletins.models import Bulletin, Notification
from tests.bulletins.data import write_sample_march


def run() -> str:
    out = StringIO()
    call_command("issue_due_bulletins", stdout=out)
    return out.getvalue()


def test_it_issues_the_new_period_once_and_notifies_readers(sample_feb, people, sample_city):
    out = run()
    pk = Bulletin.objects.get().pk
    assert (
        out == f"已印发：东城区经济运行情况通报（2022年1-2月，第1期）（编号 {pk}），已通知读者。\n"
    )
    assert Notification.objects.filter(user=people["leader"], read_at=None).count() == 1
    assert run().startswith("没有需要印发的通报")
    assert Bulletin.objects.count() == 1
    city, members = sample_city
    write_sample_march(people["admin"], city, members)
    assert "东城区经济运行情况通报（2022年1-3月，第2期）" in run()
    assert [b.period.code for b in Bulletin.objects.order_by("id")] == ["2022-02", "2022-03"]
    assert Notification.objects.filter(user=people["leader"], read_at=None).count() == 2


def test_it_does_nothing_without_data(catalogue, sample_city):
    assert run().startswith("没有需要印发的通报")


def test_the_unread_count_tag_and_reading_a_notification(sample_feb, people):
    run()
    leader = people["leader"]
    request = RequestFactory().get("/")
    request.user = leader
    template = Template("{% load bulletin_notifications %}{% unread_notifications %}")
    assert template.render(Context({"request": request})) == "1"
    note = Notification.objects.get(user=leader)
    assert services.mark_read(leader, note.pk).read_at is not None
    assert template.render(Context({"request": request})) == "0"
