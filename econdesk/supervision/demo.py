"""The demo's supervision: three meetings, their decisions, tasks in every state, reminders and
the year's assessment scheme — written through the same services as real work.

    from econdesk.supervision.demo import load_supervision_demo
    summary = load_supervision_demo(region, today)     # region: 锦江区, today: a date

Deterministic: every date is counted back or forward from `today`, so the colours come out the
same on any day. Idempotent: once the region has a meeting or a task, nothing is written. It uses
the demo's people (econdesk/demo/profiles.py): the 目标绩效办 supervisor assigns, returns and
closes; the clerks of 经信局 and 发改局 report; departments without a demo clerk keep their tasks
pending. The scores are worked out from the panel and the tasks whenever they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from econdesk.accounts.models import Department, Leader, Role, User
from econdesk.ledger.models import Region
from econdesk.supervision import meetings, reminders, services, warnings
from econdesk.supervision.models import Meeting, SupervisedTask, TaskSource, TaskStatus
from econdesk.supervision.schemes import save_scheme

QUARTER_WORDS = {1: "一季度“开门红”", 2: "上半年", 3: "前三季度", 4: "全年目标冲刺"}

# (days before today, title pattern, host, agenda, decisions: (content, lead short name))
# fmt: off
MEETINGS = [
    (150, "{year}年{quarter}经济运行分析会", "区委书记",
     "一、分管区领导汇报目标完成情况、存在问题及下阶段工作打算\n二、区长讲话\n三、区委书记讲话", [
         ("规上工业：加大对重点企业走访帮扶力度，推动停产检修企业尽快复产，确保规上工业增加值增速回升。", "经信局"),
         ("固定资产投资：推动已签约项目尽快开工、在建项目加快建设，确保固投实现正增长。", "发改局"),
         ("社消零：开展促消费活动，培育新兴消费热点，推动社会消费品零售总额加快增长。", "商务局"),
         ("统计入库：对新开工项目和达规企业做到能入尽入、应统尽统。", "统计局"),
     ]),
    (60, "{year}年{quarter}经济运行分析会", "区长",
     "一、统计局通报主要指标运行情况\n二、各牵头部门汇报\n三、区长讲话", [
         ("一般公共预算收入：全面开展非税收入清查及清理欠税，确保完成收入任务。", "财政局"),
         ("建筑业：加强与上级主管部门对接，指导资质企业应统尽统。", "住建局"),
         ("招商引资：围绕新能源汽车、新材料等产业精准招商，推动签约项目落地。", "投促局"),
     ]),
    (7, "{year}年{month}月重点工作调度会", "常务副区长",
     "一、重点项目推进情况\n二、对上争取工作\n三、下阶段安排", [
         ("对上争取：做好中省市预算内投资和专项债券项目储备与申报。", "发改局"),
         ("农业：加快蔬菜基地标准化建设，保持第一产业稳定增长。", "农业农村局"),
     ]),
]
# fmt: on


@dataclass
class SupervisionDemoSummary:
    """What load_supervision_demo did (or found)."""

    created: bool
    meetings: int = 0
    tasks: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    reminders: int = 0
    scheme_year: int | None = None
    notes: list[str] = field(default_factory=list)


def load_supervision_demo(region: Region, today: date) -> SupervisionDemoSummary:
    """Load the demo's meetings, tasks, reminders and scheme for `region`, once."""
    if Meeting.objects.filter(region=region).exists() or (
        SupervisedTask.objects.filter(region=region).exists()
    ):
        return _summary(region, created=False, notes=[f"{region}已有督办数据，未加载示例。"])
    supervisor = _first(role=Role.SUPERVISOR)
    if supervisor is None:
        return _summary(region, created=False, notes=["没有督查角色的账户，未加载督办示例。"])
    with transaction.atomic():
        notes = _load(region, today, supervisor)
    summary = _summary(region, created=True, notes=notes)
    summary.scheme_year = today.year
    return summary


def _load(region: Region, today: date, sue: User) -> list[str]:
    notes: list[str] = []
    decisions = _meetings(region, today, sue)
    T = today

    def day(n: int) -> date:
        return T + timedelta(days=n)

    def task(title, lead, assigned, deadline, *, decision=None, leader=None, milestones=(),
             cooperating=(), content=None):  # fmt: skip
        draft = services.TaskDraft(
            title=title,
            content=content or (decision.content if decision else title),
            lead_department=_dept(lead),
            cooperating=[_dept(c) for c in cooperating],
            leader=_leader(leader),
            deadline=day(deadline),
            source=TaskSource.DECISION if decision else TaskSource.INSTRUCTION,
            decision=decision,
            region=region,
            milestones=[{"title": t, "due": day(d).isoformat()} for t, d in milestones],
            assigned_on=day(assigned),
        )
        return services.create_task(sue, draft, today=day(assigned))

    miit, ndrc = _first(role=Role.CLERK, short="经信局"), _first(role=Role.CLERK, short="发改局")

    def steps(t, clerk, *plan):
        """Run ("report"|"request"|"return"|"close", day, text) steps in order."""
        for kind, when, text in plan:
            fresh = SupervisedTask.objects.get(pk=t.pk)
            v, d = fresh.version, day(when)
            if kind == "report":  # and every milestone due by then is done
                done = [
                    i for i, m in enumerate(fresh.milestones) if date.fromisoformat(m["due"]) <= d
                ]
                services.report_progress(clerk, fresh, text=text, expected_version=v, today=d,
                                         done_milestones=done)  # fmt: skip
            elif kind == "request":
                services.request_closure(clerk, fresh, text=text, expected_version=v, today=d)
            elif kind == "return":
                services.return_task(sue, fresh, reason=text, expected_version=v, today=d)
            else:
                services.close_task(sue, fresh, expected_version=v, today=d)

    m1, m2, m3 = decisions
    if miit is None or ndrc is None:
        notes.append("缺少经信局或发改局的填报账户，部分事项保持待办。")
    if miit:
        on_time = task("规上工业企业走访帮扶", "经信局", -148, -110, decision=m1[0],
                       leader="李晓梅", cooperating=("统计局",))  # fmt: skip
        steps(on_time, miit, ("report", -130, "已走访重点企业12家，协调解决用电、用工问题5项。"),
              ("request", -112, "停产检修的2家企业已复产，规上工业增加值增速回升1.2个百分点。"),
              ("close", -111, ""))  # fmt: skip
        returned = task("重点企业复产情况核查", "经信局", -58, -20, leader="李晓梅",
                        content="区长批示：请经信局核查重点企业复产情况，形成书面报告。")  # fmt: skip
        steps(returned, miit, ("report", -40, "已完成8家企业现场核查。"),
              ("request", -25, "核查报告已完成。"),
              ("return", -24, "缺少企业复产佐证材料（用电量、产值月报），请补充后再申请办结。"),
              ("request", -21, "已补充用电量与产值月报。"), ("close", -20, ""))  # fmt: skip
        overdue = task("工业技改项目入库", "经信局", -40, -3, leader="李晓梅",
                       milestones=(("完成项目摸底", -25),))  # fmt: skip
        steps(overdue, miit, ("report", -20, "已摸底技改项目6个，2个待补手续。"))
        _warning_task(sue, miit, region, T, notes)
    if ndrc:
        late = task("推动签约项目开工", "发改局", -148, -100, decision=m1[1], leader="陈立群")
        steps(late, ndrc, ("report", -120, "已开工3个，2个项目待办理施工许可。"),
              ("request", -95, "5个签约项目全部开工。"), ("close", -94, ""))  # fmt: skip
        requested = task("专项债券项目储备申报", "发改局", -6, 20, decision=m3[0],
                         leader="陈立群", cooperating=("财政局",))  # fmt: skip
        steps(requested, ndrc, ("report", -3, "已储备项目14个。"),
              ("request", -1, "14个项目已完成申报。"))  # fmt: skip
        yellow = task("固投缺口闭合方案", "发改局", -30, 2, leader="陈立群",
                      milestones=(("形成项目清单", -15), ("报区政府审定", 1)))  # fmt: skip
        steps(yellow, ndrc, ("report", -10, "项目清单已形成，正在测算各项目月度投资。"))
    task("社消零促消费活动", "商务局", -148, -90, decision=m1[2], leader="李晓梅")
    task("新开工项目和达规企业入库", "统计局", -148, -60, decision=m1[3], leader="陈立群")
    task("非税收入清查", "财政局", -58, 30, decision=m2[0], leader="王海峰")
    task("建筑业资质企业应统尽统", "住建局", -58, 1, decision=m2[1], leader="孙建国")
    task("新能源汽车产业链精准招商", "投促局", -58, 45, decision=m2[2], leader="陈立群",
         milestones=(("拜访目标企业", 3),))  # fmt: skip
    task("蔬菜基地标准化建设", "农业农村局", -6, 60, decision=m3[1], leader="陈立群")
    _project_task(sue, region, T, notes)
    reminders.send_reminders(sue, today=T)
    save_scheme(
        sue, T.year, expected_version=_scheme_version(T.year),
        name=f"{T.year}年度经济工作目标考核",
        rank_bands=[[r, r, str(6 - r)] for r in range(1, 6)],
        bottom_bands=[[r, r, str(-(6 - r))] for r in range(1, 6)],
        tie_cancels=False, completion_weight=10, completion_cap=12,
        on_time_points=1, overdue_points=-1, indicator_codes=[],
    )  # fmt: skip
    return notes


def _meetings(region: Region, today: date, sue: User) -> list[list]:
    found = []
    for back, title, host, agenda, items in MEETINGS:
        held = today - timedelta(days=back)
        name = title.format(
            year=held.year, quarter=QUARTER_WORDS[(held.month - 1) // 3 + 1], month=held.month
        )
        meeting = meetings.create_meeting(sue, title=name, held_on=held, host=host,
                                          agenda=agenda, region=region)  # fmt: skip
        found.append(
            [
                meetings.add_decision(sue, meeting, content=text, lead_department=_dept(lead))
                for text, lead in items
            ]
        )
    return found


def _warning_task(sue: User, clerk: User, region: Region, today: date, notes: list[str]) -> None:
    """A task made from the region's red 规上工业 (or first red) indicator, being worked on."""
    from econdesk.supervision.scores import assessed_period

    key = assessed_period(region, today.year)
    rows = warnings.red_indicators(region, key) if key else []
    rows.sort(key=lambda r: r["code"] != "industry_va")
    if not rows:
        notes.append("本级地区当前没有红色指标，未生成预警督办示例。")
        return
    task, _ = warnings.task_from_indicator(
        sue, region, key, rows[0]["code"], today=today - timedelta(days=5)
    )
    if clerk.department_id in task.department_ids():
        services.report_progress(clerk, task, text="已召开专题会分析原因，制定增速回升措施8条。",
                                 expected_version=task.version, today=today - timedelta(days=2))  # fmt: skip


def _project_task(sue: User, region: Region, today: date, notes: list[str]) -> None:
    """A task from the first red project warning, when the projects register has one."""
    found = warnings.red_project_warnings(region, today)
    if found:
        warnings.task_from_project_warning(sue, region, found[0]["source_ref"], today=today)
    else:
        notes.append("项目台账当前没有红灯预警，未生成项目督办示例。")


def _scheme_version(year: int) -> int:
    from econdesk.supervision.models import AssessmentScheme

    stored = AssessmentScheme.objects.filter(year=year).first()
    return stored.version if stored else 0


def _dept(short: str) -> Department:
    return Department.objects.get(short_name=short)


def _leader(name: str | None) -> Leader | None:
    return Leader.objects.filter(name=name).order_by("id").first() if name else None


def _first(role: str, short: str | None = None) -> User | None:
    """The demo account of a role (and department), else the first such active account."""
    users = User.objects.filter(role=role, is_active=True).order_by("id")
    if short:
        users = users.filter(department__short_name=short)
    demo = {"supervisor": "supervisor", "经信局": "clerk", "发改局": "clerk2"}.get(short or role)
    return users.filter(username=demo).first() or users.first()


def _summary(region: Region, *, created: bool, notes: list[str]) -> SupervisionDemoSummary:
    tasks = SupervisedTask.objects.filter(region=region)
    by_status = {label: tasks.filter(status=value).count() for value, label in TaskStatus.choices}
    return SupervisionDemoSummary(
        created=created,
        meetings=Meeting.objects.filter(region=region).count(),
        tasks=tasks.count(),
        by_status=by_status,
        reminders=sum(t.reminders.count() for t in tasks),
        notes=notes,
    )
