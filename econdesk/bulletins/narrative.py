"""Bulletin sentences (通报语句) written from the indicator panel: pure functions, no Django.

Every figure comes from a panel row as the panel computed it; this module only chooses words
and rounds for print (each indicator's own decimals, half up, trailing .0 kept). Conventions
(docs/methodology.md §10): 增长X% / 下降X% (never 增长-X%), 高于/低于全市X个百分点,
居全市第X位 / 居全市并列第X位, 较1-2月前移X位 / 后退X位, and the speech's projection sentence
"预计一季度完成X亿元、下降X%左右，要实现正增长，还有X亿元缺口；要完成市下达X%的目标，有X亿元缺口".

Each :class:`Sentence` carries the :class:`Source` figures it was written from, so pages can
show where every number came from (observation id → batch and file, added by the services).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from econdesk import phrases
from econdesk.phrases import LEVEL_ORDER, is_zero, num


@dataclass(frozen=True)
class Source:
    """One figure a sentence rests on: what it is, as printed, and where it is stored."""

    label: str
    value: str
    observation_id: int | None = None
    observation_ids: tuple[int, ...] = ()
    target_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence of a bulletin and the figures it was written from."""

    text: str
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return self.text


growth_phrase = phrases.growth
about_phrase = phrases.about


def versus_total_phrase(row: dict, total_label: str) -> str:
    """增速高于全市（7.1%）1.1个百分点 / 低于… / 与全市（5.1%）持平; "" without the total."""
    total, diff, d = row["total_growth"], row["vs_total_pp"], row["growth_decimals"]
    if total is None or diff is None:
        return ""
    return phrases.versus_total(diff, d, total_label, total=total)


def rank_phrase(row: dict, total_label: str) -> str:
    """居全市第3位 / 居全市并列第5位（与北山区相同）; "" when unranked."""
    text = phrases.rank(row["rank"], row["tied"], total_label)
    if text and row["tied"] and row.get("tied_with"):
        text += f"（与{'、'.join(row['tied_with'])}相同）"
    return text


def rank_change_phrase(row: dict) -> str:
    """较1-2月前移1位 / 较1月后退2位 / 位次与1-2月持平; "" without a previous rank."""
    return phrases.rank_change(row["rank_change_prev"], row["prev_period_label"] or "上期")


def _label(panel: dict, row: dict, what: str, period_label: str | None = None) -> str:
    period = period_label or panel["period_label"]
    return f"{panel['region']}·{row['name']}·{panel['year']}年{period}·{what}"


def own_sources(panel: dict, row: dict, refs: dict) -> list[Source]:
    """The region's own figure and, where printed, the total's and the peers' (for the rank)."""
    d = row["growth_decimals"]
    out = []
    own_id = row.get("observation_id")
    if row["growth"] is not None:
        out.append(Source(_label(panel, row, "增速"), f"{num(row['growth'], d)}%", own_id))
    if row["value"] is not None:  # stated wherever the file published one
        value = f"{num(row['value'], row['decimals'])}{row['unit']}"
        out.append(Source(_label(panel, row, "累计值"), value, own_id))
    if row.get("month_growth") is not None:  # 其中，10月当月增长X%: as the file printed it
        label = _label(panel, row, "当月增速", f"{int(panel['period'][5:])}月")
        out.append(Source(label, f"{num(row['month_growth'], d)}%", own_id))
    if row["total_growth"] is not None:
        total = panel.get("total_label") or "全市"
        out.append(
            Source(
                f"{total}·{row['name']}·{panel['year']}年{panel['period_label']}·增速",
                f"{num(row['total_growth'], d)}%",
                refs.get("total"),
            )
        )
    if row["rank"] is not None:
        out.append(
            Source(
                "位次（按同级各地区公布增速竞争排名）",
                f"第{row['rank']}位/{row['rank_of']}",
                observation_ids=tuple(refs.get("peers", ())),
                note="由面板按公布增速排名",
            )
        )
    if row["rank_change_prev"] is not None:
        out.append(
            Source(
                f"{row['prev_period_label']}位次",
                f"第{row['rank_prev']}位",
                observation_ids=tuple(refs.get("peers_prev", ())),
                note="由面板按上期公布增速排名",
            )
        )
    return out


def indicator_sentence(panel: dict, row: dict, subject: str, refs: dict | None = None):
    """The bulletin line of one indicator, e.g.
    "1-2月，全区规模以上工业增加值增长8.2%，增速高于全市（7.1%）1.1个百分点，居全市第3位。"
    None when the period has no growth for it."""
    if row["growth"] is None:
        return None
    total = panel.get("total_label") or "全市"
    value = ""
    if row["value"] is not None:  # stated wherever the file published one
        value = f"{num(row['value'], row['decimals'])}{row['unit']}，"
    growth = growth_phrase(row["growth"], row["growth_decimals"])
    parts = [f"{subject}{phrases.prose_name(row)}{value}{growth}"]
    parts += [
        p
        for p in (versus_total_phrase(row, total), rank_phrase(row, total), rank_change_phrase(row))
        if p
    ]
    text = f"{period_words(panel, row)}，" + "，".join(parts) + "。"
    return Sentence(text, tuple(own_sources(panel, row, refs or {})))


def period_words(panel: dict, row: dict) -> str:
    """1-2月 for a year-to-date figure; 2月末 for a balance at month end (存款余额)."""
    if row.get("cumulation") == "stock":
        return f"{panel['period'][5:].lstrip('0')}月末"
    return panel["period_label"]


def city_comparison_sentence(panel: dict, rows: list[dict], subject: str, refs: dict):
    """The speech's first data sentence over the main indicators:
    "从市上通报的1-2月部分经济指标完成情况来看，全区规模以上工业增加值增长8.2%（全市增长7.1%）、
    居全市第3位；固定资产投资下降6.0%（全市增长5.6%）、居全市第7位。" None without figures."""
    total = panel.get("total_label") or "全市"
    clauses, sources = [], []
    for row in rows:
        if row["growth"] is None:
            continue
        d = row["growth_decimals"]
        clause = f"{phrases.prose_name(row)}{growth_phrase(row['growth'], d)}"
        if row["total_growth"] is not None:
            clause += f"（{total}{growth_phrase(row['total_growth'], d)}）"
        rank = rank_phrase(row, total).split("（")[0]
        if rank:
            clause += f"、{rank}"
        clauses.append(clause)
        sources += own_sources(panel, row, refs.get(row["code"], {}))
    if not clauses:
        return None
    upper = total[1:] + "上" if len(total) == 2 else total
    text = (
        f"从{upper}通报的{panel['period_label']}部分经济指标完成情况来看，{subject}"
        + "；".join(clauses)
        + "。"
    )
    return Sentence(text, tuple(sources))


def _target_goal(t: dict, row: dict) -> str:
    """市下达一季度增长8.0% / 市下达全年30.50亿元."""
    if t["growth"] is not None:
        goal = growth_phrase(t["growth"], row["growth_decimals"])
    else:
        goal = f"{num(t['value'], row['decimals'])}{row['unit']}"
    return f"{t['level_label']}{t['period_label']}{goal}"


def _target_source(t: dict, row: dict, refs: dict) -> Source:
    target_id = refs.get("targets", {}).get(f"{t['period']}|{t['level']}")
    return Source(
        f"{row['name']}·{t['level_label']}{t['period_label']}目标",
        _target_goal(t, row).removeprefix(t["level_label"] + t["period_label"]),
        target_id=target_id,
    )


def same_period_target_sentence(panel: dict, row: dict, t: dict, refs: dict):
    """A target of this very period: met, or how far short (points and amount)."""
    if t["met"] is None:
        return None
    goal = _target_goal(t, row)
    if t["met"]:
        text = f"{phrases.prose_name(row)}已完成{goal}的目标任务。"
    else:
        parts = []
        if t["gap_pp"] is not None:
            parts.append(f"{num(t['gap_pp'], row['growth_decimals'])}个百分点")
        if t["gap_amount"] is not None:
            parts.append(f"{num(t['gap_amount'], row['decimals'])}{row['unit']}")
        text = f"{phrases.prose_name(row)}距{goal}的目标还差{'、'.join(parts)}。"
    sources = [*own_sources(panel, row, refs)[:2], _target_source(t, row, refs)]
    return Sentence(text, tuple(sources))


_pace_phrase = phrases.pace


def later_target_sentence(panel: dict, row: dict, t: dict, refs: dict):
    """A later target (一季度, 全年): task progress against time progress, and the pace needed.
    "一般公共预算收入已完成市下达全年30.50亿元目标任务的28.2%，序时进度为16.7%。" """
    d = row["growth_decimals"]
    goal = _target_goal(t, row)
    parts = []
    if t["task_progress"] is not None:
        parts.append(f"已完成{goal}目标任务的{num(t['task_progress'], 1)}%")
        if t["time_progress"] is not None:
            parts.append(f"序时进度为{num(t['time_progress'], 1)}%")
        if t["required_growth_rest"] is not None:
            parts.append(_pace_phrase(t["required_growth_rest"], d))
    elif t["required_growth_rest"] is not None:
        parts.append(f"要完成{goal}的目标，{_pace_phrase(t['required_growth_rest'], d)}")
    if not parts:
        return None
    sources = [*own_sources(panel, row, refs)[:2], _target_source(t, row, refs)]
    return Sentence(f"{phrases.prose_name(row)}{'，'.join(parts)}。", tuple(sources))


def _expected(row: dict) -> tuple[list[dict], Decimal | None, Decimal | None]:
    """The targets of the projection's period and the expected value and growth they use."""
    proj = row.get("projection")
    if not proj:
        return [], None, None
    entries = [
        t
        for t in row["targets"]
        if t["period"] == proj["period"]
        and (t["expected_value"] is not None or t["expected_growth"] is not None)
    ]
    if entries:
        return entries, entries[0]["expected_value"], entries[0]["expected_growth"]
    return [], proj.get("blended_value", proj["value"]), proj.get("blended_growth", proj["growth"])


def _expected_gap(t: dict, row: dict) -> str:
    level = t["level_label"]
    d, dv, unit = row["growth_decimals"], row["decimals"], row["unit"]
    goal = f"{num(t['growth'], d)}%" if t["growth"] is not None else f"{num(t['value'], dv)}{unit}"
    if t["expected_gap_amount"] is not None:
        if is_zero(t["expected_gap_amount"], dv):
            return f"可完成{level}{goal}的目标"
        return f"要完成{level}{goal}的目标，有{num(t['expected_gap_amount'], dv)}{unit}缺口"
    if t["expected_gap_pp"] is not None:
        if is_zero(t["expected_gap_pp"], d):
            return f"可完成{level}{goal}的目标"
        return f"低于{level}{goal}的目标{num(t['expected_gap_pp'], d)}个百分点"
    return ""


def projection_sentence(panel: dict, row: dict, refs: dict | None = None):
    """The speech's projection sentence:
    "预计一季度完成固定资产投资31.96亿元、下降6.0%左右，要实现正增长，还有2.04亿元缺口；
    要完成市下达8.0%的目标，有4.76亿元缺口。" None without a projection."""
    refs = refs or {}
    entries, value, grow = _expected(row)
    if value is None and grow is None:
        return None
    proj = row["projection"]
    d, dv, unit = row["growth_decimals"], row["decimals"], row["unit"]
    if value is not None:
        head = f"预计{proj['period_label']}完成{phrases.prose_name(row)}{num(value, dv)}{unit}"
        head += f"、{about_phrase(grow, d)}" if grow is not None else ""
    else:
        head = f"预计{proj['period_label']}{phrases.prose_name(row)}{about_phrase(grow, d)}"
    text = head
    zero_gap = entries[0]["expected_gap_zero_growth"] if entries else None
    if zero_gap is not None and not is_zero(zero_gap, dv):
        text += f"，要实现正增长，还有{num(zero_gap, dv)}{unit}缺口"
    gaps = [g for g in (_expected_gap(t, row) for t in entries) if g]
    if gaps:
        text += ("；" if zero_gap is not None and not is_zero(zero_gap, dv) else "，") + "；".join(
            gaps
        )
    method = {"mean_share": "季节比重法", "last_year_share": "上年同期比重法"}.get(
        proj.get("method") or "", "部门预计"
    )
    sources = [*own_sources(panel, row, refs)[:2]]
    sources.append(
        Source(
            f"{row['name']}·{proj['period_label']}预计",
            f"{num(value, dv)}{unit}" if value is not None else f"{num(grow, d)}%",
            observation_id=refs.get("estimates", {}).get(proj["period"]),
            note=f"面板测算（{method}）" + ("，已并入部门预计" if "blended_value" in proj else ""),
        )
    )
    sources += [_target_source(t, row, refs) for t in entries]
    return Sentence(text + "。", tuple(sources))


def target_sentences(panel: dict, row: dict, refs: dict | None = None) -> list[Sentence]:
    """The target lines of an indicator: each target of this period (met, or how far short),
    then for each later period the progress against its first level (市下达 before 区级 and
    奋斗); the projection sentence states the gaps of every level."""
    refs = refs or {}
    out = []
    targets = sorted(row["targets"], key=lambda t: (t["period"], LEVEL_ORDER.get(t["level"], 9)))
    later_done = set()
    for t in targets:
        if t["period"] == panel["period"]:
            s = same_period_target_sentence(panel, row, t, refs)
        elif t["period"] > panel["period"] and t["period"] not in later_done:
            s = later_target_sentence(panel, row, t, refs)
            if s is not None:
                later_done.add(t["period"])
        else:
            s = None
        if s is not None:
            out.append(s)
    return out
