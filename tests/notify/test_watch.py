"""Events the timer finds: a new red light and a fall in rank after a correction is imported,
tasks due in N days and overdue, and each leader's weekly digest — each once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from econdesk.accounts.models import Department, Leader
from econdesk.ledger.models import Indicator
from econdesk.notify import watch, worker
from econdesk.notify.models import OutboxEvent
from econdesk.supervision import services as supervision
from tests.helpers import SAMPLE_INDUSTRY, write_figures
from tests.notify.conftest import make_channel

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


@pytest.fixture
def industry(people, sample_city):
    _, members = sample_city
    rows = [
        (members[n], "industry_va", "2022-02", None, g, None)
        for n, (g, _) in SAMPLE_INDUSTRY.items()
    ]
    write_figures(people["admin"], rows)
    return members


def test_a_correction_that_makes_the_district_last_is_pushed_once(robots, people, industry):
    make_channel(people["admin"], "wecom", robots.wecom_url,
                 events=["indicator.red", "indicator.rank_fell"])  # fmt: skip
    assert watch.lights() == 0  # the first look only sets the baseline
    write_figures(people["admin"], [(industry["东城区"], "industry_va", "2022-02", None, "-3.0", None)],
                  file_name="更正.csv")  # fmt: skip

    assert watch.lights() == 2
    assert watch.lights() == 0  # nothing new since
    worker.deliver(now=timezone.now())
    texts = robots.texts("wecom")
    assert len(texts) == 2
    red = next(t for t in texts if "新亮红灯" in t or "排名末位" in t)
    assert "规模以上工业增加值" in red and "增速 -3.0%" in red and "排名末位" in red
    fell = next(t for t in texts if "位次后退" in t)
    assert "居第8位（共8个），此前第3位" in fell
    assert "(https://econdesk.example.gov.cn/indicators/industry_va/)" in fell


def test_tasks_due_in_three_days_and_overdue_are_pushed_once(robots, people):
    make_channel(people["admin"], "wecom", robots.wecom_url, events=["task.due", "task.overdue"])
    jxj = Department.objects.get(short_name="经信局")

    def task(title, deadline):
        draft = supervision.TaskDraft(
            title=title, content="走访重点企业。", lead_department=jxj, cooperating=[],
            leader=None, deadline=deadline, assigned_on=date(2026, 11, 1),
        )  # fmt: skip
        return supervision.create_task(people["supervisor"], draft, today=date(2026, 11, 1))

    task("规上工业增加值增速回升", TODAY + timedelta(days=2))
    task("重点项目开工", TODAY - timedelta(days=4))
    task("年底前完成", TODAY + timedelta(days=20))
    assert watch.task_deadlines(TODAY) == 2
    assert watch.task_deadlines(TODAY + timedelta(days=1)) == 0  # once per task and deadline
    worker.deliver(now=timezone.now())
    texts = robots.texts("wecom")
    assert len(texts) == 2
    assert any(
        "还有2天到期" in t and "规上工业增加值增速回升" in t and "区经济和信息化局" in t
        for t in texts
    )
    assert any("已逾期4天" in t and "重点项目开工" in t for t in texts)


def test_each_leader_gets_a_weekly_digest_of_their_indicators_and_tasks(robots, people, industry):
    make_channel(people["admin"], "email", events=["digest.weekly"])
    leo = people["leader"]
    leo.email = "leo@dongcheng.gov.cn"
    leo.save()
    leader = Leader.objects.create(name="李晓梅", title="副区长", user=leo)
    Indicator.objects.filter(code="industry_va").update(leader=leader)
    draft = supervision.TaskDraft(
        title="规上工业增加值增速回升", content="走访重点企业。",
        lead_department=Department.objects.get(short_name="经信局"), cooperating=[],
        leader=leader, deadline=date(2026, 11, 20), assigned_on=date(2026, 11, 1),
    )  # fmt: skip
    supervision.create_task(people["supervisor"], draft, today=date(2026, 11, 1))

    monday = date(2026, 11, 30)
    assert watch.run_all(monday) == 1
    assert watch.run_all(monday + timedelta(days=1), digest=True) == 0  # same week
    worker.deliver(now=timezone.now())
    [letter] = mail.outbox
    assert letter.to == ["leo@dongcheng.gov.cn"]
    assert "每周摘要（2026年第49周）：副区长李晓梅" == letter.subject
    assert "规模以上工业增加值：增速8.2%，第3位" in letter.body
    assert "规上工业增加值增速回升（已逾期，时限2026-11-20）" in letter.body
    assert OutboxEvent.objects.filter(kind="digest.weekly").count() == 1
