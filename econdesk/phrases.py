"""The phrase book: every Chinese phrase about a figure, written once (no Django).

Pages, template tags, the command-line table, task texts and bulletins all say a figure through
these functions, so they cannot disagree. The cases decided here, once (docs/bulletin-phrasing.md):

- **Rounding.** Half up at the figure's own decimals (one for most growths, two where the
  source published two), trailing zeros kept (4 → "4.0"), never "-0.0".
- **Zero.** A growth that *prints* as zero is 持平: −0.04 at one decimal is "与上年同期持平",
  not "增长0.0%" or "下降0.0%"; a difference from the total that prints as zero is "与全市持平";
  a rank change of 0 is "位次持平".
- **Sign.** A fall is 下降X% (never 增长-X%); below the total is 低于全市X个百分点.
- **Targets.** A met target is "已完成" (whatever its gap), an unmet one "差X个百分点"; an unmet
  gap that prints as zero is "差不足0.1个百分点" (never "差0.0个百分点").
- **Estimates** are always marked: 预计…左右 for projections, 据测算 with the error band for GDP.
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.analysis.arithmetic.status import format_number

DASH = "—"

# Target levels as users rank them: the city's target first, then the district's own, then 奋斗.
LEVEL_ORDER = {"city": 0, "district": 1, "stretch": 2}

# The peer group as users name it, from the kind of the parent region (全市, 全州 …).
GROUP_LABELS = {
    "country": "全国",
    "province": "全省",
    "city": "全市",
    "prefecture": "全州",
    "league": "全盟",
    "area": "全地区",
}


def group_label(parent_kind: str | None, parent_name: str = "") -> str:
    """全市 for a city's districts; 全州/全盟/全地区 from the parent's name or kind."""
    for suffix, label in (("自治州", "全州"), ("州", "全州"), ("盟", "全盟"), ("地区", "全地区")):
        if parent_name.endswith(suffix):
            return label
    return GROUP_LABELS.get(parent_kind or "", "全市")


# ---- numbers -----------------------------------------------------------------------------


def prose_name(row) -> str:
    """An indicator's name in a sentence. A name written as a table's path (房地产开发投资：住宅,
    the statistical yearbook's 父：子) reads as its short name (住宅投资) where it has one."""
    name = row["name"]
    if ("：" in name or ":" in name) and row.get("short_name"):
        return row["short_name"]
    return name


def dec(x) -> Decimal:
    """A figure as a Decimal (floats through their shortest repr: 6.05 stays 6.05)."""
    return Decimal(str(x)) if isinstance(x, float) else Decimal(x)


def num(x, decimals: int = 1) -> str:
    """8.2 → "8.2"; 4 → "4.0"; −0.04 → "0.0"; None → "—"."""
    if x is None or x == "":
        return DASH
    return format_number(dec(x), int(decimals))


def is_zero(x, decimals: int = 1) -> bool:
    """True when ``x`` prints as zero at ``decimals`` places."""
    return x is not None and Decimal(num(x, decimals)) == 0


def pct(x, decimals: int = 1) -> str:
    """A signed percent for tables: "-5.1%"; "—" when missing."""
    text = num(x, decimals)
    return text if text == DASH else f"{text}%"


def points(x, decimals: int = 1) -> str:
    """ "3.1个百分点"; "—" when missing."""
    text = num(x, decimals)
    return text if text == DASH else f"{text}个百分点"


def amount(x, decimals: int, unit: str) -> str:
    """ "53.37亿元"; a 万 unit past 10,000 is written in 亿 (402132万千瓦时 → "40.21亿千瓦时",
    the ladder of econdesk/web/numbers.py, so pages and bulletins say the same); "—" when
    missing."""
    from econdesk.web.numbers import quantity

    return quantity(x, unit, decimals)


# ---- growth ------------------------------------------------------------------------------


def growth(x, decimals: int = 1, flat: str = "与上年同期持平", missing: str = "增速暂无") -> str:
    """增长8.2% / 下降6.0% / 与上年同期持平 (prints as 0) / 增速暂无."""
    if x is None:
        return missing
    if is_zero(x, decimals):
        return flat
    if Decimal(num(x, decimals)) < 0:
        return f"下降{num(-dec(x), decimals)}%"
    return f"增长{num(x, decimals)}%"


def growth_in_brackets(label: str, x, decimals: int = 1) -> str:
    """（全市增长7.1%） / （全市下降0.5%） / （全市持平）."""
    return f"（{label}{growth(x, decimals, flat='持平', missing='暂无')}）"


def about(x, decimals: int = 1) -> str:
    """A projected growth: 增长X%左右 / 下降X%左右 / 与上年同期基本持平."""
    if is_zero(x, decimals):
        return "与上年同期基本持平"
    return f"{growth(x, decimals)}左右"


def month_growth(month: int, x, decimals: int = 1) -> str:
    """The single month's figure: 其中，10月当月增长5.2%."""
    return f"其中，{month}月当月{growth(x, decimals)}"


# ---- against the total -------------------------------------------------------------------


def versus_total(diff, decimals: int = 1, label: str = "全市", total=None) -> str:
    """高于全市1.1个百分点 / 低于全市3.1个百分点 / 与全市持平; with ``total`` the bracket form
    增速高于全市（7.1%）1.1个百分点; "" without a difference."""
    if diff is None:
        return ""
    who = f"{label}（{num(total, decimals)}%）" if total is not None else label
    lead = "增速" if total is not None else ""
    if is_zero(diff, decimals):
        return f"{lead}与{who}持平"
    word = "高于" if dec(diff) > 0 else "低于"
    return f"{lead}{word}{who}{num(abs(dec(diff)), decimals)}个百分点"


# ---- rank --------------------------------------------------------------------------------


def rank_short(rank: int | None, tied: bool = False) -> str:
    """第3位 / 并列第5位 / —."""
    if rank is None:
        return DASH
    return f"{'并列' if tied else ''}第{rank}位"


def rank(rank: int | None, tied: bool = False, label: str = "全市", by: str = "") -> str:
    """居全市第3位 / 居全市并列第5位 / 总量居全市第2位 (by="总量"); "" when unranked."""
    if rank is None:
        return ""
    return f"{by}居{label}{rank_short(rank, tied)}"


def rank_change(delta: int | None, against: str = "") -> str:
    """较1-2月前移3位 / 较上月后退2位 / 位次与1-2月持平 / 位次持平; "" when unknown.

    ``delta`` is previous rank − current rank (positive = moved up)."""
    if delta is None:
        return ""
    if delta == 0:
        return f"位次与{against}持平" if against else "位次持平"
    lead = f"较{against}" if against else ""
    return f"{lead}前移{delta}位" if delta > 0 else f"{lead}后退{-delta}位"


def rank_change_short(delta: int | None) -> str:
    """Table cell: 前移2位 / 后退1位 / 持平 / —."""
    if delta is None:
        return DASH
    if delta == 0:
        return "持平"
    return f"前移{delta}位" if delta > 0 else f"后退{-delta}位"


def rank_arrow(delta: int | None) -> str:
    """Table cell with the arrow users expect: ↑2 / ↓1 / → / —."""
    if delta is None:
        return DASH
    if delta == 0:
        return "→"
    return f"↑{delta}" if delta > 0 else f"↓{-delta}"


# ---- targets -----------------------------------------------------------------------------


def target_gap(met: bool | None, gap_pp=None, decimals: int = 1, gap_amount=None,
               amount_decimals: int = 2, unit: str = "") -> str:  # fmt: skip
    """已完成 / 差2.5个百分点 / 差2.5个百分点、4.76亿元 / 差不足0.1个百分点; "" when unknown."""
    if met:
        return "已完成"
    parts = []
    if gap_pp is not None:
        if is_zero(gap_pp, decimals):
            parts.append(f"不足{num(Decimal(1).scaleb(-int(decimals)), decimals)}个百分点")
        else:
            parts.append(points(gap_pp, decimals))
    if gap_amount is not None and not is_zero(gap_amount, amount_decimals):
        parts.append(amount(gap_amount, amount_decimals, unit))
    if not parts:
        return "" if met is None else "未完成"
    return "差" + "、".join(parts)


def pace(required, decimals: int = 1) -> str:
    """The pace the rest of the year needs: 其余月份需增长X% / …与上年同期持平即可 /
    …降幅控制在X%以内即可."""
    if is_zero(required, decimals):
        return "其余月份与上年同期持平即可"
    if dec(required) > 0:
        return f"其余月份需增长{num(required, decimals)}%"
    return f"其余月份降幅控制在{num(-dec(required), decimals)}%以内即可"


def progress(task_progress, time_progress=None) -> str:
    """完成目标任务的28.2%（序时进度16.7%）."""
    text = f"完成目标任务的{num(task_progress, 1)}%"
    if time_progress is not None:
        text += f"（序时进度{num(time_progress, 1)}%）"
    return text


# ---- estimates ---------------------------------------------------------------------------


def estimate(x, decimals: int = 1, band=None) -> str:
    """A figure the platform estimated (never a published one): 据测算增长3.2%左右（误差±0.8个百分点）."""
    text = f"据测算{about(x, decimals)}"
    if band is not None:
        text += f"（误差±{num(band, decimals)}个百分点）"
    return text


# ---- validation findings (数据校验, econdesk/ledger/checks.py) --------------------------------


def _plain(x) -> str:
    """A number as written, no stored trailing zeros: 248.000000 → 248, 1E+2 → 100."""
    n = dec(x).normalize()
    return format(n.quantize(Decimal(1)) if n == n.to_integral_value() else n, "f")


def _fine(x) -> str:
    """A computed difference or allowance: two decimals, four when smaller than 0.01."""
    x = dec(x)
    return num(x, 2) if abs(x) >= Decimal("0.01") or x == 0 else num(x, 4)


def check_ytd_below(value: str, previous: str, previous_label: str, last_month: bool) -> str:
    """累计值 120.5 低于上月累计 130.2（1-5月）."""
    before = (
        f"上月累计 {previous}（{previous_label}）"
        if last_month
        else (f"{previous_label}累计 {previous}")
    )
    return f"累计值 {value} 低于{before}，累计数不应回落"


def check_base_contradicts(growth: str, value: str, base: str, implied, band) -> str:
    """增速 5.1% 与上年同期基数不符：按上年同期 200 推算增速为 25.00%（计入舍入 24.97%～25.03%）."""
    low, high = band
    return (
        f"增速 {growth}% 与上年同期基数不符：累计值 {value} 比上年同期 {base}，"
        f"推算增速为 {num(implied, 2)}%（计入舍入 {num(low, 2)}%～{num(high, 2)}%），"
        f"相差 {num(abs(dec(growth) - dec(implied)), 2)} 个百分点"
    )


def check_growth_jump(growth: str, previous: str, previous_label: str, diff, limit) -> str:
    """增速 35.2% 较上期（1-2月）5.1% 提高 30.1 个百分点，超过 20 个百分点."""
    verb = "提高" if dec(diff) > 0 else "回落"
    return (
        f"增速 {growth}% 较上期（{previous_label}）{previous}% {verb} "
        f"{num(abs(dec(diff)), 1)} 个百分点，超过 {_plain(limit)} 个百分点"
    )


def check_sum_differs(count: int, summed, total: str, name: str, diff, allowed, tolerance) -> str:
    """8个成员合计 250，比全市 248 多 2.00，超过允许误差 2.52（各项舍入加 1%）."""
    return (
        f"{count}个成员合计 {_plain(summed)}，比{name} {total} "
        f"{'多' if dec(diff) > 0 else '少'} {_fine(abs(dec(diff)))}，"
        f"超过允许误差 {_fine(allowed)}（各项舍入加 {_plain(tolerance)}%）"
    )
