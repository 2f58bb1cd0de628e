"""Load the demo district's registers (demo_data.py) through the services real entries use.

``load_project_demo(region, user)`` is deterministic (fixed data; the little noise in monthly
completions comes from a seeded generator) and idempotent: a row that already exists — a project
or deal by name in the region, an enterprise by credit code, funding by title and programme, a
request by enterprise, kind and date — is left alone, so calling it twice changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from econdesk.accounts.models import Department, Leader
from econdesk.projects import demo_data as data
from econdesk.projects.credit_code import check_character
from econdesk.projects.models import (
    Enrolment,
    Enterprise,
    EnterpriseRequest,
    IndustryChain,
    InvestmentDeal,
    MajorProject,
    ProjectProblem,
    ScaleThreshold,
    UpwardFunding,
)
from econdesk.projects.seed import ensure_reference_data
from econdesk.projects.services import (
    MonthInput,
    ProcedureInput,
    save_deal,
    save_enterprise,
    save_funding,
    save_months,
    save_problem,
    save_procedures,
    save_project,
    save_request,
)

REASON = "示例数据（自动生成）"
SEED = 2026
WAN = Decimal(10_000)


@dataclass
class ProjectDemoSummary:
    """How many rows of each register the call created (0 everywhere on a second call)."""

    created: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.created.values())


def demo_credit_code(index: int) -> str:
    """A valid, obviously fictional code: area 990101 does not exist."""
    first17 = f"91990101MA{index:07d}"
    return first17 + check_character(first17)


def _wan(yi: str) -> Decimal:
    return Decimal(yi) * WAN


def _active_months(p: data.DemoProject) -> range:
    begin = p.start or p.planned_start
    if begin is None or begin.year > data.YEAR:
        return range(0)
    first = begin.month if begin.year == data.YEAR else 1
    last = p.finish.month if p.finish and p.finish.year == data.YEAR else 12
    return range(first, last + 1)


def monthly_entries(p: data.DemoProject, rng: random.Random) -> list[MonthInput]:
    """Plans spread over the active months by season; completions through 10月 at the pace."""
    months = _active_months(p)
    plan = _wan(p.plan)
    if not months or not plan:
        return []
    weights = {m: Decimal(str(data.SEASON[m - 1])) for m in months}
    total = sum(weights.values())
    entries = []
    for m in months:
        planned = (plan * weights[m] / total).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        completed = None
        if p.start is not None and m <= data.DATA_MONTH:
            pace = Decimal(str(p.pace * rng.uniform(0.94, 1.08)))
            completed = (planned * pace).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        entries.append(MonthInput(m, planned, completed))
    return entries


class _Loader:
    def __init__(self, region, user):
        self.region, self.user = region, user
        self.summary = ProjectDemoSummary()
        self.depts = {d.short_name: d for d in Department.objects.all()}
        self.chains = {c.name: c for c in IndustryChain.objects.all()}
        self.leaders = {leader.name: leader for leader in Leader.objects.all()}
        self.projects = {p.name: p for p in MajorProject.objects.filter(region=region)}

    def count(self, register: str) -> None:
        self.summary.created[register] = self.summary.created.get(register, 0) + 1

    def projects_(self) -> None:
        rng = random.Random(SEED)
        for spec in data.PROJECTS:
            entries = monthly_entries(spec, rng)  # drawn for every project: stable noise
            if spec.name in self.projects:
                continue
            project = self._project(spec)
            save_project(self.user, project, reason=REASON)
            if entries:
                save_months(self.user, project, data.YEAR, entries, today=data.DEMO_TODAY,
                            reason=REASON)  # fmt: skip
            self.projects[spec.name] = project
            self.count("major_projects")
        self._procedures_and_problems()

    def _project(self, spec: data.DemoProject) -> MajorProject:
        if spec.enrolled:
            enrolment = Enrolment.ENROLLED
        else:
            enrolment = Enrolment.APPLYING if spec.applying else Enrolment.NOT_ENROLLED
        return MajorProject(
            region=self.region,
            name=spec.name,
            category=spec.category,
            industry_chain=self.chains.get(spec.chain),
            owner=spec.owner,
            total_investment=_wan(spec.total),
            plan_year=data.YEAR,
            annual_plan=_wan(spec.plan),
            stage=spec.stage,
            planned_start=spec.planned_start,
            actual_start=spec.start,
            actual_completion=spec.finish,
            leader=self.leaders.get(spec.leader),
            lead_department=self.depts[spec.dept],
            enrolment=enrolment,
            enrolment_month=spec.enrolled,
            expected_enrolment_month=spec.expected,
            enrolment_probability=Decimal(spec.probability) if spec.probability else None,
            image_progress=spec.progress,
        )

    def _procedures_and_problems(self) -> None:
        wanted: dict[str, list[ProcedureInput]] = {}
        for name, kind, planned, actual in data.PROCEDURES:
            wanted.setdefault(name, []).append(ProcedureInput(kind, planned, actual))
        for name, entries in wanted.items():
            project = self.projects[name]
            if not project.procedures.exists():
                save_procedures(self.user, project, entries, reason=REASON)
                self.count("procedures")
        for name, text, dept, deadline, handling in data.PROBLEMS:
            project = self.projects[name]
            if project.problems.filter(description=text).exists():
                continue
            problem = ProjectProblem(
                project=project, description=text, lead_department=self.depts[dept],
                raised_on=deadline.replace(day=1), deadline=deadline,
                status="resolved" if handling else "in_progress", handling=handling,
                resolved_on=deadline if handling else None,
            )  # fmt: skip
            save_problem(self.user, problem, reason=REASON)
            self.count("problems")

    def deals(self) -> None:
        existing = set(
            InvestmentDeal.objects.filter(region=self.region).values_list("name", flat=True)
        )
        for row in data.DEALS:
            name, investor, chain, amount, stage, signed, registered, started, funds, dept, to = row
            if name in existing:
                continue
            deal = InvestmentDeal(
                region=self.region, name=name, investor=investor, industry_chain=self.chains[chain],
                amount=Decimal(amount), stage=stage, signed_on=signed, registered_on=registered,
                registered_name=f"锦江{name[:4]}有限公司" if registered else "",
                started_on=started, funds_in_place=Decimal(funds), lead_department=self.depts[dept],
                project=self.projects.get(to) if to else None,
            )  # fmt: skip
            save_deal(self.user, deal, reason=REASON)
            self.count("investment_deals")

    def funding(self) -> None:
        existing = set(
            UpwardFunding.objects.filter(region=self.region).values_list("title", "programme")
        )
        for row in data.FUNDING:
            title, programme, project, applied, applied_on, approved, approved_on = row[:7]
            received, received_on, rejected, dept = row[7:]
            if (title, programme) in existing:
                continue
            funding = UpwardFunding(
                region=self.region, programme=programme, title=title,
                project=self.projects.get(project), year=data.YEAR,
                applied_amount=Decimal(applied), applied_on=applied_on,
                approved_amount=Decimal(approved) if approved is not None else None,
                approved_on=approved_on, received_amount=Decimal(received),
                received_on=received_on, rejected=rejected, lead_department=self.depts[dept],
            )  # fmt: skip
            save_funding(self.user, funding, reason=REASON)
            self.count("upward_funding")

    def enterprises(self) -> None:
        sectors = {t.code: t for t in ScaleThreshold.objects.all()}
        for index, row in enumerate(data.ENTERPRISES, start=1):
            name, sector, revenue, last_year, status, expected, enrolled, dept = row
            code = demo_credit_code(index)
            if Enterprise.objects.filter(credit_code=code).exists():
                continue
            enterprise = Enterprise(
                region=self.region, name=name, credit_code=code, sector=sectors[sector],
                revenue_to_date=Decimal(revenue) if revenue is not None else None,
                revenue_month=data.DEMO_TODAY.replace(month=data.DATA_MONTH, day=1)
                if revenue is not None else None,
                revenue_last_year=Decimal(last_year) if last_year is not None else None,
                status=status, expected_entry_month=expected, enrolled_month=enrolled,
                lead_department=self.depts[dept],
            )  # fmt: skip
            save_enterprise(self.user, enterprise, reason=REASON)
            self.count("enterprises")

    def requests(self) -> None:
        by_name = {e.name: e for e in Enterprise.objects.filter(region=self.region)}
        for row in data.REQUESTS:
            name, kind, text, raised, deadline, dept, status, outcome, closed = row
            if EnterpriseRequest.objects.filter(
                region=self.region, enterprise_name=name, kind=kind, raised_on=raised
            ).exists():
                continue
            request = EnterpriseRequest(
                region=self.region, enterprise=by_name.get(name), enterprise_name=name, kind=kind,
                description=text, raised_on=raised, deadline=deadline,
                lead_department=self.depts[dept], status=status, outcome=outcome, closed_on=closed,
            )  # fmt: skip
            save_request(self.user, request, reason=REASON)
            self.count("enterprise_requests")


def load_project_demo(region, user) -> ProjectDemoSummary:
    """Fill the registers of `region` with the demo portfolio, as `user` (an admin).

    Needs the standard departments (econdesk setup); puts back any missing industry chain or
    threshold. One transaction; a second call creates nothing.
    """
    ensure_reference_data()
    loader = _Loader(region, user)
    with transaction.atomic():
        loader.projects_()
        loader.deals()
        loader.funding()
        loader.enterprises()
        loader.requests()
    return loader.summary
