"""A clerk reports an estimate; a reviewer returns it once, then approves; it reaches the ledger."""

from decimal import Decimal

import pytest

from econdesk.ledger.models import Observation
from tests.e2e.conftest import login
from tests.helpers import write_figures

REPORT_PATH = "/reporting/report/industry_output/2022-03/"


def switch_user(page, username: str) -> None:
    """Log in as someone else in the same browser (the session cookie goes first)."""
    page.context.clear_cookies()
    login(page, username)


@pytest.mark.django_db(transaction=True)
def test_it_takes_an_estimate_from_the_clerk_through_review_to_the_ledger(
    page, people, sample_city
):
    _, members = sample_city
    write_figures(
        people["admin"], [(members["东城区"], "industry_output", "2022-02", "100.5", "5.2", 3)]
    )

    # The clerk enters an estimate and a problem for the quarter being estimated, and submits.
    login(page, "colin")
    page.click("nav >> text=数据填报")
    assert "2022年1-3月预计" in page.locator("h1").inner_text()
    page.locator("#my-indicators tr:has-text('规模以上工业总产值') a").click()
    page.fill("input[name=value]", "160.5")
    page.fill("input[name=growth]", "6.5")
    page.fill("textarea[name=problems]", "两家重点企业停产检修")
    page.fill("textarea[name=plans]", "推动检修企业3月中旬复产")
    page.click("button:has-text('提交审核')")
    assert page.locator("#report-status").inner_text() == "待审核"
    assert "已提交审核" in page.locator(".messages").inner_text()

    # The reviewer returns it once, with a reason.
    switch_user(page, "rita")
    page.goto(page.base_url + "/reporting/")
    page.locator("#review-queue tr:has-text('规模以上工业总产值') a").click()
    page.click("#return-form button")  # no reason: refused in Chinese
    assert "请填写退回原因" in page.locator("#return-form").inner_text()
    page.fill("textarea[name=reason]", "增速与用电量走势不符，请核实")
    page.click("#return-form button")
    assert page.locator("#report-status").inner_text() == "已退回"

    # The clerk reads the reason, corrects the growth and submits again.
    switch_user(page, "colin")
    page.goto(page.base_url + REPORT_PATH)
    assert "增速与用电量走势不符，请核实" in page.locator("#return-reason").inner_text()
    page.fill("input[name=growth]", "5.9")
    page.click("button:has-text('提交审核')")
    assert page.locator("#report-status").inner_text() == "待审核"

    # The reviewer approves: the estimate is published.
    switch_user(page, "rita")
    page.goto(page.base_url + REPORT_PATH)
    page.click("#approve-form button")
    assert page.locator("#report-status").inner_text() == "已发布"
    published = page.locator("#published").inner_text()
    assert "160.5" in published and "5.9" in published
    steps = page.locator("#timeline li").all_inner_texts()
    # Each step: "<date> <time> <who> <what>", then its reason and changes.
    assert [step.split("\n")[0].split(" ", 2)[2] for step in steps] == [
        "经信填报员 保存草稿",
        "经信填报员 提交审核",
        "审核员乙 退回修改",
        "经信填报员 提交审核",
        "审核员乙 审核通过并发布",
    ]
    assert "预计增速 6.5 → 5.9" in steps[3]
    assert "增速与用电量走势不符，请核实" in page.locator("#timeline").inner_text()

    estimate = Observation.objects.get(kind="estimate", is_current=True)
    assert (estimate.indicator.code, estimate.period.code, estimate.value, estimate.growth) == (
        "industry_output",
        "2022-03",
        Decimal("160.5"),
        Decimal("5.9"),
    )

    # The indicator page shows the department's estimate beside the projection.
    switch_user(page, "leo")
    page.goto(page.base_url + "/indicators/industry_output/")
    assert "部门预计" in page.content() and "160.5" in page.content()
    # The leader reads the published estimate and notes on the reporting index.
    page.goto(page.base_url + "/reporting/?period=2022-03")
    row = page.locator("#period-reports tr:has-text('规模以上工业总产值')").inner_text()
    assert "160.5" in row and "两家重点企业停产检修" in row


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_clerk_another_departments_indicator(page, people, sample_city):
    login(page, "cora")
    response = page.goto(page.base_url + REPORT_PATH)
    assert response.status == 403
    text = page.locator("main").inner_text()
    assert "无权访问" in text and "由区经济和信息化局牵头，区商务局无权填报" in text
