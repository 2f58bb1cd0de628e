"""The demo's registers beyond the figures: department reports with problems and plans, the
project portfolio and the supervision ledger. Each part is idempotent on its own, so an
installation that loaded the figures earlier still gets the parts added since."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from econdesk.accounts.models import User
from econdesk.analysis.panel import build_panel
from econdesk.ledger.models import Indicator, Region
from econdesk.ledger.periods import PeriodKey

# What the lead departments wrote for the year-end estimate (indicator code → problems, plans).
REPORT_NOTES = {
    "fai": (
        "新开工项目偏少，3个续建项目受用地报批影响进度滞后，2个项目开工后仍未入库。",
        "11月底前推动云溪智造产业园二期等4个项目开工并入库；每周调度在建项目形象进度。",
    ),
    "industry_va": (
        "两家重点企业订单下滑，产值同比下降；新增规上企业培育进度慢于预期。",
        "走访重点企业20户，协调解决用电、融资问题；推动3户企业年底前升规入统。",
    ),
    "retail_sales": (
        "汽车类消费回落，限上企业数量少，新开商业综合体尚未纳统。",
        "组织年末促消费活动，推动2个商业综合体的经营主体12月入库。",
    ),
    "fiscal_revenue": (
        "房地产相关税收减收较多，非税收入清理进度偏慢。",
        "加强重点税源监控，12月底前完成非税收入清缴和欠税清理。",
    ),
}
REPORT_PERIOD = PeriodKey(2026, 12)


def load_extras(user: User, home: Region, today) -> list[str]:
    """Load every extra register that is still empty; return one Chinese line per part."""
    notes = [_reports(home)]
    from econdesk.projects.demo import load_project_demo

    projects = load_project_demo(home, user)
    notes.append(f"项目台账：新增 {projects.total} 条" if projects.total else "项目台账已存在")
    from econdesk.supervision.demo import load_supervision_demo

    sup = load_supervision_demo(home, today)
    if sup.created:
        states = "、".join(f"{state}{n}件" for state, n in sup.by_status.items())
        notes.append(f"督办：会议 {sup.meetings} 次、督办事项 {sup.tasks} 件（{states}）")
    else:
        notes.append("督办台账已存在")
    return notes


def _round(x: Decimal | None, places: str) -> Decimal | None:
    return None if x is None else x.quantize(Decimal(places), rounding=ROUND_HALF_UP)


DEMO_EXPLANATION = (
    "上年同期数据已按同口径调整，增速按可比口径测算，与未调整的上年数推算的增速不一致。"
)


def _reports(home: Region) -> str:
    from econdesk.reporting import services
    from econdesk.reporting.models import EstimateReport

    if EstimateReport.objects.filter(region=home).exists():
        return "部门填报已存在"
    reviewer = User.objects.filter(username="reviewer").first()
    admin = User.objects.filter(username="admin").first()
    if reviewer is None or admin is None:
        return "缺少演示审核账户，未生成部门填报"
    panel = build_panel(home, PeriodKey(2026, 10))
    rows = {row["code"]: row for row in panel["indicators"]}
    count = 0
    with transaction.atomic():
        for code, (problems, plans) in REPORT_NOTES.items():
            row = rows.get(code)
            projection = row and row["projection_year"]
            if not projection:
                continue
            indicator = Indicator.objects.get(code=code)
            value = _round(projection["value"], "0.01") if indicator.value_published else None
            entry = services.EstimateEntry(
                value=value,
                growth=_round(projection["growth"], "0.1"),
                problems=problems,
                plans=plans,
            )
            report = services.save_draft(
                reviewer, indicator=indicator, period=REPORT_PERIOD, entry=entry,
                expected_version=0, region=home,
            )  # fmt: skip
            # The demo's bases are generated year by year, so an estimate may disagree with
            # last year's figure as real ones do after a base revision: the department says why.
            findings = services.estimate_findings(indicator, home, report.period, entry)
            explanation = DEMO_EXPLANATION if findings else ""
            report = services.submit(
                reviewer, report, expected_version=report.version, explanation=explanation
            )
            services.approve(admin, report, expected_version=report.version)
            count += 1
    return f"部门填报（含存在问题与下阶段打算）：{count} 份已审核发布"
