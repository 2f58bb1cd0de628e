"""How a page lays out the panel's rows: which come first, under which heading, for whom.

Picking and grouping rows only; every figure is the panel's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from econdesk.analysis.panel import judged_target
from econdesk.ledger.periods import PeriodKey

Q1_HEADING = "一季度“开门红”目标"
STATUS_ORDER = ("red", "yellow", "green")
STATUS_WORDS = {"red": "红", "yellow": "黄", "green": "绿"}


@dataclass
class Section:
    heading: str
    rows: list[dict]
    note: str = ""


@dataclass
class ReportItem:
    """One indicator in a leader's report: the panel row, the targets the report quotes (the
    level the status is judged against), and what the lead department wrote."""

    row: dict
    targets: list[dict]
    notes: list[dict] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.row["code"]

    @property
    def troubled(self) -> bool:
        return self.row["status"]["color"] != "green"

    @property
    def problem_notes(self) -> list[dict]:
        return [n for n in self.notes if n["problems"]]

    @property
    def plan_notes(self) -> list[dict]:
        return [n for n in self.notes if n["plans"]]


@dataclass
class LeaderReport:
    """One leader's part of the meeting: 目标完成情况、存在问题及下阶段工作打算."""

    leader: object
    items: list[ReportItem] = field(default_factory=list)

    @property
    def problems(self) -> list[ReportItem]:
        """Indicators with a red or yellow light, or with problems a department wrote."""
        return [i for i in self.items if i.troubled or i.problem_notes]

    @property
    def has_notes(self) -> bool:
        return any(i.notes for i in self.items)


def has_q1_target(row: dict, key: PeriodKey) -> bool:
    q1 = PeriodKey(key.year, 3).code
    return any(t["period"] == q1 for t in row["targets"])


def overview_sections(panel: dict, key: PeriodKey) -> list[Section]:
    """In the first quarter the 开门红 indicators (those with a Q1 target) lead the page."""
    rows = panel["indicators"]
    if key.month > 3:
        return [Section("全部指标", rows)] if rows else []
    first = [r for r in rows if has_q1_target(r, key)]
    rest = [r for r in rows if not has_q1_target(r, key)]
    sections = []
    if first:
        sections.append(Section(Q1_HEADING, first, "设有一季度目标的指标"))
    if rest:
        sections.append(Section("其他指标" if first else "全部指标", rest))
    return sections


def status_counts(rows: list[dict]) -> list[tuple[str, str, int]]:
    """(colour, word, how many) for the summary line: 红3 黄5 绿10."""
    return [
        (color, STATUS_WORDS[color], sum(1 for r in rows if r["status"]["color"] == color))
        for color in STATUS_ORDER
    ]


def pick_row(panel: dict, code: str) -> dict | None:
    return next((r for r in panel["indicators"] if r["code"] == code), None)


def quoted_targets(row: dict, period_code: str) -> list[dict]:
    """The targets a report quotes: every period's target at the level the status is judged
    against (市下达 first), so a sentence names one level, not three."""
    judged = judged_target(row, period_code)
    if judged is None:
        return []
    return [t for t in row["targets"] if t["level"] == judged["level"]]


def leader_reports(
    panel: dict, leaders: list, owned: dict[str, int], first=None
) -> list[LeaderReport]:
    """Each leader with the indicators they answer for, in panel order; the signed-in
    leader's own report (`first`) comes first."""
    reports = {leader.pk: LeaderReport(leader) for leader in leaders}
    for row in panel["indicators"]:
        report = reports.get(owned.get(row["code"]))
        if report is not None:
            report.items.append(ReportItem(row, quoted_targets(row, panel["period"])))
    ordered = [report for report in reports.values() if report.items]
    if first is not None:
        ordered.sort(key=lambda report: report.leader.pk != first.pk)
    return ordered


def only_leader(reports: list[LeaderReport], leader_id: str | None) -> list[LeaderReport]:
    """?leader=ID keeps one leader's report (to print it alone); unknown ids keep them all."""
    chosen = [r for r in reports if str(r.leader.pk) == str(leader_id or "")]
    return chosen or reports
