"""The project pages: filters, detail, edit with a version, monthly entry, rights, downloads."""

from datetime import date
from decimal import Decimal

import pytest

from econdesk.projects.models import MajorProject, ProjectMonth
from econdesk.projects.services import save_project
from tests.projects.conftest import chain, dept

D = Decimal


@pytest.fixture
def two(make_project):
    a = make_project()
    b = make_project("数字经济产业园", industry_chain=chain("数字经济"), stage="preparation",
                     actual_start=None, lead_department=dept("商务局"))  # fmt: skip
    return a, b


def test_it_lists_projects_with_filters(client, people, two):
    client.force_login(people["leader"])
    page = client.get("/projects/").content.decode()
    assert "锂电池正极材料项目" in page and "数字经济产业园" in page and "新增项目" not in page
    page = client.get("/projects/", {"stage": "preparation"}).content.decode()
    assert "数字经济产业园" in page and "锂电池正极材料项目" not in page
    page = client.get("/projects/", {"chain": chain("新材料").pk}).content.decode()
    assert "锂电池正极材料项目" in page and "数字经济产业园" not in page
    page = client.get("/projects/", {"department": dept("商务局").pk}).content.decode()
    assert "锂电池正极材料项目" not in page


def test_it_shows_a_project_and_offers_edits_only_to_its_department(client, people, two):
    a, _ = two
    client.force_login(people["other_clerk"])
    page = client.get(f"/projects/{a.pk}/").content.decode()
    assert "您可查看" in page and "填报月度投资" not in page
    assert client.get(f"/projects/{a.pk}/edit/").status_code == 403
    client.force_login(people["clerk"])
    assert "填报月度投资" in client.get(f"/projects/{a.pk}/").content.decode()


def form_data(project, **changes):
    data = {
        "name": project.name, "category": project.category,
        "industry_chain": project.industry_chain_id or "", "total_investment": project.total_investment,
        "plan_year": project.plan_year, "annual_plan": project.annual_plan,
        "completed_before_year": project.completed_before_year, "stage": project.stage,
        "actual_start": project.actual_start or "", "lead_department": project.lead_department_id,
        "enrolment": project.enrolment, "version": project.version,
    }  # fmt: skip
    data.update(changes)
    return data


def test_it_edits_a_project_and_refuses_a_stale_form(client, people, two):
    a, _ = two
    client.force_login(people["clerk"])
    response = client.post(f"/projects/{a.pk}/edit/", form_data(a, image_progress="主体施工"))
    assert response.status_code == 302 and MajorProject.objects.get(pk=a.pk).version == 2
    response = client.post(f"/projects/{a.pk}/edit/", form_data(a, image_progress="旧表单"))
    assert response.status_code == 400
    assert "该项目已被他人修改，请刷新后再提交" in response.content.decode()


def test_it_shows_model_errors_on_the_form(client, people, two):
    a, _ = two
    client.force_login(people["clerk"])
    response = client.post(f"/projects/{a.pk}/edit/", form_data(a, actual_start=""))
    assert response.status_code == 400 and "须填写实际开工日期" in response.content.decode()


def test_it_creates_a_project_for_the_clerks_department(client, people, home):
    client.force_login(people["clerk"])
    page = client.get("/projects/new/").content.decode()
    assert "区经济和信息化局" in page and "区商务局" not in page
    data = {"name": "工业母机项目", "category": "industry", "total_investment": "50000",
            "plan_year": 2026, "annual_plan": "0", "completed_before_year": "0",
            "stage": "planning", "lead_department": dept("经信局").pk,
            "enrolment": "not_enrolled", "expected_enrolment_month": "2026-12"}  # fmt: skip
    response = client.post("/projects/new/", data)
    assert response.status_code == 302, response.content.decode()
    p = MajorProject.objects.get(name="工业母机项目")
    assert p.region == home and p.expected_enrolment_month == date(2026, 12, 1)


def test_it_enters_monthly_investment(client, people, two):
    a, _ = two
    client.force_login(people["clerk"])
    assert 'type="number"' in client.get(f"/projects/{a.pk}/months/").content.decode()
    response = client.post(f"/projects/{a.pk}/months/",
                           {"version": a.version, "planned_3": "2000", "completed_3": "1900",
                            "progress_3": "基础施工"})  # fmt: skip
    assert response.status_code == 302
    assert ProjectMonth.objects.get(project=a, month=3).completed == D(1900)
    stale = client.post(f"/projects/{a.pk}/months/", {"version": a.version, "planned_4": "1"})
    assert stale.status_code == 400 and "已被他人修改" in stale.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/projects/closure/", "/projects/closure/industry/", "/projects/warnings/",
     "/projects/deals/", "/projects/funding/", "/projects/enterprises/", "/projects/requests/",
     "/projects/import/", "/projects/deals/new/", "/projects/funding/new/",
     "/projects/enterprises/new/", "/projects/requests/new/"],
)  # fmt: skip
def test_it_serves_every_register_page(client, people, two, url):
    client.force_login(people["admin"])
    response = client.get(url)
    assert response.status_code == 200
    assert "项目导航" in response.content.decode()


def test_it_refuses_leaders_the_edit_pages(client, people, two):
    client.force_login(people["leader"])
    for url in ("/projects/new/", "/projects/deals/new/", "/projects/import/"):
        assert client.get(url).status_code == 403


def test_it_downloads_the_ledger(client, people, two):
    client.force_login(people["leader"])
    response = client.get("/projects/export/", {"stage": "construction"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_it_lists_warnings_for_a_chosen_day(client, people, make_project):
    p = make_project(stage="to_start", actual_start=None, planned_start=date(2026, 1, 15))
    save_project(people["admin"], p, expected_version=p.version)
    client.force_login(people["supervisor"])
    page = client.get("/projects/warnings/", {"today": "2026-05-01"}).content.decode()
    assert "红灯1项" in page and "逾期未开工" in page
