"""A file no reader recognises, mapped once on the page; next month's goes in without a question.

霁川市's bulletin with a 序号 column and one header row (社零1-10月累计 | 社零同比% | 社零排名 …) is
uploaded by a reviewer; the preview says the header was not found and offers 映射版式. The page
shows the file's first rows, guesses the header row, the region column and most columns; the
reviewer settles the one column the guess cannot know, saves, sees the preview read with the
layout (the new city proposed), confirms, and the figures are in the ledger. Next month's file
previews straight away, read with the saved layout.
"""

import pytest

from econdesk.ledger.models import Layout, Observation
from tests.e2e.conftest import login
from tests.ledger import city_month as month


@pytest.mark.django_db(transaction=True)
def test_a_layout_mapped_once_reads_this_month_and_the_next(page, people, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    rows = month.flat_rows()
    rows[2][10] = "财政1-10月累计"  # column K: 一般公共预算收入, a stem the catalogue cannot know
    path = month._save(tmp_path / "霁川-2026-10.xlsx", {"县区指标": rows})

    login(page, "rita")
    page.goto(page.base_url + "/reporting/import/")
    page.set_input_files("input[name=file]", str(path))
    page.click("button:has-text('上传并预览')")
    assert "未找到表头" in page.locator("#problems").inner_text()
    page.click("#map-layout")

    assert page.locator("#layout-grid tr.header-row").inner_text().startswith("3")
    assert page.locator("select[name=header_row]").input_value() == "3"
    assert page.locator("select[name=region_column]").input_value() == "1"
    assert page.locator("input[name=c7]").input_value() == "社会消费品零售总额"
    assert page.locator("select[name='c7-measure']").input_value() == "value"
    page.fill("input[name=name]", "霁川市月报")
    page.fill("input[name=c10]", "一般公共预算收入")
    page.fill("input[name=c11]", "一般公共预算收入")
    page.fill("input[name=c12]", "一般公共预算收入")
    for column, _indicator, measure, unit in month.flat_columns():
        if measure in ("value", "month_value"):
            page.select_option(f"select[name='c{column}-unit']", unit)
    page.click("#layout-form button[type=submit]")

    assert "已保存版式“霁川市月报”" in page.locator(".messages").inner_text()
    assert page.locator("#import-status").inner_text() == "待确认"
    assert page.locator(".layout-used").first.inner_text().startswith("按版式“霁川市月报”读取")
    assert "新增 54 条" in page.locator("#summary").inner_text()
    page.click("#confirm-form button")
    assert "导入完成：新增54条" in page.locator(".messages").inner_text()
    retail = Observation.objects.get(region__name="霁东区", indicator__name="社会消费品零售总额")
    assert str(retail.value.normalize()) == "62.3518"  # 623518 万元
    assert Layout.objects.get().name == "霁川市月报"

    rows = month.flat_rows(title=month.TITLE.replace("1-10月", "1-11月"), months="1-11月")
    rows[2][10] = "财政1-11月累计"
    second = month._save(tmp_path / "霁川-2026-11.xlsx", {"县区指标": rows})
    page.goto(page.base_url + "/reporting/import/")
    page.set_input_files("input[name=file]", str(second))
    page.click("button:has-text('上传并预览')")
    assert page.locator("#import-status").inner_text() == "待确认"
    assert page.locator(".layout-used").first.inner_text().startswith("按版式“霁川市月报”读取")
    page.click("#confirm-form button")
    assert "导入完成：新增54条" in page.locator(".messages").inner_text()
    assert Observation.objects.filter(period__month=11, is_current=True).count() == 54
