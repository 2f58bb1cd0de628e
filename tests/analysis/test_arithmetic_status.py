"""The red / yellow / green light and its reasons."""

from __future__ import annotations

from decimal import Decimal as D

from econdesk.analysis.arithmetic.status import (
    IndicatorFacts,
    StatusRules,
    evaluate_status,
    format_number,
)


def test_it_is_green_when_nothing_is_wrong():
    status = evaluate_status(
        IndicatorFacts(growth=D("8.2"), total_growth=D("6.5"), rank=3, rank_of=8, gap_pp=D("0"))
    )
    assert (status.color, status.reasons) == ("green", [])


def test_it_is_red_behind_the_target_with_all_reasons():
    status = evaluate_status(
        IndicatorFacts(
            growth=D("5.3"),
            total_growth=D("6.5"),
            rank=7,
            rank_of=8,
            rank_change_prev=-2,
            gap_pp=D("2.5"),
        )
    )
    assert status.color == "red"
    assert status.reasons == [
        "距市下达目标还差2.5个百分点",
        "增速低于全市1.2个百分点",
        "居全市第7位，处于后三分之一",
        "较上期后退2位",
    ]


def test_it_gives_an_amount_gap_in_the_unit():
    status = evaluate_status({"gap_amount": D("4.76"), "unit": "亿元"})
    assert (status.color, status.reasons) == ("red", ["距市下达目标还差4.8亿元"])
    two = evaluate_status({"gap_amount": D("4.76")}, StatusRules(amount_decimals=2))
    assert two.reasons == ["距市下达目标还差4.76亿元"]


def test_it_is_red_when_the_target_was_missed():
    status = evaluate_status(IndicatorFacts(target_met=False, target_label="区级目标"))
    assert (status.color, status.reasons) == ("red", ["未完成区级目标"])


def test_it_is_yellow_below_the_total_and_keeps_the_trailing_zero():
    status = evaluate_status(IndicatorFacts(growth=D("5.5"), total_growth=D("6.5")))
    assert (status.color, status.reasons) == ("yellow", ["增速低于全市1.0个百分点"])


def test_it_tolerates_a_configured_margin_below_the_total():
    facts = IndicatorFacts(growth=D("5.5"), total_growth=D("6.5"))
    assert evaluate_status(facts, StatusRules(yellow_below_total_pp=D("1.0"))).color == "green"
    assert evaluate_status(facts, StatusRules(red_below_total_pp=D("0.5"))).color == "red"


def test_it_is_red_when_last():
    status = evaluate_status(IndicatorFacts(growth=D("1.0"), rank=8, rank_of=8))
    assert (status.color, status.reasons) == ("red", ["居全市第8位，排名末位"])


def test_it_treats_a_tie_for_last_as_last():
    status = evaluate_status(IndicatorFacts(rank=7, rank_of=8, lowest_rank=7, tied=True))
    assert status.reasons == ["居全市并列第7位，排名末位"]


def test_it_marks_the_bottom_third():
    assert evaluate_status(IndicatorFacts(rank=6, rank_of=8)).color == "yellow"
    assert evaluate_status(IndicatorFacts(rank=5, rank_of=8)).color == "green"
    assert evaluate_status(IndicatorFacts(rank=7, rank_of=9)).color == "yellow"
    assert evaluate_status(IndicatorFacts(rank=6, rank_of=9)).color == "green"


def test_it_is_yellow_when_the_rank_fell():
    status = evaluate_status(IndicatorFacts(rank=2, rank_of=8, rank_change_prev=-1))
    assert status.reasons == ["较上期后退1位"]
    moved_up = evaluate_status(IndicatorFacts(rank=2, rank_of=8, rank_change_prev=3))
    assert moved_up.color == "green"


def test_it_is_yellow_when_declining():
    status = evaluate_status(IndicatorFacts(growth=D("-2.1")))
    assert status.reasons == ["同比下降2.1%"]
    assert evaluate_status(IndicatorFacts(growth=D("-0.04"))).color == "green"


def test_it_is_yellow_behind_time_progress():
    status = evaluate_status(IndicatorFacts(progress_gap_pp=D("-5.25")))
    assert status.reasons == ["任务进度落后序时进度5.3个百分点"]


def test_it_can_switch_rules_off():
    rules = StatusRules(
        red_when_behind_target=False, yellow_when_declining=False, yellow_rank_fell_by=None
    )
    facts = IndicatorFacts(growth=D("-1.0"), gap_pp=D("3"), rank=1, rank_of=8, rank_change_prev=-1)
    assert evaluate_status(facts, rules).color == "green"


def test_it_says_when_there_is_no_data():
    status = evaluate_status(IndicatorFacts())
    assert (status.color, status.reasons) == ("yellow", ["暂无数据"])


def test_it_never_prints_a_tiny_gap_as_zero():
    status = evaluate_status(IndicatorFacts(gap_amount=D("0.004")))
    assert status.reasons == ["距市下达目标还差不足0.1亿元"]


def test_it_formats_numbers_with_one_decimal():
    assert format_number(D("4")) == "4.0"
    assert format_number(D("1.25")) == "1.3"
    assert format_number(D("-0.01")) == "0.0"
