"""Names the ledger lacks are proposed and, once confirmed, created or aliased in the same
import: a new city's first bulletin, unknown districts and indicators, a 全国 total row."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import Indicator, Observation, Region
from tests.ledger import layouts
from tests.ledger.conftest import write_csv, write_xlsx


def ledger() -> dict:
    return {
        (o.region.name, o.indicator.name): (
            o.value.normalize() if o.value is not None else None,
            o.growth.normalize(),
            o.rank,
        )
        for o in Observation.objects.filter(is_current=True).select_related("region", "indicator")
    }


def normalised(expected: dict) -> dict:
    return {
        k: (v.normalize() if v is not None else None, g.normalize(), r)
        for k, (v, g, r) in expected.items()
    }


@pytest.mark.django_db
def test_a_new_citys_first_bulletin_is_refused_with_every_proposal_until_accepted(
    importer, tmp_path
):
    path = layouts.write_wide_xlsx(tmp_path / "qinglan-2026-10.xlsx")
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path])
    text = failed.value.render()
    assert "地区“青岚市”尚未建立；建议：新建地区“青岚市”（无上级）" in text
    assert (
        "“工业投资”不是已知指标；建议：新建指标“工业投资”（标准指标目录）：单位亿元，累计，牵头经信局"
        in text
    )
    assert "--accept-new" in text
    assert not Region.objects.exists() and not Observation.objects.exists()

    report = import_files(importer, [path], dry_run=True)
    described = [p.describe() for p in report.proposals]
    assert described[:3] == [
        "新建指标“工业投资”（标准指标目录）：单位亿元，累计，牵头经信局",
        "新建指标“一般公共预算支出”（标准指标目录）：单位亿元，累计，牵头财政局",
        "新建地区“青岚市”（无上级）",
    ]
    assert "正式导入时加 --accept-new" in report.render()
    assert (
        not Region.objects.exists()
        and not Indicator.objects.filter(code="industrial_investment").exists()
    )

    report = import_files(importer, [path], accept_new=True)
    assert ledger() == normalised(layouts.expected_ledger())
    city = Region.objects.get(name="青岚市")
    assert city.kind == "city" and city.parent is None
    members = {r.name: r for r in Region.objects.filter(parent=city)}
    assert list(members) == layouts.MEMBERS
    assert {n: r.ranked for n, r in members.items()} == layouts.RANKED
    investment = Indicator.objects.get(name="工业投资")
    assert (investment.code, investment.unit, investment.lead_department.short_name) == (
        "industrial_investment", "亿元", "经信局",
    )  # fmt: skip
    assert report.files[0].indicators_created == ["工业投资", "一般公共预算支出"]
    created = ChangeRecord.objects.filter(object_type="ledger.Indicator", action="create")
    assert {r.object_repr for r in created} >= {"工业投资", "一般公共预算支出"}
    assert ChangeRecord.objects.filter(object_type="ledger.Region", object_repr="青岚市").exists()


@pytest.mark.django_db
def test_unknown_districts_of_a_known_city_are_aliased_or_created_as_the_file_ranks_them(
    importer, sample_city, tmp_path
):
    rows = [
        ["示范市2022年1-2月各区（市）县主要经济指标"],
        ["地区", "社会消费品零售总额", None, None],
        [None, "绝对值", "增速", "位次"],
        ["全市", 248, 5.1, "—"],
        ["东城", 62.35, 5.1, 1],
        ["示范高新区", 3.2, 9.9, "—"],
        ["湖滨新区", 5.5, 4.0, 2],
    ]
    path = write_xlsx(tmp_path / "bulletin.xlsx", rows)
    report = import_files(importer, [path], dry_run=True)
    assert [p.describe() for p in report.proposals] == [
        "地区“东城”作为“东城区”的别名",
        "新建地区“示范高新区”，属示范市，列出但不参与排名",
        "新建地区“湖滨新区”，属示范市，参与排名",
    ]
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({"regions": {"湖滨新区": {"action": "create", "ranked": False}}}),
        encoding="utf-8",
    )
    import_files(importer, [path], accept_new=True, answers=str(answers))
    city, members = sample_city
    assert "东城" in Region.objects.get(name="东城区").aliases
    assert Observation.objects.get(region__name="东城区").value == Decimal("62.35")
    assert Region.objects.get(name="示范高新区", parent=city).ranked is False
    assert Region.objects.get(name="湖滨新区", parent=city).ranked is False  # as answered


@pytest.mark.django_db
def test_an_answers_file_makes_an_unknown_indicator_an_alias_or_sets_its_unit(
    importer, sample_city, tmp_path
):
    rows = [
        ["地区", "指标", "期别", "累计值", "增速"],
        ["东城区", "社零额", "2022-03", 61.5, 5.0],
        ["东城区", "园区税收", "2022-03", 1234, 8.5],
    ]
    path = write_csv(tmp_path / "tidy.csv", rows)
    answers = {
        "indicators": {
            "社零额": "社会消费品零售总额",
            "园区税收": {"action": "create", "unit": "万元", "lead": "财政局"},
        }
    }
    import_files(importer, [path], answers=answers)
    retail = Indicator.objects.get(code="retail_sales")
    assert "社零额" in retail.aliases
    tax = Indicator.objects.get(name="园区税收")
    assert (tax.unit, tax.lead_department.short_name, tax.cumulation) == ("万元", "财政局", "ytd")
    assert Observation.objects.get(indicator=tax).value == 1234


@pytest.mark.django_db
def test_an_answer_naming_an_indicator_that_does_not_exist_is_refused(
    importer, sample_city, tmp_path
):
    rows = [["地区", "指标", "期别", "增速"], ["东城区", "社零额", "2022-03", 5.0]]
    path = write_csv(tmp_path / "tidy.csv", rows)
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path], answers={"indicators": {"社零额": "不存在的指标"}})
    assert "tidy.csv 第2行 B列：“社零额”应并入的指标“不存在的指标”不存在" in failed.value.render()
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_a_tidy_file_whose_total_row_is_全国_creates_the_country_on_confirmation(
    importer, tmp_path
):
    rows = [
        ["地区", "指标", "期别", "累计值", "增速"],
        ["全国", "房地产开发投资", "2019-12", 132194, 9.9],
        ["北京", "房地产开发投资", "2019-12", 3838, 2.4],
        ["天津", "房地产开发投资", "2019-12", 2479, 14.9],
    ]
    path = write_csv(tmp_path / "provinces.csv", rows)
    report = import_files(importer, [path], dry_run=True)
    assert [p.describe() for p in report.proposals] == ["新建地区“全国”（无上级）"]
    import_files(importer, [path], accept_new=True)
    country = Region.objects.get(name="全国")
    assert country.kind == "country"
    assert sorted(Region.objects.filter(parent=country).values_list("name", flat=True)) == [
        "北京", "天津",
    ]  # fmt: skip
    assert Observation.objects.get(region=country).value == 132194


@pytest.mark.django_db
def test_the_cli_lists_proposals_on_a_dry_run_and_applies_them_with_accept_new(importer, tmp_path):
    path = layouts.write_wide_xlsx(tmp_path / "qinglan.xlsx")
    out = StringIO()
    call_command("import", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "文件中有台账尚未建立的名称，建议如下处理：" in text
    assert "新建地区“青岚市”（无上级）（qinglan.xlsx 工作表“1-10月” 第1行 A列）" in text
    assert not Observation.objects.exists()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(path), stdout=StringIO(), stderr=err)
    assert "建议：新建地区“青岚市”" in err.getvalue()
    out = StringIO()
    call_command("import", str(path), "--accept-new", stdout=out)
    assert "已按以下处理" in out.getvalue()
    assert ledger() == normalised(layouts.expected_ledger())
