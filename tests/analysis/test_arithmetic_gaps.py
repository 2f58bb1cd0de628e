"""Gaps, time progress and task progress (docs/methodology.md §3), with its worked numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from econdesk.analysis.arithmetic.gaps import (
    gap_pp,
    gap_to_target,
    gap_to_target_amount,
    gap_to_zero_growth,
    pp_gap_to_amount,
    progress_gap,
    required_amount_per_month,
    required_growth_rest,
    required_growth_rest_growth_only,
    seasonal_benchmark,
    target_amount,
    task_progress,
    time_progress_by_day,
    time_progress_by_month,
)
from econdesk.analysis.arithmetic.growth import round_half_up as r

B, V, TARGET, A = D("34.04"), D("32.0"), D("8"), D("150")


def test_it_measures_the_gap_to_zero_growth():
    assert r(gap_to_zero_growth(V, B), 2) == D("2.04")


def test_it_measures_the_gap_to_a_growth_target():
    assert r(gap_to_target(V, B, TARGET), 2) == D("4.76")


def test_it_shows_no_gap_once_met():
    assert gap_to_zero_growth(D("40"), B) == 0
    assert gap_to_target(D("40"), B, TARGET) == 0
    assert gap_to_target_amount(D("170"), D("162")) == 0
    assert gap_pp(D("8.1"), D("7.0")) == 0


def test_it_measures_the_gap_to_an_amount_target():
    assert gap_to_target_amount(V, D("162")) == D("130.0")


def test_it_measures_a_growth_only_gap_in_points():
    assert gap_pp(D("4.5"), D("7.0")) == D("2.5")
    assert gap_pp(D("-1.0"), D("7.0")) == D("8.0")


def test_it_gives_no_gap_without_a_base():
    assert gap_to_zero_growth(V, None) is None
    assert gap_to_target(V, None, TARGET) is None
    assert gap_pp(None, D("7.0")) is None


def test_it_turns_a_growth_target_into_an_amount():
    assert target_amount(A, TARGET) == D("162")


def test_it_gives_the_growth_the_remaining_months_need():
    assert r(required_growth_rest(V, B, A, TARGET), 1) == D("12.1")


def test_it_gives_the_amount_needed_per_remaining_month():
    assert r(required_amount_per_month(V, A, TARGET, 3), 1) == D("14.4")


def test_it_needs_nothing_more_per_month_once_the_target_is_passed():
    assert required_amount_per_month(D("170"), A, TARGET, 9) == 0


def test_it_gives_nothing_for_the_rest_when_the_period_is_over():
    assert required_amount_per_month(V, A, TARGET, 12) is None
    assert required_growth_rest(D("160"), A, A, TARGET) is None
    assert required_growth_rest_growth_only(D("4.5"), D("7.0"), D("1")) is None


def test_it_gives_the_growth_a_growth_only_indicator_still_needs():
    assert r(required_growth_rest_growth_only(D("4.5"), D("7.0"), D("0.22")), 1) == D("7.7")


def test_it_works_inside_a_quarter_too():
    assert r(required_growth_rest_growth_only(D("5.0"), D("6.0"), D("0.62")), 1) == D("7.6")


def test_it_gives_time_progress_by_month_in_percent():
    assert r(time_progress_by_month(3), 1) == D("25.0")
    assert time_progress_by_month(6) == D("50")
    assert r(time_progress_by_month(5, period_end_month=6, period_start_month=4), 1) == D("66.7")


def test_it_gives_time_progress_by_day_in_percent():
    got = time_progress_by_day(date(2022, 3, 31), date(2022, 1, 1), date(2022, 12, 31))
    assert r(got, 1) == D("24.7")


def test_it_gives_time_progress_inside_a_month():
    got = time_progress_by_day(date(2022, 4, 15), date(2022, 4, 1), date(2022, 4, 30))
    assert got == D("50")


def test_it_clamps_time_progress_to_the_period():
    assert time_progress_by_day(date(2023, 1, 5), date(2022, 1, 1), date(2022, 12, 31)) == 100
    assert time_progress_by_month(0) == 0


def test_it_rejects_a_period_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        time_progress_by_day(date(2022, 1, 5), date(2022, 2, 1), date(2022, 1, 1))


def test_it_gives_task_progress_in_percent():
    assert r(task_progress(V, D("162")), 1) == D("19.8")
    assert task_progress(V, D("0")) is None


def test_it_gives_the_seasonal_benchmark():
    assert r(seasonal_benchmark(B, A), 1) == D("22.7")


def test_it_compares_task_progress_with_both_benchmarks():
    progress = task_progress(V, target_amount(A, TARGET))
    assert r(progress_gap(progress, seasonal_benchmark(B, A)), 1) == D("-2.9")
    assert r(progress_gap(progress, time_progress_by_month(3)), 1) == D("-5.2")


def test_it_turns_a_point_gap_into_value_added_and_output():
    assert pp_gap_to_amount(D("20"), D("2.5")) == D("0.5")
    assert pp_gap_to_amount(D("20"), D("2.5"), D("0.25")) == D("2.0")
    assert pp_gap_to_amount(D("20"), D("2.5"), D("0")) is None
