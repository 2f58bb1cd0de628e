"""The demo district's monthly bulletin as printed: LibreOffice lays the text on at most five
pages, then the chart, then the 附表 on a page of its own, whole. scripts/bulletin_pages.py
makes the pages in docs/bulletin-pages/.

The bulletin is built from `econdesk demo` on its own SQLite database (not the test database),
so it runs in the SQLite pass of CI only; a missing soffice or poppler is a failure in CI."""

from __future__ import annotations

import os

import pytest

from scripts import bulletin_pages
from tests.bulletins.test_pdf import tool


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="builds its own SQLite demo: runs once, in the SQLite pass",
)
def test_the_demo_bulletin_text_fits_five_pages_and_the_table_one(tmp_path):
    tool("soffice", "libreoffice")
    tool("pdftoppm")
    pdf, what = bulletin_pages.make(tmp_path)
    texts = bulletin_pages.page_texts(pdf)
    found = bulletin_pages.layout(texts)
    assert what.startswith("锦江区 ")
    assert found["text_ends"] <= 5, found
    assert found["table_starts"] > found["text_ends"], found  # the 附表 starts a page
    assert found["pages"] == found["table_starts"], found  # and stays on it, whole
    table = texts[found["table_starts"] - 1]
    assert "亿千瓦时" in table and "万千瓦时" not in table  # 402132万千瓦时 is written in 亿
    assert "四、下步工作建议" in "".join(texts[: found["text_ends"]])
