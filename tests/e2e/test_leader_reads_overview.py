"""A leader reads the overview in the first quarter, then opens an indicator page (Chromium)."""

import re

import pytest

from tests.e2e.conftest import login
from tests.web.known import build_known_city


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_leader_the_overview_and_an_indicator(page, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)

    login(page, "leo")
    page.goto(page.base_url + "/?period=2022-03")
    headings = page.locator("section.section h2").all_inner_texts()
    assert headings[0].startswith("一季度“开门红”目标") and headings[1] == "其他指标"

    card = page.locator("#ind-industry_va")
    assert card.locator(".figs dd.growth").inner_text() == "7.0%"
    assert card.locator(".figs dd.rank").inner_text() == "第5位/8"
    assert "↓后退2位" in card.inner_text()
    assert card.locator(".ind-head .light").inner_text() == "红"
    assert card.locator(".reasons").inner_text() == (
        "距市下达一季度目标还差1.0个百分点；增速低于全市0.4个百分点；较1-2月后退2位"
    )
    retail = page.locator("#ind-retail_sales")
    assert "52.30" in retail.inner_text() and "并列第3位" in retail.inner_text()

    card.locator("h3 a").click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/indicators/industry_va/\?period=2022-03$", page.url)
    assert page.locator("h1").inner_text().startswith("规模以上工业增加值")
    home = page.locator("#peer-table tr.home").inner_text()
    assert "东城区" in home and "7.0" in home and "第5位" in home
    assert "超过红岩市（7.3%），增速需达到7.4%" in page.locator(".move").first.inner_text()
    # Both charts are drawn by ECharts from the option JSON the page carries.
    page.wait_for_selector("[data-chart='chart-growth'] svg")
    page.wait_for_selector("[data-chart='chart-peers'] svg")
    assert "东城区（第5位）" in page.locator("[data-chart='chart-peers']").inner_text()


@pytest.mark.django_db(transaction=True)
def test_it_fits_the_overview_on_a_leaders_phone(browser, live_server, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.base_url = live_server.url
    try:
        login(page, "leo")
        page.goto(page.base_url + "/?period=2022-03")
        card = page.locator("#ind-industry_va").bounding_box()
        assert card["width"] <= 390
        # No sideways scrolling on the page itself.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
