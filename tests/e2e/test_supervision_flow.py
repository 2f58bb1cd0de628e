"""A supervisor turns a red indicator into a task; the lead department reports and asks to close
it; the supervisor returns it once, then closes it; the department's score gains the on-time
point."""

import pytest

from econdesk.supervision.models import SupervisedTask
from tests.e2e.conftest import login
from tests.web.known import build_known_city

TASK_TITLE = "规上工业增加值指标预警督办（2022年1-3月）"


def switch_user(page, username: str) -> None:
    """Log in as someone else in the same browser (the session cookie goes first)."""
    page.context.clear_cookies()
    login(page, username)


def status(page) -> str:
    return page.locator("#task-status").inner_text()


def miit_score_cells(page, year: int) -> list[str]:
    page.goto(f"{page.base_url}/supervision/scores/?year={year}")
    return page.locator("#score-table tr:has-text('区经济和信息化局') td").all_inner_texts()


@pytest.mark.django_db(transaction=True)
def test_it_turns_a_red_indicator_into_a_task_closed_on_time_and_scored(
    page, people, sample_city, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded file lands here, not in var/
    city, members = sample_city
    build_known_city(people["admin"], city, members)

    # The supervisor finds 规上工业增加值 red and makes it a task with one click.
    login(page, "sue")
    page.click("nav >> text=督办")
    page.click(".subnav >> text=预警立项")
    row = page.locator("#red-indicators tr[data-indicator=industry_va]")
    assert "距市下达一季度目标还差1.0个百分点" in row.inner_text()
    row.locator("button:has-text('立为督办事项')").click()
    assert "已立为督办事项" in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text().startswith(TASK_TITLE)
    assert status(page) == "待办"
    assert page.locator("#lead-department").inner_text() == "区经济和信息化局"
    content = page.locator("#task-content").inner_text()
    assert "增长7.0%（全市增长7.4%），居全市第5位（共8位）" in content
    task_url = page.url
    task = SupervisedTask.objects.get()
    year = task.deadline.year
    cells = miit_score_cells(page, year)
    assert cells[4] == "0.00" and cells[5] == "0.00"  # the task is open and not yet due

    # The clerk of 经信局 reports progress with a file, then asks to close it.
    switch_user(page, "colin")
    page.goto(page.base_url + "/supervision/")
    page.locator(f"#task-table a:has-text('{TASK_TITLE}')").click()
    page.fill("#report-form textarea[name=text]", "已走访重点企业5家，2家停产企业计划复产")
    page.set_input_files(
        "#report-form input[name=files]",
        files=[{"name": "走访记录.txt", "mimeType": "text/plain", "buffer": "走访5家".encode()}],
    )
    page.click("#report-form button[value=report]")
    assert status(page) == "办理中"
    assert "走访记录.txt" in page.locator("#timeline").inner_text()
    assert (tmp_path / "media" / "supervision" / str(task.pk)).is_dir()
    page.fill("#report-form textarea[name=text]", "2家企业已复产，增速回升")
    page.click("#report-form button[value=request_close]")
    assert status(page) == "申请办结"
    assert page.locator("#close-form").count() == 0  # a clerk cannot close it

    # The supervisor returns it once: first without a reason (refused), then with one.
    switch_user(page, "sue")
    page.goto(task_url)
    page.click("#return-form button")
    assert "请填写退回原因" in page.locator("#return-form").inner_text()
    page.fill("#return-form textarea[name=reason]", "缺少复产佐证材料")
    page.click("#return-form button")
    assert status(page) == "办理中"

    # The clerk reads the reason and asks again.
    switch_user(page, "colin")
    page.goto(task_url)
    assert "缺少复产佐证材料" in page.locator("#return-reason").inner_text()
    page.fill("#report-form textarea[name=text]", "已补充用电量与产值月报")
    page.click("#report-form button[value=request_close]")
    assert status(page) == "申请办结"

    # The supervisor closes it (销号).
    switch_user(page, "sue")
    page.goto(task_url)
    page.click("#close-form button")
    assert status(page) == "已办结"
    steps = page.locator("#timeline li .when").all_inner_texts()
    assert [step.split(" ", 2)[2] for step in steps] == [
        "督查员（目标绩效办） 交办",
        "经信填报员（经信局） 报送进展",
        "经信填报员（经信局） 申请办结",
        "督查员（目标绩效办） 退回",
        "经信填报员（经信局） 申请办结",
        "督查员（目标绩效办） 办结销号",
    ]

    # The department's score gains the on-time closure point.
    cells = miit_score_cells(page, year)
    assert cells[4] == "+1.00" and cells[5] == "+1.00"
    page.locator("#score-table tr:has-text('区经济和信息化局') a:has-text('明细')").click()
    line = page.locator("#score-lines tr:has-text('督办事项按期办结')").inner_text()
    assert task.number in line and "已销号" in line and "+1.00" in line
