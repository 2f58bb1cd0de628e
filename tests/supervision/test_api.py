"""The supervision API: same rules and services as the pages; 409 on a stale version."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from econdesk.accounts import permissions
from econdesk.supervision.models import SupervisedTask
from tests.supervision.conftest import dept

BASE = "/api/v1/supervised-tasks/"


@pytest.fixture
def api():
    return APIClient()


def as_user(api, people, who):
    api.force_authenticate(people[who])
    return api


def test_it_assigns_reports_returns_and_closes_through_the_api(api, people, leader):
    deadline = (timezone.localdate() + timedelta(days=20)).isoformat()
    sue = as_user(api, people, "supervisor")
    created = sue.post(
        BASE,
        {"title": "社消零促消费", "content": "开展促消费活动", "lead_department": dept("经信局").pk,
         "cooperating_departments": [dept("商务局").pk], "leader": leader.pk,
         "deadline": deadline, "milestones": [{"title": "活动方案", "due": deadline}]},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.data
    pk = created.data["id"]
    assert created.data["colour"]["color"] == "green" and created.data["version"] == 1

    colin = as_user(APIClient(), people, "clerk")
    done = colin.post(f"{BASE}{pk}/request-closure/", {"text": "已完成", "version": 1})
    assert done.data["status"] == "closure_requested"
    assert colin.post(f"{BASE}{pk}/close/", {"version": 2}).status_code == 403
    refused = sue.post(f"{BASE}{pk}/return/", {"version": 2})
    assert refused.status_code == 400 and "请填写退回原因" in str(refused.data)
    assert sue.post(f"{BASE}{pk}/return/", {"version": 2, "reason": "补材料"}).status_code == 200
    stale = colin.post(f"{BASE}{pk}/report/", {"text": "旧版本", "version": 2})
    assert stale.status_code == 409 and "该事项已被他人修改" in str(stale.data)
    colin.post(f"{BASE}{pk}/request-closure/", {"text": "已补", "version": 3})
    closed = sue.post(f"{BASE}{pk}/close/", {"version": 4})
    assert closed.data["status"] == "closed"
    events = sue.get(f"{BASE}{pk}/events/").data
    assert [e["action"] for e in events] == [
        "create", "request_close", "return", "request_close", "close",
    ]  # fmt: skip


def test_it_shows_a_clerk_only_their_departments_tasks(api, people, make_task):
    mine = make_task()
    other = make_task(lead="商务局")
    cora = as_user(api, people, "other_clerk")
    assert [t["id"] for t in cora.get(BASE).data["results"]] == [other.pk]
    assert cora.get(f"{BASE}{mine.pk}/").status_code == 404
    refused = cora.post(f"{BASE}{mine.pk}/report/", {"text": "x", "version": 1})
    assert refused.status_code == 404
    assert SupervisedTask.objects.get(pk=mine.pk).version == 1


def test_it_refuses_leaders_any_write(api, people, make_task):
    task = make_task()
    leo = as_user(api, people, "leader")
    assert leo.get(BASE).status_code == 200
    assert leo.post(BASE, {"title": "x"}, format="json").status_code == 403
    assert (
        leo.patch(f"{BASE}{task.pk}/", {"title": "y", "version": 1}, format="json").status_code
        == 403
    )
    assert leo.post(f"{BASE}{task.pk}/remind/").status_code == 403


def test_it_edits_with_a_version_and_refuses_a_stale_one(api, people, make_task):
    task = make_task()
    sue = as_user(api, people, "supervisor")
    ok = sue.patch(f"{BASE}{task.pk}/", {"title": "新名称", "version": 1}, format="json")
    assert ok.status_code == 200 and ok.data["title"] == "新名称" and ok.data["version"] == 2
    stale = sue.patch(f"{BASE}{task.pk}/", {"title": "又一个", "version": 1}, format="json")
    assert stale.status_code == 409


def test_it_serves_meetings_scores_and_reminders(api, people, make_task):
    sue = as_user(api, people, "supervisor")
    meeting = sue.post(
        "/api/v1/meetings/",
        {"title": "调度会", "held_on": "2026-11-20", "new_decisions": ["走访企业"]},
        format="json",
    )
    assert meeting.status_code == 201 and meeting.data["decisions"][0]["number"] == 1
    make_task(deadline=timezone.localdate() - timedelta(days=1),
              assigned_on=timezone.localdate() - timedelta(days=10))  # fmt: skip
    year = (timezone.localdate() - timedelta(days=1)).year
    table = sue.get("/api/v1/scores/", {"year": year}).data
    assert table["departments"][0]["name"] == "区经济和信息化局"
    lines = sue.get(f"/api/v1/scores/{dept('经信局').pk}/", {"year": year}).data["lines"]
    assert [line["rule"] for line in lines] == ["overdue"]
    colin = as_user(APIClient(), people, "clerk")
    task = SupervisedTask.objects.get()
    sue.post(f"{BASE}{task.pk}/remind/")
    mine = colin.get("/api/v1/reminders/").data["results"]
    assert len(mine) == 1 and mine[0]["kind"] == "manual"
    assert colin.post("/api/v1/reminders/read/", {}).data == {"marked": 1}


def test_the_rule_book_knows_the_supervision_actions(people, make_task):
    task = make_task(cooperating=("商务局",))
    allowed = {
        action: sorted(n for n, u in people.items() if permissions.can(u, action))
        for action in ["supervision.assign", "supervision.close", "supervision.score"]
    }
    assert allowed == {
        "supervision.assign": ["admin", "supervisor"],
        "supervision.close": ["supervisor"],
        "supervision.score": ["admin", "supervisor"],
    }
    assert permissions.can(people["other_clerk"], "supervision.report", task)
    assert not permissions.can(people["other_clerk"], "supervision.request_close", task)
    assert permissions.can(people["clerk"], "supervision.request_close", task)
    assert all(permissions.can(u, "supervision.read") for u in people.values())
