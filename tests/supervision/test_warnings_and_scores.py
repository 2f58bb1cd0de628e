"""A red indicator becomes a task in one click; the year's score reads the panel and the tasks.

The city is tests/web/known.py: in 1-3月 2022 东城区's 规上工业增加值 grew 7.0% (全市 7.4%), 5th
of 8, 1.0 point short of the 市下达 8.0% target — red; 社消零 grew 4.6%, tied 3rd, against a
全年 target of 6.0% — red.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from econdesk.ledger.periods import PeriodKey
from econdesk.supervision import scores, services, warnings
from econdesk.supervision.models import SupervisedTask, TaskSource
from econdesk.supervision.schemes import save_scheme
from tests.web.known import build_known_city

Q1 = PeriodKey(2022, 3)
DAY = date(2022, 4, 10)


@pytest.fixture
def known(people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    return members["东城区"]


def test_it_lists_the_red_indicators_of_the_home_region(known):
    rows = warnings.red_indicators(known, Q1)
    assert [row["code"] for row in rows] == ["industry_va", "retail_sales"]
    assert rows[0]["status"]["reasons"][0] == "距市下达一季度目标还差1.0个百分点"
    assert rows[0]["task"] is None


def test_it_turns_a_red_indicator_into_a_task_filled_in_with_its_figures(people, known):
    task, created = warnings.task_from_indicator(people["supervisor"], known, Q1, "industry_va",
                                                 today=DAY)  # fmt: skip
    assert created
    assert task.title == "规上工业增加值指标预警督办（2022年1-3月）"
    assert task.source == TaskSource.INDICATOR_WARNING
    assert task.source_ref == "indicator:industry_va:2022-03"
    assert (task.lead_department.short_name, str(task.leader)) == ("经信局", "副区长王明")
    assert task.deadline == date(2022, 4, 25)  # 15 days, the default rule
    assert task.content.startswith(
        "东城区2022年1-3月规模以上工业增加值增长7.0%（全市增长7.4%），居全市第5位（共8位）。"
        "预警原因：距市下达一季度目标还差1.0个百分点；增速低于全市0.4个百分点"
    )
    assert task.source_figures["growth"] == "7.0000" and task.source_figures["rank"] == 5

    again, created = warnings.task_from_indicator(people["supervisor"], known, Q1, "industry_va")
    assert (again.pk, created) == (task.pk, False)
    assert warnings.red_indicators(known, Q1)[0]["task"] == task


def test_it_refuses_a_button_on_an_indicator_that_is_not_red_or_a_clerk_pressing_it(people, known):
    with pytest.raises(ValidationError, match="不是红色预警"):
        warnings.task_from_indicator(people["supervisor"], known, PeriodKey(2022, 2), "industry_va")
    with pytest.raises(PermissionDenied):
        warnings.task_from_indicator(people["clerk"], known, Q1, "industry_va")
    assert SupervisedTask.objects.count() == 0


def test_it_scores_the_departments_from_the_panel_and_the_tasks(people, known):
    """Default bands (1–3名 5, 4–6名 3, 7–10名 1), rate × 10 capped at 12, tasks ±1.

    经信局: 规上工业 5th → +3; 7.0 ÷ 8.0 = 87.5% → +8.75; one task closed on time → +1 = 12.75.
    商务局 leads 社消零: tied 3rd → +5; 4.6 ÷ 6.0 = 76.7% → +7.67 = 12.67.
    """
    sue, colin = people["supervisor"], people["clerk"]
    task, _ = warnings.task_from_indicator(sue, known, Q1, "industry_va", today=DAY)
    services.request_closure(colin, task, text="完成", expected_version=1, today=date(2022, 4, 20))
    before = scores.assess(2022, region=known, today=date(2022, 4, 30))
    assert before.period == Q1
    assert [(s.department, s.total, s.rank) for s in before.table] == [
        ("区商务局", D("12.67"), 1),
        ("区经济和信息化局", D("11.75"), 2),
    ]

    services.close_task(sue, task, expected_version=2, today=date(2022, 4, 22))
    after = scores.assess(2022, region=known, today=date(2022, 4, 30))
    # The on-time closure lifts 经信局 by one point, and above 商务局.
    assert [(s.department, s.total, s.rank) for s in after.table] == [
        ("区经济和信息化局", D("12.75"), 1),
        ("区商务局", D("12.67"), 2),
    ]
    lines = [(line.rule, line.points) for line in after.table[0].lines]
    assert lines == [("rank", D("3.00")), ("completion", D("8.75")), ("on_time", D("1.00"))]
    retail = after.score_of(after.table[1].department_id)
    assert retail.lines[0].figure == "居全市并列第3位（共8位）"
    assert retail.lines[1].figure.startswith("增速4.6% ÷ 市下达全年目标6.0% = 76.7%")


def test_it_applies_the_saved_scheme_of_the_year(people, known):
    save_scheme(
        people["supervisor"], 2022, expected_version=0, name="2022年度考核",
        rank_bands=[[1, 3, "2"]], bottom_bands=[[1, 4, "-2"]], completion_weight=D(0),
        completion_cap=None, on_time_points=D(2), overdue_points=D(-3),
        indicator_codes=["industry_va"],
    )  # fmt: skip
    table = scores.assess(2022, region=known, today=date(2022, 4, 30)).table
    # 5th of 8 is 4th from the bottom: −2; completion weighs nothing; 社消零 not assessed.
    assert [(s.department, s.total) for s in table] == [("区经济和信息化局", D("-2.00"))]
