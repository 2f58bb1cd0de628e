"""The arithmetic of the assessment (考核): points per department, each with its rule and figure.

No Django here: the caller hands in what the panel and the task list say, and gets back one
table with every line that makes up every total. The rules (all configurable, ScoringRules):

* **位次分** — an indicator's rank among its peers earns the lead department the points of the
  first rank band it falls in (``rank_bands``, e.g. 1–3名 5分, 4–6名 3分 after docs/formats.md §5.D2
  D2). If no top band applies, ``bottom_bands`` count from the bottom (1 = last; e.g. 最后1名
  −5, 倒数第2名 −4 after D3). With ``tie_cancels`` a tied rank earns nothing (D3).
* **目标完成分** — completion rate × weight, capped at ``completion_cap`` (D1's 完成率 × 分值).
  The rate of a growth target is growth ÷ target growth (at least 0; a target of 0 or below is
  met or not: 1 or 0); of an amount target it is value ÷ (target × elapsed share), the share of
  the target period elapsed (1 at the target's own period), so that 1-10月 is judged against
  10/12 of the year's amount.
* **办结分** — each task whose deadline falls in the year: closed with its closure asked on or
  before the deadline → ``on_time_points`` (佳木斯: +1); asked after the deadline, or still not
  asked once the deadline has passed → ``overdue_points`` (−1). Tasks not yet due, or asked in
  time but not yet approved, count nothing yet.

Points are rounded half up to 2 decimals on each line; a total is the sum of its lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from econdesk import phrases

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")

RANK, BOTTOM, TIE, COMPLETION, ON_TIME, OVERDUE = (
    "rank",
    "bottom",
    "tie",
    "completion",
    "on_time",
    "overdue",
)
RULE_LABELS = {
    RANK: "位次计分",
    BOTTOM: "位次靠后扣分",
    TIE: "并列不计位次分",
    COMPLETION: "目标完成计分",
    ON_TIME: "督办事项按期办结",
    OVERDUE: "督办事项逾期",
}


@dataclass(frozen=True)
class Band:
    """Ranks ``first``–``last`` (inclusive) earn ``points``."""

    first: int
    last: int
    points: Decimal

    def covers(self, position: int) -> bool:
        return self.first <= position <= self.last


@dataclass(frozen=True)
class ScoringRules:
    """A year's scheme; see the module docstring. Points may be negative (deductions)."""

    rank_bands: tuple[Band, ...] = (
        Band(1, 3, Decimal(5)),
        Band(4, 6, Decimal(3)),
        Band(7, 10, Decimal(1)),
    )
    bottom_bands: tuple[Band, ...] = ()
    tie_cancels: bool = False
    completion_weight: Decimal = Decimal(10)
    completion_cap: Decimal | None = Decimal(12)
    on_time_points: Decimal = Decimal(1)
    overdue_points: Decimal = Decimal(-1)
    indicator_weights: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorResult:
    """Where one indicator stands at the assessed period, and who leads it."""

    code: str
    name: str
    department_id: int
    department: str
    rank: int | None = None
    rank_of: int | None = None
    tied: bool = False
    growth: Decimal | None = None
    target_growth: Decimal | None = None
    value: Decimal | None = None
    target_value: Decimal | None = None
    elapsed_share: Decimal = ONE
    unit: str = ""
    total_label: str = "全市"
    target_label: str = "目标"


@dataclass(frozen=True)
class TaskResult:
    """One supervised task as the score sees it."""

    number: str
    title: str
    department_id: int
    department: str
    deadline: date
    finished_on: date | None = None
    closed: bool = False


@dataclass(frozen=True)
class ScoreLine:
    """One point of a score: the rule, what it was applied to, the figure it used, the points."""

    department_id: int
    rule: str
    subject: str
    figure: str
    points: Decimal

    @property
    def rule_label(self) -> str:
        return RULE_LABELS[self.rule]


@dataclass
class DepartmentScore:
    """A department's total, its rank among the departments scored, and every line."""

    department_id: int
    department: str
    lines: list[ScoreLine] = field(default_factory=list)
    rank: int | None = None

    @property
    def total(self) -> Decimal:
        return sum((line.points for line in self.lines), ZERO)

    def subtotal(self, *rules: str) -> Decimal:
        return sum((line.points for line in self.lines if line.rule in rules), ZERO)


def money(x: Decimal) -> Decimal:
    """Points rounded half up to 2 decimals."""
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def _text(x: Decimal, places: int = 1) -> str:
    q = Decimal(x).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(abs(q) if q == 0 else q, "f")


def band_points(position: int, bands: Iterable[Band]) -> Decimal | None:
    """The points of the first band covering `position`, or None."""
    for band in bands:
        if band.covers(position):
            return band.points
    return None


def rank_line(ind: IndicatorResult, rules: ScoringRules) -> ScoreLine | None:
    """位次分 of one indicator: a top band, else a bottom band; None when neither applies."""
    if ind.rank is None:
        return None
    where = phrases.rank(ind.rank, ind.tied, ind.total_label)
    where += f"（共{ind.rank_of}位）" if ind.rank_of else ""
    if ind.tied and rules.tie_cancels:
        return ScoreLine(ind.department_id, TIE, ind.name, where, ZERO)
    points = band_points(ind.rank, rules.rank_bands)
    if points is not None:
        return ScoreLine(ind.department_id, RANK, ind.name, where, money(points))
    if ind.rank_of:
        from_bottom = ind.rank_of - ind.rank + 1
        points = band_points(from_bottom, rules.bottom_bands)
        if points is not None:
            figure = f"{where}，倒数第{from_bottom}位"
            return ScoreLine(ind.department_id, BOTTOM, ind.name, figure, money(points))
    return None


def completion_rate(ind: IndicatorResult) -> tuple[Decimal, str] | None:
    """The completion rate (a fraction) and how it was worked out, or None without a target."""
    if ind.target_growth is not None and ind.growth is not None:
        g, target = Decimal(ind.growth), Decimal(ind.target_growth)
        if target <= 0:
            met = g >= target
            return (ONE if met else ZERO), (
                f"增速{_text(g)}%，{ind.target_label}{_text(target)}%，{'已' if met else '未'}完成"
            )
        rate = max(ZERO, g / target)
        return rate, f"增速{_text(g)}% ÷ {ind.target_label}{_text(target)}% = {_text(rate * 100)}%"
    if ind.target_value and ind.value is not None:
        share = Decimal(ind.elapsed_share)
        due = Decimal(ind.target_value) * share
        if due <= 0:
            return None
        rate = max(ZERO, Decimal(ind.value) / due)
        target = f"{ind.target_label}{_text(ind.target_value, 2)}{ind.unit}"
        if share != ONE:
            target = f"（{target} × 序时进度{_text(share * 100)}%）"
        figure = f"累计{_text(ind.value, 2)}{ind.unit} ÷ {target} = {_text(rate * 100)}%"
        return rate, figure
    return None


def completion_line(ind: IndicatorResult, rules: ScoringRules) -> ScoreLine | None:
    """目标完成分 of one indicator: min(cap, rate × weight)."""
    found = completion_rate(ind)
    if found is None:
        return None
    rate, figure = found
    weight = Decimal(rules.indicator_weights.get(ind.code, rules.completion_weight))
    points = rate * weight
    figure += f"，× {_text(weight, 2)}分"
    if rules.completion_cap is not None and points > rules.completion_cap:
        points = Decimal(rules.completion_cap)
        figure += f"，封顶{_text(points, 2)}分"
    return ScoreLine(ind.department_id, COMPLETION, ind.name, figure, money(points))


def task_outcome(task: TaskResult, as_of: date) -> str | None:
    """ON_TIME, OVERDUE or None (not due yet, or asked in time and awaiting approval)."""
    if task.finished_on is not None and task.finished_on > task.deadline:
        return OVERDUE
    if task.finished_on is None:
        return OVERDUE if as_of > task.deadline else None
    return ON_TIME if task.closed else None


def task_line(task: TaskResult, rules: ScoringRules, as_of: date) -> ScoreLine | None:
    outcome = task_outcome(task, as_of)
    if outcome is None:
        return None
    subject = f"{task.number} {task.title}"
    if outcome == ON_TIME:
        figure = f"时限{task.deadline:%Y-%m-%d}，{task.finished_on:%Y-%m-%d}申请办结，已销号"
        return ScoreLine(task.department_id, ON_TIME, subject, figure, money(rules.on_time_points))
    if task.finished_on is not None:
        days = (task.finished_on - task.deadline).days
        figure = f"时限{task.deadline:%Y-%m-%d}，{task.finished_on:%Y-%m-%d}申请办结，逾期{days}天"
    else:
        days = (as_of - task.deadline).days
        figure = f"时限{task.deadline:%Y-%m-%d}，截至{as_of:%Y-%m-%d}未办结，逾期{days}天"
    return ScoreLine(task.department_id, OVERDUE, subject, figure, money(rules.overdue_points))


def score_departments(
    indicators: Iterable[IndicatorResult],
    tasks: Iterable[TaskResult],
    rules: ScoringRules,
    as_of: date,
    departments: Mapping[int, str] | None = None,
) -> list[DepartmentScore]:
    """The score table: every department with a line (and those in `departments`), best first.

    Ranks are competition ranks (1, 2, 2, 4) on the total.
    """
    table: dict[int, DepartmentScore] = {
        pk: DepartmentScore(pk, name) for pk, name in (departments or {}).items()
    }

    def add(line: ScoreLine | None, name: str) -> None:
        if line is not None:
            table.setdefault(line.department_id, DepartmentScore(line.department_id, name))
            table[line.department_id].lines.append(line)

    for ind in indicators:
        table.setdefault(ind.department_id, DepartmentScore(ind.department_id, ind.department))
        add(rank_line(ind, rules), ind.department)
        add(completion_line(ind, rules), ind.department)
    for task in tasks:
        table.setdefault(task.department_id, DepartmentScore(task.department_id, task.department))
        add(task_line(task, rules, as_of), task.department)
    ordered = sorted(table.values(), key=lambda s: (-s.total, s.department))
    for index, score in enumerate(ordered):
        previous = ordered[index - 1] if index else None
        score.rank = previous.rank if previous and previous.total == score.total else index + 1
    return ordered
