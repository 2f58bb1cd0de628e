"""The closure plan arithmetic of docs/methodology.md §7 (Django-free): gap = scheduled + pipeline + rest."""

from decimal import Decimal

import pytest

from econdesk.projects.closure import (
    CandidateOutput,
    ProjectSchedule,
    candidate_contribution,
    closure_plan,
    enterprise_closure_plan,
    monthly_work,
    project_contribution,
    spread_annual_plan,
)

D = Decimal


def months(first, last, amount):
    return {m: D(amount) for m in range(first, last + 1)}


# Data through 1-2月 (t = 2), target period 上半年 (M = 6), amounts in 亿元.
A = ProjectSchedule("A", "在库甲", True, 1, completed={1: D(1), 2: D(1), 3: D(3)},
                    planned=months(3, 6, 2))  # fmt: skip
B = ProjectSchedule("B", "在库乙（去年入库）", True, 1, planned=months(3, 6, 1))
C = ProjectSchedule("C", "在库丙（4月入库）", True, 4, completed=months(1, 3, "0.5"),
                    planned=months(4, 6, "0.5"))  # fmt: skip
PD = ProjectSchedule("D", "储备丁", False, 5, planned=months(1, 6, 1), probability=D(50))
PE = ProjectSchedule(
    "E", "储备戊（应入未入）", False, 2, planned=months(3, 6, 2), probability=D(80)
)
PF = ProjectSchedule("F", "储备己（7月才能入库）", False, 7, planned=months(1, 6, 5))
PG = ProjectSchedule("G", "储备庚（入库时间不明）", False, None, planned=months(1, 6, 5))
ALL = [A, B, C, PD, PE, PF, PG]


def test_it_counts_a_recorded_completion_before_the_plan():
    assert monthly_work(A, 3) == D(3) and monthly_work(A, 4) == D(2) and monthly_work(A, 7) == 0


def test_it_counts_no_planned_work_in_a_month_already_past_without_a_record():
    assert monthly_work(PD, 2) == D(1) and monthly_work(PD, 2, data_month=2) == 0
    assert monthly_work(A, 2, data_month=2) == D(1)  # recorded


def test_it_counts_only_the_months_after_the_data_month_for_enrolled_projects():
    line = project_contribution(A, 2, 6)
    assert (line.amount, line.first_month, line.last_month) == (D(9), 3, 6)


def test_it_counts_a_project_enrolled_after_the_data_month_from_january():
    assert project_contribution(C, 2, 6).amount == D("3.0")
    assert project_contribution(C, 2, 6, backfill=False).amount == D("1.5")


def test_it_weights_pipeline_projects_by_their_probability():
    line = project_contribution(PD, 2, 6)
    assert (line.work, line.amount) == (D(4), D(2))  # 1-2月 planned but not recorded: no work
    assert project_contribution(PD, 2, 6, backfill=False).amount == D(1)


def test_it_moves_an_overdue_expected_entry_to_next_month():
    line = project_contribution(PE, 2, 6)
    assert line.entry_month == 3 and line.amount == D("6.4")


def test_it_leaves_out_projects_that_cannot_enter_in_time():
    assert project_contribution(PF, 2, 6).amount == 0
    assert project_contribution(PG, 2, 6).amount == 0
    assert project_contribution(PF, 2, 7).amount == D(20)  # 3-6 planned; 1-2 past, 7 unplanned


def test_it_adds_up_gap_scheduled_pipeline_and_shortfall():
    plan = closure_plan(D(30), 2, 6, ALL)
    assert plan.scheduled_total == D(16)  # 9 + 4 + 3
    assert plan.pipeline_total == D("8.4")  # 2 + 6.4
    assert plan.shortfall == D("5.6") and plan.surplus == 0 and not plan.closed
    assert plan.scheduled_total + plan.pipeline_total + plan.shortfall - plan.surplus == plan.gap
    assert [line.key for line in plan.scheduled] == ["A", "B", "C"]
    assert [line.key for line in plan.pipeline] == ["E", "D"]  # by amount; F and G left out


def test_it_reports_a_surplus_when_the_registers_cover_the_gap():
    plan = closure_plan(D(20), 2, 6, ALL)
    assert plan.shortfall == 0 and plan.surplus == D("4.4") and plan.closed
    assert plan.scheduled_total + plan.pipeline_total + plan.shortfall - plan.surplus == D(20)


def test_it_projects_the_period_end_value_and_growth():
    plan = closure_plan(D(30), 2, 6, ALL, value_now=D(40), base_end=D("70"))
    assert plan.projected_value == D("64.4")
    assert plan.projected_growth.quantize(D("0.01")) == D("-8.00")


def test_it_refuses_impossible_inputs():
    with pytest.raises(ValueError):
        closure_plan(D(1), 6, 3, ALL)
    with pytest.raises(ValueError):
        closure_plan(D(-1), 2, 6, ALL)


def test_it_spreads_the_unallocated_annual_plan_over_the_open_months():
    spread = spread_annual_plan(D(12), {1: D(1), 2: D(1)}, {3: D(2)}, 2)
    assert spread[3] == D(2)
    assert all(spread[m] == D(8) / 9 for m in range(4, 13))
    assert spread_annual_plan(D(3), {1: D(4)}, {}, 1)[5] == 0  # plan already exceeded
    assert spread_annual_plan(None, {}, {3: D(1)}, 2) == {3: D(1)}


def test_it_counts_an_enterprise_net_of_the_base_it_brings():
    e = CandidateOutput("e", "甲企业", D(1500), 9, 10, D(50), base_to_date=D(1200))
    # at 12: value 2000, base 1600; against +10%: 2000 − 1760 = 240, half of it at π = 50%.
    assert candidate_contribution(e, 9, 12, D(10)).amount == D(120)
    assert candidate_contribution(e, 9, 12).work == D(400)  # zero growth
    new = CandidateOutput("n", "新建企业", D(1500), 9, 11)
    assert candidate_contribution(new, 9, 12, D(10)).amount == D(2000)
    late = CandidateOutput("l", "明年入库", D(1500), 9, None)
    assert candidate_contribution(late, 9, 12).amount == 0


def test_it_lets_a_slow_enterprise_pull_the_output_down():
    slow = CandidateOutput("s", "增长慢", D(900), 9, 10, base_to_date=D(900))
    assert candidate_contribution(slow, 9, 12, D(10)).amount == D(-120)


def test_it_builds_an_output_closure_plan_from_candidates():
    cands = [
        CandidateOutput("a", "甲", D(1500), 9, 10, D(50), base_to_date=D(1200)),
        CandidateOutput("n", "乙", D(1500), 9, 11),
    ]
    plan = enterprise_closure_plan(D(3000), 9, 12, cands, target_growth=D(10))
    assert plan.pipeline_total == D(2120) and plan.shortfall == D(880)
    assert plan.scheduled == ()
