"""印发 in Debian's Chromium: the bulletin issued is the one selected on the page when the
button is pressed (not the one the page loaded with), named on the confirmation first."""

from __future__ import annotations

import os

import pytest

from econdesk.bulletins.models import Bulletin
from tests.browser import end_idle_server_sessions
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()
    end_idle_server_sessions()


def test_it_issues_the_changed_selection_after_naming_it(page, sample_mar):
    east = sample_mar["东城区"]
    login(page, "rita")
    page.goto(page.base_url + f"/bulletins/?region={east.pk}")
    # the page loads on the newest period (1-3月) and the monthly bulletin; the user changes both
    assert page.input_value("select[name=period]") == "2022-03"
    page.select_option("select[name=period]", "2022-02")
    page.select_option("select[name=kind]", "meeting")
    page.click("#issue-selected")
    page.wait_for_load_state("networkidle")
    named = page.inner_text("#planned-title")
    assert named == "东城区2022年一季度“开门红”经济运行分析会会议材料（第1期）"
    body = page.inner_text("#confirm")
    assert "期别：2022年1-2月" in body and "印发单位：东城区发展和改革局" in body
    page.click("#confirm-issue")
    page.wait_for_load_state("networkidle")
    issued = Bulletin.objects.get()
    assert (issued.kind, issued.region_id, issued.period.month, issued.number) == (
        "meeting",
        east.pk,
        2,
        1,
    )
    assert issued.title == named
    assert "东城区发展和改革局" in page.inner_text("body")

    # again, same selection: a new number, the first issue kept as it was
    first_sha = issued.sha256
    page.goto(page.base_url + f"/bulletins/?region={east.pk}&period=2022-02&kind=meeting")
    page.click("#issue-selected")
    page.wait_for_load_state("networkidle")
    assert "本期此前已印发1次（第1期）" in page.inner_text("#confirm")
    assert page.inner_text("#planned-title").endswith("（第2期）")
    page.click("#confirm-issue")
    page.wait_for_load_state("networkidle")
    numbers = list(Bulletin.objects.order_by("number").values_list("number", "sha256"))
    assert [n for n, _ in numbers] == [1, 2] and numbers[0][1] == first_sha
    page.goto(page.base_url + "/bulletins/")
    archive = page.inner_text("table.data")
    assert "第1期" in archive and "第2期" in archive and "会议材料" in archive
