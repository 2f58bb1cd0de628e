"""Issue #13, bad input: what the new readers refuse, in Chinese, with the reason and the place.

A macro workbook, a password-protected Office file, a Word 97-2003 file, a Word file or PDF
with no table, a scanned PDF; and in the new layouts a bad cell is named where a person finds it
in the file (the row and column of the turned table, the Word table's row, the PDF page).
Nothing is written by a refused import.
"""

from __future__ import annotations

import shutil
import zipfile

import openpyxl
import pytest

from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import Observation, Region
from tests.ledger import city_month as month
from tests.ledger.conftest import _compound_file
from tests.ops.throwaway import in_ci


@pytest.fixture
def refused(importer, counts):
    def run(*paths, **options) -> str:
        before = counts()
        with pytest.raises(ImportFailed) as failed:
            import_files(importer, list(paths), **options)
        assert counts() == before
        return failed.value.render()

    return run


# In CI (CI set) a missing LibreOffice fails the test instead of skipping it.
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not in_ci(), reason="LibreOffice 未安装"
)


@pytest.mark.django_db
def test_a_macro_workbook_is_refused(refused, tmp_path):
    plain = month.write_wide_xlsx(tmp_path / "plain.xlsx")
    path = tmp_path / "快报.xlsm"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    assert "快报.xlsm：这是启用宏的工作簿（.xlsm），为安全起见不读取" in refused(path)
    # Declared macro-enabled in [Content_Types].xml, even without the VBA part.
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
            dst.writestr(item, data)
    assert "这是启用宏的工作簿（.xlsm）" in refused(path)


@pytest.mark.django_db
def test_a_password_protected_office_file_is_refused(refused, tmp_path):
    # An encrypted .xlsx/.docx is an OLE2 container holding EncryptionInfo and EncryptedPackage.
    path = tmp_path / "加密快报.xlsx"
    path.write_bytes(_compound_file(b"\x04\x00\x04\x00\x40\x00\x00\x00", name="EncryptionInfo"))
    text = refused(path)
    assert "加密快报.xlsx：文件已加密（设有打开密码），无法读取" in text
    assert "取消密码" in text


@pytest.mark.django_db
def test_a_word_97_document_is_refused(refused, tmp_path):
    path = tmp_path / "快报.doc"
    path.write_bytes(_compound_file(b"\xec\xa5" + b"\0" * 100, name="WordDocument"))
    assert "快报.doc：这是Word 97-2003文档（.doc），无法读取" in refused(path)


@pytest.mark.django_db
def test_a_word_file_without_a_table_is_refused(refused, tmp_path):
    path = month.write_docx(tmp_path / "通报.docx", paragraphs_only=True)
    assert "通报.docx：Word文档中没有表格，无法导入" in refused(path)


@pytest.mark.django_db
def test_a_macro_word_file_is_refused(refused, tmp_path):
    plain = month.write_docx(tmp_path / "plain.docx")
    path = tmp_path / "通报.docm"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/vbaProject.bin", b"macro")
    assert "通报.docm：这是含宏的Word文档（.docm），为安全起见不读取" in refused(path)


@needs_soffice
@pytest.mark.django_db
def test_a_pdf_without_a_table_is_refused(refused, tmp_path):
    pdf = month.to_pdf(month.write_docx(tmp_path / "通报.docx", paragraphs_only=True))
    assert "通报.pdf：PDF文件中没有表格，无法导入" in refused(pdf)


@pytest.mark.django_db
def test_a_scanned_pdf_is_refused(refused, tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), "white")
    draw = ImageDraw.Draw(image)
    for y in range(50, 550, 50):
        draw.line((50, y, 750, y), fill="black", width=2)
    path = tmp_path / "扫描件.pdf"
    image.save(path, "PDF", resolution=100)
    text = refused(path)
    assert "扫描件.pdf：PDF文件没有文字层（疑为扫描件或图片）" in text


@pytest.mark.django_db
def test_a_broken_pdf_is_refused(refused, tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert "坏.pdf：无法读取该PDF文件" in refused(path)


# --- where a bad cell is named ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_bad_cell_of_a_turned_table_is_named_at_its_row_and_column(importer, refused, tmp_path):
    import_files(importer, [month.write_wide_xlsx(tmp_path / "wide.xlsx")], accept_new=True)
    path = month.write_turned_xlsx(tmp_path / "turned.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    # Row 7 is 固定资产投资's 增速 row; column E is 霁西区 (A 指标, B 单位, C 全市, D 霁东区).
    assert (ws["A6"].value, ws["A7"].value, ws["E2"].value) == ("固定资产投资", "增速(%)", "霁西区")
    ws["E7"] = "两点六"
    wb.save(path)
    assert "turned.xlsx 工作表“主要指标” 第7行 E列：“两点六”不是数字" in refused(path)
    ws["A9"] = "社零额度"  # 社零's own row: an unknown indicator, named at its label
    wb.save(path)
    text = refused(path)
    assert "turned.xlsx 工作表“主要指标” 第9行 A列：“社零额度”不是已知指标" in text


@pytest.mark.django_db
def test_a_bad_cell_of_a_merged_district_header_table_is_named(refused, tmp_path):
    path = month.write_turned_merged_xlsx(tmp_path / "merged.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    # Row 7 is 社零; 霁东区 spans D:F (绝对值, 增速, 位次): its rank is F7.
    assert (ws["A7"].value, ws["D3"].value, ws["F4"].value) == (
        "社会消费品零售总额（万元）", "霁东区", "位次",
    )  # fmt: skip
    ws["F7"] = "1.5"
    wb.save(path)
    text = refused(path, accept_new=True)
    assert "merged.xlsx 工作表“1-10月” 第7行 F列：“1.5”不是位次（应为正整数）" in text


@pytest.mark.django_db
def test_a_bad_cell_of_a_word_table_is_named_at_the_table_row_and_column(refused, tmp_path):
    from docx import Document

    path = month.write_docx(tmp_path / "快报.docx", tables=2)
    doc = Document(path)
    table = doc.tables[1]
    # Table 2, row 4 (霁东区), column C: 一般公共预算收入's 增速.
    cell = table.cell(3, 2)
    assert (table.cell(3, 0).text, cell.text) == ("霁东区", "2.5")
    cell.text = "2.5个百分点"
    doc.save(path)
    assert "快报.docx 表格2 第4行 C列：“2.5个百分点”不是数字" in refused(path, accept_new=True)


@pytest.mark.django_db
def test_a_word_table_whose_title_names_no_period_says_so(refused, tmp_path):
    from docx import Document

    path = month.write_docx(tmp_path / "快报.docx")
    doc = Document(path)
    doc.paragraphs[0].text = "霁川市各区县主要经济指标"
    doc.save(path)
    text = refused(path)
    assert "快报.docx 表格1标题：标题“霁川市各区县主要经济指标”未写明年份和期别" in text


@needs_soffice
@pytest.mark.django_db
def test_a_bad_cell_of_a_pdf_table_is_named_at_its_table(refused, tmp_path):
    from docx import Document

    path = month.write_docx(tmp_path / "快报.docx")
    doc = Document(path)
    doc.tables[0].cell(4, 4).text = "4.2.1"
    doc.save(path)
    text = refused(month.to_pdf(path), accept_new=True)
    assert "快报.pdf 表格1 第5行 E列：“4.2.1”不是数字" in text


@pytest.mark.django_db
def test_a_sheet_per_indicator_names_an_unknown_indicator_at_its_title(refused, tmp_path):
    path = month.write_per_sheet_xlsx(tmp_path / "per-sheet.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["投资"]["A1"] = "霁川市2026年1-10月园区亩均税收（亿元）"
    wb.save(path)
    text = refused(path)
    assert "per-sheet.xlsx 工作表“投资” 第1行 A列：“园区亩均税收”不是已知指标" in text
    assert not Region.objects.filter(name=month.CITY).exists()
    assert not Observation.objects.exists()
