"""The monthly bulletin's paragraphs as a district writer words them (no Django).

一、总体情况 (the headline: the leading indicators against the total, GDP as published or, for a
period not yet published, as estimated with its error band, and a count of what rose and fell);
二、分领域运行情况 (one paragraph per field — 工业、投资、消费… — stating each figure as published
and weighing them: above/below the total, rank moves, the largest gap); 三、存在的问题 (red and
yellow statuses with their reasons, projects behind schedule); 四、下步工作建议 (departments'
approved plans and open supervision tasks). Conventions: docs/bulletin-phrasing.md.
"""

from __future__ import annotations

import re

from econdesk import phrases
from econdesk.bulletins.narrative import (
    Sentence,
    Source,
    own_sources,
    period_words,
    target_sentences,
)

FIELDS = (
    ("工业", ("industry_va", "industry_output", "power_use", "industry_power_use")),
    ("投资", ("fai", "re_investment", "re_investment_residential", "house_sales_area",
             "house_sales_value", "construction_output")),
    ("消费", ("retail_sales", "wholesale_sales", "retail_trade_sales", "accommodation_revenue",
             "catering_revenue")),
    ("服务业", ("services_revenue", "tertiary_va")),
    ("农业", ("agri_output", "primary_va")),
    ("财政", ("fiscal_revenue", "tax_revenue")),
    ("金融", ("deposits", "loans")),
    ("外贸", ("trade", "exports", "imports", "fdi")),
)  # fmt: skip
FIELD_OF = {code: name for name, codes in FIELDS for code in codes}
OVERALL_CODES = ("gdp", "secondary_va")
FOREIGN_TRADE = ("export", "import", "foreign")
LEADING = ("industry_va", "fai", "retail_sales", "fiscal_revenue")


def field_of(code: str) -> str:
    if code in FIELD_OF:
        return FIELD_OF[code]
    if any(word in code for word in FOREIGN_TRADE):
        return "外贸"
    return "其他"


def by_field(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Rows with a figure, grouped by field in the bulletin's order (工业 first)."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if row["code"] in OVERALL_CODES or (row["growth"] is None and row["value"] is None):
            continue
        groups.setdefault(field_of(row["code"]), []).append(row)
    order = [name for name, _ in FIELDS] + ["其他"]
    return [(name, groups[name]) for name in order if name in groups]


def rank_words(material: dict, row: dict, label: str) -> str:
    """居全市第3位 / 总量居全市第2位 (an indicator the city ranks by 总量) / 增速居全市第3位、
    总量居全市第1位 (where both ranks were published) — the published rank, for zones too (the
    city's own rank where the panel does not rank them)."""
    key = material.get("rank_keys", {}).get(row["code"], "growth")
    rank, tied = row["rank"], row["tied"]
    if row.get("published_rank") and row["published_rank"] != rank:  # published beats computed
        rank, tied = row["published_rank"], False
    if rank is None:
        return ""
    if key == "value":
        return phrases.rank(rank, tied, label, by="总量")
    by_value = material.get("value_ranks", {}).get(row["code"])
    if by_value:
        return (
            phrases.rank(rank, tied, label, by="增速")
            + "、"
            + phrases.rank(by_value["rank"], by_value["tied"], label, by="总量")
        )
    return phrases.rank(rank, tied, label)


def rank_sources(material: dict, row: dict, refs: dict) -> list[Source]:
    """own_sources, and the published 总量 rank where rank_words states it beside the 增速 one."""
    sources = own_sources(material["panel"], row, refs)
    by_value = material.get("value_ranks", {}).get(row["code"])
    key = material.get("rank_keys", {}).get(row["code"], "growth")
    if by_value and key != "value" and rank_words(material, row, "全市"):
        sources.append(
            Source(
                "总量位次（公布）",
                f"{'并列' if by_value['tied'] else ''}第{by_value['rank']}位",
                row.get("observation_id"),
                note="按文件公布的总量位次，不计算",
            )
        )
    return sources


def clause(material: dict, row: dict, with_period: bool = False, lead: str = "") -> str:
    """One indicator as published: 规模以上工业增加值增长8.2%（全市增长7.1%），高于全市1.1个
    百分点，居全市第3位，较1-9月前移1位，其中，10月当月增长5.2%."""
    panel = material["panel"]
    label = panel.get("total_label") or "全市"
    d = row["growth_decimals"]
    when = period_words(panel, row)
    head = f"{when if when != lead else ''}{phrases.prose_name(row)}"
    if row["value"] is not None:
        head += phrases.amount(row["value"], row["decimals"], row["unit"])
        head += "，" if row["growth"] is not None else ""
    if row["growth"] is not None:
        head += phrases.growth(row["growth"], d)
    parts = [head]
    if row["vs_total_pp"] is not None:
        parts.append(phrases.versus_total(row["vs_total_pp"], d, label))
    parts.append(rank_words(material, row, label))
    if row["rank_change_prev"]:  # a move; an unchanged rank is left unsaid
        parts.append(
            phrases.rank_change(row["rank_change_prev"], row["prev_period_label"] or "上期")
        )
    if row.get("month_growth") is not None:
        parts.append(phrases.month_growth(int(panel["period"][5:]), row["month_growth"], d))
    text = "，".join(p for p in parts if p)
    return f"{when}，{text}" if with_period else text


def _names(rows: list[dict]) -> str:
    return "、".join(r["short_name"] for r in rows)


def weighing(material: dict, rows: list[dict]) -> str:
    """What the field's figures say together: how many above/below the total and the largest
    gap (rank moves are in each clause). "" for a field of one indicator."""
    if len(rows) < 2:
        return ""
    label = material["panel"].get("total_label") or "全市"
    compared = [r for r in rows if r["vs_total_pp"] is not None]
    above = [r for r in compared if not phrases.is_zero(r["vs_total_pp"], r["growth_decimals"])
             and r["vs_total_pp"] > 0]  # fmt: skip
    below = [r for r in compared if not phrases.is_zero(r["vs_total_pp"], r["growth_decimals"])
             and r["vs_total_pp"] < 0]  # fmt: skip
    parts = []
    if compared:
        if not above:
            split = f"{len(below)}项增速均低于{label}" if len(below) == len(compared) else ""
        elif not below:
            split = f"{len(above)}项增速均高于{label}" if len(above) == len(compared) else ""
        else:
            split = ""
        split = split or f"{len(above)}项增速高于{label}、{len(below)}项低于{label}"
        if below:
            worst = min(below, key=lambda r: r["vs_total_pp"])
            gap = phrases.versus_total(worst["vs_total_pp"], worst["growth_decimals"], label)
            split += f"，{worst['short_name']}差距最大（{gap}）"
        parts.append(split)
    if not parts:
        return ""
    return f"从{label}对比看，本领域" + "；".join(parts) + "。"


def field_paragraph(material: dict, rows: list[dict]) -> Sentence:
    panel, refs = material["panel"], material.get("refs", {})
    lead = period_words(panel, rows[0])
    text = f"{lead}，{material['subject']}" + "；".join(
        clause(material, r, lead=lead) for r in rows
    )
    text += "。" + weighing(material, rows)
    sources = [s for r in rows for s in rank_sources(material, r, refs.get(r["code"], {}))]
    return Sentence(text, tuple(sources))


def field_sections(material: dict) -> list[tuple[str, list[Sentence]]]:
    """Per field: its paragraph, then the targets' progress of its indicators (已完成市下达全年
    目标任务的X%, or the pace the rest of the period needs)."""
    panel, refs = material["panel"], material.get("refs", {})
    return [
        (name, [field_paragraph(material, rows),
                *[s for r in rows for s in target_sentences(panel, r, refs.get(r["code"], {}))]])
        for name, rows in by_field(panel["indicators"])
    ]  # fmt: skip


def growth_sources(material: dict, rows: list[dict]) -> tuple[Source, ...]:
    """The region's own published growth of each row (what a count or a list rests on)."""
    panel = material["panel"]
    return tuple(s for r in rows for s in own_sources(panel, r, {})[:1] if r["growth"] is not None)


# ---- 一、总体情况 ----------------------------------------------------------------------------


def gdp_sentence(material: dict) -> Sentence | None:
    """GDP as published when the ledger has this period's figure (never an estimate beside it);
    else the last published quarter as published; else the estimate, labelled 据测算 with its
    error band. None without any."""
    panel = material["panel"]
    row = next((r for r in panel["indicators"] if r["code"] == "gdp"), None)
    if row is not None and row["growth"] is not None:
        when = period_words(panel, row)
        text = f"{when}，{material['subject']}{clause(material, row, lead=when)}。"
        refs = material.get("refs", {}).get("gdp", {})
        return Sentence(text, tuple(own_sources(panel, row, refs)))
    subject = material["subject"]
    published = material.get("gdp_published")
    statement = (material.get("gdp") or {}).get("statement") or {}
    growth = statement.get("growth")
    said = ""
    if published:
        said = published_gdp(material, published)
        cited = (Source(f"{material['region']}·地区生产总值·{panel['year']}年{published['label']}"
                        "·增速", phrases.pct(published["growth"], published.get(
                            "growth_decimals", 1)) + "%", published.get("observation_id")),)  # fmt: skip
        if statement.get("kind") != "estimate" or statement.get("label") == published["label"]:
            return Sentence(said + "。", cited)  # published beats estimated: no estimate beside it
    else:
        cited = ()
    if growth is None:
        return Sentence(said + "。", cited) if said else None
    if statement.get("kind") == "published":
        return Sentence(
            f"{statement.get('label', '')}，{subject}地区生产总值{phrases.growth(growth, 1)}。"
        )
    band = statement.get("mae")
    window = statement.get("window")
    when = statement.get("label") or panel["period_label"]
    text = (said + "；") if said else ""
    text += f"据测算，{when}{subject}地区生产总值{phrases.about(growth, 1)}"
    if band is not None and window:
        text += f"（预计数，近{window}个季度平均误差±{phrases.num(band, 1)}个百分点）"
    else:
        text += "（预计数，尚无可回测的季度，误差未知）"
    return Sentence(text + "。", cited)


def published_gdp(material: dict, gdp: dict) -> str:
    """前三季度，全区地区生产总值1234.56亿元，增长5.5%（全市增长5.8%），居全市第3位."""
    label = material["panel"].get("total_label") or "全市"
    text = f"{gdp['label']}，{material['subject']}地区生产总值"
    if gdp.get("value") is not None:
        text += phrases.amount(gdp["value"], gdp.get("decimals", 2), gdp.get("unit", "亿元")) + "，"
    text += phrases.growth(gdp["growth"], gdp.get("growth_decimals", 1))
    if gdp.get("total_growth") is not None:
        text += phrases.growth_in_brackets(
            label, gdp["total_growth"], gdp.get("growth_decimals", 1)
        )
    if gdp.get("rank"):
        text += "，" + phrases.rank(gdp["rank"], False, label)
    return text


def headline(material: dict) -> Sentence | None:
    """The speech's sentence over the leading indicators: 全区规模以上工业增加值增长8.2%（全市
    增长7.1%）、居全市第3位；…"""
    panel = material["panel"]
    label = panel.get("total_label") or "全市"
    by_code = {r["code"]: r for r in panel["indicators"]}
    rows = [by_code[c] for c in LEADING if c in by_code and by_code[c]["growth"] is not None]
    if not rows:
        return None
    clauses = []
    for row in rows:
        d = row["growth_decimals"]
        text = phrases.prose_name(row) + phrases.growth(row["growth"], d)
        if row["total_growth"] is not None:
            text += phrases.growth_in_brackets(label, row["total_growth"], d)
        rank = rank_words(material, row, label)
        clauses.append(text + (f"、{rank}" if rank else ""))
    refs = material.get("refs", {})
    sources = [s for r in rows for s in rank_sources(material, r, refs.get(r["code"], {}))]
    upper = label[1:] + "上" if len(label) == 2 else label
    return Sentence(
        f"从{upper}通报的{panel['period_label']}主要经济指标来看，{material['subject']}"
        + "；".join(clauses)
        + "。",
        tuple(sources),
    )


def tally(material: dict) -> Sentence | None:
    """纳入通报的21项指标中，12项增速高于全市、8项低于全市；5项位次前移、3项后退。"""
    panel = material["panel"]
    label = panel.get("total_label") or "全市"
    rows = [r for r in panel["indicators"] if r["growth"] is not None]
    if len(rows) < 3:
        return None
    diff = [(r["vs_total_pp"], r["growth_decimals"]) for r in rows if r["vs_total_pp"] is not None]
    above = sum(1 for x, d in diff if not phrases.is_zero(x, d) and x > 0)
    below = sum(1 for x, d in diff if not phrases.is_zero(x, d) and x < 0)
    ups = sum(1 for r in rows if (r["rank_change_prev"] or 0) > 0)
    downs = sum(1 for r in rows if (r["rank_change_prev"] or 0) < 0)
    split = [f"{above}项增速高于{label}" if above else "", f"{below}项低于{label}" if below else ""]
    moves = [f"{ups}项位次较上期前移" if ups else "", f"{downs}项位次后退" if downs else ""]
    text = f"纳入通报的{len(rows)}项指标中，" + "、".join(p for p in split if p)
    if ups or downs:
        text += "；" + "、".join(p for p in moves if p)
    return Sentence(text + "。", growth_sources(material, rows))


# ---- 三、存在的问题 / 四、下步工作建议 ----------------------------------------------------------


# The kinds of red reason (worded in analysis/arithmetic/status.py), as a writer groups them.
_BEHIND_TARGET = re.compile(r"^距(?P<target>.+?)还差(?P<gap>.+)$")
_LAST = re.compile(r"排名末位$")
_BELOW_TOTAL = re.compile(r"^增速低于(?P<label>.+?)(?P<gap>[\d.]+)个百分点$")


def _red_groups(rows: list[dict]) -> tuple[dict[str, list], list[tuple[dict, str]]]:
    """Red rows by the first reason that lit them: behind a target (with the target's name and
    the shortfall), last of the group, growth below the total; others keep their reason."""
    groups: dict[str, list] = {"target": [], "last": [], "below": []}
    others = []
    for row in rows:
        reason = next(iter(row["status"]["reasons"]), "")
        if match := _BEHIND_TARGET.match(reason):
            groups["target"].append((row, match["target"], match["gap"]))
        elif _LAST.search(reason):
            groups["last"].append((row, reason))
        elif match := _BELOW_TOTAL.match(reason):
            groups["below"].append((row, match["gap"]))
        else:
            others.append((row, reason))
    return groups, others


def _red_sentence(rows: list[dict], label: str) -> str:
    """亮红灯指标8项：规上工业增加值、固投距市下达全年目标分别还差1.0、7.0个百分点；商品房销售面积、
    实际利用外资居全市末位；…… — one clause per kind of reason instead of one per indicator."""
    groups, others = _red_groups(rows)
    clauses = []
    behind = groups["target"]
    if behind:
        targets = {target for _, target, _ in behind}
        if len(targets) == 1 and len(behind) > 1:
            gaps = [gap.removesuffix("个百分点") for _, _, gap in behind]
            unit = "个百分点" if all(g.endswith("个百分点") for _, _, g in behind) else ""
            gaps = gaps if unit else [gap for _, _, gap in behind]
            clauses.append(f"{_names([r for r, _, _ in behind])}距{targets.pop()}分别还差"
                           + "、".join(gaps) + unit)  # fmt: skip
        else:
            clauses.append("，".join(f"{r['short_name']}距{t}还差{g}" for r, t, g in behind))
    if groups["last"]:
        clauses.append(f"{_names([r for r, _ in groups['last']])}居{label}末位")
    below = groups["below"]
    if below:
        many = len(below) > 1
        clauses.append(f"{_names([r for r, _ in below])}增速{'分别' if many else ''}低于{label}"
                       + "、".join(g for _, g in below) + "个百分点")  # fmt: skip
    clauses += [f"{r['short_name']}{reason}" for r, reason in others]
    return (
        f"亮红灯指标{len(rows)}项：" + "；".join(c.replace("全市", label) for c in clauses) + "。"
    )


def problem_sentences(material: dict) -> list[Sentence]:
    out = []
    label = material["panel"].get("total_label") or "全市"
    indicators = material["panel"]["indicators"]
    red = [r for r in indicators if r["status"]["color"] == "red"]
    yellow = [r for r in indicators if r["status"]["color"] == "yellow"]
    texts = []
    if red:
        texts.append(_red_sentence(red, label))
    if yellow:  # the names only: the reasons are in the table's figures
        texts.append(f"亮黄灯指标{len(yellow)}项：{_names(yellow)}。")
    if texts:  # one paragraph for the lights
        out.append(Sentence("".join(texts), growth_sources(material, red + yellow)))
    warned = material.get("project_warnings") or []
    if warned:
        kinds: dict[str, list[str]] = {}
        for w in warned:
            kinds.setdefault(w["kind"], []).append(w["name"])
        items = [f"{kind}{len(names)}项（{'、'.join(names)}）" for kind, names in kinds.items()]
        source = Source("项目台账·预警", f"{len(warned)}项", note="项目库")
        out.append(
            Sentence(f"重大项目和招商引资方面，{len(warned)}项预警：" + "，".join(items) + "。",
                     (source,))
        )  # fmt: skip
    return out


def suggestion_sentences(material: dict) -> list[Sentence]:
    out = []
    by_code = {r["code"]: r for r in material["panel"]["indicators"]}
    for code, notes in (material.get("notes") or {}).items():
        for note in notes:
            if note.get("plans"):
                name = by_code.get(code, {}).get("short_name", code)
                who = note.get("department") or "牵头部门"
                source = Source(f"{who}填报", "已审核发布", note=note.get("approved_at") or "")
                out.append(Sentence(f"{name}：{who}{note['plans'].rstrip('。')}。", (source,)))
    tasks = material.get("open_tasks") or []
    if tasks:
        # The tasks by title, grouped under their lead department (named once), in the order
        # the departments first appear.
        by_department: dict[str, list[str]] = {}
        for t in tasks:
            by_department.setdefault(t["department"], []).append(t["title"])
        items = [f"{who}牵头的{'、'.join(titles)}" for who, titles in by_department.items()]
        source = Source("督办事项·未办结", f"{len(tasks)}项", note="督办台账")
        out.append(
            Sentence(f"抓好{len(tasks)}项督办事项落实：" + "；".join(items) + "。", (source,))
        )
    return out
