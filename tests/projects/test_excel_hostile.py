"""The project ledger import refuses a ZIP bomb before any workbook reader opens it."""

import io
import zipfile

import pytest

from econdesk.projects.excel import ImportRefused, import_ledger
from econdesk.projects.models import MajorProject


def test_it_refuses_a_compression_bomb_in_chinese(people, home):
    sheet = b"<worksheet><sheetData>" + b" " * (64 * 1024 * 1024) + b"</sheetData></worksheet>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("xl/workbook.xml", b"<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(ImportRefused) as refusal:
        import_ledger(people["admin"], home, out.getvalue(), "台账.xlsx")
    (message,) = refusal.value.errors
    assert "压缩比为" in message and "疑为压缩炸弹" in message
    assert not MajorProject.objects.exists()
