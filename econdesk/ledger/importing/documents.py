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

import threading
from collections.abc import Iterator

from econdesk.ledger.importing.errors import FileRefused, Place
from econdesk.ledger.importing.readers import MAX_COLUMNS, SheetRows, Source, _limited
from econdesk.ledger.periods import parse_period

# A bulletin is a few pages; a PDF of hundreds is a report or a book, not an import.
MAX_PDF_PAGES = 60
# Lines of text above a table kept as its title and unit lines.
MAX_PREAMBLE_LINES = 6
# Grid cells of all a Word document's tables, merged cells counted as the columns they span: a
# bulletin holds thousands. A gridSpan of 1000 on each of a million <w:tc> would otherwise
# unfold into a billion blanks before any row limit is checked.
MAX_DOCUMENT_CELLS = 1_000_000


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
    if body is None:
        raise FileRefused("Word文档已损坏：没有正文（document.xml中缺少w:body），无法读取")
    tables: list[tuple[str, list[str], list[list]]] = []
    above: list[str] = []
    p_tag, tbl_tag = qn("w:p"), qn("w:tbl")
    budget = [MAX_DOCUMENT_CELLS]
    for child in body.iterchildren():
        if child.tag == p_tag:
            above.append(_text(child))
        elif child.tag == tbl_tag:
            name = f"表格{len(tables) + 1}"
            tables.append((name, above, _docx_rows(child, name, budget)))
            above = []
    return tables


def _text(element) -> str:
    from docx.oxml.ns import qn

    t = qn("w:t")
    return "".join(node.text or "" for node in element.iter(t)).strip()


def _docx_rows(table, name: str = "表格", budget: list[int] | None = None) -> list[list]:
    """Cells by grid column: a horizontal merge (gridSpan) gives its text then blanks, a
    vertical merge's continuation cells are blank, grid columns a row skips (gridBefore,
    gridAfter) are blank. budget: [grid cells the document may still unfold]
    (MAX_DOCUMENT_CELLS), spent here; a row wider than MAX_COLUMNS is refused as it is read.

    A row covering fewer columns than the table's grid (w:tblGrid) when other rows cover it
    all has lost a cell: its figures would be read one column to the left, so it is refused."""
    from docx.oxml.ns import qn

    tr, tc, tcpr, span, vmerge, val = (
        qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:gridSpan"), qn("w:vMerge"), qn("w:val"),
    )  # fmt: skip
    p = qn("w:p")
    rows, covered = [], []
    for row in table.iterchildren(tr):
        before, after = _grid_skip(row, "w:gridBefore"), _grid_skip(row, "w:gridAfter")
        cells: list = [None] * before
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
            if budget is not None:
                budget[0] -= width
                if budget[0] < 0:
                    raise FileRefused(
                        f"Word文档的表格共超过{MAX_DOCUMENT_CELLS}个单元格（合并单元格按所跨列数计），"
                        "不是一份统计快报，拒绝读取",
                        Place(name),
                        len(rows) + 1,
                    )
            if len(cells) + width > MAX_COLUMNS:
                raise FileRefused(
                    f"该行超过{MAX_COLUMNS}列（合并单元格按所跨列数计），不是正常的表格",
                    Place(name),
                    len(rows) + 1,
                )
            text = "".join(_text(para) for para in cell.iterchildren(p))
            cells.append(None if continued or not text else text)
            cells.extend([None] * (width - 1))
        covered.append(len(cells) + after)
        while cells and cells[-1] is None:
            cells.pop()
        rows.append(cells)
    _refuse_short_rows(table, name, rows, covered)
    return rows


def _grid_skip(row, tag: str) -> int:
    """The grid columns a row leaves out before or after its cells (w:trPr/w:gridBefore)."""
    from docx.oxml.ns import qn

    props = row.find(qn("w:trPr"))
    node = props.find(qn(tag)) if props is not None else None
    try:
        return max(0, min(int(node.get(qn("w:val"), "0")), 1000)) if node is not None else 0
    except ValueError:
        return 0


def _refuse_short_rows(table, name: str, rows: list[list], covered: list[int]) -> None:
    from docx.oxml.ns import qn

    grid = table.find(qn("w:tblGrid"))
    columns = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
    if not columns or columns not in covered:
        return  # no grid, or one no row fills: nothing to measure a row against
    for number, (cells, width) in enumerate(zip(rows, covered, strict=True), start=1):
        if width < columns and sum(1 for c in cells if c is not None) > 1:
            raise FileRefused(
                f"该行只有{width}列，表格共{columns}列：该行缺少单元格，无法确定各数值属于哪一列；"
                "请在Word中补齐该行的单元格后再导入",
                Place(name),
                number,
            )


# --- PDF ------------------------------------------------------------------------------------


class CorruptStream(Exception):
    """A compressed stream of the PDF fails zlib's checks (its data or its checksum)."""


_reading = threading.local()
CORRUPT_MESSAGE = (
    "PDF文件已损坏：其中的压缩数据校验失败（文件可能下载不完整或被改动），读出的数字不可信，"
    "拒绝导入；请重新下载或向发布单位索取原文件"
)


def _strict_flate() -> None:
    """pdfminer reads a Flate stream whose checksum fails byte by byte and keeps what comes
    out (or an empty stream): a flipped byte then silently changes a figure. While this module
    reads a PDF (in this thread), such a stream is an error instead."""
    from pdfminer import pdftypes

    original = pdftypes.decompress_corrupted
    if getattr(original, "econdesk_strict", False):
        return

    def decompress_corrupted(data: bytes) -> bytes:
        if getattr(_reading, "pdf", False):
            raise CorruptStream
        return original(data)

    decompress_corrupted.econdesk_strict = True
    pdftypes.decompress_corrupted = decompress_corrupted


def _corrupt(exc: BaseException) -> bool:
    return any(isinstance(c, CorruptStream) for c in (exc, *exc.args, exc.__context__))


def _pdf_tables(source: Source) -> list[tuple[str, list[str], list[list]]]:
    _strict_flate()
    _reading.pdf = True
    try:
        return _read_pdf_tables(source)
    finally:
        _reading.pdf = False


def _read_pdf_tables(source: Source) -> list[tuple[str, list[str], list[list]]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    source.file.seek(0)
    try:
        pdf = pdfplumber.open(source.file)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        if _corrupt(exc):
            raise FileRefused(CORRUPT_MESSAGE) from None
        # pdfplumber wraps pdfminer's error (PdfminerException(PDFPasswordIncorrect())).
        causes = [exc, *exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes) or any(
            "Password" in type(c).__name__ or "Encrypt" in type(c).__name__ for c in causes
        ):
            raise FileRefused("PDF文件已加密（设有密码），无法读取；请上传未加密的文件") from None
        raise FileRefused(f"无法读取该PDF文件（{exc.__class__.__name__}）") from None
    tables: list[tuple[str, list[str], list[list]]] = []
    try:
        try:
            pages = pdf.pages
        except Exception as exc:  # noqa: BLE001 - a broken page tree (even a loop in it)
            if _corrupt(exc):
                raise FileRefused(CORRUPT_MESSAGE) from None
            raise FileRefused(
                f"PDF文件已损坏：无法读出其页面（{exc.__class__.__name__}）；"
                "请重新下载或向发布单位索取原文件"
            ) from None
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
                if _corrupt(exc):
                    raise FileRefused(CORRUPT_MESSAGE) from None
                raise FileRefused(f"PDF第{number}页无法读取（{exc.__class__.__name__}）") from None
        if not any_text:
            raise FileRefused(
                "PDF文件没有文字层（疑为扫描件或图片），本系统不识别图片中的文字；"
                "请上传统计局网站发布的原文PDF、Word或Excel文件"
            )
    finally:
        try:
            pdf.close()  # walks the pages again: a broken page tree fails here too
        except Exception:  # noqa: BLE001, S110 - the reason was reported above
            pass
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
