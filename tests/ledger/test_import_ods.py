"""OpenDocument spreadsheets (.ods, as LibreOffice and WPS on domestic systems save them) are
read like .xlsx; an OpenDocument text is refused with what to do."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import Observation
from tests.ledger import city_month as month
from tests.ledger.test_import_layouts import check_ledger

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
CONTENT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>"""
CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>"
ODS = "application/vnd.oasis.opendocument.spreadsheet"


def _cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{value!r}">'
                f"<text:p>{value!r}</text:p></table:table-cell>")  # fmt: skip
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def write_ods(path: Path, sheets: dict[str, list[list]], mime: str = ODS) -> Path:
    body = []
    for name, rows in sheets.items():
        body.append(f'<table:table table:name="{escape(name)}">')
        for row in rows:
            body.append("<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>")
        body.append("</table:table>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), mime)  # first and stored, as ODF asks
        zf.writestr("META-INF/manifest.xml", MANIFEST.format(mime=mime))
        zf.writestr("content.xml", CONTENT_HEAD + "".join(body) + CONTENT_TAIL)
    return path


@pytest.mark.django_db
def test_an_ods_bulletin_reads_as_the_xlsx_one(importer, tmp_path):
    path = write_ods(tmp_path / "月报.ods", {"县区指标": month.wide_rows()})
    import_files(importer, [path], accept_new=True)
    check_ledger()


@pytest.mark.django_db
def test_an_ods_with_a_bad_figure_is_refused_at_its_cell(importer, tmp_path):
    rows = month.wide_rows()
    rows[5][1] = "七点九"
    path = write_ods(tmp_path / "月报.ods", {"县区指标": rows})
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path], accept_new=True)
    (problem,) = failed.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("县区指标", 6, "B")
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_an_open_document_text_is_refused_with_what_to_do(importer, tmp_path):
    path = write_ods(tmp_path / "快报.odt", {}, mime="application/vnd.oasis.opendocument.text")
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path])
    assert (
        "OpenDocument文本（.odt），无法读取；请另存为“Word文档（.docx）”后导入"
        in failed.value.render()
    )


@pytest.mark.django_db
def test_an_ods_with_an_entity_declaration_is_refused(importer, tmp_path):
    path = tmp_path / "攻击.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), ODS)
        zf.writestr(
            "content.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + CONTENT_HEAD.split("?>", 1)[1]
            + CONTENT_TAIL,
        )  # fmt: skip
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path])
    assert "content.xml" in failed.value.render() or "DOCTYPE" in failed.value.render()
    assert not Observation.objects.exists()
