"""A leader types a GDP target and reads what each industry needs, without a page reload."""

import pytest

from tests.e2e.conftest import login
from tests.web.known import build_known_city, build_two_sectors


@pytest.mark.django_db(transaction=True)
def test_it_reverse_calculates_in_place_for_a_typed_target(page, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    build_two_sectors(people["admin"], members["东城区"])

    login(page, "leo")
    page.goto(page.base_url + "/gdp/?period=2022-03")
    assert page.locator("#gdp-estimate").inner_text() == "预计一季度地区生产总值增长5.8%"
    page.wait_for_selector("[data-chart='chart-pulls'] svg")
    page.evaluate("window.__same_page = true")  # gone if the browser loads a new page

    page.fill("input[name=target]", "6.5")
    page.click("#reverse-card button[type=submit]")
    page.wait_for_selector("#gdp-vs-target:has-text('6.5%')")
    assert (
        page.locator("#gdp-vs-target").inner_text()
        == "目标增长6.5%，测算增长5.8%，还差0.7个百分点。"
    )
    industry = page.locator("#reverse-table tr:has-text('工业')").inner_text()
    assert "8.8" in industry and "1.8" in industry
    assert page.evaluate("window.__same_page") is True  # htmx swapped the table in place
    assert "target=6.5" in page.url  # and the address can be shared or bookmarked
