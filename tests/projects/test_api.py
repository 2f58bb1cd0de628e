"""The registers' API: read for all, writes through services, 409 on a stale version."""

from datetime import date

import pytest

from econdesk.projects.models import MajorProject
from tests.projects.conftest import chain, dept


@pytest.fixture
def project(make_project):
    return make_project()


def test_it_lists_projects_to_a_leader(client, people, project):
    client.force_login(people["leader"])
    body = client.get("/api/v1/projects/").json()
    (row,) = body["results"]
    assert row["name"] == "锂电池正极材料项目" and row["total_investment"] == "120000.0000"
    assert row["size_class"] == "ten_yi" and row["version"] == 1


def test_it_refuses_a_leader_any_write(client, people, project):
    client.force_login(people["leader"])
    response = client.patch(f"/api/v1/projects/{project.pk}/", {"note": "x", "version": 1},
                            content_type="application/json")  # fmt: skip
    assert response.status_code == 403


def test_it_creates_and_updates_through_the_services(client, people, home):
    client.force_login(people["clerk"])
    payload = {"name": "新能源汽车零部件产业园", "category": "industry",
               "industry_chain": chain("新能源汽车").pk, "total_investment": "300000",
               "plan_year": 2026, "stage": "preparation", "lead_department": dept("经信局").pk,
               "region": home.pk}  # fmt: skip
    created = client.post("/api/v1/projects/", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["version"] == 1 and MajorProject.objects.get(pk=pk).region == home
    updated = client.patch(f"/api/v1/projects/{pk}/", {"image_progress": "土地平整", "version": 1},
                           content_type="application/json")  # fmt: skip
    assert updated.status_code == 200 and updated.json()["version"] == 2
    stale = client.patch(f"/api/v1/projects/{pk}/", {"image_progress": "再改", "version": 1},
                         content_type="application/json")  # fmt: skip
    assert stale.status_code == 409
    assert stale.json()["detail"] == "该项目已被他人修改，请刷新后再提交"
    missing = client.patch(f"/api/v1/projects/{pk}/", {"note": "无版本"},
                           content_type="application/json")  # fmt: skip
    assert missing.status_code == 400 and "version" in missing.json()


def test_it_returns_chinese_validation_errors(client, people, project):
    client.force_login(people["admin"])
    response = client.patch(f"/api/v1/projects/{project.pk}/",
                            {"stage": "completed", "version": 1},
                            content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert "须填写实际竣工日期" in response.json()["actual_completion"][0]


def test_it_refuses_another_departments_project(client, people, project):
    client.force_login(people["other_clerk"])
    response = client.patch(f"/api/v1/projects/{project.pk}/", {"note": "x", "version": 1},
                            content_type="application/json")  # fmt: skip
    assert response.status_code == 403 and "无权修改" in response.json()["detail"]


def test_it_saves_monthly_investment(client, people, project):
    client.force_login(people["clerk"])
    body = {
        "year": 2026,
        "version": 1,
        "months": [
            {"year": 2026, "month": 3, "planned": "500", "completed": "450", "progress": "桩基"}
        ],
    }
    response = client.post(f"/api/v1/projects/{project.pk}/months/", body,
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json() == {"changed": 1, "version": 2}
    rows = client.get(f"/api/v1/projects/{project.pk}/months/").json()
    assert rows[0]["completed"] == "450.0000"


def test_it_serves_warnings_and_the_closure_plan(client, people, make_project, home):
    make_project(stage="to_start", actual_start=None, planned_start=date(2026, 1, 15))
    client.force_login(people["leader"])
    warnings = client.get("/api/v1/projects/warnings/", {"today": "2026-02-01"}).json()
    assert warnings[0]["kind"] == "start_overdue" and warnings[0]["color_label"] == "黄灯"
    closure = client.get("/api/v1/projects/closure/").json()
    assert closure["plan"] is None and "尚无本地区固定资产投资数据" in closure["message"]


def test_it_serves_the_other_registers(client, people, home):
    client.force_login(people["admin"])
    deal = {"name": "碳纤维项目", "investor": "某新材料集团", "amount": "20", "stage": "signed",
            "signed_on": "2026-03-28", "lead_department": dept("投促局").pk}  # fmt: skip
    assert client.post("/api/v1/deals/", deal, content_type="application/json").status_code == 201
    bad = {"name": "甲", "credit_code": "91350100M000100Y44", "sector": 1,
           "lead_department": dept("经信局").pk}  # fmt: skip
    response = client.post("/api/v1/enterprises/", bad, content_type="application/json")
    assert response.status_code == 400 and "校验位不符" in str(response.json())
    for url in ("/api/v1/funding/", "/api/v1/enterprise-requests/", "/api/v1/deals/"):
        assert client.get(url).status_code == 200
