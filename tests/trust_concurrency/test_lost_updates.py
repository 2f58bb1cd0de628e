"""No lost updates: two people edit the same estimate, project or task from the same version.

Through the services (two copies of the row, read before either saves) and through the pages
(two Django clients load the same form, both submit): the second is refused with the Chinese
message and the stored data is the first's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from econdesk.accounts.models import Department, Role, User
from econdesk.projects.models import MajorProject
from econdesk.projects.services import STALE_PROJECT, StaleEdit, save_project
from econdesk.reporting import services as reporting
from econdesk.reporting.models import EstimateReport
from econdesk.reporting.services import STALE_MESSAGE as STALE_REPORT
from econdesk.reporting.services import EstimateEntry
from econdesk.supervision import services as supervision
from econdesk.supervision.models import SupervisedTask
from econdesk.supervision.services import STALE_MESSAGE as STALE_TASK
from tests.reporting.conftest import ESTIMATE_PERIOD

pytestmark = pytest.mark.django_db
PASSWORD = "Econdesk-test-2026"
REPORT_URL = "/reporting/report/industry_output/2022-03/"


def colleague(username: str, role: str, dept_short: str) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        department=Department.objects.get(short_name=dept_short),
        display_name=username,
    )


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def loaded_form(client, url: str, key: str = "form") -> dict:
    """GET the page and return what its form would post unchanged, as a browser would."""
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:300]
    form = response.context[key]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        elif isinstance(value, list | tuple):
            value = [str(v) for v in value]
        elif isinstance(value, date):
            value = value.isoformat()
        data[name] = value
    return data


# --- 数据填报: an estimate report --------------------------------------------------------------


def draft(people, output) -> EstimateReport:
    return reporting.save_draft(
        people["clerk"],
        indicator=output,
        period=ESTIMATE_PERIOD,
        entry=EstimateEntry(Decimal("160.5"), Decimal("6.5"), "企业检修", "推动复产"),
        expected_version=0,
    )


def test_services_refuse_the_second_of_two_edits_of_one_estimate(people, city, output):
    report = draft(people, output)
    mine, theirs = (EstimateReport.objects.get(pk=report.pk) for _ in range(2))
    reporting.save_draft(
        people["clerk"],
        indicator=output,
        period=ESTIMATE_PERIOD,
        entry=EstimateEntry(Decimal("170"), Decimal("7.0")),
        expected_version=mine.version,
    )
    with pytest.raises(ValidationError, match=STALE_REPORT):
        reporting.save_draft(
            people["clerk"],
            indicator=output,
            period=ESTIMATE_PERIOD,
            entry=EstimateEntry(Decimal("999"), Decimal("9.9")),
            expected_version=theirs.version,
        )
    stored = EstimateReport.objects.get()
    assert (stored.value, stored.growth, stored.version) == (Decimal("170"), Decimal("7.0"), 2)


def test_two_clients_on_one_estimate_form_the_second_is_told(people, city, output):
    draft(people, output)
    colin = client_of(people["clerk"])
    clara = client_of(colleague("clara", Role.CLERK, "经信局"))
    first, second = loaded_form(colin, REPORT_URL), loaded_form(clara, REPORT_URL)
    assert first["version"] == second["version"] == 1

    response = colin.post(REPORT_URL, {**first, "value": "170", "action": "save"})
    assert response.status_code == 302
    response = clara.post(REPORT_URL, {**second, "value": "999", "action": "save"})
    assert response.status_code == 400
    assert STALE_REPORT in response.content.decode()
    stored = EstimateReport.objects.get()
    assert (stored.value, stored.version) == (Decimal("170"), 2)


# --- 重大项目: a project ----------------------------------------------------------------------


def test_services_refuse_the_second_of_two_edits_of_one_project(people, make_project):
    project = make_project()
    mine, theirs = (MajorProject.objects.get(pk=project.pk) for _ in range(2))
    mine.image_progress = "主体施工"
    save_project(people["clerk"], mine, expected_version=project.version)
    theirs.image_progress = "旧数据"
    with pytest.raises(StaleEdit) as refused:
        save_project(people["clerk"], theirs, expected_version=project.version)
    assert refused.value.message == STALE_PROJECT
    stored = MajorProject.objects.get(pk=project.pk)
    assert (stored.image_progress, stored.version) == ("主体施工", project.version + 1)


def test_two_clients_on_one_project_form_the_second_is_told(people, make_project):
    project = make_project()
    url = f"/projects/{project.pk}/edit/"
    colin = client_of(people["clerk"])
    clara = client_of(colleague("clara", Role.CLERK, "经信局"))
    first, second = loaded_form(colin, url), loaded_form(clara, url)
    assert str(first["version"]) == str(second["version"]) == str(project.version)

    response = colin.post(url, {**first, "image_progress": "主体施工"})
    assert response.status_code == 302, response.content.decode()[:500]
    response = clara.post(url, {**second, "image_progress": "旧表单", "owner": "另一业主"})
    assert response.status_code == 400
    assert STALE_PROJECT in response.content.decode()
    stored = MajorProject.objects.get(pk=project.pk)
    assert (stored.image_progress, stored.version) == ("主体施工", project.version + 1)
    assert stored.owner == project.owner


# --- 督查督办: a supervised task --------------------------------------------------------------


def test_services_refuse_the_second_of_two_edits_of_one_task(people, make_task):
    task = make_task()
    mine, theirs = (SupervisedTask.objects.get(pk=task.pk) for _ in range(2))

    def changed(copy, title):
        return supervision.TaskDraft(
            title=title,
            content=copy.content,
            lead_department=copy.lead_department,
            cooperating=[],
            leader=copy.leader,
            deadline=copy.deadline,
            assigned_on=copy.assigned_on,
        )

    supervision.update_task(
        people["supervisor"], mine, changed(mine, "第一人的修改"), expected_version=mine.version
    )
    with pytest.raises(ValidationError, match=STALE_TASK):
        supervision.update_task(
            people["supervisor"],
            theirs,
            changed(theirs, "第二人的修改"),
            expected_version=theirs.version,
        )
    stored = SupervisedTask.objects.get(pk=task.pk)
    assert (stored.title, stored.version) == ("第一人的修改", task.version + 1)


def test_two_clients_on_one_task_form_the_second_is_told(people, make_task):
    task = make_task()
    url = reverse("supervision:task-edit", args=[task.pk])
    sue = client_of(people["supervisor"])
    sam = client_of(colleague("sam", Role.SUPERVISOR, "目标绩效办"))
    first, second = loaded_form(sue, url), loaded_form(sam, url)
    assert str(first["version"]) == str(second["version"]) == str(task.version)

    response = sue.post(url, {**first, "title": "第一人的修改"})
    assert response.status_code == 302, response.content.decode()[:500]
    response = sam.post(url, {**second, "title": "第二人的修改", "content": "覆盖内容"})
    assert response.status_code == 400
    assert STALE_TASK in response.content.decode()
    stored = SupervisedTask.objects.get(pk=task.pk)
    assert (stored.title, stored.content, stored.version) == (
        "第一人的修改",
        task.content,
        task.version + 1,
    )
