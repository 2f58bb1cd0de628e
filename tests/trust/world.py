"""The objects the permission matrix is tried on, made through the services as users make them.

Two of everything that has an owner: one led by 经信局 (colin's department, suffix ``_jx``) and
one by 商务局 (cora's, suffix ``_sw``), so each object rule is tried from both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from econdesk.accounts.models import Department, Leader
from econdesk.bulletins import archive
from econdesk.bulletins.docx import default_template
from econdesk.bulletins.models import Notification
from econdesk.ledger.models import Indicator, Observation, Period, Target
from econdesk.ledger.periods import PeriodKey
from econdesk.projects import services as project_services
from econdesk.projects.excel import export_ledger
from econdesk.projects.models import (
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
from econdesk.reporting import imports
from econdesk.reporting import services as reporting_services
from econdesk.reporting.models import EstimateReport
from econdesk.supervision import meetings, reminders, schemes
from econdesk.supervision import services as task_services
from econdesk.supervision.models import Reminder, TaskAttachment, TaskRules
from tests.bulletins.data import write_sample_february
from tests.conftest import SAMPLE_TARGETS

D = Decimal
YEAR = 2026
FEB = PeriodKey(2022, 2)  # the sample bulletin's period: the home district's latest actuals
ESTIMATE = PeriodKey(2022, 3)  # the period the departments estimate


def dept(short: str) -> Department:
    return Department.objects.get(short_name=short)


@dataclass
class World:
    """URL arguments by name (``args``) and the objects behind them (``objects``)."""

    args: dict[str, object] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)

    def add(self, name: str, obj, arg=None):
        self.objects[name] = obj
        self.args[name] = obj.pk if arg is None else arg
        return obj


def build(people, sample_city) -> World:
    city, members = sample_city
    home = members["东城区"]
    admin, rita, colin, cora, sue = (
        people[k] for k in ("admin", "reviewer", "clerk", "other_clerk", "supervisor")
    )
    ensure_reference_data()
    world = World()
    world.objects["home"] = home
    world.args.update(year=YEAR, fmt="docx", kind="monthly", estimate=ESTIMATE.code)

    # --- ledger: the sample bulletin's 1-2月 figures; two indicators, one of each department
    write_sample_february(admin, city, members)
    world.add("indicator_jx", Indicator.objects.get(code="industry_va"), "industry_va")
    world.add("indicator_sw", Indicator.objects.get(code="retail_sales"), "retail_sales")
    world.args["indicator_pk"] = world.objects["indicator_jx"].pk
    world.add("region", home)
    world.add("period", Period.objects.get(year=FEB.year, month=FEB.month))
    world.add("observation", Observation.objects.filter(region=home, is_current=True).first())
    world.add("target", Target.objects.first())

    # --- reporting: colin's draft estimate (经信局), cora's submitted one (商务局), an upload
    world.add(
        "report_jx",
        reporting_services.save_draft(
            colin,
            indicator=world.objects["indicator_jx"],
            period=ESTIMATE,
            entry=reporting_services.EstimateEntry(growth=D("7.5"), problems="订单不足"),
            expected_version=0,
        ),
    )
    draft = reporting_services.save_draft(
        cora,
        indicator=world.objects["indicator_sw"],
        period=ESTIMATE,
        entry=reporting_services.EstimateEntry(value=D("95.2"), growth=D("5.5")),
        expected_version=0,
    )
    world.add(
        "report_sw", reporting_services.submit(cora, draft, expected_version=draft.version)
    )
    upload = SimpleUploadedFile(SAMPLE_TARGETS.name, SAMPLE_TARGETS.read_bytes())
    world.add("staged", imports.stage_upload(rita, upload, options={}))

    # --- bulletins: one issued (everyone is notified), the notification is colin's
    world.add("bulletin", archive.issue(rita, home, FEB))
    world.add("notification", Notification.objects.filter(user=colin).latest("pk"))
    world.objects["template_bytes"] = default_template("monthly")

    # --- projects: a project, problem, deal, funding line, enterprise and request of each
    for suffix, short, maker in (("jx", "经信局", colin), ("sw", "商务局", cora)):
        lead = dept(short)
        project = world.add(
            f"project_{suffix}",
            project_services.save_project(
                admin,
                MajorProject(
                    region=home,
                    name=f"{short}重大项目",
                    category=MajorProject.Category.INDUSTRY,
                    industry_chain=IndustryChain.objects.get(name="新材料"),
                    total_investment=D("120000"),
                    plan_year=YEAR,
                    annual_plan=D("24000"),
                    stage="construction",
                    actual_start=date(2025, 9, 1),
                    lead_department=lead,
                ),
            ),
        )
        problem = ProjectProblem(
            project=project, description="用地指标未落实", lead_department=lead,
            raised_on=date(YEAR, 3, 1),
        )  # fmt: skip
        world.add(
            f"problem_{suffix}",
            project_services.save_problem(maker, problem, expected_version=project.version),
        )
        project.refresh_from_db()
        world.add(
            f"deal_{suffix}",
            project_services.save_deal(
                maker,
                InvestmentDeal(
                    region=home, name=f"{short}招商项目", investor="某集团",
                    industry_chain=IndustryChain.objects.get(name="新能源汽车"), amount=D("25.5"),
                    stage="signed", signed_on=date(YEAR, 3, 28), lead_department=lead,
                ),  # fmt: skip
            ),
        )
        world.add(
            f"funding_{suffix}",
            project_services.save_funding(
                admin,
                UpwardFunding(
                    region=home, programme="special_bonds", title=f"{short}专项债项目", year=YEAR,
                    applied_amount=D(30000), lead_department=lead,
                ),  # fmt: skip
            ),
        )
        code = {"jx": "91350100M000100Y43", "sw": "91110000802100433B"}[suffix]
        world.add(
            f"enterprise_{suffix}",
            project_services.save_enterprise(
                maker,
                Enterprise(
                    region=home, name=f"{short}培育企业", credit_code=code,
                    sector=ScaleThreshold.objects.get(code="industry"), lead_department=lead,
                ),  # fmt: skip
            ),
        )
        world.add(
            f"request_{suffix}",
            project_services.save_request(
                admin,
                EnterpriseRequest(
                    region=home, enterprise_name=f"{short}企业", kind="financing",
                    description="流动资金贷款", raised_on=date(YEAR, 9, 5),
                    deadline=date(YEAR, 10, 5), lead_department=lead,
                ),  # fmt: skip
            ),
        )
    world.objects["ledger_jx"] = export_ledger(
        MajorProject.objects.filter(pk=world.args["project_jx"]), YEAR, "东城区重大项目台账"
    )

    # --- supervision: a meeting; 经信局's task asks to close (with a file); 商务局's task has
    # 经信局 cooperating; a reminder to colin; the rules and the year's scheme stored
    leader = Leader.objects.create(name="李晓梅", title="副区长", portfolio="工业")
    meeting = world.add(
        "meeting",
        meetings.create_meeting(
            sue, title="经济运行分析会", held_on=date(YEAR, 11, 2), host="区长", agenda="",
            region=home, decisions=["推动工业稳增长"],
        ),  # fmt: skip
    )
    world.add("decision", meeting.decisions.get())
    tasks = {}
    for suffix, short, cooperating in (("jx", "经信局", []), ("sw", "商务局", ["经信局"])):
        tasks[suffix] = task_services.create_task(
            sue,
            task_services.TaskDraft(
                title=f"{short}督办事项",
                content="走访重点企业，推动停产企业复产。",
                lead_department=dept(short),
                cooperating=[dept(c) for c in cooperating],
                leader=leader,
                deadline=date(YEAR + 1, 12, 15),
                assigned_on=date(YEAR, 11, 1),
            ),
            today=date(YEAR, 11, 1),
        )
    note = SimpleUploadedFile("走访记录.txt", "走访了12家企业".encode(), "text/plain")
    tasks["jx"] = task_services.request_closure(
        colin, tasks["jx"], text="已完成走访", files=[note], expected_version=tasks["jx"].version
    )
    world.add("task_jx", tasks["jx"])
    world.add("task_sw", tasks["sw"])
    world.add("attachment", TaskAttachment.objects.get(task=tasks["jx"]))
    reminders.remind(sue, tasks["sw"], note="请加快进度")
    world.add("reminder", Reminder.objects.filter(recipient=cora).latest("pk"))
    world.objects["rules"] = schemes.save_rules(
        sue, yellow_days=7, warning_deadline_days=30, remind_cooperating=False,
        expected_version=TaskRules.current().version,
    )  # fmt: skip
    world.objects["scheme"] = schemes.scheme_for(YEAR)
    world.args["department_jx"] = dept("经信局").pk
    return world
