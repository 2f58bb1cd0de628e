"""A reviewer downloads this month's bulletin in Word and Excel, reads it in the browser with the
source of each figure, and issues it; a leader finds it among the notifications."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.bulletins.data import write_sample_february
from tests.e2e.conftest import login

LINE = "1-2月，全区规模以上工业增加值增长8.2%，高于全市1.1个百分点，居全市第3位。"


@pytest.mark.django_db(transaction=True)
def test_it_downloads_reads_and_issues_the_bulletin(page, people, sample_city, tmp_path):
    city, members = sample_city
    write_sample_february(people["admin"], city, members)

    login(page, "rita")
    page.click("nav >> text=通报")
    page.wait_for_selector("text=通报与会议材料")
    with page.expect_download() as info:
        page.click("button:has-text('下载 Word')")
    word = tmp_path / "bulletin.docx"
    info.value.save_as(word)
    assert info.value.suggested_filename == "东城区2022年1-2月经济运行通报.docx"
    assert LINE in [p.text for p in Document(str(word)).paragraphs]

    with page.expect_download() as info:
        page.click("button:has-text('下载 Excel 指标表')")
    sheet = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))["主要指标"]
    assert sheet.freeze_panes == "B3"

    page.click("button:has-text('网页查看')")
    line = page.locator("p.s span", has_text=LINE)
    assert "city-bulletin-2022-02.xlsx" in line.get_attribute("title")
    assert page.locator("ol.sources li").count() > 10
    page.go_back()

    page.click("#issue-selected")
    page.click("#confirm-issue")
    page.wait_for_selector("text=已印发")
    assert LINE in page.content()

    page.context.clear_cookies()
    login(page, "leo")
    page.goto(page.base_url + "/bulletins/")
    assert "通知（1条未读）" in page.content()
    page.click("#notifications button:has-text('新印发')")
    page.wait_for_selector("text=已印发")
    assert LINE in page.content()
