"""Warnings at their boundaries: start, investment lag (序时进度), procedures, deals, enrolment."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from econdesk.projects.models import InvestmentDeal, ProjectRules
from econdesk.projects.services import (
    MonthInput,
    ProcedureInput,
    save_deal,
    save_months,
    save_procedures,
)
from econdesk.projects.warnings import Kind, add_months, lag_color, warnings
from tests.projects.conftest import chain, dept

D = Decimal


def found(region, today, kind):
    return [(w.subject_name, w.color) for w in warnings(region, today) if w.kind == kind]


def test_it_adds_months_to_the_last_day_when_the_month_is_shorter():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


@pytest.mark.parametrize(
    ("today", "color"),
    [(date(2026, 1, 15), None), (date(2026, 1, 16), "yellow"), (date(2026, 4, 14), "yellow"),
     (date(2026, 4, 15), "red")],
)  # fmt: skip
def test_it_warns_of_a_start_overdue(make_project, home, today, color):
    make_project(stage="to_start", actual_start=None, planned_start=date(2026, 1, 15))
    expected = [("锂电池正极材料项目", color)] if color else []
    assert found(home, today, Kind.START_OVERDUE) == expected


def test_it_explains_a_start_overdue_in_chinese(make_project, home):
    make_project(stage="to_start", actual_start=None, planned_start=date(2026, 1, 15))
    (w,) = [w for w in warnings(home, date(2026, 4, 20)) if w.kind == Kind.START_OVERDUE]
    assert w.reason == "计划于2026年1月15日开工，已逾期95天仍未开工（超过3个月）。"
    assert (w.kind_label, w.color_label, w.department) == ("逾期未开工", "红灯", "区经济和信息化局")


def test_it_does_not_warn_of_a_started_project(make_project, home):
    make_project(planned_start=date(2026, 1, 15), actual_start=date(2026, 2, 1))
    assert found(home, date(2026, 6, 1), Kind.START_OVERDUE) == []


@pytest.mark.parametrize("completed", ["4000", "4001", "2000", "1999", "6000"])
def test_it_colours_investment_behind_time_progress(people, make_project, home, completed):
    # 1-6月 elapsed on 2026-07-10: 序时进度 50%; plan 10000万元.
    p = make_project(annual_plan=D(10000))
    save_months(people["admin"], p, 2026, [MonthInput(6, None, D(completed))],
                today=date(2026, 7, 10))  # fmt: skip
    expected = {"4000": "yellow", "4001": None, "2000": "yellow", "1999": "red", "6000": None}
    color = expected[completed]
    assert found(home, date(2026, 7, 10), Kind.INVESTMENT_BEHIND) == (
        [("锂电池正极材料项目", color)] if color else []
    )


def test_it_states_the_lag_like_a_ledger(people, make_project, home):
    p = make_project(annual_plan=D(10000))
    save_months(people["admin"], p, 2026, [MonthInput(3, None, D(1000)), MonthInput(6, None, D(1000))],
                today=date(2026, 7, 10))  # fmt: skip
    (w,) = [w for w in warnings(home, date(2026, 7, 10)) if w.kind == Kind.INVESTMENT_BEHIND]
    assert w.reason == "1-6月完成投资0.20亿元，占年度计划20.0%，低于序时进度30.0个百分点。"
    assert w.color == "yellow" and w.figures["lag_pp"] == D(30)


def test_it_judges_the_lag_boundaries_as_the_yinchuan_rule():
    assert lag_color(D("9.99"), D(10), D(30)) is None
    assert lag_color(D(10), D(10), D(30)) == "yellow"
    assert lag_color(D(30), D(10), D(30)) == "yellow"
    assert lag_color(D("30.01"), D(10), D(30)) == "red"


@pytest.mark.parametrize(
    ("today", "color"),
    [(date(2026, 6, 1), None), (date(2026, 6, 2), "yellow"), (date(2026, 7, 1), "yellow"),
     (date(2026, 7, 2), "red")],
)  # fmt: skip
def test_it_warns_of_a_procedure_overdue(people, make_project, home, today, color):
    p = make_project(stage="preparation", actual_start=None)
    save_procedures(people["admin"], p, [ProcedureInput("environment", date(2026, 6, 1)),
                                         ProcedureInput("approval", date(2026, 5, 1),
                                                        date(2026, 5, 3))])  # fmt: skip
    expected = [("锂电池正极材料项目", color)] if color else []
    assert found(home, today, Kind.PROCEDURE_OVERDUE) == expected
    if color:
        (w,) = [w for w in warnings(home, today) if w.kind == Kind.PROCEDURE_OVERDUE]
        assert w.reason.startswith("环评手续计划于2026年6月1日办结，已逾期")


@pytest.fixture
def signed_deal(people, home):
    deal = InvestmentDeal(region=home, name="数字经济产业园", investor="某科技集团", amount=D(12),
                          industry_chain=chain("数字经济"), stage="signed",
                          signed_on=date(2026, 1, 1), lead_department=dept("商务局"))  # fmt: skip
    return save_deal(people["admin"], deal)


@pytest.mark.parametrize(
    ("days", "color"), [(90, None), (91, "yellow"), (180, "yellow"), (181, "red")]
)
def test_it_warns_of_a_signed_deal_not_registered(signed_deal, home, days, color):
    today = date(2026, 1, 1) + timedelta(days=days)
    assert found(home, today, Kind.DEAL_NOT_REGISTERED) == (
        [("数字经济产业园", color)] if color else []
    )


def test_it_takes_the_registration_limit_from_the_rules(signed_deal, home):
    ProjectRules.objects.create(deal_registration_days=30, deal_red_days=60)
    assert found(home, date(2026, 2, 1), Kind.DEAL_NOT_REGISTERED) == [("数字经济产业园", "yellow")]


def test_it_stops_warning_once_the_deal_is_registered(people, signed_deal, home):
    signed_deal.stage, signed_deal.registered_on = "registered", date(2026, 5, 1)
    signed_deal.registered_name = "数字经济产业园运营有限公司"
    save_deal(people["admin"], signed_deal, expected_version=signed_deal.version)
    assert found(home, date(2026, 8, 1), Kind.DEAL_NOT_REGISTERED) == []


@pytest.mark.parametrize(
    ("today", "color"),
    [(date(2026, 4, 14), None), (date(2026, 4, 15), "yellow"), (date(2026, 5, 15), "yellow"),
     (date(2026, 5, 16), "red")],
)  # fmt: skip
def test_it_warns_of_a_started_project_not_enrolled(make_project, home, today, color):
    make_project(actual_start=date(2026, 3, 15))
    make_project(name="小项目", total_investment=D(400), actual_start=date(2026, 3, 15))
    make_project(name="已入库项目", actual_start=date(2026, 3, 15), enrolment="enrolled",
                 enrolment_month=date(2026, 4, 1))  # fmt: skip
    expected = [("锂电池正极材料项目", color)] if color else []
    assert found(home, today, Kind.NOT_ENROLLED) == expected


def test_it_lists_red_warnings_first(people, make_project, signed_deal, home):
    make_project(name="甲", stage="to_start", actual_start=None, planned_start=date(2026, 7, 1))
    make_project(name="乙", stage="to_start", actual_start=None, planned_start=date(2026, 1, 1))
    colors = [w.color for w in warnings(home, date(2026, 7, 20))]
    assert colors == sorted(colors, key=lambda c: c != "red") and "yellow" in colors
