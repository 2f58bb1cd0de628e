"""Ranks and status lights for every region, indicator and period at once (national scale).

The panel (econdesk.analysis.panel) answers for one region; this module answers for all of
them: every member of every peer group (the children of one parent), for each indicator and
period asked for, with the same rules — competition rank by the indicator's rank key at its
published precision, functional zones (``ranked=False``) listed without a place, the parent's
own figure as the group total (全市 / 全省 / 全国) — and the status light from
:func:`econdesk.analysis.arithmetic.status.evaluate_status`.

How it stays fast and small at millions of observations:

* the ledger is read one indicator at a time (optionally ``chunk`` periods at a time) with a
  ``values_list`` query — plain columns, never model objects — so memory holds one indicator;
  Django's value converters run once per distinct value, not once per row (:func:`read_columns`);
* ranking is :func:`~econdesk.analysis.arithmetic.ranking.rank_columns` over whole columns,
  each peer group in a period keyed by one integer (parent id · stride + period id);
* totals, previous-period ranks, counts and ties come from dicts and Counters built with
  ``map``/``compress`` over the columns, so the work per row stays in C (:func:`rank_block`);
* statuses are memoised on what can change the outcome (:class:`StatusCache`), so
  ``evaluate_status`` runs once per distinct case rather than once per row.

What it leaves out, compared with the panel: targets (gaps, progress, the red "behind target"
rule) and year-on-year rank. With no target set, a region's status here equals the panel's.
Top-level regions (no parent) are group totals only: they get no row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from functools import cached_property
from itertools import compress, count, repeat
from operator import add, and_, floordiv, itemgetter, lt, mod, mul, truth
from types import SimpleNamespace
from typing import Any, NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections

from econdesk.analysis.arithmetic.growth import round_half_up
from econdesk.analysis.arithmetic.ranking import rank_columns
from econdesk.analysis.arithmetic.status import (
    DEFAULT_RULES,
    IndicatorFacts,
    StatusRules,
    evaluate_status,
)
from econdesk.analysis.facts import previous_period
from econdesk.ledger.asof import current_observations
from econdesk.ledger.models import Indicator, Observation, Period, Region
from econdesk.ledger.periods import PeriodKey, span_label

__all__ = [
    "BulkRow",
    "IndicatorRanks",
    "RegionTree",
    "StatusCache",
    "rank_and_status_all",
    "rank_block",
    "summarise",
]

ZERO = Decimal(0)


def _total_label(kind: str) -> str:
    """How a region of this kind names itself as a group total: Region.total_label's words."""
    return Region.total_label.fget(SimpleNamespace(kind=kind))


@dataclass(frozen=True)
class RegionTree:
    """What ranking needs of the region tree: parents, who is ranked, the totals' labels."""

    parent: dict[int, int | None]
    ranked: dict[int, bool]
    total_label: dict[int, str]  # how a region names itself as a group total (全市…)

    @classmethod
    def load(cls) -> RegionTree:
        return cls.from_rows(Region.objects.values_list("id", "parent_id", "ranked", "kind"))

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, int | None, bool, str]]) -> RegionTree:
        """rows: (id, parent_id, ranked, kind)."""
        parent, ranked, label = {}, {}, {}
        for rid, pid, is_ranked, kind in rows:
            parent[rid] = pid
            # A region with no parent belongs to no peer group: never ranked, no row.
            ranked[rid] = bool(is_ranked) and pid is not None
            label[rid] = _total_label(kind)
        return cls(parent, ranked, label)

    @cached_property
    def members(self) -> frozenset[int]:
        """Regions in a peer group (they have a parent)."""
        return frozenset(r for r, p in self.parent.items() if p is not None)

    @cached_property
    def parents(self) -> frozenset[int]:
        """Regions whose own figure is some group's total."""
        return frozenset(p for p in self.parent.values() if p is not None)

    @cached_property
    def unranked(self) -> frozenset[int]:
        """Members listed without a place (功能区)."""
        return frozenset(r for r in self.members if not self.ranked[r])

    @cached_property
    def group_label(self) -> dict[int, str]:
        """For each member, how its group's total is named (全市 / 全省 / 全国)."""
        return {r: self.total_label.get(self.parent[r], _total_label("")) for r in self.members}


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator's ranking conventions and calendar, detached from the ORM."""

    Frequency = Indicator.Frequency  # not a field: what Indicator.has_period reads on self

    id: int
    by_value: bool
    decimals: int
    frequency: str
    first_month: int
    unit: str

    @classmethod
    def of(cls, indicator: Indicator) -> IndicatorSpec:
        by_value = indicator.rank_key == Indicator.RankKey.VALUE
        return cls(
            id=indicator.pk,
            by_value=by_value,
            decimals=indicator.decimals if by_value else indicator.growth_decimals,
            frequency=indicator.frequency,
            first_month=indicator.first_month,
            unit=indicator.unit,
        )

    def has_period(self, month: int) -> bool:
        """Indicator.has_period, the same code."""
        return Indicator.has_period(self, month)

    def previous(self, key: PeriodKey) -> PeriodKey | None:
        """The period before ``key`` in this calendar, within the year: the panel's own rule."""
        return previous_period(self, key)


class BulkRow(NamedTuple):
    region_id: int
    indicator_id: int
    period_id: int
    growth: Decimal | None
    total_growth: Decimal | None
    rank: int | None
    rank_of: int
    tied: bool
    rank_prev: int | None
    rank_change: int | None
    color: str
    reasons: tuple[str, ...]


@dataclass
class IndicatorRanks:
    """One indicator's results (one chunk of periods), as columns aligned row by row.

    One row per current actual observation of a region that has a parent, in a period the
    indicator publishes and that was asked for; rows come in no particular order.
    ``rank_of`` counts the ranked members of the row's group, ``rank_change`` is previous rank −
    rank (positive: moved up), ``reasons`` are shared tuples: do not build on their identity.
    """

    indicator_id: int
    region_ids: list[int]
    period_ids: list[int]
    growths: list[Any]
    total_growths: list[Any]
    ranks: list[int | None]
    rank_of: list[int]
    tied: list[bool]
    rank_prev: list[int | None]
    colors: list[str] = field(default_factory=list)
    reasons: list[tuple[str, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.region_ids)

    @property
    def rank_change(self) -> list[int | None]:
        return [
            None if p is None or r is None else p - r
            for p, r in zip(self.rank_prev, self.ranks, strict=True)
        ]

    def rows(self) -> Iterator[BulkRow]:
        n = len(self.region_ids)
        colors = self.colors or [""] * n
        reasons = self.reasons or [()] * n
        for i, change in enumerate(self.rank_change):
            yield BulkRow(
                self.region_ids[i], self.indicator_id, self.period_ids[i], self.growths[i],
                self.total_growths[i], self.ranks[i], self.rank_of[i], self.tied[i],
                self.rank_prev[i], change, colors[i], reasons[i],
            )  # fmt: skip


class _Memo(dict):
    """A dict that fills a missing key from ``fn(key)``: lookups stay in C via ``map``."""

    __slots__ = ("fn",)

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, key):
        value = self[key] = self.fn(key)
        return value


class StatusCache:
    """``evaluate_status`` memoised on the facts that decide its outcome.

    Without targets, ``evaluate_status`` reads growth only as "is there one", its sign (同比下降)
    and its gap to the total when that gap fires a rule; the ranks only when a rank rule fires;
    the rank change only when it fires. Each part is first reduced to what can change the
    outcome — anything that cannot fire becomes one quiet representative, itself valid facts —
    and the light is computed once per distinct combination of the reduced parts. National-scale
    data with hundreds of distinct growths then needs evaluate_status for a few per cent of its
    rows. tests/analysis/test_bulk.py checks the reduction against direct calls over a grid of
    facts and rule sets; a new rule in status.py must be reflected in the reductions below.
    """

    def __init__(self, rules: StatusRules = DEFAULT_RULES):
        self.rules = rules
        thresholds = [
            t for t in (rules.yellow_below_total_pp, rules.red_below_total_pp) if t is not None
        ]
        # A gap to the total that fires no rule, at the rules' precision (rounded down, so it
        # stays at or under every threshold).
        self._quiet_below = (
            min(thresholds).quantize(Decimal(1).scaleb(-rules.decimals), rounding=ROUND_FLOOR)
            if thresholds
            else ZERO
        )
        self.growth_part = _Memo(self._growth_part)  # (growth, total) → (g, t)
        self.rank_part = _Memo(self._rank_part)  # (rank, rank_of, lowest, tied) → reduced
        self.change_part = _Memo(self._change_part)  # (rank before, rank, label) → reduced
        self.light = _Memo(self._evaluate)  # (growth, rank, change parts, unit, label) → light
        self.calls = 0

    def _growth_part(self, key: tuple) -> tuple:
        rules = self.rules
        g = round_half_up(key[0], rules.decimals)
        if g is None:
            return None, None  # the total is read only beside a growth
        g_key = g if (g < 0 and rules.yellow_when_declining) else ZERO
        t = round_half_up(key[1], rules.decimals)
        if t is None:
            return g_key, None
        below = t - g
        red, yellow = rules.red_below_total_pp, rules.yellow_below_total_pp
        fires = (red is not None and below > red) or (yellow is not None and below > yellow)
        return g_key, g_key + (below if fires else self._quiet_below)

    def _rank_part(self, key: tuple) -> tuple:
        rank, rank_of, lowest, tied = key
        rules = self.rules
        if rank is not None and rank_of is not None and rank_of >= 2:
            low = lowest if lowest is not None else rank_of
            bottom = rules.bottom_part
            if (rules.red_when_last and rank >= low and rank > 1) or (
                bottom is not None and rank * bottom > rank_of * (bottom - 1)
            ):
                return key
        return (None if rank is None else 1), None, None, False

    def _change_part(self, key: tuple) -> tuple:
        rank_prev, rank, label = key
        fell_by = self.rules.yellow_rank_fell_by
        if rank_prev is None or rank is None or fell_by is None or rank - rank_prev < fell_by:
            return None, ""
        return rank_prev - rank, label

    def _evaluate(self, key: tuple) -> tuple[str, tuple[str, ...]]:
        (g, t), (rank, rank_of, lowest, tied), (change, prev_label), unit, total_label = key
        self.calls += 1
        facts = IndicatorFacts(
            growth=g, total_growth=t, rank=rank, rank_of=rank_of, lowest_rank=lowest, tied=tied,
            rank_change_prev=change, unit=unit, total_label=total_label, prev_label=prev_label,
        )  # fmt: skip
        s = evaluate_status(facts, self.rules)
        return s.color, tuple(s.reasons)

    def status(
        self,
        growth: Decimal | None,
        total: Decimal | None,
        rank: int | None,
        rank_of: int | None,
        lowest: int | None,
        tied: bool,
        change: int | None,
        unit: str,
        total_label: str,
        prev_label: str,
    ) -> tuple[str, tuple[str, ...]]:
        """The colour and reasons of one row (as ``evaluate_status`` without targets)."""
        return self.light[
            (
                self.growth_part[(growth, total)],
                self.rank_part[(rank, rank_of, lowest, tied)],
                # (previous rank, rank) standing for the change: only their difference counts
                self.change_part[(change, None if change is None else 0, prev_label)],
                unit,
                total_label,
            )
        ]

    def column(
        self, growths, totals, ranks, rank_of, lowest, tied, ranks_prev, prev_labels, labels, unit
    ):
        """``status`` over aligned columns (iterables) and one unit: (colours, reasons) lists.

        Takes the previous ranks rather than the changes, so that no column needs Python code
        per row; the change is worked out once per distinct (previous rank, rank).
        """
        parts = zip(
            map(self.growth_part.__getitem__, zip(growths, totals, strict=True)),
            map(self.rank_part.__getitem__, zip(ranks, rank_of, lowest, tied, strict=True)),
            map(
                self.change_part.__getitem__,
                zip(ranks_prev, ranks, prev_labels, strict=True),
            ),
            repeat(unit),
            labels,
            strict=False,  # repeat(unit) never ends; the other columns end together
        )
        lights = list(map(self.light.__getitem__, parts))
        return list(map(itemgetter(0), lights)), list(map(itemgetter(1), lights))


_NO_PERIOD = -(1 << 62)  # added to a region's key when there is no previous period: no match
_NONE_AS_ZERO = {None: 0}  # .get(rank, rank): a rank, or 0 for "no rank", without Python code
_RANK_SPAN = 1 << 20  # more places than any peer group has


def rank_block(
    spec: IndicatorSpec,
    columns: Sequence[Sequence[Any]],
    tree: RegionTree,
    periods: dict[int, PeriodKey],
    emit: set[int] | None = None,
    statuses: StatusCache | None = None,
) -> IndicatorRanks:
    """Rank and judge one indicator's figures, given as columns; no database here.

    ``columns`` are region ids, period ids, growths — and values when the indicator ranks by
    value — for every region with a figure, group totals included, in the periods to rank and
    their previous periods. ``periods`` maps period id → key; ``emit`` the period ids to return
    rows for (None: every period the indicator publishes). ``statuses`` None skips the lights.

    Each step is a whole-column ``map``/``compress``/``zip`` over dicts and ints, so the work
    per row stays in C; Python code runs per distinct value, group or status case.
    """
    region_ids, period_ids, growths = columns[0], columns[1], columns[2]
    if not region_ids:
        return IndicatorRanks(spec.id, [], [], [], [], [], [], [], [])
    stride = max(periods) + 1
    own_base = _Memo(lambda r: r * stride)  # region r in period p ↔ r·stride + p
    group_base = {r: tree.parent[r] * stride for r in tree.members}
    own_keys = list(map(add, map(own_base.__getitem__, region_ids), period_ids))

    # The group total is the parent's own growth, found under the members' group key.
    total_of = dict(
        compress(zip(own_keys, growths, strict=True), map(tree.parents.__contains__, region_ids))
    )

    # Members only from here on: a region without a parent has no place and no row.
    is_member = list(map(tree.members.__contains__, region_ids))
    figures = columns[3] if spec.by_value else growths
    if not all(is_member):
        region_ids, period_ids, growths, figures, own_keys = (
            list(compress(column, is_member))
            for column in (region_ids, period_ids, growths, figures, own_keys)
        )
    del is_member
    group_keys = list(map(add, map(group_base.__getitem__, region_ids), period_ids))
    figures = list(figures)
    for i in compress(count(), map(tree.unranked.__contains__, region_ids)):
        figures[i] = None  # a functional zone is listed but takes no place
    ranks = rank_columns(group_keys, figures, decimals=spec.decimals)
    del figures
    rank_of = Counter(compress(group_keys, ranks))  # the X of 第N位/X, per group
    rank_by = dict(zip(own_keys, ranks, strict=True))  # for the previous period's rank
    del own_keys

    wanted = {p for p, k in periods.items() if spec.has_period(k.month)}
    if emit is not None:
        wanted &= set(emit)
    keep = list(map(wanted.__contains__, period_ids))
    if not all(keep):  # a group is one period, so a group is kept whole or not at all
        region_ids, period_ids, growths, group_keys, ranks = (
            list(compress(column, keep))
            for column in (region_ids, period_ids, growths, group_keys, ranks)
        )
    del keep
    totals = list(map(total_of.get, group_keys))
    del total_of
    out_rank_of = list(map(rank_of.get, group_keys, repeat(0)))
    # Ties (并列): more than one member of the group holds the same rank.
    places = list(map(_NONE_AS_ZERO.get, ranks, ranks))
    place_keys = list(map(add, map(mul, group_keys, repeat(_RANK_SPAN)), places))
    holders = Counter(place_keys)
    tied = list(
        map(and_, map(truth, places), map(lt, repeat(1), map(holders.__getitem__, place_keys)))
    )
    prev_of = {p: _NO_PERIOD if q is None else q for p, q in _previous_ids(spec, periods).items()}
    rank_prev = list(
        map(
            rank_by.get,
            map(add, map(own_base.__getitem__, region_ids), map(prev_of.__getitem__, period_ids)),
        )
    )
    del rank_by
    result = IndicatorRanks(
        spec.id, region_ids, period_ids, growths, totals, ranks, out_rank_of, tied, rank_prev
    )
    if statuses is None:
        return result

    # The lowest rank of each group (末位): over sorted (group, place) keys the last one wins.
    ordered = sorted(holders)
    lowest = dict(
        zip(
            map(floordiv, ordered, repeat(_RANK_SPAN)),
            map(mod, ordered, repeat(_RANK_SPAN)),
            strict=False,  # the two maps end together, with ordered
        )
    )
    del holders, place_keys, places, ordered
    # Named by the calendar, as the panel does, even when the ledger lacks that period.
    prev_label = {}
    for p in set(period_ids):
        prev_key = spec.previous(periods[p])
        prev_label[p] = span_label(prev_key.month) if prev_key else "上期"
    result.colors, result.reasons = statuses.column(
        growths, totals, ranks, out_rank_of, map(lowest.get, group_keys), tied, rank_prev,
        map(prev_label.__getitem__, period_ids), map(tree.group_label.__getitem__, region_ids),
        spec.unit,
    )  # fmt: skip
    return result


def read_columns(qs, width: int) -> list[list[Any]]:
    """A ``values_list`` query's result as ``width`` columns, converted as Django would.

    The rows come straight from the cursor; Django's converters (SQLite stores decimals as
    floats and Django turns each into a Decimal) run once per distinct value of a column
    instead of once per row, which is most of the cost of reading millions of figures.
    """
    compiler = qs.query.get_compiler(using=qs.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return [[] for _ in range(width)]
    converters = compiler.get_converters([col for col, _alias, _ in compiler.select])
    connection = connections[qs.db]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    columns = [list(map(itemgetter(i), rows)) for i in range(width)]
    del rows
    for i, (functions, expression) in converters.items():

        def convert(value, functions=functions, expression=expression):
            for function in functions:
                value = function(value, expression, connection)
            return value

        columns[i] = list(map(_Memo(convert).__getitem__, columns[i]))
    return columns


def _previous_ids(spec: IndicatorSpec, periods: dict[int, PeriodKey]) -> dict[int, int | None]:
    by_key = {k: p for p, k in periods.items()}
    out = {}
    for p, k in periods.items():
        prev = spec.previous(k)
        out[p] = by_key.get(prev) if prev else None
    return out


def _period_ids(periods: Iterable[PeriodKey | Period], known: dict[int, PeriodKey]) -> set[int]:
    by_key = {k: p for p, k in known.items()}
    ids = set()
    for item in periods:
        key = item.key if isinstance(item, Period) else item
        if key in by_key:
            ids.add(by_key[key])
    return ids


def rank_and_status_all(
    indicator_ids: Iterable[int] | None = None,
    periods: Iterable[PeriodKey | Period] | None = None,
    chunk: int | None = None,
    rules: StatusRules | None = DEFAULT_RULES,
    observations=None,
) -> Iterator[IndicatorRanks]:
    """Ranks and status lights of every region in every peer group, indicator by indicator.

    ``indicator_ids`` None means every active indicator; ``periods`` None every period in the
    ledger. ``chunk`` reads at most that many periods per query (None: one query per
    indicator). ``rules`` None skips the status lights (ranks only). ``observations``: the
    versions to read, as for ``load_panel_facts`` (default: the current ones, or as of the
    moment of ``econdesk.ledger.asof.reading_as_of``). Yields one :class:`IndicatorRanks` per
    indicator and chunk; memory holds one chunk's rows at a time. Use :func:`summarise` for
    counts, or ``IndicatorRanks.rows()`` for rows.
    """
    tree = RegionTree.load()
    indicators = Indicator.objects.order_by("sort_order", "id")
    if indicator_ids is None:
        indicators = indicators.filter(is_active=True)
    else:
        indicators = indicators.filter(pk__in=list(indicator_ids))
    known = {
        pid: PeriodKey(y, m) for pid, y, m in Period.objects.values_list("id", "year", "month")
    }
    if not known:
        return
    asked = None if periods is None else _period_ids(periods, known)
    statuses = StatusCache(rules) if rules is not None else None
    if observations is None:
        observations = current_observations()
    actual = observations.filter(kind=Observation.Kind.ACTUAL)

    for indicator in indicators:
        spec = IndicatorSpec.of(indicator)
        emit = sorted(
            (p for p, k in known.items() if spec.has_period(k.month)),
            key=known.__getitem__,
        )
        if asked is not None:
            emit = [p for p in emit if p in asked]
        prev_id = _previous_ids(spec, known)
        step = chunk or len(emit) or 1
        fields = ["region_id", "period_id", "growth"] + (["value"] if spec.by_value else [])
        for start in range(0, len(emit), step):
            part = emit[start : start + step]
            read = set(part) | {prev_id[p] for p in part if prev_id[p] is not None}
            qs = actual.filter(indicator_id=spec.id)
            if len(read) < len(known):
                qs = qs.filter(period_id__in=sorted(read))
            columns = read_columns(qs.values_list(*fields).order_by(), len(fields))
            yield rank_block(spec, columns, tree, known, set(part), statuses)


def summarise(chunks: Iterable[IndicatorRanks]) -> dict[str, Any]:
    """Consume the results and count them: rows, ranked rows, lights by colour."""
    rows = ranked = 0
    colors: Counter[str] = Counter()
    indicators = set()
    for chunk in chunks:
        indicators.add(chunk.indicator_id)
        rows += len(chunk)
        ranked += sum(1 for r in chunk.ranks if r is not None)
        colors.update(chunk.colors)
    return {"rows": rows, "ranked": ranked, "indicators": len(indicators), "colors": dict(colors)}
