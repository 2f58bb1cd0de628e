"""公文 form, read from the generated files: table cells single-spaced and off the body's line
grid, the header row repeated on each page, rows that never split, full-width brackets in the
headers; the HTML print view without the [n] source markers the screen view shows."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from econdesk.bulletins import services
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_document, workbook

FEB = PeriodKey(2022, 2)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("word/document.xml").decode()


@pytest.fixture
def monthly(sample_feb, people) -> bytes:
    content, _, _ = services.generate(
        people["leader"], sample_feb["东城区"], FEB, "monthly", "docx"
    )
    return content


def test_every_row_keeps_together_and_the_header_repeats(monthly):
    xml = document_xml(monthly)
    table = xml[xml.index("<w:tbl>") : xml.index("</w:tbl>")]
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", table, flags=re.S)
    assert len(rows) == 5  # the header and the 4 indicators with a figure
    assert all('<w:cantSplit w:val="true"/>' in r for r in rows)
    assert '<w:tblHeader w:val="true"/>' in rows[0]
    assert not any("<w:tblHeader" in r for r in rows[1:])


def test_table_cells_are_single_spaced_and_off_the_body_grid(monthly):
    doc = docx_document(monthly)
    cell_styles = {p.style.name for r in doc.tables[0].rows for c in r.cells for p in c.paragraphs}
    assert cell_styles == {"表格文字"}
    style = doc.styles["表格文字"].element
    spacing = style.pPr.find(f"{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("240", "auto")  # 单倍行距
    assert style.pPr.find(f"{W}snapToGrid").get(f"{W}val") == "0"
    body = doc.styles["公文正文"].element.pPr.find(f"{W}spacing")
    assert body.get(f"{W}lineRule") == "exact"  # the body keeps its fixed 28.95 pt pitch


def test_headers_use_full_width_brackets(monthly, sample_feb, people):
    header = [c.text for c in docx_document(monthly).tables[0].rows[0].cells]
    assert header == ["指标", "单位", "累计", "增速（%）", "全市增速（%）", "位次", "位次变化"]
    assert not any(ch in "".join(header) for ch in "()")
    xlsx, _, _ = services.generate(people["leader"], sample_feb["东城区"], FEB, "monthly", "xlsx")
    sheet = workbook(xlsx)["主要指标"]
    assert "差值（百分点）" in [c.value for c in sheet[2]]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_print_view_drops_the_source_markers_the_screen_keeps(browser, live_server, sample_feb):
    from tests.browser import end_idle_server_sessions
    from tests.e2e.conftest import login

    east = sample_feb["东城区"]
    url = f"/bulletins/generate/?region={east.pk}&period=2022-02&kind=monthly&format=html"
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "leo")
    page.goto(live_server.url + url)
    screen = page.inner_text("body")
    page.emulate_media(media="print")
    printed = page.inner_text("body")
    context.close()
    end_idle_server_sessions()
    assert re.search(r"\[\d+\]", screen) and "数据来源" in screen
    assert not re.search(r"\[\d+\]", printed) and "数据来源" not in printed
    assert "1-2月，全区规模以上工业增加值增长8.2%，高于全市1.1个百分点，居全市第3位。" in printed
