"""The project ledger in Excel: safe export, and all-or-nothing import with Chinese errors."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from econdesk.audit.models import ChangeRecord
from econdesk.projects.excel import ImportRefused, export_ledger, import_ledger
from econdesk.projects.models import MajorProject, ProjectMonth
from econdesk.projects.services import MonthInput, save_months, save_project

D = Decimal


def exported(home):
    return export_ledger(
        MajorProject.objects.filter(region=home).order_by("id"), 2026, "东城区台账"
    )


def book(data):
    return load_workbook(io.BytesIO(data))


def cell(ws, row, header):
    headers = [c.value for c in ws[2]]
    return ws.cell(row, headers.index(header) + 1)


def save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def ledger(people, make_project):
    p = make_project(owner="=HYPERLINK(\"http://x\",\"点我\")", image_progress="-5层结构",
                     note="@SUM(A1)", content="+1 建设厂房")  # fmt: skip
    save_months(people["admin"], p, 2026, [MonthInput(3, D(2000), D(1800))], today=date(2026, 4, 1))
    return MajorProject.objects.get(pk=p.pk)


def test_it_exports_the_ledger_with_units_and_months(ledger, home):
    wb = book(exported(home))
    assert wb.sheetnames == ["重大项目", "月度投资"]
    ws = wb["重大项目"]
    assert "金额单位：万元" in ws["A1"].value
    assert cell(ws, 3, "项目名称").value == "锂电池正极材料项目"
    assert cell(ws, 3, "总投资（万元）").value == 120000
    assert (
        cell(ws, 3, "阶段").value == "在建" and cell(ws, 3, "牵头部门").value == "区经济和信息化局"
    )
    assert (
        cell(ws, 3, "规模").value == "十亿级"
        and cell(ws, 3, "本年累计完成投资（万元）").value == 1800
    )
    months = wb["月度投资"]
    assert [c.value for c in months[3]][:6] == [
        ledger.pk,
        "锂电池正极材料项目",
        2026,
        3,
        2000,
        1800,
    ]


def test_it_exports_formula_like_text_as_text(ledger, home):
    ws = book(exported(home))["重大项目"]
    for header in ("业主单位", "形象进度", "备注", "建设内容及规模"):
        c = cell(ws, 3, header)
        assert c.data_type == "s" and c.quotePrefix, header
    assert cell(ws, 3, "业主单位").value.startswith("=HYPERLINK")


def test_it_imports_an_unchanged_export_without_writing(people, ledger, home):
    records = ChangeRecord.objects.count()
    result = import_ledger(people["admin"], home, exported(home))
    assert (result.created, result.updated, result.unchanged, result.months) == (0, 0, 1, 0)
    assert ChangeRecord.objects.count() == records
    assert MajorProject.objects.get().version == ledger.version


def test_it_creates_and_updates_projects_and_months(people, ledger, home):
    wb = book(exported(home))
    ws = wb["重大项目"]
    cell(ws, 3, "形象进度").value = "主体封顶"
    new = {"项目名称": "智能制造产业园二期", "项目类别": "产业项目", "产业链": "智能制造",
           "总投资（万元）": 250000, "计划年度": 2026, "年度计划投资（万元）": 30000, "阶段": "前期",
           "计划开工": "2026-12-01", "牵头部门": "经信局", "入库状态": "未入库",
           "预计入库月份": "2026-12"}  # fmt: skip
    for header, value in new.items():
        cell(ws, 4, header).value = value
    months = wb["月度投资"]
    months.append([None, "智能制造产业园二期", 2026, 12, 5000, None, None])
    result = import_ledger(people["clerk"], home, save(wb), "台账.xlsx")
    assert (result.created, result.updated, result.months) == (1, 1, 1)
    park = MajorProject.objects.get(name="智能制造产业园二期")
    assert park.expected_enrolment_month == date(2026, 12, 1) and park.size_class == "ten_yi"
    assert ProjectMonth.objects.get(project=park).planned == D(5000)
    assert MajorProject.objects.get(pk=ledger.pk).image_progress == "主体封顶"
    assert ChangeRecord.objects.filter(reason="导入台账：台账.xlsx").count() == 3


def test_it_refuses_the_whole_file_and_names_sheet_row_and_column(people, ledger, home):
    wb = book(exported(home))
    ws = wb["重大项目"]
    cell(ws, 3, "形象进度").value = "这一行本身没错"
    for header, value in {
        "项目名称": "新项目",
        "项目类别": "产业项目",
        "总投资（万元）": "十亿",
        "计划年度": 2026,
        "阶段": "开工中",
        "牵头部门": "不存在局",
    }.items():
        cell(ws, 4, header).value = value
    wb["月度投资"].append([None, "没有这个项目", 2026, 3, 1, 1, None])
    with pytest.raises(ImportRefused) as refusal:
        import_ledger(people["admin"], home, save(wb))
    errors = refusal.value.errors
    assert "工作表“重大项目”第4行“总投资（万元）”列：应为非负数字，实为“十亿”。" in errors
    assert any(e.startswith("工作表“重大项目”第4行“阶段”列：“开工中”不是可选值") for e in errors)
    assert "工作表“重大项目”第4行“牵头部门”列：找不到“不存在局”。" in errors
    assert any(e.startswith("工作表“月度投资”第4行“项目名称”列") for e in errors)
    assert MajorProject.objects.get().image_progress == ledger.image_progress  # nothing written
    assert not MajorProject.objects.filter(name="新项目").exists()


def test_it_names_model_rule_errors_by_column(people, ledger, home):
    wb = book(exported(home))
    cell(wb["重大项目"], 3, "实际开工").value = None
    with pytest.raises(ImportRefused) as refusal:
        import_ledger(people["admin"], home, save(wb))
    assert refusal.value.errors == [
        "工作表“重大项目”第3行“实际开工”列：在建及以后阶段的项目须填写实际开工日期。"
    ]


def test_it_refuses_rows_of_another_department_and_stale_rows(people, ledger, home):
    data = exported(home)
    with pytest.raises(ImportRefused) as refusal:
        import_ledger(people["other_clerk"], home, data)
    assert "由区经济和信息化局牵头，区商务局无权修改" in refusal.value.errors[0]
    ledger.image_progress = "别人先改了"
    save_project(people["admin"], ledger, expected_version=ledger.version)
    wb = book(data)
    cell(wb["重大项目"], 3, "备注").value = "我的修改"
    with pytest.raises(ImportRefused) as refusal:
        import_ledger(people["admin"], home, save(wb))
    assert refusal.value.errors == ["工作表“重大项目”第3行：该项目已被他人修改，请刷新后再提交。"]


def test_it_refuses_a_file_that_is_not_a_ledger(people, home, catalogue):
    with pytest.raises(ImportRefused, match="xlsx"):
        import_ledger(people["admin"], home, b"not a workbook", "x.xlsx")
