"""Peer rank (位次 / 排名, "居全市第X位") — docs/methodology.md §4.

Users say 位次 or 排名: a region's place among its peer group by the indicator's rank key,
by default the year-to-date growth as published (rounded to 0.1), highest first. Ties (并列)
share a rank and the next rank is skipped (competition ranking: rank = 1 + the number of peers
strictly better). Regions without a comparable figure ("—") and functional zones (功能区) are
listed without a rank and take no place. The total (全市) is never ranked.

Rank change (前移 / 后退 / 持平) is previous rank − current rank, so a positive number is a move up.

Units: growth in percent as published; amounts in the indicator's unit.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter
from typing import Any

from .growth import HUNDRED, ONE, ZERO, to_decimal, unit_of

__all__ = [
    "MoveUp",
    "RankedMember",
    "competition_rank",
    "rank_change",
    "ranked_count",
    "what_it_takes",
]


@dataclass(frozen=True)
class RankedMember:
    """One region's place in a ranking.

    ``rank`` is None for a region with no figure or one left out of ranks (功能区); such a
    region is never ``tied``. ``value`` is the figure as given, ``compared`` the figure the
    ranking compared (rounded to the published precision). ``tied_with`` lists the other
    regions sharing the rank, in input order. ``last`` is True for the region(s) with the
    lowest rank, when at least two regions are ranked.
    """

    key: Hashable
    rank: int | None
    tied: bool
    tied_with: tuple[Hashable, ...]
    value: Any
    compared: Decimal | None = None
    last: bool = False


def _compare_key(value: Any, decimals: int | None) -> Decimal | None:
    """The figure a ranking compares: the value rounded half up, or None when not comparable."""
    d = to_decimal(value)
    if d is None or not d.is_finite():
        return None
    if decimals is None:
        return d
    return d.quantize(unit_of(decimals), rounding=ROUND_HALF_UP)


def competition_rank(
    values: Mapping[Hashable, Any],
    ranked: Mapping[Hashable, bool] | None = None,
    descending: bool = True,
    decimals: int | None = 1,
) -> dict[Hashable, RankedMember]:
    """Rank a peer group: rank = 1 + the number of members strictly better; ties share it.

    Values are compared after rounding half up to ``decimals`` (None: as given), so 6.54 and
    6.46 are both 6.5 and tie. ``ranked`` marks members that take part; a key missing from it
    counts as ranked, ``False`` leaves it out (功能区). Members whose value is None (no
    comparable base, "—") are left out too. Negative values rank normally (−6.0 above −8.0).

    One sort, O(n log n). The result keeps the input order of ``values``.
    Sample (§4 / tests): 东城8.2 西城6.5 南湖10.1 北山6.5 临江12.3 青山3.4 白水-2.1 红岩7.7
    → 3, 5, 2, 5, 1, 7, 8, 4.
    """
    pool: list[tuple[Decimal, Hashable]] = []
    compared: dict[Hashable, Decimal | None] = {}
    for key, raw in values.items():
        cmp = _compare_key(raw, decimals)
        compared[key] = cmp
        if cmp is not None and (ranked is None or ranked.get(key, True)):
            pool.append((cmp, key))
    pool.sort(key=itemgetter(0), reverse=descending)  # stable, also when reversed

    placed: dict[Hashable, tuple[int, tuple[Hashable, ...]]] = {}
    last_rank = 0
    start = 0
    while start < len(pool):
        end = start + 1
        while end < len(pool) and pool[end][0] == pool[start][0]:
            end += 1
        run = [key for _, key in pool[start:end]]
        for key in run:
            placed[key] = (start + 1, tuple(k for k in run if k != key) if end - start > 1 else ())
        last_rank = start + 1
        start = end

    result: dict[Hashable, RankedMember] = {}
    for key, raw in values.items():
        if key in placed:
            rank, tied_with = placed[key]
            is_last = len(pool) > 1 and rank == last_rank
            result[key] = RankedMember(
                key, rank, bool(tied_with), tied_with, raw, compared[key], is_last
            )
        else:
            result[key] = RankedMember(key, None, False, (), raw, compared[key], False)
    return result


def ranked_count(members: Mapping[Hashable, RankedMember]) -> int:
    """How many members took a place: the X of "X个区县中居第N位"."""
    return sum(1 for m in members.values() if m.rank is not None)


def rank_change(rank_prev: int | None, rank_now: int | None) -> int | None:
    """Rank change = previous rank − current rank; positive means moved up (前移)."""
    if rank_prev is None or rank_now is None:
        return None
    return rank_prev - rank_now


@dataclass(frozen=True)
class MoveUp:
    """What it takes for a region to move up to ``target_rank``.

    ``growth_needed`` is the smallest growth *at the published precision* that strictly beats
    ``peer_growth`` (one unit of the last decimal more: 7.7 → 7.8); ``pp_needed`` is how far that
    is above the region's own published growth. ``target_rank`` is the rank the region would hold
    at ``growth_needed`` with everyone else unchanged, ``tied_after`` whether it would share it.
    ``amount_needed`` (value indicators only) is base·(1 + growth_needed/100) − value, not
    below 0; None without a base.
    """

    target_rank: int
    peer_key: Hashable
    peer_growth: Decimal
    growth_needed: Decimal
    pp_needed: Decimal
    amount_needed: Decimal | None
    tied_after: bool = False


def what_it_takes(
    region_key: Hashable,
    growths: Mapping[Hashable, Any],
    bases: Mapping[Hashable, Any] | None = None,
    values: Mapping[Hashable, Any] | None = None,
    ranked: Mapping[Hashable, bool] | None = None,
    decimals: int = 1,
    rank_goal: int | None = None,
    descending: bool = True,
) -> dict[str, Any]:
    """The growth (and amount) a region needs to pass the next peer, and to reach a rank goal.

    Returns ``{"rank": RankedMember, "next": MoveUp | None, "goal": MoveUp | None}``.

    * ``next`` passes the nearest peer(s) above: the region needs one unit of the last decimal
      more than their published growth. Peers tied with the region are not above it, so a tie
      is not broken by "next". None when the region is first or not ranked.
    * ``goal`` reaches ``rank_goal`` k by strictly beating the peer that holds the k-th place
      among the *other* ranked peers (the member at rank k, or, when rank k was skipped by a
      tie, the last member of that tie). Beating it strictly gives a rank ≤ k not shared with
      it; merely equalling it would give a shared rank (并列). None when the region already
      ranks k or better, when no goal is given, or when the region is not ranked.

    ``amount_needed`` uses the region's base from ``bases`` and its value from ``values``
    (or base·(1+g) when no value is given). The growth needed is the published figure (7.8),
    so the amount keeps a margin of up to half a unit over the exact threshold (7.75).
    Example (sample of §4): 西城 6.5 (rank 5) → next: beat 红岩 7.7 with 7.8, rank 4.
    """
    if rank_goal is not None and rank_goal < 1:
        raise ValueError("rank_goal must be 1 or more")
    members = competition_rank(growths, ranked=ranked, descending=descending, decimals=decimals)
    me = members.get(region_key)
    answer: dict[str, Any] = {"rank": me, "next": None, "goal": None}
    if me is None or me.rank is None or me.compared is None:
        return answer
    own = me.compared
    others = sorted(
        (
            (m.compared, m.key)
            for m in members.values()
            if m.rank is not None and m.key != region_key
        ),
        key=itemgetter(0),
        reverse=descending,
    )

    def better(a: Decimal, b: Decimal) -> bool:
        return a > b if descending else a < b

    step = unit_of(decimals) if descending else -unit_of(decimals)

    def move(peer_growth: Decimal, peer_key: Hashable) -> MoveUp:
        needed = peer_growth + step
        target_rank = 1 + sum(1 for g, _ in others if better(g, needed))
        tied_after = any(g == needed for g, _ in others)
        return MoveUp(
            target_rank=target_rank,
            peer_key=peer_key,
            peer_growth=peer_growth,
            growth_needed=needed,
            pp_needed=needed - own,
            amount_needed=_amount_needed(region_key, needed, own, bases, values),
            tied_after=tied_after,
        )

    above = [(g, k) for g, k in others if better(g, own)]
    if above:
        nearest = above[-1][0]
        peer_key = next(k for g, k in above if g == nearest)  # first of a tie, input order
        answer["next"] = move(nearest, peer_key)
    if rank_goal is not None and me.rank > rank_goal:
        answer["goal"] = move(*others[rank_goal - 1])
    return answer


def _amount_needed(
    region_key: Hashable,
    growth_needed: Decimal,
    own_growth: Decimal,
    bases: Mapping[Hashable, Any] | None,
    values: Mapping[Hashable, Any] | None,
) -> Decimal | None:
    base = to_decimal(bases.get(region_key)) if bases is not None else None
    if base is None:
        return None
    value = to_decimal(values.get(region_key)) if values is not None else None
    if value is None:
        value = base * (ONE + own_growth / HUNDRED)
    return max(ZERO, base * (ONE + growth_needed / HUNDRED) - value)
