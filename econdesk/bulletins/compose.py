"""Put sentences together into a document: the monthly bulletin (经济运行通报) and the meeting
materials (会议材料). Pure functions over the stored material, no Django.

A document is a plain dict: title lines, numbered sections (level 1 一、 / level 2 （一） /
level 3 1.) each with sentences, the indicator table as printed strings and the chart's data.
The same document feeds the .docx, the printable HTML and the archive.
"""

from __future__ import annotations

from econdesk import phrases
from econdesk.bulletins import fields
from econdesk.bulletins import narrative as nv
from econdesk.bulletins import overview as ov
from econdesk.web import numbers

MAIN_CODES = ("industry_va", "fai", "retail_sales")
CN_NUMBERS = "一二三四五六七八九十"
CHART_AT_MOST = 8


def cn_number(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 (headings rarely go further)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    return "十" + CN_NUMBERS[n - 11] if n < 20 else str(n)


def numbered(sections: list[dict]) -> list[dict]:
    """Drop empty sections and number the rest: 一、 at level 1, （一） at 2, 1. at 3."""
    counters = {1: 0, 2: 0, 3: 0}
    out = []
    for sec in sections:
        if not sec["sentences"] and not sec.get("keep"):
            continue
        level = sec["level"]
        counters[level] += 1
        for deeper in range(level + 1, 4):
            counters[deeper] = 0
        n = counters[level]
        mark = {1: f"{cn_number(n)}、", 2: f"（{cn_number(n)}）", 3: f"{n}."}[level]
        out.append({**sec, "heading": mark + sec["title"]})
    return out


def _section(title: str, sentences, level: int = 1, keep: bool = False) -> dict:
    return {
        "title": title,
        "level": level,
        "sentences": [s for s in sentences if s is not None],
        "keep": keep,
    }


def main_rows(panel: dict) -> list[dict]:
    by_code = {r["code"]: r for r in panel["indicators"]}
    return [by_code[c] for c in MAIN_CODES if c in by_code]


def period_heading(material: dict) -> str:
    panel = material["panel"]
    return f"{panel['year']}年{panel['period_label']}"


def subtitle(material: dict) -> str:
    """（2022年1-2月）, with the issue number once issued: （2022年1-2月，第3期）."""
    number = f"，第{material['number']}期" if material.get("number") else ""
    return f"（{period_heading(material)}{number}）"


def indicator_table(panel: dict) -> list[dict]:
    """The indicator table as printed: one dict of strings per row with a figure."""
    rows = []
    for r in panel["indicators"]:
        if r["growth"] is None and r["value"] is None:
            continue
        d, dv = r["growth_decimals"], r["decimals"]
        rank = ""
        if r.get("published_rank") and r["published_rank"] != r["rank"]:
            # a zone the city ranks apart, or peers missing: the published rank beats ours
            rank = str(r["published_rank"])
        elif r["rank"] is not None:
            rank = f"{'并列' if r['tied'] else ''}{r['rank']}/{r['rank_of']}"
        change = phrases.rank_change_short(r["rank_change_prev"])
        scale = numbers.scale_for([r["value"]], r["unit"], dv)  # 万千瓦时 past 10,000 → 亿千瓦时
        rows.append(
            {
                "name": r["name"],
                "unit": scale.unit,
                "value": scale.text(r["value"]),
                "growth": nv.num(r["growth"], d) if r["growth"] is not None else "—",
                "total_growth": nv.num(r["total_growth"], d)
                if r["total_growth"] is not None
                else "—",
                "difference": nv.num(r["vs_total_pp"], d) if r["vs_total_pp"] is not None else "—",
                "rank": rank or "—",
                "change": change,
                "arrow": phrases.rank_arrow(r["rank_change_prev"]),
            }
        )
    return rows


def chart_data(panel: dict) -> dict | None:
    """Growth of the region against the total's, main indicators first."""
    main = main_rows(panel)
    others = [r for r in panel["indicators"] if r not in main]
    rows = [r for r in main + others if r["growth"] is not None and r["total_growth"] is not None]
    rows = rows[:CHART_AT_MOST]
    if not rows:
        return None
    return {
        "title": f"{panel['region']}{panel['year']}年{panel['period_label']}主要指标增速与"
        f"{panel.get('total_label') or '全市'}对比",
        "labels": [r["short_name"] for r in rows],
        "own": [nv.num(r["growth"], r["growth_decimals"]) for r in rows],
        "total": [nv.num(r["total_growth"], r["growth_decimals"]) for r in rows],
        "own_label": panel["region"],
        "total_label": panel.get("total_label") or "全市",
    }


def _indicator_lines(material: dict, row: dict) -> list:
    panel, refs = material["panel"], material.get("refs", {}).get(row["code"], {})
    return [
        nv.indicator_sentence(panel, row, material["subject"], refs),
        *nv.target_sentences(panel, row, refs),
        nv.projection_sentence(panel, row, refs),
    ]


def monthly_document(material: dict) -> dict:
    """The monthly bulletin: 一、总体情况 / 二、分领域运行情况 (one paragraph per field) /
    三、存在的问题 / 四、下步工作建议, and the 附表."""
    panel = material["panel"]
    overall = [fields.headline(material), fields.gdp_sentence(material), fields.tally(material)]
    problems = fields.problem_sentences(material) or [nv.Sentence("本期无亮红灯、黄灯的指标。")]
    plans = fields.suggestion_sentences(material) or [
        nv.Sentence("牵头部门尚未填报下阶段工作打算。")
    ]
    sections = [
        _section("总体情况", overall),
        _section("分领域运行情况", [], keep=True),
        *[_section(name, lines, level=2) for name, lines in fields.field_sections(material)],
        _section("重大项目和招商引资", ov.project_paragraph(material.get("projects")), level=2),
        _section("存在的问题", problems),
        _section("下步工作建议", plans),
    ]
    return {
        "kind": "monthly",
        "title": f"{material['region']}经济运行情况通报",
        "subtitle": subtitle(material),
        "issuer": material.get("issuer", ""),
        "issue_date": material.get("issue_date", ""),
        "sections": numbered(sections),
        "table_title": f"附表：{material['region']}{period_heading(material)}主要经济指标完成情况",
        "table": indicator_table(panel),
        "total_label": panel.get("total_label") or "全市",
        "chart": chart_data(panel),
        "note": NOTE,
    }


NOTE = "注：累计、增速、位次为统计部门公布数；位次变化较上期，↑前移、↓后退、→持平；预计数为本平台测算。"


def meeting_title(material: dict) -> str:
    """The meeting the material is for, by the period's month: 1-3月 一季度“开门红”, 4-6月 上半年,
    7-9月 前三季度, 12月 全年; 10-11月 by the period itself (2026年1-10月经济运行分析会)."""
    panel = material["panel"]
    month = int(panel["period"].split("-")[1])
    if month <= 3:
        label = "一季度“开门红”"
    elif month <= 6:
        label = "上半年"
    elif month <= 9:
        label = "前三季度"
    elif month == 12:
        label = "全年"
    else:
        label = panel["period_label"]
    return f"{panel['year']}年{label}经济运行分析会"


def agenda(material: dict) -> list[nv.Sentence]:
    """The speech's three agenda items, with one line per leader in charge."""
    panel = material["panel"]
    quarter_word = (
        meeting_title(material).removeprefix(f"{panel['year']}年").removesuffix("经济运行分析会")
    )
    by_code = {r["code"]: r for r in panel["indicators"]}
    lines = [
        nv.Sentence(
            f"第一项议程：请分管区领导汇报{quarter_word}目标完成情况、存在问题及下阶段工作打算。"
        )
    ]
    for leader in material.get("leaders", []):
        names = [by_code[c]["name"] for c in leader["codes"] if c in by_code]
        if not names:
            continue
        what = "、".join(names[:4]) + ("等指标" if len(names) > 4 else "")
        lines.append(nv.Sentence(f"请{leader['name']}同志汇报{what}推进情况。"))
    lines.append(nv.Sentence("第二项议程：请区委副书记、区长讲话。"))
    lines.append(nv.Sentence("第三项议程：请区委书记讲话。"))
    return lines


def leader_sections(material: dict) -> list[dict]:
    """One report per leader in charge: 目标完成情况、存在问题及下阶段工作打算."""
    panel = material["panel"]
    by_code = {r["code"]: r for r in panel["indicators"]}
    notes = material.get("notes", {})
    sections = []
    for leader in material.get("leaders", []):
        rows = [by_code[c] for c in leader["codes"] if c in by_code]
        if not rows:
            continue
        done = [s for r in rows for s in _indicator_lines(material, r) if s is not None]
        problems = [
            s for r in rows for s in ov.note_sentences(notes.get(r["code"], []), "problems")
        ]
        plans = [s for r in rows for s in ov.note_sentences(notes.get(r["code"], []), "plans")]
        title = f"{leader['label']}：分管指标目标完成情况、存在问题及下阶段工作打算"
        sections += [
            _section(title, [], level=2, keep=True),
            _section("目标完成情况", done, level=3),
            _section("存在问题", problems or [nv.Sentence("牵头部门尚未填报存在问题。")], level=3),
            _section(
                "下阶段工作打算",
                plans or [nv.Sentence("牵头部门尚未填报下阶段工作打算。")],
                level=3,
            ),
        ]
    return sections


def data_brief(material: dict) -> list[dict]:
    """The speech's three data paragraphs: the city comparison, the projection and its gaps,
    the indicators doing well and those to catch up (with projects)."""
    panel, subject, refs = material["panel"], material["subject"], material.get("refs", {})
    projections = [
        nv.projection_sentence(panel, r, refs.get(r["code"], {})) for r in panel["indicators"]
    ]
    return [
        _section(
            "主要指标全市对比",
            [nv.city_comparison_sentence(panel, main_rows(panel), subject, refs)],
            level=2,
        ),
        _section(
            "预计完成情况及缺口",
            [*projections, ov.gdp_sentence(material.get("gdp"), subject)],
            level=2,
        ),
        _section(
            "完成情况较好和需查缺补漏的指标",
            [
                ov.standing_sentence(panel, subject, refs),
                *ov.project_sentences(material.get("projects")),
            ],
            level=2,
        ),
    ]


def meeting_document(material: dict) -> dict:
    """Meeting materials: the agenda, one report per leader in charge, and the data brief."""
    reports = leader_sections(material)
    missing = [] if reports else [nv.Sentence("指标目录尚未设置分管区领导。")]
    sections = [
        _section("会议议程", agenda(material)),
        _section("分管区领导汇报材料", missing, keep=True),
        *reports,
        _section("数据简报", [], keep=True),
        *data_brief(material),
    ]
    return {
        "kind": "meeting",
        "title": f"{material['region']}{meeting_title(material)}",
        "subtitle": f"会议材料（第{material['number']}期）"
        if material.get("number")
        else "会议材料",
        "issuer": material.get("issuer", ""),
        "issue_date": material.get("issue_date", ""),
        "sections": numbered(sections),
        "table_title": f"{material['region']}{period_heading(material)}主要经济指标完成情况",
        "table": indicator_table(material["panel"]),
        "total_label": material["panel"].get("total_label") or "全市",
        "chart": chart_data(material["panel"]),
        "note": NOTE,
    }


def document_for(material: dict) -> dict:
    """The document of the material's kind."""
    if material["kind"] == "meeting":
        return meeting_document(material)
    return monthly_document(material)


def sentences_of(document: dict) -> list[nv.Sentence]:
    """Every sentence of a document, in order."""
    return [s for sec in document["sections"] for s in sec["sentences"]]
