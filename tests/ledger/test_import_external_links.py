"""A workbook whose figures come from another file (external links) or from the network is
refused, naming the cell: its cached value is whatever the other file said when last opened."""

from __future__ import annotations

import re
import zipfile

import pytest

from econdesk.ledger.importing import ImportFailed, import_files
from tests.ledger.conftest import write_xlsx
from tests.ledger.test_import_variants import MERGES


def _with_formula(path, cell: str, formula: str, links_part: bool = False):
    """Rewrite `cell` of the first sheet as Excel saves a linked cell: the formula with the
    value it last calculated (<f>…</f><v>…</v>)."""
    out = path.with_name("linked-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                pattern = re.compile(rf'<c r="{cell}"([^>]*)>(.*?)</c>', re.S)
                match = pattern.search(xml)
                assert match, f"no cell {cell}"
                attrs = re.sub(r'\s*t="[^"]*"', "", match.group(1))
                value = re.search(r"<v>(.*?)</v>", match.group(2))
                cached = value.group(1) if value else "8.2"
                if 't="s"' in match.group(1) or 't="inlineStr"' in match.group(1):
                    cached = "8.2"
                replacement = f'<c r="{cell}"{attrs}><f>{formula}</f><v>{cached}</v></c>'
                data = (xml[: match.start()] + replacement + xml[match.end() :]).encode()
            dst.writestr(info, data)
        if links_part:
            dst.writestr(
                "xl/externalLinks/externalLink1.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                "<externalBook/></externalLink>",
            )
    return out


@pytest.fixture
def refused(importer, sample_city, counts):
    def run(path) -> str:
        before = counts()
        with pytest.raises(ImportFailed) as failed:
            import_files(importer, [path])
        assert counts() == before
        return failed.value.render()

    return run


@pytest.mark.django_db
@pytest.mark.parametrize(
    "formula",
    [
        "[1]Sheet1!D7",
        "'[2]1-2月'!$D$7",
        "'D:\\统计\\[快报.xlsx]Sheet1'!D7",
        'WEBSERVICE("http://x/")',
    ],
)
def test_a_linked_cell_is_refused_naming_the_cell(refused, bulletin_rows, tmp_path, formula):
    path = write_xlsx(tmp_path / "city-bulletin.xlsx", bulletin_rows, merges=MERGES)
    text = refused(_with_formula(path, "D7", formula))
    assert "工作表“1-2月” 第7行 D列" in text
    assert "链接" in text or "外部" in text


@pytest.mark.django_db
def test_a_workbook_carrying_external_link_parts_names_them(refused, bulletin_rows, tmp_path):
    path = write_xlsx(tmp_path / "city-bulletin.xlsx", bulletin_rows, merges=MERGES)
    text = refused(_with_formula(path, "D7", "[1]Sheet1!D7", links_part=True))
    assert "第7行 D列" in text


@pytest.mark.django_db
def test_an_ordinary_calculated_formula_still_imports(
    importer, sample_city, bulletin_rows, tmp_path
):
    """A sum inside the workbook is no link: its cached result is read as before."""
    path = write_xlsx(tmp_path / "city-bulletin.xlsx", bulletin_rows, merges=MERGES)
    linked = _with_formula(path, "D7", "D8+0")
    report = import_files(importer, [linked])
    assert report is not None
