"""Hostile input: size and row limits, ZIP bombs, formulas, broken encodings, formula injection.

Every refusal is a Chinese message naming what was wrong (and the limit, where one applies),
and a refused import leaves the database exactly as it was.
"""

from __future__ import annotations

import codecs
import copy
import io
import os
import struct
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from econdesk.ledger import safe_excel
from econdesk.ledger.importing import ImportFailed, import_files, readers
from econdesk.ledger.models import Indicator, Observation, Region
from econdesk.ledger.periods import PeriodKey
from econdesk.reporting.models import StagedImport
from tests.ledger.conftest import write_csv, write_xlsx
from tests.ledger.test_import_variants import MERGES

PASSWORD = "Econdesk-test-2026"
HEADER = ["region", "indicator", "period", "value", "growth"]
INJECTION = '=HYPERLINK("http://evil.example/","点我")'


@pytest.fixture
def refused(importer, sample_city, counts):
    """Import, expect a refusal, check nothing changed; return the problems' text."""

    def run(*paths, **options) -> str:
        before = counts()
        with pytest.raises(ImportFailed) as failed:
            import_files(importer, list(paths), **options)
        assert counts() == before
        for problem in failed.value.problems:
            assert problem.file, problem
        return failed.value.render()

    return run


@pytest.fixture
def no_openpyxl(monkeypatch):
    """Fail the test if openpyxl is asked to open the workbook."""

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl must not open a refused workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.fixture
def reviewer(people, sample_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(people["reviewer"])
    return client


def upload(client, name: str, content: bytes):
    return client.post(reverse("reporting:import"), {"file": SimpleUploadedFile(name, content)})


def long_tidy(months: int = 10) -> list[list]:
    return [HEADER] + [["东城区", "社零", f"2021-{m:02d}", m, 1] for m in range(2, 2 + months)]


# --- limits: upload size and row count, in the importer and on the web -------------------------


@pytest.mark.django_db
def test_the_importer_refuses_a_file_over_the_size_limit_naming_it(refused, settings, tmp_path):
    settings.ECONDESK_MAX_UPLOAD_BYTES = 1000
    path = write_csv(tmp_path / "big.csv", long_tidy() * 10)
    text = refused(path)
    assert "big.csv：文件过大" in text and "上限为 1000 字节" in text
    settings.ECONDESK_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    assert "文件过大（3 MB），上限为 2 MB" in refused(path)


@pytest.mark.django_db
def test_the_upload_page_refuses_a_file_over_the_size_limit_naming_it(reviewer, settings):
    settings.ECONDESK_MAX_UPLOAD_BYTES = 1024 * 1024
    response = upload(reviewer, "big.csv", b"region,indicator\n" + b"x" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
    assert "上限为 1 MB" in response.content.decode()
    assert not StagedImport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_importer_refuses_a_file_over_the_row_limit_naming_it(
    refused, settings, tmp_path, kind
):
    settings.ECONDESK_MAX_IMPORT_ROWS = 5
    writer = write_csv if kind == "csv" else write_xlsx
    text = refused(writer(tmp_path / f"long.{kind}", long_tidy()))
    assert "第6行：行数超过上限（5行），请拆分文件后导入" in text


@pytest.mark.django_db
def test_a_row_number_far_beyond_the_limit_is_refused_without_reading_the_gap(
    refused, settings, tmp_path
):
    """A cell at row 1,000,000 is refused at once, not after a million empty rows."""
    settings.ECONDESK_MAX_IMPORT_ROWS = 100
    path = tmp_path / "far.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active["A1000000"] = "东城区"
    wb.save(path)
    assert "第1000000行：行数超过上限（100行）" in refused(path)


@pytest.mark.django_db
def test_the_upload_page_refuses_a_file_over_the_row_limit_naming_it(reviewer, settings, tmp_path):
    settings.ECONDESK_MAX_IMPORT_ROWS = 5
    content = write_csv(tmp_path / "long.csv", long_tidy()).read_bytes()
    response = upload(reviewer, "long.csv", content)
    assert response.status_code == 302
    staged = StagedImport.objects.get()
    assert staged.status == "failed"
    problem = staged.preview["problems"][0]
    assert (problem["file"], problem["row"]) == ("long.csv", 6)
    assert problem["message"] == "行数超过上限（5行），请拆分文件后导入"
    page = reviewer.get(reverse("reporting:import-preview", args=[staged.pk])).content.decode()
    assert "行数超过上限（5行）" in page
    assert not Observation.objects.exists()


# --- ZIP bombs: refused from the ZIP directory, before openpyxl opens anything ------------------


def zip_bytes(members: dict[str, bytes], level: int = 9) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


WORKBOOK = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


@pytest.mark.django_db
def test_a_deflate_bomb_is_refused_by_its_compression_ratio(refused, no_openpyxl, tmp_path):
    sheet = b"<worksheet><sheetData>" + b" " * (64 * 1024 * 1024) + b"</sheetData></worksheet>"
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_bytes({"xl/workbook.xml": WORKBOOK, "xl/worksheets/sheet1.xml": sheet}))
    assert path.stat().st_size < 200 * 1024
    text = refused(path)
    assert "bomb.xlsx：工作簿部件“xl/worksheets/sheet1.xml”压缩比为" in text
    assert "超过上限（100倍），疑为压缩炸弹" in text


@pytest.mark.django_db
def test_a_workbook_that_declares_a_huge_unzipped_size_is_refused(refused, no_openpyxl, tmp_path):
    """The directory claims 3 GB for a small member: refused from the claim alone (zipfile
    would stop at the declared size anyway, so the claim is what bounds the work)."""
    data = zip_bytes({"xl/workbook.xml": WORKBOOK, "xl/worksheets/sheet1.xml": b"<worksheet/>"})
    claimed = 3 * 1024**3
    central = data.rfind(b"PK\x01\x02")
    data = data[: central + 24] + struct.pack("<I", claimed) + data[central + 28 :]
    path = tmp_path / "liar.xlsx"
    path.write_bytes(data)
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size == claimed
    text = refused(path)
    assert "liar.xlsx：工作簿解压后超过1000 MB（上传上限的20倍），疑为压缩炸弹" in text


@pytest.mark.django_db
def test_a_zip_with_thousands_of_members_is_refused(refused, no_openpyxl, tmp_path):
    members = {"xl/workbook.xml": WORKBOOK}
    members.update({f"xl/media/m{i}.xml": b"<a/>" for i in range(3000)})
    path = tmp_path / "many.xlsx"
    path.write_bytes(zip_bytes(members, level=1))
    assert "many.xlsx：工作簿内含3001个部件，超过上限（1000个）" in refused(path)


@pytest.mark.django_db
def test_a_huge_shared_strings_part_is_refused(refused, no_openpyxl, tmp_path, monkeypatch):
    """sharedStrings.xml is loaded whole by openpyxl: bounded on its own (64 MB; 1 MB here)."""
    monkeypatch.setattr(readers, "MAX_LOADED_PART_BYTES", 1024 * 1024)
    strings = b"".join(b"<si><t>%s</t></si>" % os.urandom(12).hex().encode() for _ in range(60000))
    path = tmp_path / "strings.xlsx"
    path.write_bytes(
        zip_bytes(
            {"xl/workbook.xml": WORKBOOK, "xl/sharedStrings.xml": b"<sst>" + strings + b"</sst>"}
        )
    )
    text = refused(path)
    assert "工作簿部件“xl/sharedStrings.xml”解压后为" in text and "超过上限（1 MB）" in text


@pytest.mark.django_db
def test_an_entity_expansion_bomb_is_refused(refused, no_openpyxl, tmp_path):
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<sst><si><t>&b;</t></si></sst>"
    )
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(zip_bytes({"xl/workbook.xml": WORKBOOK, "xl/sharedStrings.xml": laughs}))
    assert "“xl/sharedStrings.xml”含有DOCTYPE或实体声明" in refused(path)


@pytest.mark.django_db
def test_a_real_workbook_passes_the_zip_checks(importer, sample_city, bulletin_rows, tmp_path):
    report = import_files(
        importer, [write_xlsx(tmp_path / "ok.xlsx", bulletin_rows, merges=MERGES)]
    )
    assert report.created == 36


# --- formulas are never evaluated ----------------------------------------------------------


@pytest.mark.django_db
def test_a_formula_without_a_cached_value_is_refused_never_computed(
    refused, bulletin_rows, tmp_path
):
    """openpyxl saves formulas without results: nothing here computes =8+0.2."""
    rows = copy.deepcopy(bulletin_rows)
    rows[5][1] = "=8+0.2"
    path = write_xlsx(tmp_path / "formula.xlsx", rows, merges=MERGES)
    text = refused(path)
    assert "formula.xlsx 工作表“1-2月” 第6行 B列：“=8+0.2”是公式，文件中没有它的计算结果" in text
    assert "本系统从不计算公式" in text


@pytest.mark.django_db
def test_a_formula_with_a_cached_value_reads_the_cached_value(
    importer, sample_city, bulletin_rows, tmp_path, current
):
    """As Excel saves it: <f> with the <v> it calculated. The cached value is read as is."""
    rows = copy.deepcopy(bulletin_rows)
    rows[5][1] = "=8+0.2"
    path = write_xlsx(tmp_path / "cached.xlsx", rows, merges=MERGES)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b"<f>8+0.2</f><v></v>" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"<f>8+0.2</f><v></v>", b"<f>8+0.2</f><v>8.5</v>"
    )
    path.write_bytes(zip_bytes(parts))
    import_files(importer, [path])
    east = Region.objects.get(name="东城区")
    assert str(current(east, "规模以上工业增加值")[1]).startswith("8.5")


@pytest.mark.django_db
def test_a_csv_formula_is_text_and_not_a_number(refused, tmp_path):
    rows = [HEADER, ["东城区", "社零", "2022-03", "=1+1", "@SUM(A1)"]]
    text = refused(write_csv(tmp_path / "formula.csv", rows))
    assert "formula.csv 第2行 D列：“=1+1”不是数字" in text
    assert "第2行 E列：“@SUM(A1)”不是数字" in text


# --- encodings and malformed text ----------------------------------------------------------

TIDY_TEXT = "region,indicator,period,value,growth\n东城区,社零,2022-03,1,2\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        (os.urandom(8192), "不是电子表格或CSV文本文件"),
        (TIDY_TEXT.encode("utf-16-le"), "文件为UTF-16编码"),
        (TIDY_TEXT.encode("utf-16-be"), "文件为UTF-16编码"),
        (TIDY_TEXT.encode("utf-16"), "文件为UTF-16编码"),
        (
            TIDY_TEXT.encode("utf-8").replace(b"1,2", b"1\x00,2"),
            "不是电子表格或CSV文本文件（含二进制内容：空字符（NUL））",
        ),
        (b"\x80\x81\xff" * 100, "不是电子表格或CSV文本文件（无法按UTF-8或GB18030读取）"),
    ],
    ids=["random", "utf16le-no-bom", "utf16be-no-bom", "utf16-bom", "nul", "invalid-bytes"],
)
def test_it_refuses_text_in_an_unreadable_encoding_in_chinese(refused, tmp_path, content, message):
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    assert f"data.csv：{message}" in refused(path)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_it_reads_utf8_with_or_without_bom_and_gb18030(importer, sample_city, tmp_path, encoding):
    path = tmp_path / "ok.csv"
    path.write_bytes(TIDY_TEXT.encode(encoding))
    assert import_files(importer, [path]).created == 1


@pytest.mark.django_db
def test_it_refuses_an_extremely_long_cell(refused, tmp_path):
    path = tmp_path / "long-line.csv"
    path.write_text(TIDY_TEXT + "东城区,社零,2022-04," + "9" * 300_000 + ",1\n", encoding="utf-8")
    assert "long-line.csv 第3行：单元格内容超过131072个字符" in refused(path)


@pytest.mark.django_db
def test_it_refuses_a_csv_with_a_million_columns(refused, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes(b",".join([b"x"] * 1_000_000) + b"\n")
    assert "wide.csv 第1行：该行有1000000列，超过上限（16384列）" in refused(path)


@pytest.mark.django_db
def test_trailing_empty_columns_are_not_counted(importer, sample_city, tmp_path):
    path = tmp_path / "commas.csv"
    path.write_bytes(TIDY_TEXT.replace("\n", "," * 20000 + "\n").encode())
    assert import_files(importer, [path]).created == 1


@pytest.mark.django_db
def test_a_broken_sheet_is_refused_naming_the_sheet(refused, tmp_path):
    """A corrupt cell reference inside the sheet: a FileRefused, not a Python traceback."""
    path = write_xlsx(tmp_path / "broken.xlsx", [HEADER, ["东城区", "社零", "2022-03", 1, 2]])
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'r="B2"', b'r="B2x"'
    )
    path.write_bytes(zip_bytes(parts))
    assert "broken.xlsx 工作表“1-2月”：工作表内容已损坏，无法读取" in refused(path)


@pytest.mark.django_db
def test_a_repeated_row_number_is_refused_not_dropped(refused, tmp_path):
    path = write_xlsx(
        tmp_path / "twice.xlsx",
        [HEADER, ["东城区", "社零", "2022-03", 1, 2], ["西城区", "社零", "2022-03", 3, 4]],
    )
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<row r="3"', b'<row r="2"').replace(
        b'r="A3"', b'r="A2"'
    )
    path.write_bytes(zip_bytes(parts))
    assert "twice.xlsx 工作表“1-2月” 第2行：第2行在第2行之后重复出现" in refused(path)


# --- exports: a name that is a formula stays text, in every export --------------------------


def assert_inert(content: bytes, *expected: str) -> None:
    """No cell of any sheet is a formula; formula-like text is a string with the quote prefix."""
    wb = openpyxl.load_workbook(io.BytesIO(content))
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if safe_excel.is_formula_like(cell.value):
                        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    for text in expected:
        assert any(t.startswith(text) for t in texts), text


def test_safe_cell_covers_owasp_first_characters():
    for start in ("=", "+", "-", "@", "\t", "\r", "＝"):
        assert not isinstance(safe_excel.safe_cell(start + "1"), str)
        assert str(safe_excel.safe_cell(start + "1")) == start + "1"
    assert safe_excel.safe_cell("东城区") == "东城区"
    assert safe_excel.safe_cell(5) == 5 and safe_excel.safe_cell(None) is None
    assert safe_excel.safe_cell("a\x01b") == "ab"  # XML cannot hold it; the export goes on


@pytest.mark.django_db
def test_the_bulletin_workbook_keeps_formula_like_names_as_text(people, sample_city):
    from econdesk.bulletins import services
    from tests.bulletins.data import write_sample_february

    city, members = sample_city
    write_sample_february(people["admin"], city, members)
    east = members["东城区"]
    Region.objects.filter(pk=east.pk).update(name=INJECTION)
    Indicator.objects.filter(code="industry_va").update(name="=1+1")
    east.refresh_from_db()
    content, _, _ = services.generate(people["leader"], east, PeriodKey(2022, 2), "monthly", "xlsx")
    assert_inert(content, INJECTION, "=1+1")


@pytest.mark.django_db
def test_the_project_ledger_export_keeps_formula_like_names_as_text(people, sample_city):
    from econdesk.projects.models import MajorProject
    from econdesk.projects.seed import ensure_reference_data
    from econdesk.projects.services import save_project
    from tests.projects.conftest import chain, dept

    ensure_reference_data()
    city, members = sample_city
    east = members["东城区"]
    Region.objects.filter(pk=east.pk).update(name="@东城区")
    east.refresh_from_db()
    save_project(
        people["admin"],
        MajorProject(
            region=east, name=INJECTION, category=MajorProject.Category.INDUSTRY,
            industry_chain=chain("新材料"), total_investment=120000, plan_year=2026,
            annual_plan=24000, stage="construction", actual_start=date(2025, 9, 1),
            lead_department=dept("经信局"), owner="-业主", image_progress="\t+5层",
        ),
    )  # fmt: skip
    client = Client()
    client.force_login(people["leader"])
    response = client.get(reverse("projects:export"), {"region": east.pk})
    assert response.status_code == 200
    assert_inert(response.content, INJECTION, "@东城区重大项目台账", "-业主", "\t+5层")


@pytest.mark.django_db
def test_the_supervision_exports_keep_formula_like_names_as_text(people, settings, tmp_path):
    from econdesk.accounts.models import Department
    from econdesk.supervision import services

    settings.MEDIA_ROOT = tmp_path / "media"
    lead = Department.objects.get(short_name="经信局")
    Department.objects.filter(pk=lead.pk).update(name="+经信局")
    lead.refresh_from_db()
    task = services.create_task(
        people["supervisor"],
        services.TaskDraft(
            title=INJECTION, content="走访", lead_department=lead, cooperating=[],
            leader=None, deadline=date(2026, 11, 10), assigned_on=date(2026, 11, 1),
        ),
        today=date(2026, 11, 1),
    )  # fmt: skip
    client = Client()
    client.force_login(people["supervisor"])
    scores = client.get(reverse("supervision:score-export", args=[task.deadline.year]))
    assert scores.status_code == 200
    assert_inert(scores.content, "+经信局")
    overdue = client.get(reverse("supervision:overdue-export"))
    assert overdue.status_code == 200
    assert_inert(overdue.content, INJECTION, "+经信局")


def test_the_decoders_in_use_are_the_documented_ones():
    assert codecs.lookup("gb18030").name == "gb18030"


@pytest.mark.django_db
def test_a_tidy_file_may_start_with_its_total_row(importer, sample_city, tmp_path, current):
    """Found by the fuzzer: 全市 first used to fail as "地区“全市”尚未建立"."""
    rows = [
        HEADER,
        ["全市", "社零", "2022-03", 248, 5.1],
        ["东城区", "社零", "2022-03", 62.35, 5.1],
    ]
    import_files(importer, [write_csv(tmp_path / "total-first.csv", rows)])
    city, members = sample_city
    assert current(city, "社会消费品零售总额", "2022-03")[0] == 248
    assert current(members["东城区"], "社会消费品零售总额", "2022-03")[0] == Decimal("62.35")


@pytest.mark.django_db
def test_a_tidy_file_with_only_a_total_row_says_so(refused, tmp_path):
    rows = [HEADER, ["全市", "社零", "2022-03", 248, 5.1]]
    text = refused(write_csv(tmp_path / "total-only.csv", rows))
    assert "total-only.csv 第2行 A列：“全市”是合计行，但文件未写明是哪个地区的合计" in text
    assert "--parent 示范市" in text


@pytest.mark.django_db
def test_shared_strings_disguised_as_a_worksheet_are_still_bounded(
    refused, no_openpyxl, tmp_path, monkeypatch
):
    monkeypatch.setattr(readers, "MAX_LOADED_PART_BYTES", 1024 * 1024)
    strings = b"".join(b"<si><t>%s</t></si>" % os.urandom(12).hex().encode() for _ in range(60000))
    types = (
        b'<Types><Override PartName="/xl/worksheets/sheet9.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    parts = {
        "[Content_Types].xml": types,
        "xl/workbook.xml": WORKBOOK,
        "xl/worksheets/sheet9.xml": b"<sst>" + strings + b"</sst>",
    }
    path = tmp_path / "disguised.xlsx"
    path.write_bytes(zip_bytes(parts))
    assert "工作簿部件“xl/worksheets/sheet9.xml”解压后为" in refused(path)
