"""Sentences over several indicators: doing well / behind, the GDP estimate, projects, and the
problems and plans departments entered. Pure functions over plain dicts, no Django.

Doing well (完成情况较好) and behind (查缺补漏) follow the panel's status light: a green light is
doing well, a red one is behind (its reasons are the panel's). Nothing is recomputed here.
"""

from __future__ import annotations

from econdesk.bulletins.narrative import Sentence, Source, about_phrase, growth_phrase, is_zero, num

LIST_AT_MOST = 6


def _names(rows: list[dict]) -> str:
    names = [r["name"] for r in rows[:LIST_AT_MOST]]
    return "、".join(names)


def _status_sources(panel: dict, rows: list[dict], refs: dict) -> list[Source]:
    out = []
    for row in rows:
        reasons = "；".join(row["status"]["reasons"]) or "各项判断均正常"
        color = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}.get(row["status"]["color"], "")
        out.append(
            Source(
                f"{panel['region']}·{row['name']}·{panel['period_label']}·状态",
                f"{color}（{reasons}）",
                observation_id=refs.get(row["code"], {}).get("own") or row.get("observation_id"),
                note="面板状态灯",
            )
        )
    return out


def doing_well(panel: dict) -> list[dict]:
    """Rows with a green light and a figure this period."""
    return [
        r
        for r in panel["indicators"]
        if r["status"]["color"] == "green" and r["growth"] is not None
    ]


def behind(panel: dict) -> list[dict]:
    """Rows with a red light (behind target, last, …)."""
    return [r for r in panel["indicators"] if r["status"]["color"] == "red"]


def standing_sentence(panel: dict, subject: str, refs: dict | None = None):
    """ "从测算情况来看，全区A、B等指标完成情况较好，要力争进入全市前列；C、D等指标要抢抓时间
    查缺补漏，力争实现目标任务。" None when no light is green or red."""
    refs = refs or {}
    good, bad = doing_well(panel), behind(panel)
    total = panel.get("total_label") or "全市"
    clauses = []
    if good:
        more = "等" if len(good) > 1 else ""
        clauses.append(f"{subject}{_names(good)}{more}指标完成情况较好，要力争进入{total}前列")
    if bad:
        more = "等" if len(bad) > 1 else ""
        lead = "" if good else subject
        clauses.append(f"{lead}{_names(bad)}{more}指标要抢抓时间查缺补漏，力争实现目标任务")
    if not clauses:
        return None
    text = "从测算情况来看，" + "；".join(clauses) + "。"
    return Sentence(text, tuple(_status_sources(panel, good + bad, refs)))


def gdp_sentence(gdp: dict | None, subject: str):
    """ "据测算，按1-2月各行业指标推算，全区地区生产总值增长5.2%左右，距市下达一季度目标
    （增长6.0%）还差0.8个百分点。" None without an estimate."""
    if not gdp or gdp.get("gdp_growth") is None:
        return None
    text = (
        f"据测算，按{gdp['period_label']}各行业指标推算，{subject}地区生产总值"
        f"{about_phrase(gdp['gdp_growth'], 1)}"
    )
    if gdp.get("target_growth") is not None and gdp.get("gap_pp") is not None:
        goal = f"{gdp['target_label']}（{growth_phrase(gdp['target_growth'], 1)}）"
        if is_zero(gdp["gap_pp"], 1):
            text += f"，可支撑{goal}"
        else:
            text += f"，距{goal}还差{num(gdp['gap_pp'], 1)}个百分点"
    sources = [
        Source(
            f"{s['name']}增速（{s['driver_source']}）",
            f"{num(s['growth'], 1)}%" if s["growth"] is not None else "—",
            note=f"推算指标：{s['driver'] or '人工设定'}",
        )
        for s in gdp.get("sectors", [])
    ]
    return Sentence(text + "。", tuple(sources))


PROJECT_LABELS = {"projects_started": "重大项目开工", "deals_signed": "招商引资项目签约"}


def _figure_text(figures: dict) -> str:
    parts = []
    for name, value in figures.items():
        if isinstance(value, list | dict):
            continue
        parts.append(f"{name}={value}")
    return "，".join(parts)


def project_sentences(items: list[dict] | None) -> list[Sentence]:
    """Projects started and deals signed, as the projects app wrote them ("1-3月，总投资X亿元的
    X个重大项目开工建设。"), each with the figures it states. None or []: no sentences."""
    out = []
    for item in items or []:
        label = PROJECT_LABELS.get(item["key"], item["key"])
        source = Source(f"项目台账·{label}", _figure_text(item.get("figures", {})), note="项目库")
        out.append(Sentence(item["text"], (source,)))
    return out


def project_paragraph(items: list[dict] | None) -> list[Sentence]:
    """The same sentences as one, as a writer joins them: "1-10月，总投资X亿元的X个重大项目开工
    建设，……；总投资X亿元的……X个产业项目完成签约，……。" (the period said once)."""
    sentences = project_sentences(items)
    if len(sentences) < 2:
        return sentences
    first, *rest = sentences
    lead = first.text.split("，", 1)[0] + "，"
    parts = [first.text.rstrip("。")]
    for s in rest:
        text = s.text.removeprefix(lead) if s.text.startswith(lead) else s.text
        parts.append(text.rstrip("。"))
    sources = tuple(src for s in sentences for src in s.sources)
    return [Sentence("；".join(parts) + "。", sources)]


def note_sentences(notes: list[dict], part: str) -> list[Sentence]:
    """The department's own words (存在问题 / 下阶段工作打算), as published, one per note."""
    out = []
    for note in notes:
        text = (note.get(part) or "").strip()
        if not text:
            continue
        if text[-1] not in "。！？；":
            text += "。"
        approved = note.get("approved_at") or ""
        out.append(
            Sentence(
                f"{note['department']}：{text}",
                (Source(f"{note['department']}填报", "已审核发布", note=f"发布时间 {approved}"),),
            )
        )
    return out
