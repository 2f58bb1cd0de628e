"""Refused imports: a Chinese message naming file, sheet, row and column, and nothing written."""

from __future__ import annotations

import copy
import io
import os
import zipfile

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from econdesk.ledger.importing import ImportFailed, import_files
from tests.conftest import SAMPLE_BULLETIN
from tests.ledger.conftest import write_csv, write_xlsx
from tests.ledger.test_import_variants import MERGES

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def refused(importer, sample_city, counts):
    """Import, expect a refusal, check the database is exactly as before; return the text."""

    def run(*paths, **options) -> str:
        before = counts()
        with pytest.raises(ImportFailed) as failed:
            import_files(importer, list(paths), **options)
        assert counts() == before
        return failed.value.render()

    return run


def _bulletin(tmp_path, bulletin_rows, change, name="city-bulletin.xlsx"):
    rows = copy.deepcopy(bulletin_rows)
    change(rows)
    return write_xlsx(tmp_path / name, rows, merges=MERGES)


@pytest.mark.django_db
def test_it_names_sheet_row_and_column_of_text_in_a_number_cell(refused, bulletin_rows, tmp_path):
    path = _bulletin(tmp_path, bulletin_rows, lambda r: r[6].__setitem__(3, "八点二"))
    text = refused(path)
    assert "city-bulletin.xlsx 工作表“1-2月” 第7行 D列：“八点二”不是数字" in text


@pytest.mark.django_db
def test_it_refuses_an_unknown_sub_column_name(refused, bulletin_rows, tmp_path):
    path = _bulletin(tmp_path, bulletin_rows, lambda r: r[3].__setitem__(6, "口径"))
    assert "工作表“1-2月” 第4行 G列：“口径”不是可识别的子列名" in refused(path)


@pytest.mark.django_db
def test_it_refuses_a_tidy_file_with_a_misspelt_header(refused, tmp_path):
    rows = [
        ["regoin", "indicator", "period", "value", "growth"],
        ["东城区", "社零", "2022-03", 1, 2],
    ]
    text = refused(write_csv(tmp_path / "tidy.csv", rows))
    assert "tidy.csv 第1行 A列：未知列“regoin”" in text
    assert "表头缺少列：region" in text


@pytest.mark.django_db
def test_it_refuses_a_district_that_is_not_the_citys(refused, bulletin_rows, tmp_path):
    path = _bulletin(tmp_path, bulletin_rows, lambda r: r[8].__setitem__(0, "东湖区"))
    assert "第9行 A列：“东湖区”不在示范市的下辖地区之中" in refused(path)


@pytest.mark.django_db
def test_it_refuses_a_duplicate_row(refused, bulletin_rows, tmp_path):
    path = _bulletin(tmp_path, bulletin_rows, lambda r: r.insert(7, list(r[5])))
    assert "第8行 A列：“东城区”重复出现（第6行已有）" in refused(path)


@pytest.mark.django_db
def test_it_refuses_a_duplicate_row_in_a_tidy_file(refused, tmp_path):
    rows = [
        ["region", "indicator", "period", "value", "growth"],
        ["东城区", "社零", "2022-03", 1, 2],
        ["东城区", "社会消费品零售总额", "2022-03", 1, 2],
    ]
    assert "第3行：东城区·社会消费品零售总额·2022-03重复出现" in refused(
        write_csv(tmp_path / "dup.csv", rows)
    )


@pytest.mark.django_db
def test_it_refuses_an_empty_sheet(refused, tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    assert "empty.xlsx：文件中没有数据" in refused(path)
    (tmp_path / "empty.csv").write_bytes(b"")
    assert "empty.csv：文件是空的" in refused(tmp_path / "empty.csv")


@pytest.mark.django_db
def test_it_refuses_a_bulletin_with_a_header_and_no_rows(refused, bulletin_rows, tmp_path):
    path = write_xlsx(tmp_path / "header-only.xlsx", bulletin_rows[:4])
    assert "表头之后没有数据行" in refused(path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [PNG, os.urandom(4096), b"\x00" * 100],
    ids=["png", "random", "zeros"],
)
def test_it_refuses_a_file_that_is_not_a_spreadsheet(refused, tmp_path, content):
    path = tmp_path / "bulletin.xlsx"
    path.write_bytes(content)
    assert "bulletin.xlsx：不是电子表格或CSV文本文件" in refused(path)


@pytest.mark.django_db
def test_it_refuses_an_html_table_named_xls(refused, tmp_path):
    path = tmp_path / "download.xls"
    path.write_text("<html><body><table><tr><td>地区</td></tr></table></body></html>")
    assert "download.xls：这是网页（HTML）或XML文件，不是电子表格" in refused(path)


@pytest.mark.django_db
def test_it_refuses_a_zip_that_is_not_a_workbook(refused, tmp_path):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", "<office:document-content/>")
    assert "report.xlsx：这是ZIP压缩包或其他Office文档，不是Excel工作簿" in refused(path)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    assert "report.xlsx：无法读取该Word文档" in refused(path)


@pytest.mark.django_db
def test_it_refuses_an_unknown_indicator_name(refused, bulletin_rows, tmp_path):
    path = _bulletin(tmp_path, bulletin_rows, lambda r: r[2].__setitem__(3, "规上工业产销率"))
    assert "第3行 D列：“规上工业产销率”不是已知指标" in refused(path)


@pytest.mark.django_db
def test_it_refuses_a_january_period_for_a_series_that_starts_at_jan_feb(refused, tmp_path):
    rows = [
        ["region", "indicator", "period", "value", "growth"],
        ["东城区", "固投", "2022-01", "", 3],
    ]
    text = refused(write_csv(tmp_path / "jan.csv", rows))
    assert "jan.csv 第2行 C列：“固定资产投资”的首期为1-2月，不设1月期" in text


@pytest.mark.django_db
def test_it_refuses_a_month_of_a_quarterly_indicator(refused, tmp_path):
    rows = [
        ["region", "indicator", "period", "value", "growth"],
        ["东城区", "GDP", "2022-02", 90, 3],
    ]
    assert "“地区生产总值”为季度指标" in refused(write_csv(tmp_path / "gdp.csv", rows))


@pytest.mark.django_db
def test_it_collects_every_problem_of_a_file(refused, bulletin_rows, tmp_path):
    def change(rows):
        rows[5][1] = "八点二"
        rows[7][6] = "n/a"
        rows[9][0] = "东湖区"

    text = refused(_bulletin(tmp_path, bulletin_rows, change))
    assert "发现3处问题" in text
    assert "第6行 B列" in text and "第8行 G列" in text and "第10行 A列" in text


@pytest.mark.django_db
def test_it_writes_nothing_when_one_of_several_files_is_wrong(refused, bulletin_rows, tmp_path):
    good = SAMPLE_BULLETIN
    bad = _bulletin(tmp_path, bulletin_rows, lambda r: r[6].__setitem__(3, "八点二"))
    text = refused(good, bad)
    assert "city-bulletin.xlsx" in text and "发现1处问题" in text


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_size_limit(refused, settings):
    settings.ECONDESK_MAX_UPLOAD_BYTES = 1000
    assert "文件过大" in refused(SAMPLE_BULLETIN)


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_row_limit(refused, settings, tmp_path):
    settings.ECONDESK_MAX_IMPORT_ROWS = 5
    rows = [["region", "indicator", "period", "value", "growth"]]
    rows += [["东城区", "社零", f"2021-{m:02d}", m, 1] for m in range(2, 12)]
    assert "第6行：行数超过上限（5行）" in refused(write_csv(tmp_path / "long.csv", rows))


@pytest.mark.django_db
def test_it_refuses_a_user_without_the_right_to_import(people, sample_city, counts):
    before = counts()
    with pytest.raises(PermissionDenied, match="无权导入数据"):
        import_files(people["leader"], [SAMPLE_BULLETIN])
    assert counts() == before


@pytest.mark.django_db
def test_it_exits_non_zero_with_the_problems_on_stderr(importer, sample_city, tmp_path, counts):
    path = tmp_path / "picture.xlsx"
    path.write_bytes(PNG)
    before = counts()
    stderr = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import", str(path), stderr=stderr)
    assert failed.value.returncode != 0
    assert "picture.xlsx：不是电子表格或CSV文本文件" in stderr.getvalue()
    assert counts() == before
