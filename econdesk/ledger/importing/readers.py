"""Open an imported file safely and hand its rows to the parsers, with positions.

The file type is judged by content, never by name: .xlsx is a ZIP holding xl/workbook.xml,
.xls is an OLE2 compound file, and CSV is text that decodes as UTF-8 (BOM allowed) or GB18030
with no control characters. Workbooks are opened with read_only=True, data_only=True, so
formulas are never evaluated (only the values Excel cached are read) and rows stream.
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

from django.conf import settings

from econdesk.ledger.importing.errors import FileRefused

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1 << 20
# A spreadsheet's XML compresses well, but not a thousand-fold: beyond this ratio of the upload
# limit the "workbook" is a ZIP bomb, not a bulletin.
MAX_UNZIPPED_FACTOR = 20
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BLANKS = frozenset({"", "—", "——", "-", "－", "–", "--"})


@dataclass
class Source:
    """One file to import: its display name, an open binary stream and its size."""

    name: str
    file: BinaryIO
    size: int


@dataclass
class FileInfo:
    format: str  # "xlsx", "xls" or "csv"
    encoding: str | None  # for CSV
    sha256: str


@dataclass
class SheetRows:
    """The rows of one sheet (name None for CSV): (1-based row number, cell values) pairs."""

    name: str | None
    rows: Iterator[tuple[int, list]]


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
        raise FileRefused(
            f"文件过大（{source.size / 1048576:.1f} MB），上限为 {limit / 1048576:.0f} MB"
        )
    if source.size == 0:
        raise FileRefused("文件是空的")
    source.file.seek(0)
    head = source.file.read(8)
    source.file.seek(0)
    if head.startswith(ZIP_MAGIC):
        _check_xlsx(source)
        return FileInfo("xlsx", None, _sha256(source))
    if head == OLE2_MAGIC:
        return FileInfo("xls", None, _sha256(source))
    encoding, sha = _check_text(source)
    return FileInfo("csv", encoding, sha)


def _sha256(source: Source) -> str:
    digest = hashlib.sha256()
    source.file.seek(0)
    while chunk := source.file.read(CHUNK):
        digest.update(chunk)
    source.file.seek(0)
    return digest.hexdigest()


def _check_xlsx(source: Source) -> None:
    try:
        with zipfile.ZipFile(source.file) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise FileRefused("文件已损坏：看似Excel工作簿（.xlsx），但无法打开") from None
    finally:
        source.file.seek(0)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise FileRefused("这是ZIP压缩包或其他Office文档，不是Excel工作簿（.xlsx）")
    unzipped = sum(info.file_size for info in infos)
    if unzipped > settings.ECONDESK_MAX_UPLOAD_BYTES * MAX_UNZIPPED_FACTOR:
        raise FileRefused("工作簿解压后过大，拒绝读取")


def _check_text(source: Source) -> tuple[str, str]:
    """The encoding of a CSV file (utf-8-sig or gb18030) and its hash, or FileRefused."""
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
                if _CONTROL.search(text):
                    source.file.seek(0)
                    raise FileRefused(
                        "不是电子表格或CSV文本文件（含二进制内容）；请上传 .xlsx、.xls 或 CSV"
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
            "不是电子表格或CSV文本文件（无法按UTF-8或GB18030读取）；请上传 .xlsx、.xls 或 CSV"
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


def read_sheets(source: Source, info: FileInfo) -> Iterator[SheetRows]:
    """The sheets of a workbook, or the single 'sheet' of a CSV file, rows streamed."""
    if info.format == "xlsx":
        yield from _xlsx_sheets(source)
    elif info.format == "xls":
        yield from _xls_sheets(source)
    else:
        yield SheetRows(None, _limited(_csv_rows(source, info.encoding or "utf-8-sig"), None))


def _limited(rows: Iterator[tuple[int, list]], sheet: str | None) -> Iterator[tuple[int, list]]:
    limit = settings.ECONDESK_MAX_IMPORT_ROWS
    for number, cells in rows:
        if number > limit:
            raise FileRefused(f"行数超过上限（{limit}行），请拆分文件后导入", sheet, number)
        yield number, cells


def _trim(cells) -> list:
    cells = list(cells)
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    return cells


def _xlsx_sheets(source: Source) -> Iterator[SheetRows]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(source.file, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure here means an unreadable workbook
        raise FileRefused(f"无法读取该Excel工作簿：{exc.__class__.__name__}") from None
    try:
        for ws in wb.worksheets:
            # Some generators write a wrong <dimension>; read-only mode would trust it and
            # cut columns off, so measure the sheet from its cells instead.
            ws.reset_dimensions()
            rows = ((n, _trim(r)) for n, r in enumerate(ws.iter_rows(values_only=True), start=1))
            yield SheetRows(ws.title, _limited(rows, ws.title))
    finally:
        wb.close()


def _xls_sheets(source: Source) -> Iterator[SheetRows]:
    import python_calamine

    try:
        wb = python_calamine.CalamineWorkbook.from_filelike(source.file)
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types
        raise FileRefused(
            f"无法读取该Excel 97-2003工作簿（.xls）：{exc.__class__.__name__}"
        ) from None
    yield from calamine_sheets(wb)


def calamine_sheets(wb) -> Iterator[SheetRows]:
    """Sheets of a python_calamine workbook (.xls; also any format calamine opens)."""
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        # skip_empty_area=False keeps row and column numbers as Excel shows them.
        data = sheet.to_python(skip_empty_area=False)
        rows = ((n, _trim(None if v == "" else v for v in r)) for n, r in enumerate(data, start=1))
        yield SheetRows(name, _limited(rows, name))


def _csv_rows(source: Source, encoding: str) -> Iterator[tuple[int, list]]:
    source.file.seek(0)
    text = io.TextIOWrapper(source.file, encoding=encoding, newline="")
    try:
        first = text.readline()
        # Excel's "Unicode text" and some exports use tabs; a comma-less first line tells.
        delimiter = "\t" if "\t" in first and "," not in first else ","
        text.seek(0)
        reader = csv.reader(text, delimiter=delimiter)
        for number, row in enumerate(reader, start=1):
            yield number, _trim(row)
    except csv.Error as exc:
        raise FileRefused(f"CSV格式错误：{exc}") from None
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
        return unicodedata.normalize("NFKC", value).strip() in BLANKS
    return False


def cell_text(value) -> str:
    """A cell as trimmed, width-folded text ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def to_decimal(value) -> Decimal | None:
    """A cell as an exact Decimal: 8.2 (a float from openpyxl) stays 8.2. Blanks give None."""
    if is_blank(value):
        return None
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
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
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


def fit(number: Decimal | None, places: int, max_digits: int) -> Decimal | None:
    """Round to the places the ledger stores (so a re-import compares equal) and check size."""
    if number is None:
        return None
    if number.as_tuple().exponent < -places:  # type: ignore[operator]
        number = number.quantize(Decimal(1).scaleb(-places))
    if number.adjusted() >= max_digits - places:
        raise CellError(f"“{number}”超出可存储的范围")
    return number


def period_problem(indicator, key) -> str | None:
    """Why `indicator` has no period `key` (methodology §1: no 1月 for 1-2月 series), or None."""
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
