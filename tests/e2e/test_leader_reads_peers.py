"""A leader logs in and reads where the districts stand for an indicator and period."""

import pytest

from tests.e2e.conftest import login
from tests.helpers import SAMPLE_INDUSTRY, write_figures


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_leader_the_districts_ranked(page, people, sample_city):
    city, members = sample_city
    rows = [
        (members[n], "industry_va", "2022-02", None, g, r) for n, (g, r) in SAMPLE_INDUSTRY.items()
    ]
    rows.append((city, "industry_va", "2022-02", None, "7.1", None))
    write_figures(people["admin"], rows)

    login(page, "leo")
    assert "总览" in page.content()
    page.click("text=全市对比")
    page.select_option("select[name=indicator]", "industry_va")
    page.click("button:has-text('查看')")
    body = page.locator("#peer-table tbody")
    first = body.locator("tr").nth(1).inner_text()
    assert "临江县" in first and "12.3" in first and "第1位" in first
    assert body.locator("tr:has-text('西城区')").inner_text().endswith("并列第5位")
    assert "全市" in body.locator("tr.total").inner_text()
