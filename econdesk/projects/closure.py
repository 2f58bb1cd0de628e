"""Closing a gap with projects and enterprises: the arithmetic of docs/methodology.md §7 (no Django).

    FAI_hat(M) = Σ_{in-library p} Â_p(M) + Σ_{pipeline p} π_p·Â_p(M)·1[entry_p ≤ M] (+ RE_hat)

The published year-to-date value V_t already holds the in-library projects' work up to the data
month t. What can still close the gap to a target at the period's end M is therefore:

* scheduled work (计划完成): each enrolled project's work in months t+1..M — the amount recorded
  as completed where the register already has it, else the amount planned (a month up to t
  counts only what was recorded as completed: a plan nobody carried out is no work);
* pipeline potential (入库潜力): each project not yet enrolled, weighted by the probability π that
  it is enrolled in time, counting its work from the start of the year (or, under the local rule
  that forbids reporting earlier work, from its entry month) up to M, provided it can enter by M.
  A project that has not entered by now can enter next month at the earliest.

A closure plan puts the gap beside the two and says what is left: gap = scheduled + pipeline +
shortfall − surplus, exactly. Amounts are in one unit (the caller converts 万元 to 亿元);
probabilities are in percent.

Enterprises closing an output gap (升规入统, §6) bring their own base: once enrolled, a unit's
whole year-to-date figure enters both the value and the base, so against a growth target g* it
adds V_e − B_e·(1 + g*/100), which is all of V_e only for a truly new unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)

__all__ = [
    "CandidateOutput",
    "ClosureLine",
    "ClosurePlan",
    "ProjectSchedule",
    "candidate_contribution",
    "closure_plan",
    "enterprise_closure_plan",
    "monthly_work",
    "project_contribution",
    "spread_annual_plan",
]


@dataclass(frozen=True)
class ProjectSchedule:
    """One project's work in the target year, month by month, in the plan's unit.

    ``entry_month``: for an enrolled project the month of the target year from which its work
    counts (1 when it was enrolled in an earlier year); for a pipeline project the month it is
    expected to enter, None when nobody knows. ``probability`` (π, %) only matters for the
    pipeline; an enrolled project counts in full.
    """

    key: object
    name: str
    enrolled: bool
    entry_month: int | None
    completed: Mapping[int, Decimal] = field(default_factory=dict)
    planned: Mapping[int, Decimal] = field(default_factory=dict)
    probability: Decimal = HUNDRED
    note: str = ""


@dataclass(frozen=True)
class ClosureLine:
    """What one project or enterprise adds to a closure plan."""

    key: object
    name: str
    amount: Decimal  # weighted: π × work
    work: Decimal  # unweighted work counted (Â over the months counted)
    first_month: int | None
    last_month: int | None
    probability: Decimal
    entry_month: int | None
    note: str = ""


@dataclass(frozen=True)
class ClosurePlan:
    """The gap beside what scheduled work and the pipeline can add, and what is left."""

    gap: Decimal
    data_month: int
    end_month: int
    scheduled: tuple[ClosureLine, ...]
    pipeline: tuple[ClosureLine, ...]
    scheduled_total: Decimal
    pipeline_total: Decimal
    shortfall: Decimal  # still uncovered after both: max(0, gap − scheduled − pipeline)
    surplus: Decimal  # beyond the gap: max(0, scheduled + pipeline − gap)
    value_now: Decimal | None = None
    projected_value: Decimal | None = None  # V_t + scheduled + pipeline (register part of §7)
    base_end: Decimal | None = None
    projected_growth: Decimal | None = None  # % against base_end

    @property
    def covered(self) -> Decimal:
        return self.scheduled_total + self.pipeline_total

    @property
    def closed(self) -> bool:
        return self.shortfall == ZERO


def monthly_work(schedule: ProjectSchedule, month: int, data_month: int = 0) -> Decimal:
    """A month's work: what was recorded as completed, else (for a month after the data month)
    what was planned, else nothing."""
    done = schedule.completed.get(month)
    if done is not None:
        return done
    if month <= data_month:
        return ZERO
    return schedule.planned.get(month) or ZERO


def spread_annual_plan(
    annual_plan: Decimal | None,
    completed: Mapping[int, Decimal],
    planned: Mapping[int, Decimal],
    data_month: int,
) -> dict[int, Decimal]:
    """Monthly plans with the annual plan's unallocated rest spread over the open months.

    Months after the data month with neither a plan nor a completion share equally what the
    annual plan leaves once the completed months and the planned open months are taken out
    (never below zero). Explicit monthly plans always win.
    """
    result = dict(planned)
    if not annual_plan:
        return result
    open_months = [m for m in range(data_month + 1, 13) if m not in completed and m not in planned]
    if not open_months:
        return result
    taken = sum(completed.values(), ZERO) + sum(
        (v for m, v in planned.items() if m > data_month and m not in completed), ZERO
    )
    rest = max(ZERO, annual_plan - taken)
    share = rest / len(open_months)
    for m in open_months:
        result[m] = share
    return result


def _work(schedule: ProjectSchedule, first: int, last: int, data_month: int) -> Decimal:
    return sum((monthly_work(schedule, m, data_month) for m in range(first, last + 1)), ZERO)


def _check_months(data_month: int, end_month: int) -> None:
    if not 0 <= data_month <= 12 or not 1 <= end_month <= 12:
        raise ValueError(f"月份应在1-12之间：{data_month}、{end_month}")
    if end_month < data_month:
        raise ValueError(f"目标期（{end_month}月）早于数据期（{data_month}月）")


def project_contribution(
    schedule: ProjectSchedule, data_month: int, end_month: int, backfill: bool = True
) -> ClosureLine:
    """What one project adds between the data month t and the period's end M.

    ``backfill``: whether a newly enrolled project may report work done earlier in the year
    (the local rule flag of §7); without it only work from the entry month on counts.
    """
    _check_months(data_month, end_month)
    entry = schedule.entry_month
    probability = HUNDRED if schedule.enrolled else schedule.probability
    if schedule.enrolled:
        entry = max(1, entry or 1)
        already_counted = entry <= data_month
    else:
        already_counted = False
        if entry is not None:
            # Not enrolled yet, so the earliest entry is the month after the data month.
            entry = max(entry, data_month + 1)
    if entry is None or entry > end_month:
        return ClosureLine(schedule.key, schedule.name, ZERO, ZERO, None, None, probability,
                           entry, schedule.note or "无法在期末前入库")  # fmt: skip
    if already_counted:
        first = data_month + 1
    else:
        first = 1 if backfill else entry
    if first > end_month:
        return ClosureLine(schedule.key, schedule.name, ZERO, ZERO, None, None, probability,
                           entry, schedule.note)  # fmt: skip
    work = _work(schedule, first, end_month, data_month)
    amount = work * probability / HUNDRED
    return ClosureLine(schedule.key, schedule.name, amount, work, first, end_month, probability,
                       entry, schedule.note)  # fmt: skip


def _by_amount(lines: Iterable[ClosureLine]) -> tuple[ClosureLine, ...]:
    kept = [line for line in lines if line.amount != ZERO]
    return tuple(sorted(kept, key=lambda line: (-line.amount, str(line.name))))


def _plan(gap, data_month, end_month, scheduled, pipeline, value_now, base_end) -> ClosurePlan:
    if gap < ZERO:
        raise ValueError("缺口不能为负（已完成时缺口为0）")
    s_total = sum((line.amount for line in scheduled), ZERO)
    p_total = sum((line.amount for line in pipeline), ZERO)
    covered = s_total + p_total
    projected = growth = None
    if value_now is not None:
        projected = value_now + covered
        if base_end:
            growth = (projected / base_end - 1) * HUNDRED
    return ClosurePlan(
        gap=gap,
        data_month=data_month,
        end_month=end_month,
        scheduled=scheduled,
        pipeline=pipeline,
        scheduled_total=s_total,
        pipeline_total=p_total,
        shortfall=max(ZERO, gap - covered),
        surplus=max(ZERO, covered - gap),
        value_now=value_now,
        projected_value=projected,
        base_end=base_end,
        projected_growth=growth,
    )


def closure_plan(
    gap: Decimal,
    data_month: int,
    end_month: int,
    schedules: Iterable[ProjectSchedule],
    *,
    backfill: bool = True,
    value_now: Decimal | None = None,
    base_end: Decimal | None = None,
) -> ClosurePlan:
    """The closure plan of a fixed-asset-investment gap from the project register.

    ``gap`` is what the months t+1..M must still deliver (for a target: its amount minus V_t).
    With ``value_now`` (V_t) and ``base_end`` (the comparable base of M) the plan also gives the
    register's projection V_t + scheduled + pipeline and its growth.
    """
    _check_months(data_month, end_month)
    scheduled, pipeline = [], []
    for schedule in schedules:
        line = project_contribution(schedule, data_month, end_month, backfill)
        (scheduled if schedule.enrolled else pipeline).append(line)
    return _plan(gap, data_month, end_month, _by_amount(scheduled), _by_amount(pipeline),
                 value_now, base_end)  # fmt: skip


@dataclass(frozen=True)
class CandidateOutput:
    """An enterprise that could be enrolled (升规入统), with its figures in the plan's unit.

    ``value_to_date`` and ``base_to_date`` cover the first ``months_reported`` months of this
    year and the same months of last year; a new unit has no base (None or 0).
    """

    key: object
    name: str
    value_to_date: Decimal
    months_reported: int
    entry_month: int | None
    probability: Decimal = HUNDRED
    base_to_date: Decimal | None = None
    note: str = ""


def candidate_contribution(
    candidate: CandidateOutput,
    data_month: int,
    end_month: int,
    target_growth: Decimal | None = None,
) -> ClosureLine:
    """What enrolling one enterprise adds to an output gap at M, weighted by π.

    Its pace so far is carried to M (V_e = value/months × M, likewise its base); enrolled, it
    adds V_e − B_e·(1 + g*/100) against a growth target g*, V_e − B_e against zero growth. The
    result is negative when the unit grows slower than the target asks.
    """
    _check_months(data_month, end_month)
    c = candidate
    entry = None if c.entry_month is None else max(c.entry_month, data_month + 1)
    if entry is None or entry > end_month or not c.months_reported:
        return ClosureLine(c.key, c.name, ZERO, ZERO, None, None, c.probability, entry,
                           c.note or "无法在期末前入库")  # fmt: skip
    months = Decimal(c.months_reported)
    value = c.value_to_date / months * end_month
    base = (c.base_to_date or ZERO) / months * end_month
    factor = 1 + (target_growth or ZERO) / HUNDRED
    work = value - base * factor
    amount = work * c.probability / HUNDRED
    return ClosureLine(c.key, c.name, amount, work, 1, end_month, c.probability, entry, c.note)


def enterprise_closure_plan(
    gap: Decimal,
    data_month: int,
    end_month: int,
    candidates: Iterable[CandidateOutput],
    *,
    target_growth: Decimal | None = None,
) -> ClosurePlan:
    """The closure plan of an output gap from the scale-up candidates (all in the pipeline)."""
    _check_months(data_month, end_month)
    lines = [candidate_contribution(c, data_month, end_month, target_growth) for c in candidates]
    return _plan(gap, data_month, end_month, (), _by_amount(lines), None, None)
