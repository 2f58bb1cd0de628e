"""Peer rank, rank change and what it takes to move up (docs/methodology.md §4)."""

from __future__ import annotations

import random
from decimal import Decimal as D

import pytest

from econdesk.analysis.arithmetic.ranking import (
    competition_rank,
    rank_change,
    ranked_count,
    what_it_takes,
)

SAMPLE = {
    "东城": D("8.2"),
    "西城": D("6.5"),
    "南湖": D("10.1"),
    "北山": D("6.5"),
    "临江": D("12.3"),
    "青山": D("3.4"),
    "白水": D("-2.1"),
    "红岩": D("7.7"),
}


def ranks(members):
    return [m.rank for m in members.values()]


def test_it_ranks_the_sample_city():
    assert ranks(competition_rank(SAMPLE)) == [3, 5, 2, 5, 1, 7, 8, 4]


def test_it_gives_tied_regions_the_same_rank_and_skips_the_next():
    members = competition_rank(SAMPLE)
    assert members["西城"].tied and members["北山"].tied
    assert members["西城"].tied_with == ("北山",)
    assert members["北山"].tied_with == ("西城",)
    assert members["青山"].rank == 7
    assert not members["红岩"].tied and members["红岩"].tied_with == ()


def test_it_compares_the_published_rounding():
    members = competition_rank({"a": D("6.54"), "b": D("6.45"), "c": D("6.44")})
    assert ranks(members) == [1, 1, 3]
    assert members["b"].compared == D("6.5")


def test_it_ranks_negative_growth_normally():
    members = competition_rank({"a": D("-8.0"), "b": D("-6.0"), "c": D("0.0")})
    assert ranks(members) == [3, 2, 1]


def test_it_leaves_regions_without_data_or_unranked_out():
    values = dict(SAMPLE, 高新区=D("20.0"), 新区=None)
    members = competition_rank(values, ranked={"高新区": False})
    assert members["高新区"].rank is None and members["新区"].rank is None
    assert members["临江"].rank == 1
    assert ranks(members)[:8] == [3, 5, 2, 5, 1, 7, 8, 4]
    assert ranked_count(members) == 8


def test_it_marks_the_last():
    members = competition_rank(SAMPLE)
    assert members["白水"].last and not members["青山"].last
    tied_last = competition_rank({"a": D("1"), "b": D("0"), "c": D("0")})
    assert tied_last["b"].last and tied_last["c"].last
    assert not competition_rank({"a": D("1")})["a"].last


def test_it_ranks_ascending_when_lower_is_better():
    members = competition_rank({"a": D("3"), "b": D("1"), "c": D("2")}, descending=False)
    assert ranks(members) == [3, 1, 2]


def test_it_keeps_a_large_ranking_fast_and_consistent():
    rng = random.Random(7)
    values = {i: D(rng.randint(-300, 300)).scaleb(-1) for i in range(20000)}
    members = competition_rank(values)
    ordered = sorted(values.values(), reverse=True)
    for key in (0, 1, 2, 3):
        assert members[key].rank == 1 + sum(1 for v in ordered if v > values[key])


def test_it_measures_rank_change():
    assert rank_change(8, 5) == 3
    assert rank_change(5, 7) == -2
    assert rank_change(None, 5) is None


def test_it_tells_what_it_takes_to_pass_the_next_peer():
    answer = what_it_takes("西城", SAMPLE)
    step = answer["next"]
    assert (step.peer_key, step.peer_growth, step.growth_needed) == ("红岩", D("7.7"), D("7.8"))
    assert (step.target_rank, step.pp_needed, step.tied_after) == (4, D("1.3"), False)
    assert step.amount_needed is None
    assert answer["goal"] is None


def test_it_does_not_count_a_tied_peer_as_above():
    assert what_it_takes("北山", SAMPLE)["next"].peer_key == "红岩"


def test_it_tells_the_first_there_is_no_one_to_pass():
    answer = what_it_takes("临江", SAMPLE, rank_goal=1)
    assert answer["next"] is None and answer["goal"] is None


def test_it_reaches_a_rank_goal_by_strictly_beating_the_member_there():
    goal = what_it_takes("青山", SAMPLE, rank_goal=5)["goal"]
    # 西城 and 北山 share 5th at 6.5: 6.6 puts 青山 5th alone.
    assert (goal.peer_growth, goal.growth_needed, goal.target_rank) == (D("6.5"), D("6.6"), 5)
    assert goal.peer_key == "西城"


def test_it_reaches_a_rank_skipped_by_a_tie():
    # Nobody is 6th (5, 5, 7); 6th place among the others is still the 6.5 pair.
    goal = what_it_takes("青山", SAMPLE, rank_goal=6)["goal"]
    assert (goal.growth_needed, goal.target_rank) == (D("6.6"), 5)


def test_it_reports_a_tie_the_move_would_create():
    values = {"a": D("9.0"), "b": D("8.9"), "c": D("8.0"), "me": D("7.0")}
    step = what_it_takes("me", values)["next"]
    assert (step.growth_needed, step.target_rank, step.tied_after) == (D("8.1"), 3, False)
    goal = what_it_takes("me", values, rank_goal=2)["goal"]
    assert (goal.growth_needed, goal.target_rank, goal.tied_after) == (D("9.0"), 1, True)


def test_it_gives_the_amount_a_move_takes_for_value_indicators():
    step = what_it_takes("青山", SAMPLE, bases={"青山": D("50")}, values={"青山": D("51.7")})[
        "next"
    ]
    # 50 × 1.066 − 51.7 = 1.6
    assert step.amount_needed == D("1.6")


def test_it_cannot_move_a_region_without_a_rank():
    answer = what_it_takes("新区", dict(SAMPLE, 新区=None))
    assert answer["rank"].rank is None and answer["next"] is None


def test_it_refuses_a_rank_goal_below_one():
    with pytest.raises(ValueError):
        what_it_takes("青山", SAMPLE, rank_goal=0)
