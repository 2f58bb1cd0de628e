"""Closure plans for a region: the panel's gaps beside what the registers can add (§6, §7).

The gaps come from the indicator panel (econdesk.analysis.panel) and are never recomputed here;
the registers supply the schedules and candidates; econdesk.projects.closure does the sums.

* fixed-asset investment (``fai``): what the months after the data month must still deliver to
  reach a target (or zero growth), beside the enrolled projects' scheduled work and the
  pipeline's potential; the rest must come from investment outside the register (smaller
  projects, real estate) or from new projects. The panel's seasonal projection of the shortfall
  is shown alongside.
* industrial output (``industry_output``): enrolling an enterprise adds on top of the existing
  units' trend, so its gap is the shortfall the panel *expects* at the period's end
  (expected_gap_*). Where the output itself has no target, the 规上工业增加值 target's gap in
  percentage points is turned into output at an unchanged value-added rate (ΔOutput ≈ B_T·Δpp/100,
  docs/methodology.md §3 [K]).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from econdesk import phrases
from econdesk.analysis.arithmetic.gaps import gap_to_zero_growth, pp_gap_to_amount
from econdesk.analysis.panel import build_panel, expected_at
from econdesk.ledger.models import Indicator, Observation
from econdesk.ledger.periods import PeriodKey, display_label
from econdesk.projects import closure
from econdesk.projects.fields import WAN, from_yi, to_yi
from econdesk.projects.models import (
    Enrolment,
    Enterprise,
    MajorProject,
    ProjectMonth,
    ProjectRules,
    Stage,
    project_threshold,
)
from econdesk.projects.thresholds import scale_standing

ZERO = Decimal(0)
FAI, OUTPUT, INDUSTRY_VA = "fai", "industry_output", "industry_va"
# π by stage when a project gives none [K]: how likely it is enrolled in time. Configurable per
# project (enrolment_probability); these are only starting points.
STAGE_PROBABILITY = {
    Stage.PLANNING: Decimal(5), Stage.RESERVE: Decimal(10), Stage.SIGNED: Decimal(20),
    Stage.PREPARATION: Decimal(40), Stage.TO_START: Decimal(60),
    Stage.CONSTRUCTION: Decimal(90), Stage.COMPLETED: Decimal(90), Stage.OPERATING: Decimal(90),
}  # fmt: skip
ENTERPRISE_PROBABILITY = {
    "applying": Decimal(80), "reached": Decimal(60), "qualified": Decimal(60),
    "near": Decimal(30), "below": Decimal(10), "unknown": Decimal(10),
}  # fmt: skip


@dataclass(frozen=True)
class GapChoice:
    """One gap a plan can be drawn against: a target's remaining amount or zero growth."""

    key: str
    label: str
    period: PeriodKey
    amount: Decimal
    growth: Decimal | None = None
    note: str = ""
    expected_shortfall: Decimal | None = None  # the panel's projection of the gap at T


@dataclass
class Closure:
    """A region's closure page: the indicator's figures, the gaps, and the plan for one gap."""

    region: object
    indicator: Indicator
    period: PeriodKey | None
    row: dict | None
    choices: list[GapChoice] = field(default_factory=list)
    chosen: GapChoice | None = None
    plan: closure.ClosurePlan | None = None
    message: str = ""

    @property
    def unit(self) -> str:
        return self.indicator.unit


def latest_period(region, indicator: Indicator) -> PeriodKey | None:
    """The latest period with a current actual value of the indicator for the region."""
    row = (
        Observation.objects.filter(
            region=region, indicator=indicator, kind="actual", is_current=True,
            value__isnull=False,
        )
        .order_by("-period__year", "-period__month")
        .values_list("period__year", "period__month")
        .first()
    )  # fmt: skip
    return PeriodKey(*row) if row else None


def _row(region, indicator: Indicator, key: PeriodKey) -> dict | None:
    panel = build_panel(region, key, indicators=[indicator])
    return next((r for r in panel["indicators"] if r["code"] == indicator.code), None)


def _period_of(code: str) -> PeriodKey:
    year, month = code.split("-")
    return PeriodKey(int(year), int(month))


def _projections(row: dict, key: PeriodKey) -> dict[PeriodKey, dict]:
    """The panel's projections of later periods (quarter end, year end), by period."""
    found = {}
    for proj in (row.get("projection"), row.get("projection_year")):
        if proj and proj.get("base") is not None and _period_of(proj["period"]) > key:
            found.setdefault(_period_of(proj["period"]), proj)
    return found


def _zero_growth_choices(row: dict, key: PeriodKey, expected: bool = False) -> list[GapChoice]:
    """Zero growth at each projected period: what is still needed, or the expected shortfall."""
    out = []
    for T, proj in _projections(row, key).items():
        if row["value"] is None:
            continue
        needed = max(ZERO, proj["base"] - row["value"])
        value, _ = expected_at(proj)
        shortfall = gap_to_zero_growth(value, proj["base"])
        amount = shortfall if expected else needed
        if amount is None:
            continue
        label = f"{display_label(T.month)}实现正增长"
        out.append(GapChoice(f"{T.code}:zero", label, T, amount, expected_shortfall=shortfall))
    return out


def _target_choices(row: dict, key: PeriodKey, expected: bool = False) -> list[GapChoice]:
    """Each later target: its remaining amount, or (expected) the projected shortfall."""
    out = []
    for t in row["targets"]:
        amount = t["expected_gap_amount"] if expected else t["remaining"]
        if t["period"] <= key.code or amount is None:
            continue
        T = _period_of(t["period"])
        decimals = row.get("growth_decimals", 1)
        growth = f"（{phrases.growth(t['growth'], decimals)}）" if t["growth"] is not None else ""
        label = f"{t['level_label']}{t['period_label']}目标{growth}"
        out.append(GapChoice(f"{T.code}:{t['level']}", label, T, amount, t["growth"],
                             expected_shortfall=t["expected_gap_amount"]))  # fmt: skip
    return out


def _pick(choices: list[GapChoice], wanted: str | None) -> GapChoice | None:
    if not choices:
        return None
    for c in choices:
        if c.key == wanted:
            return c
    return min(choices, key=lambda c: (c.period, c.key.endswith(":zero"), c.key))


def _in_unit(amount_wan: Decimal, unit: str) -> Decimal:
    return from_yi(to_yi(amount_wan, WAN), unit if unit in ("万元", "亿元") else "亿元")


def project_schedules(region, year: int, data_month: int, unit: str = "亿元"):
    """The enrolled and pipeline projects of a region as closure schedules in `unit`."""
    floor = project_threshold() or ZERO
    projects = (
        MajorProject.objects.filter(region=region, total_investment__gte=floor)
        .exclude(enrolment=Enrolment.INELIGIBLE)
        .order_by("id")
    )
    months: dict[int, list[ProjectMonth]] = {}
    for m in ProjectMonth.objects.filter(project__in=projects, year=year):
        months.setdefault(m.project_id, []).append(m)
    out = []
    for p in projects:
        rows = months.get(p.pk, [])
        completed = {m.month: m.completed for m in rows if m.completed is not None}
        planned = {m.month: m.planned for m in rows if m.planned is not None}
        annual = p.annual_plan if p.plan_year == year else None
        planned = closure.spread_annual_plan(annual, completed, planned, data_month)
        enrolled = p.enrolment == Enrolment.ENROLLED
        month_field = p.enrolment_month if enrolled else p.expected_enrolment_month
        if month_field is None:
            entry = 1 if enrolled else None
        elif month_field.year < year:
            entry = 1
        elif month_field.year > year:
            entry = 13 if enrolled else None
        else:
            entry = month_field.month
        if enrolled and entry == 13:
            continue
        probability = p.enrolment_probability
        if probability is None:
            probability = STAGE_PROBABILITY[p.stage]
        out.append(
            closure.ProjectSchedule(
                key=p.pk,
                name=p.name,
                enrolled=enrolled,
                entry_month=entry,
                completed={k: _in_unit(v, unit) for k, v in completed.items()},
                planned={k: _in_unit(v, unit) for k, v in planned.items()},
                probability=probability,
                note=p.get_stage_display(),
            )
        )
    return out


def fai_closure(region, key: PeriodKey | None = None, choice: str | None = None) -> Closure:
    """The fixed-asset-investment closure plan of a region (default: its latest FAI period)."""
    indicator = Indicator.objects.get(code=FAI)
    key = key or latest_period(region, indicator)
    result = Closure(region=region, indicator=indicator, period=key, row=None)
    if key is None:
        result.message = "尚无本地区固定资产投资数据，无法计算缺口。"
        return result
    result.row = row = _row(region, indicator, key)
    if row is None or row["value"] is None:
        result.message = f"{key.full_label}固定资产投资无累计值（增速口径），无法折算缺口金额。"
        return result
    result.choices = _target_choices(row, key) + _zero_growth_choices(row, key)
    result.chosen = _pick(result.choices, choice)
    if result.chosen is None:
        result.message = "本期之后没有目标或可比基数，无可闭合的缺口。"
        return result
    T = result.chosen.period
    proj = _projections(row, key).get(T)
    base_end = proj["base"] if proj else None
    result.plan = closure.closure_plan(
        result.chosen.amount,
        key.month,
        T.month,
        project_schedules(region, key.year, key.month, indicator.unit),
        backfill=ProjectRules.current().backfill_prior_work,
        value_now=row["value"],
        base_end=base_end,
    )
    return result


def _va_choices(region, key: PeriodKey, output_row: dict) -> list[GapChoice]:
    """Output shortfalls derived from the 规上工业增加值 targets (a growth-only indicator)."""
    va = Indicator.objects.filter(code=INDUSTRY_VA).first()
    va_row = _row(region, va, key) if va else None
    if not va_row:
        return []
    bases = {T: p["base"] for T, p in _projections(output_row, key).items()}
    out = []
    for t in va_row["targets"]:
        T = _period_of(t["period"])
        pp = t["expected_gap_pp"] if t["expected_gap_pp"] is not None else t["gap_pp"]
        if T <= key or pp is None or T not in bases:
            continue
        amount = max(ZERO, pp_gap_to_amount(bases[T], pp))
        label = (
            f"{t['level_label']}{t['period_label']}规上工业增加值目标"
            f"（缺{pp.normalize():f}个百分点，按产值折算）"
        )
        out.append(GapChoice(f"{T.code}:va-{t['level']}", label, T, amount, t["growth"],
                             note="假定增加值率不变", expected_shortfall=amount))  # fmt: skip
    return out


def enterprise_candidates(region, year: int, unit: str = "亿元"):
    """Industrial scale-up candidates (规上工业, not yet enrolled) as closure candidates."""
    rules = ProjectRules.current()
    qs = Enterprise.objects.filter(
        region=region,
        sector__code="industry",
        status__in=[Enterprise.Status.CULTIVATING, Enterprise.Status.APPLYING],
        revenue_to_date__isnull=False,
        revenue_month__year=year,
    ).select_related("sector")
    out = []
    for e in qs.order_by("id"):
        standing = scale_standing(
            e.revenue_to_date, e.months_reported, e.sector.amount, rules.near_threshold_share
        )
        probability = e.entry_probability
        if probability is None:
            probability = ENTERPRISE_PROBABILITY["applying" if e.status == "applying" else standing]
        entry = None
        if e.expected_entry_month is not None and e.expected_entry_month.year <= year:
            entry = e.expected_entry_month.month if e.expected_entry_month.year == year else 1
        out.append(
            closure.CandidateOutput(
                key=e.pk,
                name=e.name,
                value_to_date=_in_unit(e.revenue_to_date, unit),
                months_reported=e.months_reported,
                entry_month=entry,
                probability=probability,
                base_to_date=_in_unit(e.revenue_last_year, unit) if e.revenue_last_year else None,
                note=e.get_status_display(),
            )
        )
    return out


def output_closure(region, key: PeriodKey | None = None, choice: str | None = None) -> Closure:
    """The industrial-output closure plan of a region from its scale-up candidates."""
    indicator = Indicator.objects.get(code=OUTPUT)
    key = key or latest_period(region, indicator)
    result = Closure(region=region, indicator=indicator, period=key, row=None)
    if key is None:
        result.message = "尚无本地区规上工业总产值数据，无法计算缺口。"
        return result
    result.row = row = _row(region, indicator, key)
    if row is None or row["value"] is None:
        result.message = f"{key.full_label}规上工业总产值无累计值，无法计算缺口。"
        return result
    result.choices = (
        _target_choices(row, key, expected=True)
        + _va_choices(region, key, row)
        + _zero_growth_choices(row, key, expected=True)
    )
    result.chosen = _pick(result.choices, choice)
    if result.chosen is None:
        result.message = "本期之后没有目标或可比基数，无可闭合的缺口。"
        return result
    result.plan = closure.enterprise_closure_plan(
        result.chosen.amount,
        key.month,
        result.chosen.period.month,
        enterprise_candidates(region, key.year, indicator.unit),
        target_growth=result.chosen.growth,
    )
    return result
