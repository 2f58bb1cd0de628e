"""The objects the permission matrix is tried on, made through the services as users make them.

Two of everything that has an owner: one led by 经信局 (colin's department, suffix ``_jx``) and
one by 商务局 (cora's, suffix ``_sw``), so each object rule is tried from both sides.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from econdesk.accounts import tokens
from econdesk.accounts.models import Department, Leader
from econdesk.bulletins import archive
from econdesk.bulletins.docx import default_template
from econdesk.bulletins.models import Notification
from econdesk.ledger.importing.mapped import ColumnMap
from econdesk.ledger.models import Indicator, Observation, Period, Target
from econdesk.ledger.periods import PeriodKey
from econdesk.projects import services as project_services
from econdesk.projects.demo import demo_credit_code
from econdesk.projects.excel import export_ledger
from econdesk.projects.forms import (
    DealForm,
    EnterpriseForm,
    FundingForm,
    ProblemForm,
    ProjectForm,
    RequestForm,
)
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
from econdesk.reporting import imports, layouts
from econdesk.reporting import services as reporting_services
from econdesk.supervision import meetings, reminders, schemes
from econdesk.supervision import services as task_services
from econdesk.supervision.forms import SchemeForm, TaskForm
from econdesk.supervision.models import TaskAttachment, TaskRules
from tests.bulletins.data import write_sample_february
from tests.conftest import SAMPLE_TARGETS
from tests.ledger import city_month

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


FLAT_NAME = "霁川-10月.xlsx"
LAYOUT = {
    "name": "霁川市月报",
    "header_row": 3,
    "region_column": 1,
    "columns": [ColumnMap(*column) for column in city_month.flat_columns()],
}


def flat_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return city_month.write_flat_xlsx(Path(folder) / FLAT_NAME).read_bytes()


def layout_body(world: World) -> dict:
    """The mapping form as a person fills it in, at the layout's current version."""
    data = {k: v for k, v in LAYOUT.items() if k != "columns"}
    for column in LAYOUT["columns"]:
        data[f"c{column.column}"] = column.indicator
        data[f"c{column.column}-measure"] = column.measure
        data[f"c{column.column}-unit"] = column.unit
    return {**data, "version": _fresh(world, "layout").version}


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
    world.args["project_type"] = "projects.MajorProject"
    world.args["report_type"] = "reporting.EstimateReport"
    world.objects["region_other"] = next(r for n, r in members.items() if n != "东城区")

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
    world.add("report_sw", reporting_services.submit(cora, draft, expected_version=draft.version))
    upload = SimpleUploadedFile(SAMPLE_TARGETS.name, SAMPLE_TARGETS.read_bytes())
    world.add("staged", imports.stage_upload(rita, upload, options={}))
    # --- 映射版式: a file no reader recognises, mapped once; the mapping is the layout
    flat = imports.stage_upload(rita, SimpleUploadedFile(FLAT_NAME, flat_bytes()), options={})
    layout, flat = layouts.map_upload(rita, flat, **LAYOUT)
    world.add("staged_flat", flat)
    world.add("layout", layout)

    # --- bulletins: one issued (everyone is notified), the notification is colin's
    world.add("bulletin", archive.issue(rita, home, FEB))
    world.add("notification", Notification.objects.filter(user=colin).latest("pk"))
    # --- an API token of colin's (revoked by colin or an admin only)
    token = tokens.issue(colin, by=colin)[0]
    world.add("token", token, arg=token.token_key)
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
                    region=home,
                    name=f"{short}招商项目",
                    investor="某集团",
                    industry_chain=IndustryChain.objects.get(name="新能源汽车"),
                    amount=D("25.5"),
                    stage="signed",
                    signed_on=date(YEAR, 3, 28),
                    lead_department=lead,
                ),
            ),
        )
        world.add(
            f"funding_{suffix}",
            project_services.save_funding(
                admin,
                UpwardFunding(
                    region=home,
                    programme="special_bonds",
                    title=f"{short}专项债项目",
                    year=YEAR,
                    applied_amount=D(30000),
                    lead_department=lead,
                ),
            ),
        )
        code = {"jx": "91350100M000100Y43", "sw": "91110000802100433B"}[suffix]
        world.add(
            f"enterprise_{suffix}",
            project_services.save_enterprise(
                maker,
                Enterprise(
                    region=home,
                    name=f"{short}培育企业",
                    credit_code=code,
                    sector=ScaleThreshold.objects.get(code="industry"),
                    lead_department=lead,
                ),
            ),
        )
        world.add(
            f"request_{suffix}",
            project_services.save_request(
                admin,
                EnterpriseRequest(
                    region=home,
                    enterprise_name=f"{short}企业",
                    kind="financing",
                    description="流动资金贷款",
                    raised_on=date(YEAR, 9, 5),
                    deadline=date(YEAR, 10, 5),
                    lead_department=lead,
                ),
            ),
        )
    world.objects["ledger_jx"] = export_ledger(
        MajorProject.objects.filter(pk=world.args["project_jx"]), YEAR, "东城区重大项目台账"
    )

    # --- supervision: a meeting; 经信局's task awaits closure (with a file); 商务局's task has
    # 经信局 cooperating; a reminder to cora; the rules stored (the year's scheme is not)
    leader = Leader.objects.create(name="李晓梅", title="副区长", portfolio="工业")
    world.add(
        "meeting",
        meetings.create_meeting(
            sue,
            title="经济运行分析会",
            held_on=date(YEAR, 11, 2),
            host="区长",
            agenda="",
            region=home,
            decisions=["推动工业稳增长"],
        ),
    )
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
    reminders.remind(sue, tasks["sw"], note="请加快进度")  # to cora, for 催办 read/unread
    schemes.save_rules(
        sue, yellow_days=7, warning_deadline_days=30, remind_cooperating=False,
        expected_version=TaskRules.current().version,
    )  # fmt: skip
    world.args["department_jx"] = dept("经信局").pk
    world.args["score_year"] = FEB.year
    _push_settings(world)
    return world


def _push_settings(world: World) -> None:
    """A push channel and one message whose fate is unknown (the /notify/ pages)."""
    from django.utils import timezone

    from econdesk.notify.models import Channel, Message, OutboxEvent

    channel = world.add("channel", Channel.objects.create(name="发改局工作群", kind="email"))
    event = OutboxEvent.objects.create(kind="task.closed", payload={})
    world.add("message", Message.objects.create(
        event=event, channel=channel, idempotency_key="world-message", title="办结销号",
        body="办结销号", status=Message.Status.UNCERTAIN, next_attempt_at=timezone.now(),
    ))  # fmt: skip


# --- request bodies: one per write in the matrix (by Case.key), valid for whoever may write --


@dataclass(frozen=True)
class Body:
    data: dict
    kind: str = "form"  # form (multipart, as a browser sends it) | json


def form_data(form, **changes) -> dict:
    """What a browser would send back for an unbound form as it was shown (plus `changes`)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            value = "on" if value else None
        elif isinstance(value, list | tuple):
            value = [str(v) for v in value]
        elif isinstance(value, date):
            value = value.isoformat()
        if value not in (None, ""):
            data[name] = value if isinstance(value, list) else str(value)
    data.update({k: v for k, v in changes.items() if v is not None})
    for k in [k for k, v in changes.items() if v is None]:
        data.pop(k, None)
    return data


def _fresh(world: World, name: str):
    obj = world.objects[name]
    return type(obj).objects.get(pk=obj.pk)


def _register_bodies():
    forms = {
        "project": ProjectForm,
        "deal": DealForm,
        "funding": FundingForm,
        "enterprise": EnterpriseForm,
        "request": RequestForm,
    }
    pages = {
        "project": "projects:{}",
        "deal": "projects:deal-{}",
        "funding": "projects:funding-{}",
        "enterprise": "projects:enterprise-{}",
        "request": "projects:request-{}",
    }
    bodies = {}

    def edit_body(kind, suffix):
        return lambda w: Body(form_data(forms[kind](instance=_fresh(w, f"{kind}_{suffix}"))))

    def new_body(kind):
        def make(w):
            data = form_data(forms[kind](instance=_fresh(w, f"{kind}_jx")), version=None)
            for name in ("name", "title"):
                if name in data:
                    data[name] = "新增一行"
            if kind == "enterprise":
                data["credit_code"] = demo_credit_code(7)
            return Body(data)

        return make

    for kind, page in pages.items():
        new = "projects:new" if kind == "project" else page.format("new")
        bodies[f"{new} POST"] = new_body(kind)
        for suffix, label in (("jx", "经信局"), ("sw", "商务局")):
            bodies[f"{page.format('edit')} POST {label}"] = edit_body(kind, suffix)

    def project(w, suffix):
        return _fresh(w, f"project_{suffix}")

    def jx(w):
        return dept("经信局").pk

    for suffix, label in (("jx", "经信局"), ("sw", "商务局")):

        def version_only(w, suffix=suffix):
            return Body({"version": project(w, suffix).version})

        def problem_new(w, suffix=suffix):
            p = project(w, suffix)
            return Body({"description": "征地拆迁进度滞后", "lead_department": p.lead_department_id,
                         "raised_on": "2026-04-01", "status": "open", "version": p.version})  # fmt: skip

        def problem_edit(w, suffix=suffix):
            p = project(w, suffix)
            form = ProblemForm(instance=_fresh(w, f"problem_{suffix}"),
                               initial={"version": p.version})  # fmt: skip
            return Body(form_data(form, handling="已协调"))

        bodies[f"projects:months POST {label}"] = version_only
        bodies[f"projects:procedures POST {label}"] = version_only
        bodies[f"projects:problem-new POST {label}"] = problem_new
        bodies[f"projects:problem-edit POST {label}"] = problem_edit
        bodies[f"projects:deal-convert POST {label}"] = lambda w, s=suffix: Body(
            {"version": _fresh(w, f"deal_{s}").version}
        )
        # the API: a small change with the version read
        for kind in ("project", "deal", "funding", "enterprise", "request"):
            bodies[f"{kind}-detail PATCH {label}"] = lambda w, k=kind, s=suffix: Body(
                {"note": "核对", "version": _fresh(w, f"{k}_{s}").version}, "json"
            )
        bodies[f"project-months POST {label}"] = lambda w, s=suffix: Body(
            {"year": YEAR, "version": project(w, s).version,
             "months": [{"year": YEAR, "month": 1, "planned": "100"}]}, "json",
        )  # fmt: skip

    # 商务局's project handed to 经信局 (by either clerk): the stored and the new lead both count
    bodies["project-detail PATCH 商务局→经信局"] = lambda w: Body(
        {"lead_department": jx(w), "version": project(w, "sw").version}, "json"
    )
    bodies["projects:import POST 经信局项目的台账"] = lambda w: Body(
        {"file": SimpleUploadedFile("台账.xlsx", w.objects["ledger_jx"])}
    )

    bodies["project-list POST 经信局"] = lambda w: Body(
        {"name": "新能源汽车零部件产业园", "category": "industry",
         "industry_chain": IndustryChain.objects.get(name="新能源汽车").pk,
         "total_investment": "300000", "plan_year": YEAR, "stage": "preparation",
         "lead_department": jx(w)}, "json",
    )  # fmt: skip
    bodies["deal-list POST 经信局"] = lambda w: Body(
        {"name": "电驱系统项目", "investor": "某集团", "amount": "12",
         "industry_chain": IndustryChain.objects.get(name="新能源汽车").pk,
         "lead_department": jx(w)}, "json",
    )  # fmt: skip
    bodies["funding-list POST 经信局"] = lambda w: Body(
        {"programme": "special_bonds", "title": "产业园基础设施", "year": YEAR,
         "applied_amount": "3000", "lead_department": jx(w)}, "json",
    )  # fmt: skip
    bodies["enterprise-list POST 经信局"] = lambda w: Body(
        {"name": "精密机械有限公司", "credit_code": demo_credit_code(8),
         "sector": ScaleThreshold.objects.get(code="industry").pk, "lead_department": jx(w)},
        "json",
    )  # fmt: skip
    bodies["request-list POST 经信局"] = lambda w: Body(
        {"enterprise_name": "精密机械有限公司", "kind": "financing", "description": "贷款",
         "raised_on": "2026-09-05", "lead_department": jx(w)}, "json",
    )  # fmt: skip

    # linked objects: a new 经信局 row pointing at 商务局's project / enterprise, another region
    def linked(name, **link):
        def make(w):
            body = bodies[f"{name} POST 经信局"](w)
            values = {k: (v(w) if callable(v) else v) for k, v in link.items()}
            return Body({**body.data, **values}, body.kind)

        return make

    bodies["funding-list POST 经信局→商务局的项目"] = linked(
        "funding-list", project=lambda w: project(w, "sw").pk
    )
    bodies["deal-list POST 经信局→商务局的项目"] = linked(
        "deal-list", project=lambda w: project(w, "sw").pk
    )
    bodies["request-list POST 经信局→商务局的企业"] = linked(
        "request-list", enterprise=lambda w: _fresh(w, "enterprise_sw").pk
    )
    bodies["project-list POST 经信局→外区台账"] = linked(
        "project-list", region=lambda w: w.objects["region_other"].pk
    )

    def funding_linked(w):
        data = dict(bodies["projects:funding-new POST"](w).data)
        data.update(project=str(project(w, "sw").pk), lead_department=str(jx(w)))
        return Body(data)

    bodies["projects:funding-new POST 经信局→商务局的项目"] = funding_linked

    # --- web, reporting, bulletins
    bodies["logout POST"] = lambda w: Body({})
    bodies["password_change POST"] = lambda w: Body(
        {
            "old_password": "Econdesk-test-2026",
            "new_password1": "Another-pass-2026x",
            "new_password2": "Another-pass-2026x",
        }
    )
    bodies["accounts:tokens POST"] = lambda w: Body({})
    bodies["accounts:token-revoke POST colin的令牌"] = lambda w: Body({})
    bodies["status-rules POST"] = lambda w: Body(
        {
            "red_when_behind_target": "on",
            "red_when_last": "on",
            "red_below_total_pp": "3",
            "yellow_below_total_pp": "0",
            "bottom_part": "3",
            "yellow_rank_fell_by": "1",
            "yellow_when_declining": "on",
            "yellow_behind_benchmark_pp": "0",
            "no_data_color": "yellow",
            "version": "0",
        }
    )
    bodies["target-edit POST"] = lambda w: Body(
        {
            "indicator": "industry_va",
            "year": "2022",
            "month": "3",
            "level": "district",
            "growth": "7.5",
            "reason": "区政府常务会调整",
        }
    )
    bodies["reporting:report POST 经信局草稿"] = lambda w: Body(
        {"growth": "7.8", "problems": "订单不足", "version": _fresh(w, "report_jx").version}
    )
    bodies["reporting:report POST 商务局待审"] = lambda w: Body(
        {"value": "96", "growth": "5.6", "version": _fresh(w, "report_sw").version}
    )
    bodies["reporting:return POST 商务局待审"] = lambda w: Body(
        {"reason": "口径不一致", "version": _fresh(w, "report_sw").version}
    )
    bodies["reporting:approve POST 商务局待审"] = lambda w: Body(
        {"version": _fresh(w, "report_sw").version}
    )
    bodies["reporting:import POST"] = lambda w: Body(
        {"file": SimpleUploadedFile(SAMPLE_TARGETS.name, SAMPLE_TARGETS.read_bytes())}
    )
    bodies["reporting:import-confirm POST"] = lambda w: Body(
        {"digest": _fresh(w, "staged").preview_digest}
    )
    bodies["reporting:import-refresh POST"] = lambda w: Body({})
    bodies["reporting:import-layout POST"] = lambda w: Body(layout_body(w))
    bodies["reporting:import-layout-edit POST"] = lambda w: Body(layout_body(w))
    bodies["bulletins:issue POST"] = lambda w: Body(
        {"region": w.args["region"], "period": FEB.code, "kind": "monthly"}
    )
    bodies["bulletins:template-upload POST"] = lambda w: Body(
        {"template": SimpleUploadedFile("通报模板.docx", w.objects["template_bytes"])}
    )
    bodies["bulletins:template-reset POST"] = lambda w: Body({})
    bodies["bulletins:notification-read POST colin的通知"] = lambda w: Body({})
    bodies["bulletins:notifications-read POST"] = lambda w: Body({})

    # --- supervision pages
    def task(w, suffix):
        return _fresh(w, f"task_{suffix}")

    bodies["supervision:task-new POST"] = lambda w: Body(
        {
            "title": "推动项目开工",
            "content": "协调用地。",
            "source": "instruction",
            "lead_department": jx(w),
            "deadline": "2027-06-30",
        }
    )
    for suffix, label in (("jx", "经信局"), ("sw", "商务局")):
        bodies[f"supervision:task-edit POST {label}"] = lambda w, s=suffix: Body(
            form_data(TaskForm(initial=TaskForm.initial_of(task(w, s))), content="补充说明。")
        )
        bodies[f"supervision:task-remind POST {label}"] = lambda w: Body({"note": "请加快进度"})
        bodies[f"supervision:task-report POST {label} 报送进展"] = lambda w, s=suffix: Body(
            {"text": "本月走访5家企业", "version": task(w, s).version}
        )
        bodies[f"supervised-task-detail PATCH {label}"] = lambda w, s=suffix: Body(
            {"title": "推动工业稳增长", "version": task(w, s).version}, "json"
        )
        bodies[f"supervised-task-report POST {label}"] = lambda w, s=suffix: Body(
            {"text": "本月走访5家企业", "version": task(w, s).version}, "json"
        )
        bodies[f"supervised-task-remind POST {label}"] = lambda w: Body({"note": "请加快"}, "json")
    bodies["supervision:task-report POST 商务局 申请办结"] = lambda w: Body(
        {"text": "已完成", "action": "request_close", "version": task(w, "sw").version}
    )
    bodies["supervision:task-return POST 经信局"] = lambda w: Body(
        {"reason": "材料不全", "version": task(w, "jx").version}
    )
    bodies["supervision:task-close POST 经信局"] = lambda w: Body(
        {"text": "同意销号", "version": task(w, "jx").version}
    )
    bodies["supervision:reminders-read POST"] = lambda w: Body({})
    bodies["supervision:rules POST"] = lambda w: Body(
        {
            "yellow_days": "5",
            "warning_deadline_days": "20",
            "version": TaskRules.current().version,
        }
    )
    bodies["supervision:meeting-new POST"] = lambda w: Body(
        {"title": "项目推进会", "held_on": "2026-12-01", "decisions": "加快项目开工"}
    )
    bodies["supervision:meeting-edit POST"] = lambda w: Body(
        {
            "title": "经济运行分析会",
            "held_on": "2026-11-02",
            "host": "副区长",
            "version": _fresh(w, "meeting").version,
        }
    )
    bodies["supervision:decision-add POST"] = lambda w: Body(
        {"content": "推动消费回升", "lead_department": dept("商务局").pk}
    )
    bodies["supervision:warning-indicator POST"] = lambda w: Body(
        {"period": FEB.code, "indicator": "fai"}
    )
    bodies["supervision:warning-project POST"] = lambda w: Body({"source_ref": "project:0"})
    bodies["supervision:scheme POST"] = lambda w: Body(
        form_data(SchemeForm(initial=SchemeForm.initial_of(schemes.scheme_for(YEAR))))
    )

    # --- supervision API
    bodies["meeting-list POST"] = lambda w: Body(
        {"title": "项目推进会", "held_on": "2026-12-01", "new_decisions": ["加快项目开工"]}, "json"
    )
    bodies["meeting-decisions POST"] = lambda w: Body(
        {"content": "推动消费回升", "lead_department": dept("商务局").pk}, "json"
    )
    bodies["supervised-task-list POST"] = lambda w: Body(
        {"title": "推动项目开工", "content": "协调用地。", "lead_department": jx(w),
         "deadline": "2027-06-30"}, "json",
    )  # fmt: skip
    bodies["supervised-task-request-closure POST 商务局"] = lambda w: Body(
        {"text": "已完成", "version": task(w, "sw").version}, "json"
    )
    bodies["supervised-task-return-task POST 经信局"] = lambda w: Body(
        {"reason": "材料不全", "version": task(w, "jx").version}, "json"
    )
    bodies["supervised-task-close POST 经信局"] = lambda w: Body(
        {"text": "同意", "version": task(w, "jx").version}, "json"
    )
    bodies["reminder-read POST"] = lambda w: Body({}, "json")

    # --- admin
    bodies["admin:accounts_department_add POST"] = lambda w: Body(
        {"name": "区数据局", "short_name": "数据局", "sort_order": "200", "is_active": "on"}
    )
    return bodies


BODIES = _register_bodies()
