"""Tables inside a Word document (.docx) or a PDF with a text layer, as sheets of rows.

Each table becomes one SheetRows named 表格N (a PDF's 第P页表格N), its rows preceded by the
paragraphs (or the lines of text) above it, so the bulletin parser finds the title that names
city and period and the 单位 line as it does on a sheet. When the text above a later table
names no period, the document's title is put first: a 统计快报 names city and month once.
Merged cells arrive as on a sheet: the value in the first cell, blanks after it.

Rows are numbered as a person counts them in the table (1 = the table's first row); the
paragraphs above it are reported as the table's title. A PDF table that runs on over a page
break (no text above it, no header row) continues the table before it. A PDF without any text (a scan) and a
document with no table are refused with the reason; nothing is read from images.
"""

from __future__ import annotations

from collections.abc import Iterator

from econdesk.ledger.importing.errors import FileRefused, Place
from econdesk.ledger.importing.readers import SheetRows, Source, _limited
from econdesk.ledger.periods import parse_period

# A bulletin is a few pages; a PDF of hundreds is a report or a book, not an import.
MAX_PDF_PAGES = 60
# Lines of text above a table kept as its title and unit lines.
MAX_PREAMBLE_LINES = 6


def read_tables(source: Source, kind: str) -> Iterator[SheetRows]:
    tables = _docx_tables(source) if kind == "docx" else _pdf_tables(source)
    if not tables:
        what = "Word文档" if kind == "docx" else "PDF文件"
        raise FileRefused(
            f"{what}中没有表格，无法导入；请上传含数据表格的统计快报或通报（或Excel工作簿）"
        )
    document_title = next((line for _, lines, _ in tables for line in lines if line), "")
    for name, preamble, rows in tables:
        preamble = [line for line in preamble if line][-MAX_PREAMBLE_LINES:]
        if document_title and not any(parse_period(line) for line in preamble):
            preamble = [document_title, *[line for line in preamble if line != document_title]]
        yield _table_sheet(name, preamble, rows)


def _table_sheet(name: str, preamble: list[str], rows: list[list]) -> SheetRows:
    """Preamble lines as rows 1..p, the table's rows after them; locate() turns them back."""
    p = len(preamble)
    numbered = [(i + 1, [line]) for i, line in enumerate(preamble)]
    numbered += [(p + i + 1, cells) for i, cells in enumerate(rows)]

    def locate(sheet, row, column):
        if row is None:
            return sheet, None, column
        if row <= p:
            return Place(f"{sheet}标题"), None, None
        return sheet, row - p, column

    name = Place(name)
    return SheetRows(name, _limited(iter(numbered), name), locate=locate)


# --- Word -----------------------------------------------------------------------------------


def _docx_tables(source: Source) -> list[tuple[str, list[str], list[list]]]:
    from docx import Document
    from docx.oxml.ns import qn

    source.file.seek(0)
    try:
        body = Document(source.file).element.body
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds on a broken file
        raise FileRefused(f"无法读取该Word文档（{exc.__class__.__name__}）") from None
    tables: list[tuple[str, list[str], list[list]]] = []
    above: list[str] = []
    p_tag, tbl_tag = qn("w:p"), qn("w:tbl")
    for child in body.iterchildren():
        if child.tag == p_tag:
            above.append(_text(child))
        elif child.tag == tbl_tag:
            tables.append((f"表格{len(tables) + 1}", above, _docx_rows(child)))
            above = []
    return tables


def _text(element) -> str:
    from docx.oxml.ns import qn

    t = qn("w:t")
    return "".join(node.text or "" for node in element.iter(t)).strip()


def _docx_rows(table) -> list[list]:
    """Cells by grid column: a horizontal merge (gridSpan) gives its text then blanks, a
    vertical merge's continuation cells are blank."""
    from docx.oxml.ns import qn

    tr, tc, tcpr, span, vmerge, val = (
        qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:gridSpan"), qn("w:vMerge"), qn("w:val"),
    )  # fmt: skip
    p = qn("w:p")
    rows = []
    for row in table.iterchildren(tr):
        cells: list = []
        for cell in row.iterchildren(tc):
            props = cell.find(tcpr)
            width, continued = 1, False
            if props is not None:
                grid = props.find(span)
                if grid is not None:
                    try:
                        width = max(1, min(int(grid.get(val, "1")), 1000))
                    except ValueError:
                        width = 1
                merge = props.find(vmerge)
                continued = merge is not None and merge.get(val, "continue") != "restart"
            text = "".join(_text(para) for para in cell.iterchildren(p))
            cells.append(None if continued or not text else text)
            cells.extend([None] * (width - 1))
        while cells and cells[-1] is None:
            cells.pop()
        rows.append(cells)
    return rows


# --- PDF ------------------------------------------------------------------------------------


def _pdf_tables(source: Source) -> list[tuple[str, list[str], list[list]]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    source.file.seek(0)
    try:
        pdf = pdfplumber.open(source.file)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise FileRefused("PDF文件已加密（设有密码），无法读取；请上传未加密的文件") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        name = exc.__class__.__name__
        if "Password" in name or "Encrypt" in name:
            raise FileRefused("PDF文件已加密（设有密码），无法读取；请上传未加密的文件") from None
        raise FileRefused(f"无法读取该PDF文件（{name}）") from None
    tables: list[tuple[str, list[str], list[list]]] = []
    try:
        pages = pdf.pages
        if len(pages) > MAX_PDF_PAGES:
            raise FileRefused(
                f"PDF共{len(pages)}页，超过上限（{MAX_PDF_PAGES}页），不是一份统计快报；"
                "请只上传数据表格所在的页"
            )
        any_text = False
        for number, page in enumerate(pages, start=1):
            try:
                any_text = any_text or bool(page.chars)
                found = page.find_tables()
                top = 0.0
                for k, table in enumerate(found, start=1):
                    x0, y0, x1, y1 = table.bbox
                    above = ""
                    if y0 - top > 1:
                        above = page.crop((0, top, page.width, y0)).extract_text() or ""
                    rows = [[_pdf_cell(c) for c in row] for row in table.extract()]
                    top = y1
                    if tables and k == 1 and not above.strip() and not _has_header(rows):
                        # A table continued from the page before: its header is there.
                        tables[-1][2].extend(rows)
                        continue
                    name = f"第{number}页表格{k}" if len(pages) > 1 else f"表格{k}"
                    tables.append((name, [s.strip() for s in above.splitlines()], rows))
            except FileRefused:
                raise
            except Exception as exc:  # noqa: BLE001 - a broken page
                raise FileRefused(f"PDF第{number}页无法读取（{exc.__class__.__name__}）") from None
        if not any_text:
            raise FileRefused(
                "PDF文件没有文字层（疑为扫描件或图片），本系统不识别图片中的文字；"
                "请上传统计局网站发布的原文PDF、Word或Excel文件"
            )
    finally:
        pdf.close()
    return tables


def _has_header(rows: list[list]) -> bool:
    from econdesk.ledger.importing.layouts import header_row

    return any(header_row(cells) for cells in rows[:3])


def _pdf_cell(text) -> str | None:
    """A cell's text with the line breaks of wrapped text removed ('社会消费品\\n零售总额')."""
    if text is None:
        return None
    text = "".join(part.strip() for part in str(text).splitlines())
    return text or None
