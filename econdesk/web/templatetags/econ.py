"""Template filters that write the panel's numbers the way bulletins do.

Rounding is half up with the trailing .0 kept (format_number); a missing figure is "—".
Usage: {% load econ %} {{ row.growth|pct:row.growth_decimals }} {{ row|rank_words }}.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from econdesk import phrases
from econdesk.accounts import permissions
from econdesk.analysis.arithmetic.status import format_number
from econdesk.web import numbers, sections

register = template.Library()

DASH = "—"
STATUS_WORDS = sections.STATUS_WORDS
STATUS_LABELS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}


def _decimals(decimals, default: int = 1) -> int:
    try:
        return int(decimals)
    except (TypeError, ValueError):
        return default


@register.filter
def num(x, decimals=1) -> str:
    """5.1 → "5.1"; 5 → "5.0"; None → "—"."""
    if x is None or x == "":
        return DASH
    return format_number(x, _decimals(decimals))


@register.filter
def amount(x, decimals=2) -> str:
    """An amount in the indicator's unit with the indicator's decimals: 53.37."""
    return num(x, _decimals(decimals, 2))


@register.filter
def pct(x, decimals=1) -> str:
    """A growth or a share in percent: "-5.1%"; "—" when missing."""
    text = num(x, decimals)
    return text if text == DASH else f"{text}%"


@register.filter
def pp(x, decimals=1) -> str:
    """Percentage points: "3.1个百分点"."""
    text = num(x, decimals)
    return text if text == DASH else f"{text}个百分点"


@register.filter
def growth_words(x, decimals=1) -> str:
    """增长5.1% / 下降5.1% / 持平 (the phrase book's words: never 增长-5.1%)."""
    return phrases.growth(x, _decimals(decimals), flat="与上年同期持平")


@register.filter
def pace_words(x, decimals=1) -> str:
    """其余月份需增长X% / 其余月份降幅控制在X%以内即可 (never 需增长-3.8%)."""
    if x is None:
        return ""
    return phrases.pace(x, _decimals(decimals))


@register.filter
def vs_words(row: dict, total_label: str = "全市") -> str:
    """高于全市1.1个百分点 / 低于全市3.1个百分点 / 与全市持平, from row.vs_total_pp."""
    return phrases.versus_total(
        row.get("vs_total_pp"), row.get("growth_decimals", 1), total_label or "全市"
    )


@register.filter
def rank_words(row: dict) -> str:
    """第3位 / 并列第5位 / — (not ranked): phrases.rank_short."""
    if not row:
        return DASH
    return phrases.rank_short(row.get("rank"), bool(row.get("tied")))


@register.filter
def change_words(delta) -> str:
    """Previous rank − current rank: 前移2位 / 后退1位 / 持平 / — (phrases.rank_change_short)."""
    return phrases.rank_change_short(delta)


@register.filter
def change_arrow(delta) -> str:
    """The arrow alone (↑ / ↓ / →) of phrases.rank_arrow, set before change_words; "" when unknown."""
    if delta is None:
        return ""
    return phrases.rank_arrow(delta)[0]


@register.filter
def change_class(delta) -> str:
    if delta is None:
        return "chg-none"
    return "chg-up" if delta > 0 else "chg-down" if delta < 0 else "chg-same"


@register.filter
def status_class(color) -> str:
    """The CSS class of a status light: status-red / status-yellow / status-green."""
    return f"status-{color}" if color in STATUS_WORDS else "status-none"


@register.filter
def status_word(color) -> str:
    return STATUS_WORDS.get(color, DASH)


@register.filter
def status_label(color) -> str:
    return STATUS_LABELS.get(color, "未评价")


@register.filter
def goal_words(target: dict, row: dict) -> str:
    """A target's goals: 增长6.0%、360.89亿元、前3位."""
    parts = []
    if target.get("growth") is not None:
        parts.append(growth_words(target["growth"], row.get("growth_decimals", 1)))
    if target.get("value") is not None:
        parts.append(quantity(target["value"], row))
    if target.get("rank"):
        parts.append(f"前{target['rank']}位")
    return "、".join(parts) or DASH


@register.filter
def target_words(target: dict, row: dict) -> str:
    """A target and where the indicator stands against it, for a report sentence:
    市下达一季度目标增长5.0%，增速还差10.1个百分点，缺口5.68亿元 / …，已完成."""
    d = row.get("growth_decimals", 1)
    head = f"{target['level_label']}{target['period_label']}目标{goal_words(target, row)}"
    if target.get("past"):
        return f"{head}，{past_result_words(target, row)}"
    if target.get("met"):
        return f"{head}，已完成"
    parts = []
    if target.get("task_progress") is not None:
        progress = f"已完成{pct(target['task_progress'])}"
        if target.get("time_progress") is not None:
            progress += f"（序时进度{pct(target['time_progress'])}）"
        parts.append(progress)
    gap = target.get("gap_pp")
    if gap is not None and phrases.dec(gap) > 0:
        # phrases.target_gap: 差2.5个百分点, and a gap that prints as zero 差不足0.1个百分点
        parts.append(f"增速还{phrases.target_gap(False, gap, d)}")
    elif gap is not None:
        parts.append("当前增速已达到目标")
    if target.get("gap_amount"):
        parts.append(f"缺口{quantity(target['gap_amount'], row)}")
    if target.get("rank_gap"):
        parts.append(f"距位次目标差{target['rank_gap']}位")
    return "，".join([head, *parts]) if parts else f"{head}，进展待评估"


@register.filter
def plan_words(item) -> str:
    """The figures behind a next-stage plan (下阶段工作打算) for a troubled indicator:
    力争超过X，增速需达到Y%（提高Z个百分点，约需增加A亿元），位次可升至第N位；完成全年目标其余月份需增长B%。"""
    if not item.troubled:
        return ""
    row = item.row
    d = row.get("growth_decimals", 1)
    parts = []
    move = (row.get("move_up") or {}).get("next")
    if move:
        extra = ""
        if move["amount_needed"] is not None:
            extra = f"，约需增加{quantity(move['amount_needed'], row)}"
        tie = "并列" if move["tied_after"] else ""
        parts.append(
            f"力争超过{move['peer']}，增速需达到{pct(move['growth_needed'], d)}"
            f"（提高{pp(move['pp_needed'], d)}{extra}），位次可{tie}升至第{move['target_rank']}位"
        )
    for t in item.targets:
        if t.get("required_growth_rest") is not None:
            rest = phrases.pace(t["required_growth_rest"], d)
            parts.append(f"完成{t['level_label']}{t['period_label']}目标，{rest}")
    return "；".join(parts) + "。" if parts else ""


@register.filter
def quoted_targets(row: dict, period_code: str) -> list[dict]:
    """The targets a card or report sentence quotes: one level, every period (sections.py)."""
    return sections.quoted_targets(row, period_code)


@register.filter
def can(user, action: str) -> bool:
    """{% if user|can:"ledger.edit_target" %}: the permission rule book, in a template."""
    return permissions.can(user, action)


@register.filter
def get(mapping, key):
    """{{ notes|get:row.code }}: a dict entry by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def signed_pp(x, decimals=1) -> str:
    """+1.1 / -3.1 (percentage points with their sign, for tables)."""
    text = num(x, decimals)
    if text == DASH or text.startswith("-") or not Decimal(text):
        return text
    return f"+{text}"


@register.filter
def period_title(period) -> str:
    """2026年一季度（1-3月） / 2026年1-10月: the span in brackets only when the name differs."""
    if not period:
        return ""
    named, span = period.display_label, period.label
    return f"{period.year}年{named}" + (f"（{span}）" if named != span else "")


def _unit_spec(row) -> tuple[str, int]:
    """(unit, decimals) of a panel row (dict) or an indicator."""
    if isinstance(row, dict):
        return row.get("unit", "") or "", row.get("decimals", 2)
    return getattr(row, "unit", "") or "", getattr(row, "decimals", 2)


@register.filter
def quantity(x, row) -> str:
    """An amount with its unit, 万 laddered to 亿 past 10,000: {{ row.value|quantity:row }}."""
    unit, decimals = _unit_spec(row)
    return numbers.quantity(x, unit, decimals)


@register.filter
def ladder_num(x, row) -> str:
    """The number part of |quantity (for a card that styles the unit apart)."""
    unit, decimals = _unit_spec(row)
    return numbers.scale_for([x], unit, decimals).text(x)


@register.filter
def ladder_unit(x, row) -> str:
    """The unit part of |quantity: 亿千瓦时 for 402132万千瓦时."""
    unit, decimals = _unit_spec(row)
    return numbers.scale_for([x], unit, decimals).unit


def _figure_words(value, growth, row) -> str:
    """ "943.98亿元，增长6.5%" / "增长6.5%" / "943.98亿元": only the parts there are."""
    parts = []
    if value is not None:
        parts.append(quantity(value, row))
    if growth is not None:
        parts.append(growth_words(growth, row.get("growth_decimals", 1)))
    return "，".join(parts) or DASH


@register.filter
def estimate_words(p: dict, row: dict) -> str:
    """What the department estimated, in its own parts (never "：，增长6.5%")."""
    return _figure_words(p.get("estimate_value"), p.get("estimate_growth"), row)


@register.filter
def blended_words(p: dict, row: dict) -> str:
    return _figure_words(p.get("blended_value"), p.get("blended_growth"), row)


@register.filter
def projection_words(p: dict, row: dict) -> str:
    """The one projection a card quotes: the blended figure when a department estimated,
    else the trend's, and which it is: 预计全年943.98亿元，增长6.5%（综合部门预计）."""
    blended = p.get("blended_value") is not None or p.get("blended_growth") is not None
    if blended:
        value = p.get("blended_value") if p.get("blended_value") is not None else p.get("value")
        text = _figure_words(value, p.get("blended_growth"), row)
        return f"预计{p.get('period_label', '')}{text}（综合部门预计）"
    text = _figure_words(p.get("value"), p.get("growth"), row)
    if p.get("low_growth") is not None and p.get("growth") is not None:
        d = row.get("growth_decimals", 1)
        text += f"（区间{pct(p['low_growth'], d)}至{pct(p['high_growth'], d)}）"
    return f"预计{p.get('period_label', '')}{text}"


@register.filter
def past_result_words(target: dict, row: dict) -> str:
    """A target whose period is behind the one on show, judged on that period's figure:
    一季度实际增长8.1%，已完成 / 一季度实际增长6.1%，未完成（差0.9个百分点）."""
    d = row.get("growth_decimals", 1)
    actual = _figure_words(target.get("result_value"), target.get("result_growth"), row)
    if target.get("growth") is None and target.get("result_value") is not None:
        actual = quantity(target["result_value"], row)
    verdict = phrases.target_gap(
        target.get("met"),
        target.get("gap_pp") if target.get("growth") is not None else None,
        d,
        target.get("gap_amount") if target.get("growth") is None else None,
        row.get("decimals", 2),
        row.get("unit", ""),
    )
    if verdict and verdict != "已完成":
        verdict = f"未完成（{verdict}）" if verdict.startswith("差") else verdict
    return f"{target['period_label']}实际{actual}，{verdict or '进展待评估'}"
