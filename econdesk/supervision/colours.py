"""A task's colour (三色督办): green on time, yellow near a deadline, red overdue — with reasons.

No Django here. The rule, applied to the task's deadline (办结时限) and to each unfinished
milestone (节点), the worst colour winning:

* red — the day is past (``today`` after the deadline): "已逾期N天";
* yellow — at most ``yellow_days`` days left, the deadline day itself included: "今天到期",
  "距办结时限还有N天";
* green — more days left than that.

So with ``yellow_days`` = 3: due today or in 1–3 days → yellow; in 4 days → green; due
yesterday → red. A task whose closure was asked (``finished_on``) is judged on that day
instead: green if not after the deadline ("按期申请办结"), else red ("逾期N天办结").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

GREEN, YELLOW, RED = "green", "yellow", "red"
COLOR_LABELS = {GREEN: "绿色", YELLOW: "黄色", RED: "红色"}
_SEVERITY = {GREEN: 0, YELLOW: 1, RED: 2}


@dataclass(frozen=True)
class Colour:
    """The colour and the reasons for it, worst first."""

    color: str
    reasons: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return COLOR_LABELS[self.color]

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


@dataclass(frozen=True)
class Milestone:
    """A node of a task: its title, due day and the day it was done (None: not yet)."""

    title: str
    due: date
    done_on: date | None = None


def deadline_colour(due: date, today: date, yellow_days: int, what: str = "办结时限"):
    """(colour, reason) of one deadline on `today`."""
    days = (due - today).days
    if days < 0:
        return RED, f"{what}{due:%Y-%m-%d}，已逾期{-days}天"
    if days == 0:
        return YELLOW, f"{what}{due:%Y-%m-%d}，今天到期"
    color = YELLOW if days <= yellow_days else GREEN
    return color, f"距{what}{due:%Y-%m-%d}还有{days}天"


def task_colour(
    deadline: date,
    today: date,
    yellow_days: int,
    *,
    finished_on: date | None = None,
    milestones: Iterable[Milestone] = (),
) -> Colour:
    """The colour of a task on `today` (see the module docstring)."""
    if finished_on is not None:
        late = (finished_on - deadline).days
        if late > 0:
            return Colour(RED, (f"办结时限{deadline:%Y-%m-%d}，逾期{late}天办结",))
        return Colour(GREEN, (f"已于{finished_on:%Y-%m-%d}按期申请办结",))
    found = [deadline_colour(deadline, today, yellow_days)]
    for node in milestones:
        if node.done_on is None:
            found.append(deadline_colour(node.due, today, yellow_days, f"节点“{node.title}”"))
    worst = max((color for color, _ in found), key=_SEVERITY.__getitem__)
    fired = [reason for color, reason in found if color == worst and color != GREEN]
    if worst == GREEN:
        fired = [found[0][1]]
    return Colour(worst, tuple(fired))


def milestones_of(rows: Iterable[dict]) -> list[Milestone]:
    """Milestones from a task's stored list of {"title", "due", "done_on"} (ISO dates)."""
    nodes = []
    for row in rows or ():
        due = _day(row.get("due"))
        if due is not None:
            nodes.append(Milestone(row.get("title", ""), due, _day(row.get("done_on"))))
    return nodes


def _day(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
