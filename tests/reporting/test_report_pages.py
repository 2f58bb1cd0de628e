"""The 数据填报 pages through the Django client: each role's index, the form, review, refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import Observation
from econdesk.reporting import queries, services
from econdesk.reporting.models import EstimateReport
from econdesk.reporting.services import EstimateEntry
from tests.reporting.conftest import ESTIMATE_PERIOD

PASSWORD = "Econdesk-test-2026"
OUTPUT_URL = "/reporting/report/industry_output/2022-03/"


def login(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def form_data(version=0, action="save", **fields):
    data = {"value": "160.5", "growth": "6.5", "problems": "企业检修", "plans": "推动复产"}
    data.update(fields)
    return {**data, "version": str(version), "action": action}


def submitted(people, output) -> EstimateReport:
    report = services.save_draft(
        people["clerk"],
        indicator=output,
        period=ESTIMATE_PERIOD,
        entry=EstimateEntry(Decimal("160.5"), Decimal("6.5"), "企业检修", "推动复产"),
        expected_version=0,
    )
    return services.submit(people["clerk"], report, expected_version=1)


def test_it_names_the_report_page_by_indicator_and_period(db):
    assert reverse("reporting:report", args=["industry_output", "2022-03"]) == OUTPUT_URL


def test_it_lists_a_clerks_own_indicators_for_the_next_quarter_end(client, people, city):
    response = login(client, "colin").get(reverse("reporting:index"))
    assert response.status_code == 200
    assert response.context["key"].code == "2022-03"
    codes = [line.indicator.code for line in response.context["lines"]]
    assert "industry_output" in codes and "retail_sales" not in codes
    html = response.content.decode()
    assert "经济和信息化局牵头的指标" in html and OUTPUT_URL in html
    assert "进入数据导入" not in html


def test_it_shows_a_reviewer_the_queue_and_the_import_link(client, people, city, output):
    submitted(people, output)
    response = login(client, "rita").get(reverse("reporting:index"))
    html = response.content.decode()
    assert [r.indicator.code for r in response.context["pending"]] == ["industry_output"]
    assert "待审核（1）" in html and reverse("reporting:import") in html


def test_it_tells_a_leader_what_they_can_see(client, people, city, output):
    submitted(people, output)
    response = login(client, "leo").get(reverse("reporting:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "不填报数据" in html and "已发布" in html
    assert list(response.context["reports"]) == []  # a submitted report is not published yet


def test_it_lets_the_period_picker_choose_another_period(client, people, city):
    response = login(client, "colin").get(reverse("reporting:index"), {"period": "2022-12"})
    assert response.context["key"].code == "2022-12"
    assert 'value="2022-12" selected' in response.content.decode()


def test_it_saves_a_draft_and_then_submits_it_from_the_form(client, people, city):
    login(client, "colin")
    response = client.post(OUTPUT_URL, form_data())
    assert response.status_code == 302
    report = EstimateReport.objects.get()
    assert (report.status, report.value, report.problems) == ("draft", Decimal("160.5"), "企业检修")

    response = client.post(OUTPUT_URL, form_data(version=1, action="submit", growth="6.8"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.growth, report.version) == ("submitted", Decimal("6.8"), 2)
    page = client.get(OUTPUT_URL).content.decode()
    assert "待审核" in page and "提交审核" in page and 'id="report-form"' not in page


def test_it_shows_form_errors_in_chinese(client, people, city):
    login(client, "colin")
    response = client.post(OUTPUT_URL, form_data(value="十万", action="submit"))
    assert response.status_code == 400
    assert "请输入数字" in response.content.decode()
    response = client.post(OUTPUT_URL, form_data(value="", growth="", action="submit"))
    assert "请至少填写预计累计值或预计增速后再提交" in response.content.decode()
    assert not EstimateReport.objects.exists()  # a refused submission saves no draft either


def test_it_refuses_a_stale_form_and_keeps_the_newer_report(client, people, city):
    login(client, "colin")
    client.post(OUTPUT_URL, form_data())
    client.post(OUTPUT_URL, form_data(version=1, value="170"))
    response = client.post(OUTPUT_URL, form_data(version=1, value="999"))
    assert response.status_code == 400
    assert "该填报已被他人修改，请刷新后再提交" in response.content.decode()
    assert EstimateReport.objects.get().value == Decimal("170")


def test_it_refuses_a_clerk_of_another_department_with_a_chinese_403(client, people, city):
    login(client, "cora")
    for response in (client.get(OUTPUT_URL), client.post(OUTPUT_URL, form_data())):
        assert response.status_code == 403
        text = response.content.decode()
        assert (
            "无权访问" in text
            and "未作任何改动" in text
            and "由区经济和信息化局牵头，区商务局无权填报" in text
        )
    assert not EstimateReport.objects.exists()


def test_it_refuses_a_leader_the_form(client, people, city):
    login(client, "leo")
    response = client.post(OUTPUT_URL, form_data())
    assert response.status_code == 403
    assert "您的角色（领导）无权填报预计数" in response.content.decode()
    assert not EstimateReport.objects.exists()


def test_it_refuses_a_clerk_who_posts_an_approval(client, people, city, output):
    report = submitted(people, output)
    records = ChangeRecord.objects.count()
    response = login(client, "colin").post(OUTPUT_URL + "approve/", {"version": report.version})
    assert response.status_code == 403
    assert "您的角色（单位填报）无权审核填报" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted" and ChangeRecord.objects.count() == records


def test_it_lets_a_reviewer_return_with_a_reason_the_clerk_then_reads(client, people, city, output):
    report = submitted(people, output)
    login(client, "rita")
    response = client.post(OUTPUT_URL + "return/", {"version": report.version, "reason": ""})
    assert response.status_code == 400
    assert "请填写退回原因" in response.content.decode()

    response = client.post(
        OUTPUT_URL + "return/", {"version": report.version, "reason": "增速偏高，请核实"}
    )
    assert response.status_code == 302
    page = login(client, "colin").get(OUTPUT_URL).content.decode()
    assert "审核退回原因：</strong>增速偏高，请核实" in page
    assert "退回修改" in page and 'id="report-form"' in page


def test_it_publishes_on_approval_and_shows_it_on_the_page(client, people, city, output):
    report = submitted(people, output)
    response = login(client, "rita").post(OUTPUT_URL + "approve/", {"version": report.version})
    assert response.status_code == 302
    estimate = Observation.objects.get(kind="estimate", is_current=True)
    assert estimate.value == Decimal("160.5")
    page = client.get(OUTPUT_URL).content.decode()
    assert 'id="published"' in page and "预计累计值 160.5亿元" in page
    assert "审核通过并发布" in page
    # Everyone may read a published report, even a clerk of another department.
    assert login(client, "cora").get(OUTPUT_URL).status_code == 200


def test_it_refuses_an_approval_from_a_stale_page(client, people, city, output):
    report = submitted(people, output)
    response = login(client, "rita").post(OUTPUT_URL + "approve/", {"version": report.version - 1})
    assert response.status_code == 400
    assert "该填报已被他人修改，请刷新后再提交" in response.content.decode()
    assert not Observation.objects.filter(kind="estimate").exists()


def test_it_gives_the_leader_page_the_published_notes(people, city, output):
    report = submitted(people, output)
    assert queries.published_notes(output, "2022-03") == []
    report = services.approve(people["reviewer"], report, expected_version=report.version)
    notes = queries.published_notes("industry_output", ESTIMATE_PERIOD)
    assert notes == [
        {
            "department": "区经济和信息化局",
            "problems": "企业检修",
            "plans": "推动复产",
            "approved_at": report.approved_at,
            "value": Decimal("160.5"),
            "growth": Decimal("6.5"),
        }
    ]


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get(OUTPUT_URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        ("2022-02", "2022-03"),
        ("2022-03", "2022-06"),
        ("2022-10", "2022-12"),
        ("2022-12", "2023-03"),
    ],
)
def test_it_estimates_the_next_quarter_end_after_the_latest_actuals(
    people, sample_city, latest, expected
):
    from tests.helpers import write_figures

    _, members = sample_city
    write_figures(people["admin"], [(members["东城区"], "retail_sales", latest, "1", "1", None)])
    assert queries.default_period().code == expected
