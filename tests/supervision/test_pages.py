"""The /supervision/ pages: who may open what, the forms, files served only to readers, exports."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from econdesk.supervision import services
from econdesk.supervision.models import Meeting, SupervisedTask, TaskAttachment
from tests.supervision.conftest import dept
from tests.web.known import build_known_city

PASSWORD = "Econdesk-test-2026"
READ_PAGES = ["index", "meetings", "warnings", "stats", "scores", "reminders", "rules"]


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


@pytest.mark.parametrize("name", READ_PAGES)
def test_it_sends_anonymous_visitors_to_log_in(client, db, name):
    response = client.get(reverse(f"supervision:{name}"))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("username", ["alice", "rita", "colin", "leo", "sue"])
def test_it_lets_every_role_read_the_pages(client, people, sample_city, make_task, username):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    make_task()
    login(client, username)
    for name in READ_PAGES:
        response = client.get(reverse(f"supervision:{name}"))
        assert response.status_code == 200, name
    assert "督办" in client.get(reverse("overview")).content.decode()


def test_it_shows_a_department_only_its_own_tasks(client, people, make_task):
    mine = make_task(title="经信局事项")
    other = make_task(title="商务局事项", lead="商务局")
    shared = make_task(title="会同事项", lead="商务局", cooperating=("经信局",))
    login(client, "colin")
    page = client.get(reverse("supervision:index")).content.decode()
    assert "经信局事项" in page and "会同事项" in page and "商务局事项" not in page
    assert client.get(reverse("supervision:task", args=[mine.pk])).status_code == 200
    assert client.get(reverse("supervision:task", args=[shared.pk])).status_code == 200
    refused = client.get(reverse("supervision:task", args=[other.pk]))
    assert refused.status_code == 403
    assert "区商务局牵头" in refused.content.decode()
    login(client, "leo")
    assert "商务局事项" in client.get(reverse("supervision:index")).content.decode()


def test_it_serves_an_attachment_only_to_those_who_may_read_the_task(client, people, make_task):
    task = make_task()
    login(client, "colin")
    upload = SimpleUploadedFile("走访记录（11月）.docx", b"PK-demo-bytes")
    response = client.post(
        reverse("supervision:task-report", args=[task.pk]),
        {"text": "走访5家企业", "version": 1, "action": "report", "files": [upload]},
    )
    assert response.status_code == 302
    attachment = TaskAttachment.objects.get()
    url = reverse("supervision:attachment", args=[attachment.pk])
    got = client.get(url)
    assert got.status_code == 200 and b"".join(got.streaming_content) == b"PK-demo-bytes"
    assert "filename*=utf-8''%E8%B5%B0%E8%AE%BF" in got["Content-Disposition"]
    for username, code in [("sue", 200), ("leo", 200), ("cora", 403)]:
        login(client, username)
        assert client.get(url).status_code == code, username


def test_it_walks_the_task_through_the_pages_with_chinese_refusals(client, people, make_task):
    task = make_task()
    login(client, "colin")
    url = reverse("supervision:task-report", args=[task.pk])
    assert client.post(url, {"text": "", "version": 1, "action": "report"}).status_code == 400
    client.post(url, {"text": "已完成", "version": 1, "action": "request_close"})
    assert SupervisedTask.objects.get(pk=task.pk).status == "closure_requested"
    # A clerk has no 退回 or 办结 button and is refused if they post anyway.
    page = client.get(reverse("supervision:task", args=[task.pk])).content.decode()
    assert "return-form" not in page and "close-form" not in page
    assert (
        client.post(reverse("supervision:task-close", args=[task.pk]), {"version": 2}).status_code
        == 403
    )

    login(client, "sue")
    refused = client.post(reverse("supervision:task-return", args=[task.pk]), {"version": 2})
    assert refused.status_code == 400 and "请填写退回原因" in refused.content.decode()
    client.post(
        reverse("supervision:task-return", args=[task.pk]), {"version": 2, "reason": "请补充材料"}
    )
    login(client, "colin")
    page = client.get(reverse("supervision:task", args=[task.pk])).content.decode()
    assert "请补充材料" in page
    stale = client.post(url, {"text": "旧页面提交", "version": 2, "action": "report"})
    assert stale.status_code == 400
    assert "该事项已被他人修改，请刷新后再提交" in stale.content.decode()


def test_it_assigns_a_task_from_the_form_with_milestones(client, people, leader):
    login(client, "sue")
    deadline = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("supervision:task-new"),
        {
            "title": "固投缺口闭合",
            "content": "加快项目入库",
            "source": "instruction",
            "lead_department": dept("发改局").pk,
            "cooperating": [dept("统计局").pk],
            "leader": leader.pk,
            "deadline": deadline.isoformat(),
            "milestones": f"{(deadline - timedelta(days=10)).isoformat()} 完成入库\n",
        },
    )
    task = SupervisedTask.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/tasks/{task.pk}/")
    assert task.milestones[0]["title"] == "完成入库"
    assert task.department_ids() == {dept("发改局").pk, dept("统计局").pk}
    login(client, "colin")
    assert client.get(reverse("supervision:task-new")).status_code == 403
    login(client, "leo")
    assert client.post(reverse("supervision:task-new"), {}).status_code == 403


def test_it_registers_a_meeting_and_turns_a_decision_into_a_task(client, people):
    login(client, "sue")
    client.post(
        reverse("supervision:meeting-new"),
        {"title": "一季度经济运行分析会", "held_on": "2026-03-28", "host": "区委书记",
         "agenda": "一、汇报\n二、讲话", "decisions": "规上工业：走访重点企业\n固投：加快开工"},
    )  # fmt: skip
    meeting = Meeting.objects.get()
    assert [d.content for d in meeting.decisions.all()] == [
        "规上工业：走访重点企业",
        "固投：加快开工",
    ]
    decision = meeting.decisions.first()
    form = client.get(reverse("supervision:task-new"), {"decision": decision.pk}).content.decode()
    assert "一季度经济运行分析会议定：规上工业：走访重点企业" in form
    page = client.get(reverse("supervision:meeting", args=[meeting.pk])).content.decode()
    assert "立为督办事项" in page


def test_it_shows_the_warning_button_to_the_supervisor_only(client, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    login(client, "sue")
    page = client.get(reverse("supervision:warnings"), {"period": "2022-03"}).content.decode()
    assert "规模以上工业增加值" in page and "立为督办事项" in page
    response = client.post(
        reverse("supervision:warning-indicator"), {"indicator": "industry_va", "period": "2022-03"}
    )
    task = SupervisedTask.objects.get()
    assert response["Location"].endswith(f"/tasks/{task.pk}/")
    page = client.get(reverse("supervision:warnings"), {"period": "2022-03"}).content.decode()
    assert f"已立项 {task.number}" in page
    login(client, "leo")
    page = client.get(reverse("supervision:warnings"), {"period": "2022-03"}).content.decode()
    assert "立为督办事项</button>" not in page


def test_it_exports_scores_and_the_overdue_list_to_excel(client, people, make_task):
    task = make_task(
        title='=HYPERLINK("x")', deadline=date(2026, 11, 10), assigned_on=date(2026, 11, 1)
    )
    login(client, "sue")
    year = task.deadline.year
    book = load_workbook(
        BytesIO(client.get(reverse("supervision:score-export", args=[year])).content)
    )
    assert book.sheetnames == ["考核得分", "得分明细"]
    details = list(book["得分明细"].iter_rows(min_row=2, values_only=True))
    # The deadline has passed unanswered: one overdue line, its subject kept as text.
    assert details[0][1] == "督办事项逾期" and details[0][4] == -1
    assert book["得分明细"]["C2"].data_type == "s"
    overdue = client.get(reverse("supervision:overdue-export"))
    sheet = load_workbook(BytesIO(overdue.content))["逾期事项"]
    assert sheet["B2"].value == '=HYPERLINK("x")' and sheet["B2"].data_type == "s"


def test_it_saves_the_scheme_and_the_rules_from_their_pages(client, people):
    login(client, "sue")
    response = client.post(
        reverse("supervision:scheme", args=[2026]),
        {"name": "2026年度考核", "rank_bands": "1-3:5, 4-6:3", "bottom_bands": "1:-5；2:-4",
         "completion_weight": "10", "completion_cap": "12", "on_time_points": "1",
         "overdue_points": "-1", "indicator_codes": "", "version": 0},
    )  # fmt: skip
    assert response.status_code == 302
    from econdesk.supervision.models import AssessmentScheme, TaskRules

    scheme = AssessmentScheme.objects.get(year=2026)
    assert scheme.bottom_bands == [[1, 1, "-5"], [2, 2, "-4"]]
    bad = client.post(
        reverse("supervision:scheme", args=[2026]),
        {"name": "x", "rank_bands": "前三名5分", "completion_weight": "10", "on_time_points": "1",
         "overdue_points": "-1", "version": 1},
    )  # fmt: skip
    assert bad.status_code == 400 and "看不懂" in bad.content.decode()
    client.post(
        reverse("supervision:rules"),
        {"yellow_days": 5, "warning_deadline_days": 10, "version": 0},
    )
    assert TaskRules.current().yellow_days == 5
    login(client, "colin")
    assert client.post(reverse("supervision:rules"), {"yellow_days": 1}).status_code == 403


def test_it_lists_statistics_by_department_and_leader(client, people, make_task):
    today = timezone.localdate()
    make_task(deadline=today - timedelta(days=1), assigned_on=today - timedelta(days=20),
              title="逾期的事项")  # fmt: skip
    make_task(deadline=today + timedelta(days=1), assigned_on=today - timedelta(days=20))
    login(client, "sue")
    page = client.get(reverse("supervision:stats")).content.decode()
    assert "逾期的事项" in page
    from econdesk.supervision import queries

    stats = queries.statistics(SupervisedTask.objects.all(), today)
    row = stats.by_department[0]
    assert (row.name, row.open, row.due, row.overdue) == ("区经济和信息化局", 2, 1, 1)
    assert (stats.by_leader[0].name, stats.by_leader[0].overdue) == ("副区长李晓梅", 1)
    services.request_closure(people["clerk"], stats.overdue[0], text="完成", expected_version=1)
    again = queries.statistics(SupervisedTask.objects.all(), today)
    assert (again.total.open, again.total.overdue, again.total.requested) == (2, 0, 1)
