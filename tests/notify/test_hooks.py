"""The services' own events reach the channels: a bulletin issued, a report returned and
approved, a task assigned, returned and closed — to the lead department's group and people."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from econdesk.accounts.models import Department
from econdesk.bulletins import archive
from econdesk.ledger.periods import PeriodKey
from econdesk.notify import worker
from econdesk.notify.models import OutboxEvent
from econdesk.reporting import services as reporting
from econdesk.reporting.services import EstimateEntry
from econdesk.supervision import services as supervision
from tests.bulletins.conftest import sample_feb  # noqa: F401 - fixture
from tests.notify.conftest import make_channel
from tests.reporting.conftest import ESTIMATE_PERIOD, city, output  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def dept(short):
    return Department.objects.get(short_name=short)


def test_a_task_reaches_its_lead_departments_group_and_clerks_at_each_step(robots, people):
    ours = make_channel(people["admin"], "wecom", robots.wecom_url, name="经信局工作群",
                        department_id=dept("经信局").pk)  # fmt: skip
    make_channel(people["admin"], "dingtalk", robots.dingtalk_url, name="商务局钉钉群",
                 department_id=dept("商务局").pk, keyword="经济运行")  # fmt: skip
    make_channel(people["admin"], "email", name="邮件")
    people["clerk"].email = "colin@jxj.gov.cn"
    people["clerk"].save()
    draft = supervision.TaskDraft(
        title="规上工业增加值增速回升", content="走访重点企业。", lead_department=dept("经信局"),
        cooperating=[], leader=None, deadline=date(2026, 12, 15), assigned_on=date(2026, 11, 1),
    )  # fmt: skip
    task = supervision.create_task(people["supervisor"], draft, today=date(2026, 11, 1))
    task = supervision.request_closure(people["clerk"], task, text="已完成走访。",
                                       expected_version=task.version)  # fmt: skip
    task = supervision.return_task(people["supervisor"], task, reason="缺少企业名单",
                                   expected_version=task.version)  # fmt: skip
    task = supervision.request_closure(people["clerk"], task, text="已补充名单。",
                                       expected_version=task.version)  # fmt: skip
    supervision.close_task(people["supervisor"], task, expected_version=task.version)

    assert list(OutboxEvent.objects.values_list("kind", flat=True)) == [
        "task.assigned", "task.returned", "task.closed",
    ]  # fmt: skip
    worker.deliver(now=timezone.now())
    texts = robots.texts("wecom")
    assert len(texts) == 3 and not robots.texts("dingtalk")  # 商务局's group hears nothing
    assert "督办交办" in texts[0] and task.number in texts[0] and "2026-12-15" in texts[0]
    assert "退回原因：缺少企业名单" in texts[1]
    assert "办结销号" in texts[2]
    assert f"/supervision/tasks/{task.pk}/" in texts[0]
    assert [m.subject for m in mail.outbox if m.to == ["colin@jxj.gov.cn"]] == [
        f"督办交办：{task.number} 规上工业增加值增速回升",
        f"办结申请被退回：{task.number} 规上工业增加值增速回升",
        f"办结销号：{task.number} 规上工业增加值增速回升",
    ]
    assert ours.messages.count() == 3


def test_a_report_returned_and_approved_reaches_its_author(robots, people, city, output):  # noqa: F811
    make_channel(
        people["admin"], "email", name="邮件", events=["report.returned", "report.approved"]
    )
    clerk = people["clerk"]
    clerk.email = "colin@jxj.gov.cn"
    clerk.save()
    entry = EstimateEntry(Decimal("160.5"), Decimal("6.5"), "两家企业检修", "推动复产")
    report = reporting.save_draft(clerk, indicator=output, period=ESTIMATE_PERIOD, entry=entry,
                                  expected_version=0)  # fmt: skip
    report = reporting.submit(clerk, report, expected_version=1)
    report = reporting.return_report(people["reviewer"], report, reason="请补充停产企业名单",
                                     expected_version=2)  # fmt: skip
    report = reporting.submit(clerk, report, expected_version=3)
    reporting.approve(people["reviewer"], report, expected_version=4)
    worker.deliver(now=timezone.now())
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "填报被退回：规模以上工业总产值 2022年1-3月",
        "填报已审核发布：规模以上工业总产值 2022年1-3月",
    ]
    assert "退回原因：请补充停产企业名单" in mail.outbox[0].body


def test_an_issued_bulletin_is_pushed_with_its_number_and_first_paragraph(
    robots,
    people,
    sample_feb,  # noqa: F811
):
    make_channel(people["admin"], "wecom", robots.wecom_url, events=["bulletin.issued"])
    bulletin = archive.issue(people["reviewer"], sample_feb["东城区"], PeriodKey(2022, 2))
    worker.deliver(now=timezone.now())
    [text] = robots.texts("wecom")
    assert bulletin.title in text and "2022年第1期" in text
    assert f"(https://econdesk.example.gov.cn/bulletins/{bulletin.pk}/)" in text
    headline = text.split("\n\n")[1]
    assert headline.startswith("从市上通报的1-2月主要经济指标来看")  # the 总体情况 paragraph
    assert "全区规模以上工业增加值增长8.2%（全市增长7.1%）、居全市第3位" in headline
