"""The indicator table as .xlsx: numbers with formats, frozen header, no formula injection."""

from decimal import Decimal as D

from econdesk.bulletins import services
from econdesk.bulletins.xlsx import render_xlsx
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import workbook


def test_it_writes_each_indicator_as_numbers_with_its_decimals(sample_feb, people):
    content, name, _ = services.generate(
        people["leader"], sample_feb["东城区"], PeriodKey(2022, 2), "monthly", "xlsx"
    )
    assert name == "东城区2022年1-2月经济运行通报.xlsx"
    wb = workbook(content)
    ws = wb["主要指标"]
    assert ws["A1"].value == "东城区2022年1-2月主要经济指标"
    assert [c.value for c in ws[2]][:11] == [
        "指标", "单位", "累计值", "增速（%）", "全市增速（%）", "差值（百分点）", "位次", "参与排名数",
        "并列", "较上期位次变化", "较上期",
    ]  # fmt: skip
    assert ws.freeze_panes == "B3"
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    fiscal = rows["一般公共预算收入"]
    assert [c.value for c in fiscal[:11]] == [
        "一般公共预算收入", "亿元", 8.61, -3.2, 2.9, -6.1, 7, 8, None, -2,
        "后退2位",
    ]  # fmt: skip
    assert fiscal[2].number_format == "0.00" and fiscal[3].number_format == "0.0"
    assert fiscal[11].value == "红"


def test_it_lists_targets_and_gaps(sample_feb, people):
    content, _, _ = services.generate(
        people["leader"], sample_feb["东城区"], PeriodKey(2022, 2), "monthly", "xlsx"
    )
    ws = workbook(content)["目标与缺口"]
    assert ws.freeze_panes == "B3"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    fai_q1 = next(
        r for r in rows if r[0] == "固定资产投资" and r[1] == "市下达" and r[2] == "一季度"
    )
    assert fai_q1[3] == 8.0
    assert round(fai_q1[12], 2) == 31.96  # 预计值
    assert round(fai_q1[14], 2) == 2.04  # 预计实现正增长缺口
    assert round(fai_q1[15], 2) == 4.76  # 预计完成目标缺口
    fiscal_year = next(r for r in rows if r[0] == "一般公共预算收入" and r[2] == "全年")
    assert fiscal_year[4] == 30.5 and round(fiscal_year[9], 1) == 28.2


def test_it_writes_formula_like_text_as_text():
    panel = {
        "region": "=HYPERLINK(\"http://x\")", "year": 2022, "period_label": "1-2月",
        "total_label": "全市",
        "indicators": [{
            "name": "=cmd|' /C calc'!A0", "unit": "+亿元", "value": None, "growth": D("-6.0"),
            "total_growth": None, "vs_total_pp": None, "rank": None, "rank_of": None,
            "tied": False, "rank_change_prev": None, "decimals": 2, "growth_decimals": 1,
            "status": {"color": "red", "reasons": ["-下降"]}, "lead_department": "@dept",
            "leader": "", "targets": [],
        }],
    }  # fmt: skip
    ws = workbook(render_xlsx({"panel": panel}))["主要指标"]
    for ref in ("A3", "B3", "M3", "N3"):
        cell = ws[ref]
        assert cell.data_type == "s" and cell.quotePrefix, ref
    assert ws["A3"].value == "=cmd|' /C calc'!A0"
    assert ws["D3"].value == -6.0 and ws["D3"].data_type == "n"
