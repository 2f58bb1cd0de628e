"""The three colours at their boundaries: due today, within N days, N+1 days, yesterday."""

from datetime import date, timedelta

import pytest

from econdesk.supervision.colours import Milestone, milestones_of, task_colour

TODAY = date(2026, 11, 27)
N = 3


def colour(deadline, **kw):
    return task_colour(deadline, TODAY, N, **kw)


def test_it_makes_a_task_due_today_yellow():
    found = colour(TODAY)
    assert found.color == "yellow"
    assert found.reasons == ("办结时限2026-11-27，今天到期",)


@pytest.mark.parametrize("days", [1, 2, N])
def test_it_makes_a_task_due_within_n_days_yellow(days):
    found = colour(TODAY + timedelta(days=days))
    assert found.color == "yellow"
    assert found.reasons[0].endswith(f"还有{days}天")


def test_it_keeps_a_task_due_in_n_plus_one_days_green():
    found = colour(TODAY + timedelta(days=N + 1))
    assert found.color == "green"
    assert found.reasons == ("距办结时限2026-12-01还有4天",)


def test_it_makes_a_task_due_yesterday_red():
    found = colour(TODAY - timedelta(days=1))
    assert found.color == "red"
    assert found.reasons == ("办结时限2026-11-26，已逾期1天",)


def test_it_follows_the_configured_number_of_days():
    assert task_colour(TODAY + timedelta(days=5), TODAY, 5).color == "yellow"
    assert task_colour(TODAY + timedelta(days=5), TODAY, 4).color == "green"
    assert task_colour(TODAY, TODAY, 0).color == "yellow"


def test_it_judges_a_task_asked_to_close_on_the_day_it_was_asked():
    deadline = TODAY - timedelta(days=10)
    on_time = colour(deadline, finished_on=deadline)
    late = colour(deadline, finished_on=deadline + timedelta(days=2))
    assert (on_time.color, late.color) == ("green", "red")
    assert late.reasons == ("办结时限2026-11-17，逾期2天办结",)


def test_it_takes_the_worst_of_deadline_and_open_milestones():
    nodes = [
        Milestone("走访企业", TODAY - timedelta(days=2)),
        Milestone("完成调研", TODAY - timedelta(days=9), done_on=TODAY - timedelta(days=9)),
    ]
    found = colour(TODAY + timedelta(days=30), milestones=nodes)
    assert found.color == "red"
    assert found.reasons == ("节点“走访企业”2026-11-25，已逾期2天",)


def test_it_reads_stored_milestones():
    rows = [{"title": "甲", "due": "2026-12-01", "done_on": None}, {"title": "乙", "due": ""}]
    assert milestones_of(rows) == [Milestone("甲", date(2026, 12, 1))]
