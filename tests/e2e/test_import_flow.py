"""A reviewer imports a city bulletin: sees an error at its cell, fixes the file, confirms."""

import shutil

import openpyxl
import pytest

from econdesk.ledger.models import ImportBatch, Observation
from tests.conftest import SAMPLE_BULLETIN
from tests.e2e.conftest import login

# 8 districts and the city total × (2 growth-and-rank indicators + 2 with value, growth, rank).
SAMPLE_CELLS = 36


def bulletin_copy(folder, growth_b6):
    """The sample bulletin saved in `folder` with 东城区's 规上工业增加值 growth (B6) replaced."""
    folder.mkdir(exist_ok=True)
    path = folder / SAMPLE_BULLETIN.name
    shutil.copy(SAMPLE_BULLETIN, path)
    wb = openpyxl.load_workbook(path)
    wb.active["B6"] = growth_b6
    wb.save(path)
    return path


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_reviewer_the_error_at_its_cell_then_imports_the_fixed_file(
    page, people, sample_city, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    broken = bulletin_copy(tmp_path / "broken", "八点二")
    fixed = bulletin_copy(tmp_path / "fixed", 8.2)

    login(page, "rita")
    page.click("nav >> text=数据填报")
    page.click("text=进入数据导入")
    page.set_input_files("input[name=file]", str(broken))
    page.click("button:has-text('上传并预览')")

    assert "发现1处问题" in page.locator("#problems-head").inner_text()
    cells = page.locator("#problems tbody tr").first.locator("td").all_inner_texts()
    assert cells[:4] == ["city-bulletin-2022-02.xlsx", "1-2月", "6", "B"]
    assert "八点二" in cells[4] and "不是数字" in cells[4]
    assert page.locator("#import-status").inner_text() == "有错误"
    assert page.locator("#confirm-form").count() == 0
    assert not Observation.objects.exists()

    page.click("#upload-again")
    page.set_input_files("input[name=file]", str(fixed))
    page.click("button:has-text('上传并预览')")
    summary = page.locator("#summary").inner_text()
    assert f"新增 {SAMPLE_CELLS} 条" in summary and "更正 0 条" in summary
    assert page.locator(".new-cells tr:has-text('东城区')").first.inner_text().count("8.2") == 1
    assert not Observation.objects.exists()  # the preview wrote nothing

    page.click("#confirm-form button")
    assert (
        f"导入完成：新增{SAMPLE_CELLS}条，更正0条，未变0条"
        in page.locator(".messages").inner_text()
    )
    assert page.locator("#import-status").inner_text() == "已导入"
    assert Observation.objects.filter(kind="actual", is_current=True).count() == SAMPLE_CELLS
    assert ImportBatch.objects.get().file_name == "city-bulletin-2022-02.xlsx"
    assert "city-bulletin-2022-02.xlsx" in page.content()


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_clerk_the_import_page_and_another_departments_indicator(
    page, people, sample_city
):
    login(page, "colin")
    response = page.goto(page.base_url + "/reporting/import/")
    assert response.status == 403
    assert "您的角色（单位填报）无权导入数据" in page.locator("main").inner_text()

    response = page.goto(page.base_url + "/reporting/report/retail_sales/2022-03/")
    assert response.status == 403
    assert "由区商务局牵头，区经济和信息化局无权填报" in page.locator("main").inner_text()
