"""The speech's project sentences, written from the registers with their figures."""

from datetime import date
from decimal import Decimal

from econdesk.projects.models import Enterprise, InvestmentDeal, ScaleThreshold, UpwardFunding
from econdesk.projects.sentences import period_label, project_sentences, yi_text
from econdesk.projects.services import (
    MonthInput,
    save_deal,
    save_enterprise,
    save_funding,
    save_months,
)
from tests.projects.conftest import chain, dept

D = Decimal
Q1 = (date(2026, 1, 1), date(2026, 3, 31))


def by_key(region, start, end):
    return {s.key: s for s in project_sentences(region, start, end)}


def test_it_writes_the_started_projects_sentence(make_project, home):
    make_project("甲", total_investment=D(350000), actual_start=date(2026, 3, 28))
    make_project("乙", total_investment=D(1200000), actual_start=date(2026, 3, 28))
    make_project("丙", total_investment=D(6000), actual_start=date(2026, 2, 10))
    make_project("丁（去年开工）", actual_start=date(2025, 12, 30))
    s = by_key(home, *Q1)["projects_started"]
    assert (
        s.text == "1-3月，总投资155.6亿元的3个重大项目开工建设，其中百亿级项目1个、十亿级项目1个。"
    )
    assert s.figures["count"] == 3 and s.figures["total_investment"] == D("155.6")
    assert str(s) == s.text


def deal(home, name, chain_name, amount, signed_on, stage="signed"):
    return InvestmentDeal(region=home, name=name, investor="投资方", amount=D(amount),
                          industry_chain=chain(chain_name) if chain_name else None, stage=stage,
                          signed_on=signed_on, lead_department=dept("投促局"))  # fmt: skip


def test_it_writes_the_signed_deals_sentence_by_industry_chain(people, home):
    rows = [
        ("电池包", "新能源汽车", "30", date(2026, 3, 28)), ("整车配套", "新能源汽车", "12", date(2026, 3, 28)),
        ("碳纤维", "新材料", "20", date(2026, 3, 28)), ("机器人", "智能制造", "8.5", date(2026, 2, 1)),
        ("算力中心", "数字经济", "6", date(2026, 1, 20)), ("冷链", "现代物流", "2", date(2026, 3, 1)),
        ("未分链", None, "1.5", date(2026, 3, 2)), ("四月签约", "新材料", "9", date(2026, 4, 2)),
    ]  # fmt: skip
    for name, chain_name, amount, signed in rows:
        save_deal(people["admin"], deal(home, name, chain_name, amount, signed))
    save_deal(people["admin"], deal(home, "还在洽谈", "新材料", "50", None, stage="negotiating"))
    s = by_key(home, *Q1)["deals_signed"]
    assert s.text == (
        "1-3月，总投资80亿元的新能源汽车、新材料、智能制造、数字经济等7个产业项目完成签约，"
        "其中十亿级以上项目3个。"
    )
    assert s.figures["industry_chains"] == ["新能源汽车", "新材料", "智能制造", "数字经济"]


def test_it_writes_investment_enrolment_and_funding_sentences(people, make_project, home):
    p = make_project(annual_plan=D(40000), enrolment="enrolled", enrolment_month=date(2026, 2, 1))
    save_months(people["admin"], p, 2026, [MonthInput(2, None, D(3000)), MonthInput(3, None, D(5000))],
                today=date(2026, 4, 1))  # fmt: skip
    e = Enterprise(region=home, name="甲企业", credit_code="91110000802100433B",
                   sector=ScaleThreshold.objects.get(code="industry"), status="enrolled",
                   enrolled_month=date(2026, 3, 1), lead_department=dept("经信局"))  # fmt: skip
    save_enterprise(people["admin"], e)
    f = UpwardFunding(region=home, programme="central_budget", title="产业园道路", year=2026,
                      applied_amount=D(5000), applied_on=date(2026, 1, 5),
                      approved_amount=D(3000), approved_on=date(2026, 3, 10),
                      received_amount=D(1500), received_on=date(2026, 3, 30),
                      lead_department=dept("发改局"))  # fmt: skip
    save_funding(people["admin"], f)
    s = by_key(home, *Q1)
    assert (
        s["investment_completed"].text == "1-3月，1个重大项目完成投资0.8亿元，占年度计划的20.0%。"
    )
    assert s["projects_enrolled"].text == "1-3月，新入库固定资产投资项目1个，总投资12亿元。"
    assert s["enterprises_enrolled"].text == "1-3月，新增升规入统企业1家，其中规模以上工业企业1家。"
    assert s["funding"].text == (
        "1-3月，对上争取1个项目获批上级资金0.3亿元（中央预算内投资0.3亿元），到位上级资金0.15亿元。"
    )


def test_it_leaves_out_sentences_with_nothing_to_say(home, catalogue):
    assert project_sentences(home, *Q1) == []


def test_it_labels_the_period_as_speeches_do():
    assert period_label(date(2026, 1, 1), date(2026, 3, 31)) == "1-3月"
    assert period_label(date(2026, 3, 1), date(2026, 3, 31)) == "3月"
    assert period_label(date(2026, 3, 28), date(2026, 3, 28)) == "3月28日"
    assert period_label(date(2026, 3, 20), date(2026, 4, 5)) == "3月20日至4月5日"
    assert (
        yi_text(D("85.604")) == "85.6"
        and yi_text(D("30")) == "30"
        and yi_text(D("0.005")) == "0.01"
    )


def test_it_names_the_day_of_a_ceremony(people, make_project, home):
    for name in ("甲", "乙", "丙"):
        make_project(name, total_investment=D(100000), actual_start=date(2026, 3, 28))
    make_project("丁", actual_start=date(2026, 3, 2))
    for name, chain_name in (("电池包", "新能源汽车"), ("碳纤维", "新材料")):
        save_deal(people["admin"], deal(home, name, chain_name, "10", date(2026, 3, 28)))
    s = by_key(home, *Q1)
    assert s["projects_started_together"].text == "3月28日，总投资30亿元的3个重大项目集中开工。"
    assert s["projects_started_together"].figures["date"] == date(2026, 3, 28)
    assert "deals_signed_together" not in s  # two signings are not yet a ceremony
