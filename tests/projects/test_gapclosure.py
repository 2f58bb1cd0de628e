"""Closure pages' figures: the panel's gap beside the registers' scheduled work and pipeline."""

from datetime import date
from decimal import Decimal

import pytest

from econdesk.analysis.panel import build_panel
from econdesk.ledger.models import Indicator, Target
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.catalogue import period_for
from econdesk.projects.gapclosure import fai_closure, output_closure
from econdesk.projects.models import Enterprise, ScaleThreshold
from econdesk.projects.services import MonthInput, save_enterprise, save_months
from tests.helpers import write_figures
from tests.projects.conftest import dept

D = Decimal


@pytest.fixture
def fai_data(people, home):
    write_figures(people["admin"], [
        (home, "fai", "2021-02", "15.9", "3.0", None),
        (home, "fai", "2021-03", "35.2", "4.0", None),
        (home, "fai", "2021-12", "155.0", "5.0", None),
        (home, "fai", "2022-02", "16.5", "-1.8", None),
    ])  # fmt: skip
    Target.objects.create(region=home, indicator=Indicator.objects.get(code="fai"),
                          period=period_for(2022, 3), level="city", growth=D("8.0"))  # fmt: skip
    return home


@pytest.fixture
def portfolio(people, make_project):
    enrolled = make_project("在库项目", plan_year=2022, annual_plan=D(0), enrolment="enrolled",
                            enrolment_month=date(2021, 12, 1))  # fmt: skip
    save_months(people["admin"], enrolled, 2022, [MonthInput(3, D(5000))], today=date(2022, 3, 1))
    pipeline = make_project("储备项目", plan_year=2022, annual_plan=D(0),
                            expected_enrolment_month=date(2022, 3, 1),
                            enrolment_probability=D(50))  # fmt: skip
    save_months(people["admin"], pipeline, 2022,
                [MonthInput(m, D(2000)) for m in (1, 2, 3)], today=date(2022, 3, 1))  # fmt: skip
    make_project("来不及入库", plan_year=2022, expected_enrolment_month=date(2022, 5, 1))
    return enrolled, pipeline


def fai_row(home):
    panel = build_panel(home, PeriodKey(2022, 2))
    return next(r for r in panel["indicators"] if r["code"] == "fai")


def test_it_takes_the_gap_from_the_panel(fai_data, portfolio):
    result = fai_closure(fai_data)
    row = fai_row(fai_data)
    remaining = next(t for t in row["targets"] if t["period"] == "2022-03")["remaining"]
    assert result.period == PeriodKey(2022, 2)
    assert result.chosen.key == "2022-03:city" and result.chosen.amount == remaining
    assert "市下达一季度目标（增长8.0%）" in result.chosen.label
    zero = next(c for c in result.choices if c.key == "2022-03:zero")
    assert zero.amount == max(D(0), row["projection"]["base"] - D("16.5"))


def test_it_puts_scheduled_work_and_pipeline_beside_the_gap(fai_data, portfolio):
    plan = fai_closure(fai_data).plan
    assert [(line.name, line.amount) for line in plan.scheduled] == [("在库项目", D("0.5"))]
    # 储备项目: Jan-Feb planned but not recorded (no work), March 0.2 亿元, at π = 50%;
    # 来不及入库 enters after March.
    assert [(line.name, line.amount) for line in plan.pipeline] == [("储备项目", D("0.1"))]
    assert plan.scheduled_total + plan.pipeline_total + plan.shortfall - plan.surplus == plan.gap
    assert plan.projected_value == D("16.5") + D("0.6")


def test_it_follows_a_recorded_completion(people, fai_data, portfolio):
    enrolled, _ = portfolio
    before = fai_closure(fai_data).plan
    save_months(people["clerk"], enrolled, 2022, [MonthInput(3, D(5000), D(8000))],
                today=date(2022, 3, 31))  # fmt: skip
    after = fai_closure(fai_data).plan
    assert after.scheduled_total - before.scheduled_total == D("0.3")
    assert before.shortfall - after.shortfall == D("0.3")


def test_it_says_why_when_there_is_no_figure(home, catalogue):
    result = fai_closure(home)
    assert result.plan is None and "尚无本地区固定资产投资数据" in result.message


@pytest.fixture
def output_data(people, home):
    write_figures(people["admin"], [
        (home, "industry_output", "2021-09", "80", "5.0", None),
        (home, "industry_output", "2021-12", "110", "5.0", None),
        (home, "industry_output", "2022-09", "84", "4.0", None),
        (home, "industry_va", "2022-09", None, "5.0", None),
    ])  # fmt: skip
    va = Indicator.objects.get(code="industry_va")
    Target.objects.create(region=home, indicator=va, period=period_for(2022, 12), level="city",
                          growth=D("7.0"))  # fmt: skip
    e = Enterprise(region=home, name="锦江精密机械有限公司", credit_code="91350100M000100Y43",
                   sector=ScaleThreshold.objects.get(code="industry"), revenue_to_date=D(1500),
                   revenue_month=date(2022, 9, 1), revenue_last_year=D(1200),
                   expected_entry_month=date(2022, 11, 1), entry_probability=D(50),
                   lead_department=dept("经信局"))  # fmt: skip
    save_enterprise(people["admin"], e)
    return home


def test_it_turns_the_value_added_gap_into_output(output_data):
    result = output_closure(output_data)
    panel = build_panel(output_data, PeriodKey(2022, 9))
    row = next(r for r in panel["indicators"] if r["code"] == "industry_output")
    base_year = row["projection_year"]["base"]
    chosen = result.chosen
    assert chosen.key == "2022-12:va-city" and "规上工业增加值" in chosen.label
    assert chosen.amount == base_year * D(2) / 100  # 7.0 − 5.0 = 2 pp of the year's base


def test_it_counts_candidates_net_of_their_base(output_data):
    plan = output_closure(output_data).plan
    # 1500万 over 9 months → 0.2 亿元 at December; base 0.16 亿元 × 1.07; π = 50%.
    (line,) = plan.pipeline
    assert line.name == "锦江精密机械有限公司"
    assert line.amount == (D("0.2") - D("0.16") * D("1.07")) / 2
    assert plan.shortfall == plan.gap - line.amount


def test_it_measures_an_output_target_by_the_expected_shortfall(output_data):
    Target.objects.create(region=output_data, indicator=Indicator.objects.get(code="industry_output"),
                          period=period_for(2022, 12), level="city", growth=D("9.0"))  # fmt: skip
    result = output_closure(output_data)
    panel = build_panel(output_data, PeriodKey(2022, 9))
    row = next(r for r in panel["indicators"] if r["code"] == "industry_output")
    (target,) = row["targets"]
    assert result.chosen.key == "2022-12:city"
    assert result.chosen.amount == target["expected_gap_amount"] > 0
    assert result.plan.pipeline[0].amount == (D("0.2") - D("0.16") * D("1.09")) / 2


def test_a_falling_target_and_a_falling_month_read_xiajiang(client, people, fai_data):
    Target.objects.create(region=fai_data, indicator=Indicator.objects.get(code="fai"),
                          period=period_for(2022, 12), level="city", growth=D("-2"))  # fmt: skip
    labels = [c.label for c in fai_closure(fai_data).choices]
    assert "市下达全年目标（下降2.0%）" in labels
    assert not any("增长-" in label for label in labels)
    client.force_login(people["admin"])
    html = client.get("/projects/closure/").content.decode()
    assert "下降1.8%" in html and "增长-1.8%" not in html
