"""The attacks of the security review (issue "security" items 2, 3, 9), each as the attacker sent
it: drafts read through the change log, records linked to other departments' objects, hidden
task titles on the score pages and in the meeting API, and a form POST without its version.

On the main before the one door and the rule book's ``visible`` each of these succeeded."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from econdesk.audit.models import ChangeRecord
from econdesk.projects.models import (
    EnterpriseRequest,
    InvestmentDeal,
    MajorProject,
    UpwardFunding,
)
from econdesk.supervision import services as task_services
from econdesk.supervision.models import Decision, TaskSource
from tests.trust.world import build, dept


@pytest.fixture
def world(people, sample_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build(people, sample_city)


def post_json(client, url, data):
    return client.post(url, json.dumps(data, ensure_ascii=False), content_type="application/json")


# --- item 2: a record shows only to those who may see its object ----------------------------------


def test_a_leader_reads_no_draft_report_in_the_change_log(client, people, world):
    draft = world.objects["report_jx"]
    assert draft.approved_at is None  # 经信局's draft: 7.5%, "订单不足"
    client.force_login(people["leader"])
    page = client.get(reverse("audit:list"), {"q": "预计"}).content.decode()
    assert str(draft) not in page and "订单不足" not in page
    history = client.get(reverse("audit:history", args=["reporting.EstimateReport", draft.pk]))
    assert history.status_code == 403
    assert "尚未审核发布" in history.content.decode()

    client.force_login(people["reviewer"])  # who reviews drafts reads their records
    page = client.get(reverse("audit:list"), {"q": "预计"}).content.decode()
    assert str(draft) in page and "订单不足" in page


def test_a_supervisor_reads_the_record_of_a_published_report(client, people, world):
    from econdesk.reporting import services as reporting_services

    report = world.objects["report_sw"]
    reporting_services.approve(people["reviewer"], report, expected_version=report.version)
    client.force_login(people["supervisor"])
    page = client.get(reverse("audit:history", args=["reporting.EstimateReport", report.pk]))
    assert page.status_code == 200 and "已发布" in page.content.decode()


# --- item 3: every foreign key a clerk sets is checked -------------------------------------------


LINKS = [
    ("funding-list", UpwardFunding, "project", "project_sw",
     {"programme": "special_bonds", "title": "借用商务局的项目", "year": 2026,
      "applied_amount": "3000"}),
    ("deal-list", InvestmentDeal, "project", "project_sw",
     {"name": "抢占商务局项目的招商", "investor": "某集团", "amount": "12"}),
    ("request-list", EnterpriseRequest, "enterprise", "enterprise_sw",
     {"enterprise_name": "商务局培育企业", "kind": "financing", "description": "贷款",
      "raised_on": "2026-09-05"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "model", "field", "target", "body"), LINKS)
def test_a_clerk_cannot_link_a_new_row_to_another_departments_object(
    client, people, world, name, model, field, target, body
):
    client.force_login(people["clerk"])  # colin, 经信局
    before = (model.objects.count(), ChangeRecord.objects.count())
    other = world.objects[target]
    data = {**body, "lead_department": dept("经信局").pk, field: other.pk}
    response = post_json(client, reverse(name), data)
    assert response.status_code == 403, response.content
    detail = response.json()["detail"]
    assert f"“{other}”由{dept('商务局')}牵头，{dept('经信局')}不能关联" in detail
    assert (model.objects.count(), ChangeRecord.objects.count()) == before


def test_a_clerk_links_a_new_row_to_her_own_departments_project(client, people, world):
    client.force_login(people["clerk"])
    own = world.objects["project_jx"]
    response = post_json(client, reverse("funding-list"), {
        "programme": "special_bonds", "title": "本单位项目的专项债", "year": 2026,
        "applied_amount": "3000", "lead_department": dept("经信局").pk, "project": own.pk,
    })  # fmt: skip
    assert response.status_code == 201, response.content
    assert UpwardFunding.objects.get(pk=response.json()["id"]).project == own


def test_a_clerk_cannot_file_a_project_in_another_regions_register(client, people, world):
    client.force_login(people["clerk"])
    other = world.objects["region_other"]
    before = MajorProject.objects.count()
    response = post_json(client, reverse("project-list"), {
        "name": "外区的项目", "category": "industry", "total_investment": "1000",
        "plan_year": 2026, "stage": "preparation", "lead_department": dept("经信局").pk,
        "region": other.pk,
    })  # fmt: skip
    assert response.status_code == 403
    assert f"“{other}”不是本区" in response.json()["detail"]
    assert MajorProject.objects.count() == before


def test_a_clerk_cannot_move_her_deal_onto_another_departments_project(client, people, world):
    client.force_login(people["clerk"])
    deal = InvestmentDeal.objects.get(pk=world.args["deal_jx"])
    url = reverse("deal-detail", args=[deal.pk])
    response = client.patch(
        url,
        json.dumps({"project": world.args["project_sw"], "version": deal.version}),
        content_type="application/json",
    )
    assert response.status_code == 403
    deal.refresh_from_db()
    assert deal.project_id is None


def test_the_funding_form_offers_only_the_clerks_own_projects(client, people, world):
    client.force_login(people["clerk"])
    page = client.get(reverse("projects:funding-new")).content.decode()
    own, other = world.objects["project_jx"], world.objects["project_sw"]
    assert f'value="{own.pk}"' in page and str(own) in page
    assert f'value="{other.pk}"' not in page
    client.force_login(people["reviewer"])  # an unscoped role is offered every project
    page = client.get(reverse("projects:funding-new")).content.decode()
    assert f'value="{other.pk}"' in page


# --- item 9: hidden task titles, hidden task ids, the required version ----------------------------


@pytest.fixture
def year_task(people, world):
    """A 经信局 task of 2026 (cora of 商务局 may not read it), closed late: it scores."""
    sue, colin = people["supervisor"], people["clerk"]
    task = task_services.create_task(
        sue,
        task_services.TaskDraft(
            title="机密的经信局事项", content="内容", lead_department=dept("经信局"),
            deadline=date(2026, 3, 31), assigned_on=date(2026, 1, 5),
        ),
        today=date(2026, 1, 5),
    )  # fmt: skip
    task = task_services.request_closure(colin, task, text="完成", expected_version=task.version,
                                         today=date(2026, 4, 10))  # fmt: skip
    return task_services.close_task(sue, task, expected_version=task.version,
                                    today=date(2026, 4, 12))  # fmt: skip


def test_the_score_pages_show_a_hidden_tasks_number_but_not_its_title(client, people, year_task):
    url = reverse("supervision:score-detail", args=[2026, dept("经信局").pk])
    client.force_login(people["other_clerk"])  # cora may not read 经信局's task
    page = client.get(url).content.decode()
    assert year_task.number in page and "机密的经信局事项" not in page
    assert "非本单位事项" in page
    export = client.get(reverse("supervision:score-export", args=[2026]))
    cells = [c for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(
        values_only=True) for c in row if c]  # fmt: skip
    assert not any("机密的经信局事项" in str(c) for c in cells)
    api = client.get(reverse("score-detail", args=[dept("经信局").pk]), {"year": 2026}).json()
    assert not any("机密的经信局事项" in line["subject"] for line in api["lines"])

    client.force_login(people["clerk"])  # colin leads it
    assert "机密的经信局事项" in client.get(url).content.decode()


def test_the_meeting_api_lists_only_the_task_ids_the_caller_may_read(client, people, world):
    meeting = world.objects["meeting"]
    decision = Decision.objects.filter(meeting=meeting).first()
    task = task_services.create_task(
        people["supervisor"],
        task_services.TaskDraft(
            title="会议交办给经信局", content="内容", lead_department=dept("经信局"),
            deadline=date(2027, 6, 30), source=TaskSource.DECISION, decision=decision,
            assigned_on=date(2026, 11, 3),
        ),
        today=date(2026, 11, 3),
    )  # fmt: skip
    url = reverse("meeting-detail", args=[meeting.pk])

    def ids_for(role):
        client.force_login(people[role])
        return [t for d in client.get(url).json()["decisions"] for t in d["tasks"]]

    assert task.pk in ids_for("clerk") and task.pk in ids_for("leader")
    assert task.pk not in ids_for("other_clerk")


def test_a_project_form_post_without_its_version_is_refused(client, people, world):
    project = MajorProject.objects.get(pk=world.args["project_jx"])
    client.force_login(people["clerk"])
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "version"}
    data.update(name="改名但不带版本号", lead_department=project.lead_department_id)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "页面缺少版本号，请刷新后再提交。" in response.content.decode()
    project.refresh_from_db()
    assert project.name != "改名但不带版本号"


def test_a_task_edit_without_its_version_is_refused_as_stale(client, people, world):
    task = world.objects["task_sw"]
    client.force_login(people["supervisor"])
    url = reverse("supervision:task-edit", args=[task.pk])
    response = client.post(url, {
        "title": "不带版本号的修改", "content": task.content, "source": task.source,
        "lead_department": task.lead_department_id, "deadline": task.deadline.isoformat(),
    })  # fmt: skip
    assert response.status_code in (200, 400)
    assert "该事项已被他人修改，请刷新后再提交" in response.content.decode()
    task.refresh_from_db()
    assert task.title != "不带版本号的修改"
