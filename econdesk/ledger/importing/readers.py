"""Open an imported file safely and hand its rows to the parsers, with positions.

The file type is judged by content, never by name: .xlsx is a ZIP holding xl/workbook.xml,
.docx a ZIP holding word/document.xml, .xls an OLE2 compound file, a PDF starts with %PDF-
(tables of both read by importing.documents), and CSV is text that decodes as UTF-8 (BOM allowed) or GB18030
with no control characters. Workbooks are opened with read_only=True, data_only=True, so
formulas are never evaluated (only the values Excel cached are read) and rows stream.

Hostile files are refused with a Chinese reason before they cost memory or time: an .xlsx is
checked from its ZIP directory before openpyxl sees it (member count, declared unzipped size,
compression ratio, size of the parts openpyxl loads whole such as sharedStrings.xml, and no
DOCTYPE / entity declarations); a formula whose result was never calculated is read as an
UncalculatedFormula that every number column refuses; a macro workbook (.xlsm) and a
password-protected Office file (an OLE2 container with EncryptionInfo) are refused; CSV text is bounded in cell length and
column count, and UTF-16 or binary content is named as such.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings

from econdesk.ledger.importing.errors import FileRefused, column_letter

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
CHUNK = 1 << 20
MB = 1 << 20
# A spreadsheet's XML compresses well, but not a thousand-fold: beyond this multiple of the
# upload limit the "workbook" is a ZIP bomb, not a bulletin.
MAX_UNZIPPED_FACTOR = 20
# Real workbooks hold a few dozen parts; thousands of members only cost time to list and open.
MAX_ZIP_MEMBERS = 1000
# Worksheet XML deflates 10-20 fold (a 200,000-row sheet measured 15); a deflate bomb reaches
# about 1000. Members smaller than RATIO_FLOOR are too small to matter whatever their ratio.
MAX_COMPRESSION_RATIO = 100
RATIO_FLOOR = 1 * MB
# openpyxl streams worksheets in read-only mode but loads every other part whole
# (sharedStrings.xml, styles.xml, workbook.xml …): each of those is bounded on its own.
MAX_LOADED_PART_BYTES = 64 * MB
# Excel's own limits: 16,384 columns (XFD). A CSV cell longer than this is not data.
MAX_COLUMNS = 16384
MAX_CELL_CHARS = 131072
_XML_PARTS = (".xml", ".rels", ".vml")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Cells that say "not published": dashes; / (not applicable); … (not available); * and ×
# (withheld); 无. Compared width-folded with spaces removed ("— —" is "——").
BLANKS = frozenset({"", "—", "——", "-", "－", "–", "--", "―", "/", "…", "……", "...", "*", "×",
                    "无"})  # fmt: skip


@dataclass
class Source:
    """One file to import: its display name, an open binary stream and its size."""

    name: str
    file: BinaryIO
    size: int


@dataclass
class FileInfo:
    format: str  # "xlsx", "xls", "ods", "csv", "docx" or "pdf"
    encoding: str | None  # for CSV
    sha256: str


@dataclass
class SheetRows:
    """The rows of one sheet (name None for CSV): (1-based row number, cell values) pairs."""

    name: str | None
    rows: Iterator[tuple[int, list]]
    # Where a row and column of these rows are in the file, when the rows are not the file's
    # own (a Word or PDF table with its title above it, a table read turned): (sheet, row,
    # column letter) → (sheet, row, column letter) as a person finds them. None: as they are.
    locate: object = None


@contextmanager
def open_source(item) -> Iterator[Source]:
    """A path, or an uploaded file object with a name (Django UploadedFile or any binary file)."""
    if isinstance(item, str | os.PathLike):
        path = Path(item)
        if not path.is_file():
            raise FileRefused(f"找不到文件：{path}")
        with path.open("rb") as fh:
            yield Source(path.name, fh, path.stat().st_size)
        return
    name = Path(str(getattr(item, "name", "") or "上传文件")).name
    item.seek(0, io.SEEK_END)
    size = item.tell()
    item.seek(0)
    yield Source(name, item, size)


def inspect(source: Source) -> FileInfo:
    """Check size and type by content; hash it. FileRefused with a Chinese reason otherwise."""
    limit = settings.ECONDESK_MAX_UPLOAD_BYTES
    if source.size > limit:
        raise FileRefused(f"文件过大（{size_text(source.size)}），上限为 {size_text(limit)}")
    if source.size == 0:
        raise FileRefused("文件是空的")
    source.file.seek(0)
    head = source.file.read(8)
    source.file.seek(0)
    if head.startswith(ZIP_MAGIC):
        return FileInfo(_check_xlsx(source, documents=True), None, _sha256(source))
    if head == OLE2_MAGIC:
        _check_ole(source)
        return FileInfo("xls", None, _sha256(source))
    if head.startswith(PDF_MAGIC):
        return FileInfo("pdf", None, _sha256(source))
    encoding, sha = _check_text(source)
    return FileInfo("csv", encoding, sha)


def _sha256(source: Source) -> str:
    digest = hashlib.sha256()
    source.file.seek(0)
    while chunk := source.file.read(CHUNK):
        digest.update(chunk)
    source.file.seek(0)
    return digest.hexdigest()


def size_text(size: int) -> str:
    """A byte count as people read it: 50 MB, 1.5 MB, 900 KB, 1000 字节."""
    if size >= MB:
        return f"{size / MB:.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size} 字节"


def _check_xlsx(source: Source, documents: bool = False) -> str:
    """Refuse a ZIP bomb or a booby-trapped workbook from its directory, before openpyxl.

    With `documents`, a Word document (.docx) passes the same checks: "xlsx" or "docx" is
    returned. A workbook or document carrying macros (vbaProject.bin: .xlsm, .docm) is refused.
    """
    kind = "xlsx"
    try:
        with zipfile.ZipFile(source.file) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise FileRefused(
                    f"工作簿内含{len(infos)}个部件，超过上限（{MAX_ZIP_MEMBERS}个），"
                    "不是正常的Excel文件，拒绝读取"
                )
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names and "content.xml" in names:
                kind = _open_document_kind(zf, names)
                _check_members(infos, {"content.xml", "styles.xml"})
                for info in infos:
                    if info.filename.lower().endswith(_XML_PARTS):
                        _check_prolog(zf, info)
                return kind
            if documents and "word/document.xml" in names and "xl/workbook.xml" not in names:
                kind = "docx"
                if "word/vbaProject.bin" in names:
                    raise FileRefused(
                        "这是含宏的Word文档（.docm），为安全起见不读取；"
                        "请在Word中另存为“Word文档（.docx）”后导入"
                    )
            elif "xl/workbook.xml" not in names:
                raise FileRefused(_NOT_A_TABLE_FILE)
            elif "xl/vbaProject.bin" in names or _macro_content_type(zf, names):
                raise FileRefused(
                    "这是启用宏的工作簿（.xlsm），为安全起见不读取；"
                    "请在Excel中另存为“Excel工作簿（.xlsx）”后导入"
                )
            _check_members(infos, _loaded_whole(zf, names))
            for info in infos:
                if info.filename.lower().endswith(_XML_PARTS):
                    _check_prolog(zf, info)
    except FileRefused:
        raise
    except Exception:  # noqa: BLE001 - BadZipFile, zlib.error, encrypted or unknown compression…
        what = "Word文档（.docx）" if kind == "docx" else "Excel工作簿（.xlsx）"
        raise FileRefused(f"文件已损坏：看似{what}，但无法打开") from None
    finally:
        source.file.seek(0)
    return kind


_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_NOT_A_TABLE_FILE = (
    "这是ZIP压缩包或其他Office文档，不是Excel工作簿（.xlsx）、OpenDocument电子表格（.ods）"
    "或Word文档（.docx）"
)


def _open_document_kind(zf: zipfile.ZipFile, names: set[str]) -> str:
    """An OpenDocument spreadsheet (.ods: LibreOffice, WPS on domestic systems) is read; an
    OpenDocument text (.odt) or other is refused with what to do."""
    mime = b""
    if "mimetype" in names and zf.getinfo("mimetype").file_size <= 200:
        mime = zf.read("mimetype").strip()
    if mime == _ODS_MIME:
        if any(n.lower().startswith("basic/") for n in names):
            raise FileRefused(
                "这是含宏的电子表格（.ods 内含 Basic 宏），为安全起见不读取；请另存为不含宏的文件后导入"
            )
        return "ods"
    if mime.startswith(b"application/vnd.oasis.opendocument.text"):
        raise FileRefused(
            "这是OpenDocument文本（.odt），无法读取；请另存为“Word文档（.docx）”后导入"
        )
    raise FileRefused(_NOT_A_TABLE_FILE)


def _macro_content_type(zf: zipfile.ZipFile, names: set[str]) -> bool:
    """[Content_Types].xml declares a macro-enabled workbook (.xlsm, .xltm, .xlam)."""
    if "[Content_Types].xml" not in names:
        return False
    info = zf.getinfo("[Content_Types].xml")
    return info.file_size <= MB and b"macroEnabled" in zf.read(info)


# Names of OLE2 directory entries, as the directory stores them (UTF-16LE).
_OLE_ENCRYPTED = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_OLE_WORD = "WordDocument".encode("utf-16-le")


def _check_ole(source: Source) -> None:
    """An OLE2 file that is a password-protected Office file (ECMA-376 encryption puts the
    .xlsx/.docx inside an OLE2 container with EncryptionInfo and EncryptedPackage streams) or
    a Word 97-2003 document is refused with the reason; other OLE2 files are read as .xls."""
    source.file.seek(0)
    tail = b""
    try:
        while chunk := source.file.read(CHUNK):
            window = tail + chunk
            if any(name in window for name in _OLE_ENCRYPTED):
                raise FileRefused(
                    "文件已加密（设有打开密码），无法读取；"
                    "请在Excel或Word中取消密码（文件→信息→保护→用密码进行加密，清空密码）后另存再导入"
                )
            if _OLE_WORD in window:
                raise FileRefused(
                    "这是Word 97-2003文档（.doc），无法读取；请在Word中另存为“Word文档（.docx）”后导入"
                )
            tail = chunk[-64:]
    finally:
        source.file.seek(0)


_WORKSHEET = re.compile(r"xl/worksheets/sheet\d+\.xml")
_SHARED_STRINGS = re.compile(
    rb'PartName="/?([^"]+)"[^>]*ContentType="[^"]*sharedStrings[^"]*"', re.IGNORECASE
)


def _loaded_whole(zf: zipfile.ZipFile, names: set[str]) -> set[str]:
    """Parts openpyxl reads whole: all but worksheets, and always the shared strings (wherever
    [Content_Types].xml puts them, even under a worksheet's name)."""
    shared: set[str] = set()
    if "[Content_Types].xml" in names:
        info = zf.getinfo("[Content_Types].xml")
        if info.file_size <= MB:
            shared = {m.decode("utf-8", "replace") for m in _SHARED_STRINGS.findall(zf.read(info))}
    return {n for n in names if not _WORKSHEET.fullmatch(n.lower()) or n in shared}


def _check_members(infos, loaded_whole: set[str]) -> None:
    total_limit = settings.ECONDESK_MAX_UPLOAD_BYTES * MAX_UNZIPPED_FACTOR
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if total > total_limit:
            raise FileRefused(
                f"工作簿解压后超过{size_text(total_limit)}（上传上限的{MAX_UNZIPPED_FACTOR}倍），"
                "疑为压缩炸弹，拒绝读取"
            )
        if size > RATIO_FLOOR and size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise FileRefused(
                f"工作簿部件“{info.filename}”压缩比为{ratio}倍，超过上限（{MAX_COMPRESSION_RATIO}倍），"
                "疑为压缩炸弹，拒绝读取"
            )
        if info.filename in loaded_whole and size > MAX_LOADED_PART_BYTES:
            raise FileRefused(
                f"工作簿部件“{info.filename}”解压后为{size_text(size)}，"
                f"超过上限（{size_text(MAX_LOADED_PART_BYTES)}），拒绝读取"
            )


def _check_prolog(zf: zipfile.ZipFile, info) -> None:
    """No DOCTYPE (so no entity declarations) before an XML part's root element.

    Office never writes one; a DOCTYPE in a workbook or document is an entity-expansion or
    external-entity attack. defusedxml's parser (forbid_dtd) reads the part only as far as its
    root element's start tag; the size and compression checks above are our own (no library
    does those).
    """
    if info.file_size == 0:
        return  # an empty part: openpyxl or python-docx reports it if it matters
    with zf.open(info) as member:
        try:
            for _event, _element in iterparse(member, events=("start",), forbid_dtd=True):
                return  # the root element: the prolog is over
        except DefusedXmlException:
            raise FileRefused(
                f"工作簿部件“{info.filename}”含有DOCTYPE或实体声明，不是Excel生成的文件，拒绝读取"
            ) from None
        except ParseError:
            return  # not XML at all: openpyxl or python-docx says the file cannot be read


def _check_text(source: Source) -> tuple[str, str]:
    """The encoding of a CSV file (utf-8-sig or gb18030) and its hash, or FileRefused."""
    source.file.seek(0)
    _refuse_utf16(source.file.read(4096))
    digest = hashlib.sha256()
    encoding = None
    for candidate in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(candidate)()
        source.file.seek(0)
        ok = True
        while chunk := source.file.read(CHUNK):
            if encoding is None and candidate == "utf-8-sig":
                digest.update(chunk)
            if ok:
                try:
                    text = decoder.decode(chunk)
                except UnicodeDecodeError:
                    ok = False
                    if candidate != "utf-8-sig":
                        break
                    continue
                if found := _CONTROL.search(text):
                    source.file.seek(0)
                    what = "空字符（NUL）" if found.group() == "\x00" else "控制字符"
                    raise FileRefused(
                        f"不是电子表格或CSV文本文件（含二进制内容：{what}）；"
                        "请上传 .xlsx、.xls、.ods、CSV、.docx 或 PDF"
                    )
        if ok:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                ok = False
        if ok:
            encoding = candidate
            break
    source.file.seek(0)
    if encoding is None:
        raise FileRefused(
            "不是电子表格或CSV文本文件（无法按UTF-8或GB18030读取）；请上传 .xlsx、.xls、.ods、CSV、.docx 或 PDF"
        )
    # Many sites serve an HTML table (or Excel 2003 XML) named .xls; say so rather than
    # failing later on a missing 地区 header.
    head = source.file.read(2048).decode(encoding, errors="ignore").lstrip().lower()
    source.file.seek(0)
    if head.startswith("<") and any(tag in head for tag in ("<html", "<table", "<?xml", "<!doc")):
        raise FileRefused(
            "这是网页（HTML）或XML文件，不是电子表格；请在Excel中打开后另存为 .xlsx 再导入"
        )
    return encoding, digest.hexdigest()


def _refuse_utf16(head: bytes) -> None:
    """UTF-16 text (Excel's "Unicode 文本") is neither UTF-8 nor GB18030: say which it is."""
    if not (head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(head)):
        return
    raise FileRefused(
        "文件为UTF-16编码（如Excel另存的“Unicode文本”），无法按UTF-8或GB18030读取；"
        "请在Excel中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后导入"
    )


def _looks_utf16(head: bytes) -> bool:
    """Text without a BOM whose commas and digits come with NUL bytes, and decodes cleanly."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return False
    for encoding, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        # The high byte of every ASCII character (commas, digits, line ends) is NUL.
        if high.count(0) < len(high) / 10:
            continue
        text = head.decode(encoding, errors="replace")
        if not _CONTROL.search(text) and text.count("\ufffd") <= 1:
            return True
    return False


def read_sheets(source: Source, info: FileInfo) -> Iterator[SheetRows]:
    """The sheets of a workbook, or the single 'sheet' of a CSV file, rows streamed."""
    if info.format == "xlsx":
        yield from _xlsx_sheets(source)
    elif info.format in ("docx", "pdf"):
        from econdesk.ledger.importing import documents

        yield from documents.read_tables(source, info.format)
    elif info.format in ("xls", "ods"):
        yield from _xls_sheets(source, info.format)
    else:
        yield SheetRows(None, _limited(_csv_rows(source, info.encoding or "utf-8-sig"), None))


def _limited(rows: Iterator[tuple[int, list]], sheet: str | None) -> Iterator[tuple[int, list]]:
    limit = settings.ECONDESK_MAX_IMPORT_ROWS
    for number, cells in rows:
        if number > limit:
            raise FileRefused(
                f"行数超过上限（{limit}行），请拆分文件后导入",
                sheet,
                number,
            )
        if len(cells) > MAX_COLUMNS:
            raise FileRefused(
                f"该行有{len(cells)}列，超过上限（{MAX_COLUMNS}列），不是正常的表格", sheet, number
            )
        yield number, cells


def _trim(cells) -> list:
    cells = list(cells)
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    return cells


class UncalculatedFormula(str):
    """A formula cell with no result stored in the file (never computed here): "=SUM(B2:B9)".

    It reads as its text; every number column refuses it with a message that says so.
    """


def _xlsx_sheets(source: Source) -> Iterator[SheetRows]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(source.file, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure here means an unreadable workbook
        raise FileRefused(f"无法读取该Excel工作簿：{exc.__class__.__name__}") from None
    try:
        for ws in wb.worksheets:
            yield SheetRows(ws.title, _limited(_xlsx_rows(wb, ws), ws.title))
    finally:
        wb.close()


def _xlsx_rows(wb, ws) -> Iterator[tuple[int, list]]:
    """(row number, values) of the rows the sheet's XML holds, numbered as Excel shows them.

    Read with openpyxl's own worksheet parser (data_only: the cached results of formulas), but
    not through ReadOnlyWorksheet: that trusts the <dimension> a generator wrote, fills every
    gap row (a cell at row 10^9 would be a billion empty rows) and silently drops a row that
    repeats an earlier row number. Here a gap costs nothing, a repeated or backward row number
    is refused, and a formula whose result was never calculated comes back as an
    UncalculatedFormula. Any failure of the parser is a FileRefused naming the sheet.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            formula = element.find(FORMULA_TAG)
            if formula is not None and formula.text and _linked(formula.text):
                row, column = _cell_place(element.get("r"), cell)
                raise FileRefused(linked_message(formula.text), ws.title, row, column)
            value = cell["value"]
            if isinstance(value, int | float) and not isinstance(value, bool):
                if is_percent(cell["style_id"]):
                    cell["value"] = as_shown_in_percent(value)
            if cell["value"] is None:
                # No <v>, or an empty one on a non-text formula (openpyxl writes <v/> for
                # every formula it saves): never calculated. An empty <v> on t="str" is a
                # calculated empty text, i.e. a blank cell.
                if formula is not None and (
                    element.find(VALUE_TAG) is None or element.get("t") != "str"
                ):
                    cell["value"] = UncalculatedFormula("=" + (formula.text or "…（共享公式）"))
            return cell

    percent_styles: dict[int, bool] = {}

    def is_percent(style_id) -> bool:
        if not style_id:
            return False
        if style_id not in percent_styles:
            percent_styles[style_id] = _percent_format(_number_format(wb, style_id))
        return percent_styles[style_id]

    last = 0
    try:
        with wb._archive.open(ws._worksheet_path) as src:
            parser = Parser(
                src,
                ws._shared_strings,
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            for number, cells in parser.parse():
                if number <= last:
                    raise FileRefused(
                        f"第{number}行在第{last}行之后重复出现（行号重复或倒序），文件可能已损坏；"
                        "请在Excel中打开并另存后再导入",
                        ws.title,
                        number,
                    )
                last = number
                width = max((c["column"] for c in cells), default=0)
                if width > MAX_COLUMNS:
                    raise FileRefused(
                        f"该行有{width}列，超过上限（{MAX_COLUMNS}列），不是正常的表格",
                        ws.title,
                        number,
                    )
                values = [None] * width
                for cell in cells:
                    values[cell["column"] - 1] = cell["value"]
                yield number, _trim(values)
    except FileRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl/XML raise many kinds on a broken sheet
        raise FileRefused(
            f"工作表内容已损坏，无法读取（{exc.__class__.__name__}，在第{last + 1}行附近）",
            ws.title,
        ) from None


def _number_format(wb, style_id: int) -> str:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    try:
        fmt_id = wb._cell_styles[style_id].numFmtId
        if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(fmt_id, "General")
        return wb._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
    except (IndexError, KeyError, AttributeError):
        return "General"


def _percent_format(code: str) -> bool:
    """Whether Excel shows a number in this format times 100 with a %: 0.0%, 0.00%;[红色]-0.00%."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code or "")
    return "%" in bare


def as_shown_in_percent(value: int | float) -> Decimal:
    """A cell formatted as a percentage, as the sheet shows it: 0.052 (5.2%) → 5.2, exactly."""
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    return exact * 100


# A reference into another workbook: [1]Sheet1!D7 (Excel's numbered link), 'D:\\[快报.xlsx]表'!D7;
# a formula that fetches from the network or another program: WEBSERVICE, RTD, DDE (app|topic).
# A table's structured reference (表1[金额]) names no file and is not matched.
_EXTERNAL_REFERENCE = re.compile(
    r"\[(?:\d+|[^\[\]]*\.(?:xl\w*|csv|et))\]|\b(?:WEBSERVICE|FILTERXML|RTD)\s*\(|\w\|'?\w",
    re.IGNORECASE,
)


def _linked(formula: str) -> bool:
    # Text in double quotes is a literal ("甲|乙" is no DDE call): look at the rest.
    return bool(_EXTERNAL_REFERENCE.search(re.sub(r'"(?:[^"]|"")*"', '""', formula)))


def _cell_place(reference: str | None, cell) -> tuple[int | None, str | None]:
    """(row, column letters) of a cell element, from its r="D7" or openpyxl's numbers."""
    match = re.fullmatch(r"([A-Z]{1,3})(\d+)", reference or "")
    if match:
        return int(match.group(2)), match.group(1)
    return cell.get("row"), column_letter(cell["column"] - 1) if cell.get("column") else None


def linked_message(formula: str) -> str:
    return (
        f"该单元格的数值来自外部链接或网络（公式“={formula}”），文件中保存的只是上次打开时"
        "另一个文件的结果，可能已过时；请在Excel中“数据→编辑链接→断开链接”转为数值后再导入"
    )


def _xls_sheets(source: Source, kind: str = "xls") -> Iterator[SheetRows]:
    """An Excel 97-2003 workbook (.xls) or an OpenDocument spreadsheet (.ods), by calamine."""
    import python_calamine

    try:
        wb = python_calamine.CalamineWorkbook.from_filelike(source.file)
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
        what = "OpenDocument电子表格（.ods）" if kind == "ods" else "Excel 97-2003工作簿（.xls）"
        raise FileRefused(f"无法读取该{what}：{exc.__class__.__name__}") from None
    yield from calamine_sheets(wb)


def calamine_sheets(wb) -> Iterator[SheetRows]:
    """Sheets of a python_calamine workbook (.xls; also any format calamine opens)."""
    for name in wb.sheet_names:
        try:
            sheet = wb.get_sheet_by_name(name)
            # skip_empty_area=False keeps row and column numbers as Excel shows them.
            data = sheet.to_python(skip_empty_area=False)
        except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
            raise FileRefused(f"工作表无法读取：{exc.__class__.__name__}", name) from None
        rows = ((n, _trim(None if v == "" else v for v in r)) for n, r in enumerate(data, start=1))
        yield SheetRows(name, _limited(rows, name))


def _csv_rows(source: Source, encoding: str) -> Iterator[tuple[int, list]]:
    source.file.seek(0)
    text = io.TextIOWrapper(source.file, encoding=encoding, newline="")
    number = 0
    try:
        first = text.readline(MAX_COLUMNS * 64)
        # Excel's "Unicode text" and some exports use tabs; a comma-less first line tells.
        delimiter = "\t" if "\t" in first and "," not in first else ","
        text.seek(0)
        reader = csv.reader(text, delimiter=delimiter)
        for number, row in enumerate(reader, start=1):
            yield number, _trim(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise FileRefused(
                f"单元格内容超过{MAX_CELL_CHARS}个字符，不是正常的CSV数据", None, number + 1
            ) from None
        raise FileRefused(f"CSV格式错误（{exc}），请检查引号是否成对", None, number + 1) from None
    finally:
        # Hand the binary file back to its owner open; it may already be closed when a
        # refused import abandons this generator.
        try:
            text.detach()
        except ValueError:
            pass


# --- cell values --------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that does not hold what its column needs; the message is Chinese."""


def is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return "".join(unicodedata.normalize("NFKC", value).split()) in BLANKS
    return False


def formula_message(formula: str) -> str:
    return (
        f"“{formula}”是公式，文件中没有它的计算结果（本系统从不计算公式）；"
        "请在Excel中打开、重新计算并保存后再导入，或改填数值"
    )


def cell_text(value) -> str:
    """A cell as trimmed, width-folded text ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


# A minus sign as word processors and PDF text write it: − (U+2212), ‐ ‑ – (hyphens, en dash).
_MINUS_SIGNS = str.maketrans(
    {"\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2013": "-", "\ufe63": "-"}
)


def to_decimal(value) -> Decimal | None:
    """A cell as an exact Decimal: 8.2 (a float from openpyxl) stays 8.2. Blanks give None."""
    if is_blank(value):
        return None
    if isinstance(value, UncalculatedFormula):
        raise CellError(formula_message(value))
    if isinstance(value, bool):
        raise CellError(f"“{value}”不是数字")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError("不是有效数字")
        # repr gives the shortest text that round-trips, i.e. what Excel showed.
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, datetime | date | time | timedelta):
        raise CellError(f"“{value}”是日期或时间，不是数字")
    raw = str(value)
    text = unicodedata.normalize("NFKC", raw).strip().replace(",", "").replace(" ", "")
    text = text.translate(_MINUS_SIGNS)
    if text.endswith("%"):
        text = text[:-1]
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{raw.strip()}”不是数字") from None
    if not number.is_finite():
        raise CellError(f"“{raw.strip()}”不是数字")
    return number


def to_rank(value) -> int | None:
    """A published rank (位次): 3, 3.0, '3', '第3位'. Blanks give None."""
    if is_blank(value):
        return None
    if isinstance(value, UncalculatedFormula):
        raise CellError(formula_message(value))
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        text = text.strip().removeprefix("(").removesuffix(")").strip()  # （2）
        text = text.removeprefix("第").removesuffix("位").removesuffix("名").strip()
        if text.startswith("并列"):
            text = text[2:]
        value = text if text else value
    try:
        number = to_decimal(value)
    except CellError:
        raise CellError(f"“{cell_text(value)}”不是位次（应为正整数）") from None
    if number is None or number != number.to_integral_value() or not 1 <= number <= 32767:
        raise CellError(f"“{cell_text(value)}”不是位次（应为正整数）")
    return int(number)


def published_ranks(
    indicator, rank: int | None, growth_rank: int | None, value_rank: int | None
) -> tuple[int | None, int | None]:
    """(rank, value_rank) to store from the ranks a file prints for one cell.

    A file may print an unqualified 位次 (排位 / 排名 …), a 增速位次 (增速排位 / 增速排名) and a
    总量位次 (总量排位 / 总量排名 / 规模位次 / 绝对值位次). ``Observation.rank`` keeps meaning what it
    has always meant: the published rank *by the indicator's rank_key* (增速, or 总量 for an
    indicator the city ranks by total); ``Observation.value_rank`` is the 总量 rank, stored only
    when the file names it as such. So:

    - an unqualified 位次 is the rank (as it always was), whatever else the file prints;
    - without one, the rank is the 增速位次 for an indicator ranked by growth, the 总量位次 for
      one ranked by total (where it is then both rank and value_rank);
    - a 增速位次 of an indicator ranked by total is not stored (the caller warns);
    - a 总量位次 is always stored as value_rank; nothing is ever computed.
    """
    by_key = value_rank if indicator.rank_key == "value" else growth_rank
    return (rank if rank is not None else by_key), value_rank


def growth_rank_unused(indicator, roles) -> bool:
    """Whether a file's 增速位次 of an indicator ranked by 总量 goes unstored (published_ranks:
    its rank is the 总量 one); ``roles``: the rank columns the file gives."""
    return indicator.rank_key == "value" and "growth_rank" in roles


def growth_rank_warning(indicator) -> str:
    return f"“{indicator.name}”按总量排名，位次按总量位次保存，文件中的增速位次未保存"


def fit(number: Decimal | None, places: int, max_digits: int) -> Decimal | None:
    """Round to the places the ledger stores (so a re-import compares equal) and check size."""
    if number is None:
        return None
    # Size first: rounding a 30-digit figure would overflow Decimal's 28-digit context.
    if number.adjusted() >= max_digits - places:
        raise CellError(f"“{number}”超出可存储的范围")
    if number.as_tuple().exponent < -places:  # type: ignore[operator]
        number = number.quantize(Decimal(1).scaleb(-places))
        # 99999999.99995 rounds up to 100000000.0000.
        if number.adjusted() >= max_digits - places:
            raise CellError(f"“{number}”超出可存储的范围")
    return number


def period_problem(indicator, key) -> str | None:
    """Why `indicator` has no period `key` (docs/methodology.md §1: no 1月 for 1-2月 series), or None."""
    from econdesk.ledger.periods import span_label

    if indicator.has_period(key.month):
        return None
    if indicator.frequency == "quarterly":
        return (
            f"“{indicator.name}”为季度指标，只有1-3月、1-6月、1-9月、1-12月期，"
            f"没有{span_label(key.month)}期"
        )
    first = span_label(indicator.first_month)
    return f"“{indicator.name}”的首期为{first}，不设{span_label(key.month)}期"


def refuse_unsafe_workbook(data: bytes, name: str) -> None:
    """The ZIP-bomb and entity checks of the .xlsx reader, for other importers of workbooks
    (the project ledger): FileRefused with a Chinese reason, before openpyxl opens anything."""
    _check_xlsx(Source(name=name, file=io.BytesIO(data), size=len(data)))
