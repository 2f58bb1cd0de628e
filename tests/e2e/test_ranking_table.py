"""排位总表 (Chromium): one peer group and period with a tie and a functional zone, members as
rows and indicators as columns, sorted by a header click, and the same table in Excel."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from econdesk.ledger.models import Region
from tests.e2e.conftest import login
from tests.helpers import SAMPLE_INDUSTRY, write_figures

RETAIL = {  # 社会消费品零售总额 1-2月: 亿元, growth (东城 and 青山 tie at 4.6)
    "东城区": ("35.10", "4.6"),
    "西城区": ("27.00", "5.2"),
    "南湖区": ("25.40", "3.1"),
    "北山区": ("20.10", "6.0"),
    "临江县": ("13.70", "2.0"),
    "青山县": ("12.00", "4.6"),
    "白水县": ("10.00", "-1.2"),
    "红岩市": ("16.60", "3.9"),
}


def _city_with_a_zone(admin, city, members):
    zone = Region.objects.create(
        name="示范高新区", kind=Region.Kind.FUNCTIONAL_ZONE, parent=city, ranked=False, sort_order=9
    )
    rows = [
        (members[n], "industry_va", "2022-02", None, g, r) for n, (g, r) in SAMPLE_INDUSTRY.items()
    ]
    rows += [(members[n], "retail_sales", "2022-02", v, g, None) for n, (v, g) in RETAIL.items()]
    rows += [
        (city, "industry_va", "2022-02", None, "7.1", None),
        (city, "retail_sales", "2022-02", "160.00", "4.0", None),
        (zone, "industry_va", "2022-02", None, "15.0", None),
        (zone, "retail_sales", "2022-02", "8.00", "9.9", None),
    ]
    write_figures(admin, rows)
    return zone


def _row(page, name):
    return page.locator("#ranking-table tbody tr", has=page.locator(f"td.sticky:text-is('{name}')"))


@pytest.mark.django_db(transaction=True)
def test_it_ranks_a_group_with_a_tie_and_a_zone(page, people, sample_city):
    city, members = sample_city
    _city_with_a_zone(people["admin"], city, members)

    login(page, "leo")
    page.click("nav.mainnav >> text=排位总表")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "排位总表示范市 · 2022年1-2月"
    heads = page.locator("#ranking-table thead th").all_inner_texts()
    assert heads == ["地区", "规模以上工业增加值", "社会消费品零售总额"]

    total = page.locator("#ranking-table tr.total").inner_text().split("\t")
    assert total == ["全市", "7.1", "4.0"]
    cells = _row(page, "西城区").locator("td")
    assert cells.nth(1).inner_text().split("\n") == ["6.5", "并列第5位"]
    assert _row(page, "北山区").locator("td").nth(1).inner_text().split("\n") == [
        "6.5",
        "并列第5位",
    ]
    assert _row(page, "东城区").locator("td").nth(2).inner_text().split("\n") == [
        "4.6",
        "并列第3位",
    ]
    # The zone is listed with its figure, never ranked, and takes no place from the others.
    zone = page.locator("#ranking-table tbody tr", has_text="示范高新区").locator("td")
    assert zone.nth(1).inner_text().split("\n") == ["15.0", "不排名"]
    assert "第1位" in _row(page, "临江县").locator("td").nth(1).inner_text()
    # Coloured by status: the last is red, one above the city's growth green.
    assert "cell-red" in (_row(page, "白水县").locator("td").nth(1).get_attribute("class"))
    assert "cell-green" in (_row(page, "临江县").locator("td").nth(1).get_attribute("class"))
    assert "cell-none" in zone.nth(1).get_attribute("class")

    # A header click sorts by that indicator's rank, best first; the total row stays on top.
    page.click("#ranking-table thead th:text-is('社会消费品零售总额')")
    names = page.locator("#ranking-table tbody td.sticky").all_inner_texts()
    assert names[:4] == ["全市", "北山区", "西城区", "东城区"]
    assert names[4] == "青山县" and names[-1].startswith("示范高新区")

    with page.expect_download() as info:
        page.click("text=导出Excel")
    book = load_workbook(BytesIO(open(info.value.path(), "rb").read()))
    sheet = book["排位总表"]
    assert sheet["A1"].value == "示范市各区（市）县主要经济指标排位总表（2022年1-2月）"
    assert [sheet.cell(4, c).value for c in range(1, 4)] == ["全市", 7.1, None]
    by_name = {sheet.cell(r, 1).value: r for r in range(5, sheet.max_row + 1)}
    west = by_name["西城区"]
    assert sheet.cell(west, 2).value == 6.5 and sheet.cell(west, 2).number_format == "0.0"
    assert sheet.cell(west, 3).value == "并列第5位"
    assert sheet.cell(by_name["示范高新区（功能区）"], 3).value == "不排名"
