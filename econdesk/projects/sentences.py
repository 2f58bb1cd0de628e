"""The speech's project sentences, written from the registers (the meeting speech's phrases, docs/methodology.md §7).

"总投资XX亿元的XX个重大项目集中开工；总投资XX亿元的新能源汽车、新材料…等XX个产业项目完成签约"
— each sentence comes with the figures it states, so a bulletin can show where they come from.
A sentence whose count would be zero is left out. Amounts are written in 亿元.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from econdesk.projects.models import (
    DEAL_ORDER,
    DealStage,
    Enterprise,
    InvestmentDeal,
    MajorProject,
    ProjectMonth,
    SizeClass,
    UpwardFunding,
)

WAN_PER_YI = Decimal(10_000)
ZERO = Decimal(0)
MAX_CHAINS = 4
CEREMONY_MIN = 3  # this many starts (or signings) on one day make a 集中开工 (集中签约)


@dataclass(frozen=True)
class ProjectSentence:
    """One sentence and the figures in it (amounts in 亿元, counts as int)."""

    key: str
    text: str
    figures: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text


def yi_text(amount_yi: Decimal) -> str:
    """An amount in 亿元 as bulletins write it: two decimals at most, half up (85.60 → 85.6)."""
    text = f"{amount_yi.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def period_label(start: date, end: date) -> str:
    """1-3月 for a year-to-date span, 3月 for a month, 3月28日 for a day, else both dates."""
    if start == end:
        return f"{start.month}月{start.day}日"
    month_end = end.day == calendar.monthrange(end.year, end.month)[1]
    if start.year == end.year and start.day == 1 and month_end:
        if start.month == end.month:
            return f"{end.month}月"
        if start.month == 1:
            return f"1-{end.month}月"
        return f"{start.month}-{end.month}月"
    return f"{start.month}月{start.day}日至{end.month}月{end.day}日"


def _in(region, qs):
    return qs.filter(region=region) if region is not None else qs


def _busiest_day(rows, day_of):
    """The day with the most rows (the earliest on a tie) and its rows, if ≥ CEREMONY_MIN."""
    by_day = defaultdict(list)
    for row in rows:
        by_day[day_of(row)].append(row)
    if not by_day:
        return None, []
    day = min(by_day, key=lambda d: (-len(by_day[d]), d))
    return (day, by_day[day]) if len(by_day[day]) >= CEREMONY_MIN else (None, [])


def _chains(deals) -> tuple[list[str], dict[str, Decimal]]:
    by_chain: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for d in deals:
        if d.industry_chain is not None:
            by_chain[d.industry_chain.name] += d.amount
    return sorted(by_chain, key=lambda name: -by_chain[name])[:MAX_CHAINS], dict(by_chain)


def _ceremonies(region, start, end):
    """ "X月X日，总投资XX亿元的XX个重大项目集中开工" and the 集中签约 of deals, where they happened."""
    out = []
    projects = _in(region, MajorProject.objects).filter(actual_start__range=(start, end))
    day, rows = _busiest_day(projects, lambda p: p.actual_start)
    if day:
        total = sum((p.total_investment for p in rows), ZERO) / WAN_PER_YI
        text = (
            f"{day.month}月{day.day}日，总投资{yi_text(total)}亿元的{len(rows)}个重大项目集中开工。"
        )
        out.append(ProjectSentence("projects_started_together", text, {
            "date": day, "count": len(rows), "total_investment": total}))  # fmt: skip
    floor = [s for s in DealStage.values if DEAL_ORDER[s] >= DEAL_ORDER[DealStage.SIGNED]]
    deals = (
        _in(region, InvestmentDeal.objects)
        .filter(signed_on__range=(start, end), stage__in=floor)
        .select_related("industry_chain")
    )
    day, rows = _busiest_day(deals, lambda d: d.signed_on)
    if day:
        total = sum((d.amount for d in rows), ZERO)
        chains, _ = _chains(rows)
        what = f"{'、'.join(chains)}等" if chains else ""
        text = (f"{day.month}月{day.day}日，总投资{yi_text(total)}亿元的{what}{len(rows)}个"
                "产业项目集中签约。")  # fmt: skip
        out.append(ProjectSentence("deals_signed_together", text, {
            "date": day, "count": len(rows), "total_amount": total,
            "industry_chains": chains}))  # fmt: skip
    return out


def _started(region, start, end, label):
    projects = list(_in(region, MajorProject.objects).filter(actual_start__range=(start, end)))
    if not projects:
        return None
    total = sum((p.total_investment for p in projects), ZERO) / WAN_PER_YI
    ten = sum(p.size_class == SizeClass.TEN_YI for p in projects)
    hundred = sum(p.size_class == SizeClass.HUNDRED_YI for p in projects)
    text = f"{label}，总投资{yi_text(total)}亿元的{len(projects)}个重大项目开工建设"
    parts = [f"百亿级项目{hundred}个"] if hundred else []
    parts += [f"十亿级项目{ten}个"] if ten else []
    text += f"，其中{'、'.join(parts)}。" if parts else "。"
    figures = {"count": len(projects), "total_investment": total, "ten_yi": ten,
               "hundred_yi": hundred, "projects": [p.name for p in projects]}  # fmt: skip
    return ProjectSentence("projects_started", text, figures)


def _signed(region, start, end, label):
    floor = [s for s in DealStage.values if DEAL_ORDER[s] >= DEAL_ORDER[DealStage.SIGNED]]
    deals = list(
        _in(region, InvestmentDeal.objects)
        .filter(signed_on__range=(start, end), stage__in=floor)
        .select_related("industry_chain")
    )
    if not deals:
        return None
    total = sum((d.amount for d in deals), ZERO)
    chains, by_chain = _chains(deals)
    big = sum(d.amount >= 10 for d in deals)
    what = f"{'、'.join(chains)}等" if chains else ""
    text = f"{label}，总投资{yi_text(total)}亿元的{what}{len(deals)}个产业项目完成签约"
    text += f"，其中十亿级以上项目{big}个。" if big else "。"
    figures = {"count": len(deals), "total_amount": total, "industry_chains": chains,
               "by_chain": by_chain, "ten_yi_or_more": big}  # fmt: skip
    return ProjectSentence("deals_signed", text, figures)


def _completed(region, start, end, label):
    projects = list(_in(region, MajorProject.objects).filter(actual_completion__range=(start, end)))
    if not projects:
        return None
    total = sum((p.total_investment for p in projects), ZERO) / WAN_PER_YI
    text = f"{label}，{len(projects)}个重大项目竣工，总投资{yi_text(total)}亿元。"
    return ProjectSentence("projects_completed", text, {"count": len(projects),
                                                          "total_investment": total})  # fmt: skip


def _enrolled(region, start, end, label):
    first, last = start.replace(day=1), end
    projects = list(
        _in(region, MajorProject.objects).filter(
            enrolment="enrolled", enrolment_month__range=(first, last)
        )
    )
    enterprises = list(
        _in(region, Enterprise.objects)
        .filter(status="enrolled", enrolled_month__range=(first, last))
        .select_related("sector")
    )
    out = []
    if projects:
        total = sum((p.total_investment for p in projects), ZERO) / WAN_PER_YI
        text = f"{label}，新入库固定资产投资项目{len(projects)}个，总投资{yi_text(total)}亿元。"
        out.append(ProjectSentence("projects_enrolled", text,
                                   {"count": len(projects), "total_investment": total}))  # fmt: skip
    if enterprises:
        industry = sum(e.sector.code == "industry" for e in enterprises)
        text = f"{label}，新增升规入统企业{len(enterprises)}家"
        text += f"，其中规模以上工业企业{industry}家。" if industry else "。"
        out.append(ProjectSentence("enterprises_enrolled", text,
                                   {"count": len(enterprises), "industry": industry}))  # fmt: skip
    return out


def _funding(region, start, end, label):
    qs = _in(region, UpwardFunding.objects)
    approved = list(qs.filter(approved_on__range=(start, end), approved_amount__isnull=False))
    received = list(qs.filter(received_on__range=(start, end), received_amount__gt=0))
    if not approved and not received:
        return None
    by_programme: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for f in approved:
        by_programme[f.get_programme_display()] += f.approved_amount / WAN_PER_YI
    approved_total = sum(by_programme.values(), ZERO)
    received_total = sum((f.received_amount for f in received), ZERO) / WAN_PER_YI
    parts = []
    if approved:
        detail = "、".join(
            f"{name}{yi_text(amount)}亿元"
            for name, amount in sorted(by_programme.items(), key=lambda kv: -kv[1])
        )
        parts.append(f"{len(approved)}个项目获批上级资金{yi_text(approved_total)}亿元（{detail}）")
    if received:
        parts.append(f"到位上级资金{yi_text(received_total)}亿元")
    text = f"{label}，对上争取" + "，".join(parts) + "。"
    figures = {"approved_count": len(approved), "approved_total": approved_total,
               "by_programme": dict(by_programme), "received_total": received_total}  # fmt: skip
    return ProjectSentence("funding", text, figures)


def _investment(region, start, end, label):
    months = Q()
    for year in range(start.year, end.year + 1):
        first = start.month if year == start.year else 1
        last = end.month if year == end.year else 12
        months |= Q(year=year, month__gte=first, month__lte=last)
    rows = ProjectMonth.objects.filter(months, completed__isnull=False)
    if region is not None:
        rows = rows.filter(project__region=region)
    done = {}
    for row in rows:
        done[row.project_id] = done.get(row.project_id, ZERO) + row.completed
    if not done:
        return None
    total = sum(done.values(), ZERO) / WAN_PER_YI
    text = f"{label}，{len(done)}个重大项目完成投资{yi_text(total)}亿元"
    figures = {"count": len(done), "completed": total}
    if start.year == end.year and start.month == 1:
        plans = MajorProject.objects.filter(pk__in=done, plan_year=end.year, annual_plan__gt=0)
        plan = sum((p.annual_plan for p in plans), ZERO) / WAN_PER_YI
        if plan:
            share = total / plan * 100
            text += f"，占年度计划的{share.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
            figures.update(annual_plan=plan, plan_share=share)
    return ProjectSentence("investment_completed", text + "。", figures)


def project_sentences(region, period_start: date, period_end: date) -> list[ProjectSentence]:
    """The project sentences of a region for a span of dates (both ends included).

    In order: projects started, deals signed, the day of a 集中开工 / 集中签约 (≥3 on one day),
    projects completed, investment completed, enrolments (projects, enterprises), upward
    funding. ``region`` None means every region.
    """
    if period_end < period_start:
        raise ValueError("结束日期早于开始日期")
    label = period_label(period_start, period_end)
    args = (region, period_start, period_end, label)
    found = [_started(*args), _signed(*args), *_ceremonies(region, period_start, period_end)]
    found += [_completed(*args), _investment(*args)]
    found += _enrolled(*args)
    found.append(_funding(*args))
    return [s for s in found if s is not None]
