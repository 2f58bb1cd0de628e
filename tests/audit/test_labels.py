"""The change record in Chinese after real changes: objects by their Chinese name and label,
fields by their labels, choices by their words, decimals without database zeros, foreign keys
and many-to-many by name, a task's warning source as a sentence — on /audit/ and on the
object's own history page. No model name, field key or code word reaches the reader."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from econdesk.accounts.models import Department, Leader
from econdesk.audit import services as audit
from econdesk.supervision import services
from econdesk.supervision.models import TaskSource
from tests.web.crawl import problems_in, read_page

PASSWORD = "Econdesk-test-2026"


def dept(short: str) -> Department:
    return Department.objects.get(short_name=short)


@pytest.fixture
def task(people):
    leader = Leader.objects.create(name="李晓梅", title="副区长", portfolio="工业")
    draft = services.TaskDraft(
        title="规上工业增加值增速回升",
        content="走访重点企业，推动停产企业复产。",
        lead_department=dept("经信局"),
        leader=leader,
        deadline=date(2026, 12, 15),
        assigned_on=date(2026, 11, 1),
        source=TaskSource.INDICATOR_WARNING,
        source_ref="indicator:industry_va:2026-10",
        source_figures={
            "indicator": "industry_va", "period": "2026-10", "unit": "亿元",
            "value": "193.250000", "growth": "6.5000", "color": "red",
        },
    )  # fmt: skip
    return services.create_task(people["supervisor"], draft, today=date(2026, 11, 1))


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    text, _links = read_page(response.content.decode())
    return text


def test_a_status_change_reads_as_the_task_its_field_and_its_words(client, people, task):
    services.report_progress(
        people["clerk"], task, text="已走访12家企业。", expected_version=task.version,
        today=date(2026, 11, 5),
    )  # fmt: skip
    assert client.login(username="alice", password=PASSWORD)
    text = page_text(client, "/audit/")
    assert f"督办事项 {task.number} 规上工业增加值增速回升：状态 待办→办理中" in text
    assert "最近报送 —→2026-11-05" in text
    assert problems_in(text) == []
    assert "SupervisedTask" not in text and "supervision." not in text


def test_the_warning_a_task_came_from_reads_as_a_sentence(client, people, task):
    assert client.login(username="alice", password=PASSWORD)
    text = page_text(client, f"/audit/supervision.SupervisedTask/{task.pk}/")
    assert "来源：\n指标预警" in text
    assert "指标预警：规模以上工业增加值 2026年1-10月" in text
    assert "指标：规模以上工业增加值，期别：2026年1-10月，单位：亿元" in text
    assert "累计值：193.25，增速：6.5，颜色：红灯" in text
    assert "分管区领导：\n副区长李晓梅" in text or "分管区领导：\n李晓梅" in text
    assert problems_in(text) == []
    # Where it came from: the command line of the tests' own process is no English either.
    assert "red" not in text and "industry_va" not in text


def test_cooperating_departments_are_named(client, people, task):
    draft = services.TaskDraft(
        title=task.title, content=task.content, lead_department=task.lead_department,
        deadline=task.deadline, leader=task.leader,
        cooperating=[dept("商务局"), dept("统计局")],
    )  # fmt: skip
    services.update_task(people["supervisor"], task, draft, expected_version=task.version)
    assert client.login(username="alice", password=PASSWORD)
    text = page_text(client, f"/audit/supervision.SupervisedTask/{task.pk}/")
    names = "、".join(sorted([str(dept("商务局")), str(dept("统计局"))]))
    shown = [line for line in text.splitlines() if dept("商务局").name in line]
    assert shown, text
    assert all(name in text for name in names.split("、"))
    assert "cooperating" not in text and problems_in(text) == []


def test_an_old_record_written_with_code_names_still_reads_in_chinese(client, people, task):
    """Older code stored "supervision.SupervisedTask #15" and cooperating_department_ids."""
    with transaction.atomic():
        audit.record(
            user=people["admin"], action="update", object_type="supervision.SupervisedTask",
            object_id=task.pk, object_repr=f"supervision.SupervisedTask #{task.pk}",
            before={"cooperating_department_ids": [], "color": "red", "status": "pending"},
            after={"cooperating_department_ids": [dept("商务局").pk], "color": "yellow",
                   "status": "in_progress"},
        )  # fmt: skip
    assert client.login(username="alice", password=PASSWORD)
    text = page_text(client, "/audit/")
    assert f"督办事项第{task.pk}号" in text
    assert f"配合单位 —→{dept('商务局')}" in text
    assert "状态 待办→办理中" in text
    assert problems_in(text) == [], problems_in(text)


def test_decimals_booleans_and_the_origin_in_words(client, people, catalogue):
    from econdesk.ledger.models import Indicator
    from econdesk.ledger.services.catalogue import save_indicator

    indicator = Indicator.objects.get(code="retail_sales")
    indicator.is_active = not indicator.is_active
    save_indicator(people["admin"], indicator, reason="停用")
    assert client.login(username="alice", password=PASSWORD)
    text = page_text(client, f"/audit/ledger.Indicator/{indicator.pk}/")
    was, now = ("是", "否") if not indicator.is_active else ("否", "是")
    assert f"启用：\n{was}\n→\n{now}" in text or f"{was}\n→\n{now}" in text
    assert problems_in(text) == [], problems_in(text)
