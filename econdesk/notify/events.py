"""What an event says: its payload (taken from the objects when it happens) and its message.

``describe`` turns the objects a service passes to ``emit`` into a JSON payload, so the
message says what was true at the time of the event. ``render`` (plain dicts in, title and
markdown out) writes the message in Chinese.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.urls import reverse

from econdesk.notify.kinds import LABELS


def site_url(path: str) -> str:
    base = getattr(settings, "ECONDESK_SITE_URL", "") or os.environ.get("ECONDESK_SITE_URL", "")
    return base.rstrip("/") + path


# --- payloads -----------------------------------------------------------------------------------


def describe(kind: str, objects: dict) -> dict:
    """The JSON payload of an event from the objects (bulletin=, report=, task=) and values."""
    payload = {}
    for name, value in objects.items():
        maker = DESCRIBERS.get(name)
        if maker is not None and hasattr(value, "_meta"):
            payload.update(maker(value, kind))
        else:
            payload[name] = value
    return payload


def _bulletin(bulletin, kind) -> dict:
    return {
        "bulletin_id": bulletin.pk,
        "title": bulletin.title,
        "number": bulletin.number,
        "year": bulletin.period.year,
        "headline": headline_of(bulletin),
        "path": reverse("bulletins:detail", args=[bulletin.pk]),
    }


def headline_of(bulletin) -> str:
    """The bulletin's first paragraph (总体情况)."""
    try:
        from econdesk.bulletins import archive, compose

        document = compose.document_for(archive.material_of(bulletin))
        first = document["sections"][0]["sentences"]
        return "".join(str(s) for s in first if s and str(s).strip())[:400]
    except Exception:  # noqa: BLE001 - a missing headline must not stop the bulletin
        return ""


def _report(report, kind) -> dict:
    return {
        "report_id": report.pk,
        "indicator": report.indicator.name,
        "indicator_code": report.indicator.code,
        "period": report.period.key.code,
        "period_label": report.period.key.full_label,
        "department_id": report.department_id,
        "department": str(report.department),
        "reason": report.return_reason if kind == "report.returned" else "",
        "user_ids": sorted({u for u in (report.submitted_by_id, report.created_by_id) if u}),
        "path": reverse("reporting:report", args=[report.indicator.code, report.period.key.code]),
    }


def _task(task, kind) -> dict:
    leader = task.leader
    return {
        "task_id": task.pk,
        "number": task.number,
        "title": task.title,
        "deadline": task.deadline.isoformat(),
        "department_id": task.lead_department_id,
        "department": str(task.lead_department),
        "leader": str(leader or ""),
        "reason": task.return_reason if kind == "task.returned" else "",
        "path": reverse("supervision:task", args=[task.pk]),
    }


DESCRIBERS = {"bulletin": _bulletin, "report": _report, "task": _task}


# --- messages -------------------------------------------------------------------------------------


def render(kind: str, p: dict) -> tuple[str, str]:
    """(title, markdown) of an event's message."""
    return RENDERERS[kind](p)


def _link(p: dict, text: str = "在平台中查看") -> str:
    path = p.get("path")
    return f"\n\n[{text}]({site_url(path)})" if path else ""


def _bulletin_issued(p):
    title = f"新印发：{p['title']}"
    number = f"{p.get('year', '')}年第{p['number']}期" if p.get("number") else ""
    body = f"### {p['title']}\n> {number}\n\n{p.get('headline') or ''}".rstrip()
    return title, body + _link(p, "阅读全文")


def _indicator(p, what):
    title = f"{what}：{p['indicator']}"
    lines = [f"### {what}：{p['region']}{p['period_label']} {p['indicator']}"]
    if p.get("growth") is not None:
        lines.append(f"> 增速 {p['growth']}%")
    if p.get("rank") is not None:
        prev = f"，此前第{p['rank_prev']}位" if p.get("rank_prev") else ""
        lines.append(f"> 居第{p['rank']}位（共{p.get('rank_of') or '—'}个）{prev}")
    lines += [f"- {r}" for r in p.get("reasons", [])]
    if p.get("department"):
        lines.append(f"\n牵头单位：{p['department']}")
    return title, "\n".join(lines) + _link(p)


def _red(p):
    return _indicator(p, "新亮红灯")


def _rank_fell(p):
    return _indicator(p, f"位次后退{p.get('fell', '')}位")


def _report_returned(p):
    title = f"填报被退回：{p['indicator']} {p['period_label']}"
    body = f"### {title}\n> 填报单位：{p['department']}\n\n退回原因：{p.get('reason') or '—'}"
    return title, body + _link(p, "修改后重新提交")


def _report_approved(p):
    title = f"填报已审核发布：{p['indicator']} {p['period_label']}"
    return title, f"### {title}\n> 填报单位：{p['department']}" + _link(p)


def _task_line(p, head):
    title = f"{head}：{p['number']} {p['title']}"
    body = (
        f"### {head}\n**{p['number']}** {p['title']}\n\n> 牵头单位：{p['department']}"
        f"\n> 办结时限：{p['deadline']}"
    )
    if p.get("leader"):
        body += f"\n> 分管区领导：{p['leader']}"
    return title, body


def _task_assigned(p):
    title, body = _task_line(p, "督办交办")
    return title, body + _link(p, "查看并报送进展")


def _task_due(p):
    title, body = _task_line(p, f"还有{p.get('days_left', '')}天到期")
    return title, body + _link(p, "报送进展")


def _task_overdue(p):
    title, body = _task_line(p, f"已逾期{p.get('days_late', '')}天")
    return title, body + _link(p, "报送进展")


def _task_returned(p):
    title, body = _task_line(p, "办结申请被退回")
    return title, body + f"\n\n退回原因：{p.get('reason') or '—'}" + _link(p)


def _task_closed(p):
    title, body = _task_line(p, "办结销号")
    return title, body + _link(p)


def _digest(p):
    title = f"每周摘要（{p['week']}）：{p['leader']}"
    lines = [f"### {p['leader']} 每周摘要 {p['week']}"]
    if p.get("indicators"):
        lines.append("\n**分管指标**")
        for row in p["indicators"]:
            light = {"red": "红", "yellow": "黄", "green": "绿"}.get(row.get("color"), "—")
            rank = f"，第{row['rank']}位" if row.get("rank") else ""
            grow = f"增速{row['growth']}%" if row.get("growth") is not None else "暂无数据"
            lines.append(f"- 【{light}】{row['name']}：{grow}{rank}")
    if p.get("tasks"):
        lines.append("\n**督办事项**")
        for row in p["tasks"]:
            lines.append(
                f"- {row['number']} {row['title']}（{row['state']}，时限{row['deadline']}）"
            )
    if len(lines) == 1:
        lines.append("本周没有分管指标和未办结的督办事项。")
    return title, "\n".join(lines) + _link({"path": "/leaders/"})


RENDERERS = {
    "bulletin.issued": _bulletin_issued,
    "indicator.red": _red,
    "indicator.rank_fell": _rank_fell,
    "report.returned": _report_returned,
    "report.approved": _report_approved,
    "task.assigned": _task_assigned,
    "task.due": _task_due,
    "task.overdue": _task_overdue,
    "task.returned": _task_returned,
    "task.closed": _task_closed,
    "digest.weekly": _digest,
}
assert set(RENDERERS) == set(LABELS)
