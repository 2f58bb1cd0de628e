"""Meeting materials (会议材料): agenda, one report per leader in charge, and the data brief."""

from decimal import Decimal

import pytest

from econdesk.bulletins import services
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_paragraphs


def meeting(user, region) -> list[str]:
    content, name, _ = services.generate(user, region, PeriodKey(2022, 2), "meeting", "docx")
    assert name == "东城区2022年1-2月经济运行分析会会议材料.docx"
    return docx_paragraphs(content)


@pytest.fixture
def notes(people):
    """发改局's approved report for the quarter, with its problems and plans."""
    from econdesk.ledger.models import Indicator
    from econdesk.reporting import services as reporting

    entry = reporting.EstimateEntry(
        value=Decimal("31.96"), growth=Decimal("-6.0"),
        problems="新开工项目少，项目入库滞后", plans="3月底前推动5个项目入库",
    )  # fmt: skip
    report = reporting.save_draft(
        people["reviewer"], indicator=Indicator.objects.get(code="fai"),
        period=PeriodKey(2022, 3), entry=entry, expected_version=0,
    )  # fmt: skip
    report = reporting.submit(people["reviewer"], report, expected_version=report.version)
    reporting.approve(people["admin"], report, expected_version=report.version)


def test_it_lists_the_three_agenda_items_with_one_line_per_leader(sample_feb, leaders, people):
    text = meeting(people["leader"], sample_feb["东城区"])
    assert text[0] == "东城区2022年一季度“开门红”经济运行分析会"
    start = text.index("一、会议议程")
    assert text[start + 1 : start + 6] == [
        "第一项议程：请分管区领导汇报一季度“开门红”目标完成情况、存在问题及下阶段工作打算。",
        "请李晓梅同志汇报规模以上工业增加值、社会消费品零售总额推进情况。",
        "请陈立群同志汇报固定资产投资推进情况。",
        "第二项议程：请区委副书记、区长讲话。",
        "第三项议程：请区委书记讲话。",
    ]


def test_it_writes_each_leaders_report_with_the_departments_notes(
    sample_feb, leaders, people, notes
):
    text = meeting(people["leader"], sample_feb["东城区"])
    head = "（二）常务副区长陈立群：分管指标目标完成情况、存在问题及下阶段工作打算"
    report = text[text.index(head) : text.index("三、数据简报")]
    assert report[1] == "1.目标完成情况"
    assert (
        "1-2月，全区固定资产投资15.04亿元，下降6.0%，增速低于全市（5.6%）11.6个百分点，居全市第7位。"
        in report
    )
    assert report[report.index("2.存在问题") + 1] == "区发展和改革局：新开工项目少，项目入库滞后。"
    assert (
        report[report.index("3.下阶段工作打算") + 1] == "区发展和改革局：3月底前推动5个项目入库。"
    )
    first = text[text.index("（一）副区长李晓梅：分管指标目标完成情况、存在问题及下阶段工作打算") :]
    assert first[first.index("2.存在问题") + 1] == "牵头部门尚未填报存在问题。"


def test_it_writes_the_three_data_paragraphs_of_the_speech(sample_feb, leaders, people):
    text = meeting(people["leader"], sample_feb["东城区"])
    brief = text[text.index("三、数据简报") :]
    assert brief[1] == "（一）主要指标全市对比"
    assert brief[2].startswith(
        "从市上通报的1-2月部分经济指标完成情况来看，全区规模以上工业增加值增长8.2%"
    )
    assert brief[3] == "（二）预计完成情况及缺口"
    assert brief[4] == (
        "预计一季度完成固定资产投资31.96亿元、下降6.0%左右，要实现正增长，还有2.04亿元缺口；"
        "要完成市下达8.0%的目标，有4.76亿元缺口；要完成区级10.0%的目标，有5.44亿元缺口。"
    )
    assert brief[5] == "（三）完成情况较好和需查缺补漏的指标"
    assert brief[6].startswith("从测算情况来看，全区规模以上工业增加值指标完成情况较好")


def test_it_says_when_no_leader_is_named(sample_feb, people):
    text = meeting(people["leader"], sample_feb["东城区"])
    assert text[text.index("二、分管区领导汇报材料") + 1] == "指标目录尚未设置分管区领导。"
