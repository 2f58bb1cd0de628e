"""Validation before the ledger (数据校验): checks on incoming figures against their neighbours.

Plain Python on ``Decimal`` (no Django), so the importer, the estimate form and the tests call
the same functions. A check never refuses a figure: it returns findings (校验提示), each at the
cell (or form field) it concerns and saying what is off with the numbers; whoever imports or
submits either fixes the figure or confirms it with a written explanation, which is recorded
with the figures (docs/methodology.md §11).

The checks, each switched on or off and tuned by :class:`CheckRules` (settings
``ECONDESK_CHECK_*``, docs/deploy.md):

``ytd``   a year-to-date value below the same series' previous period in the same year, for
          indicators cumulated over the year (累计); balances (存款余额 …) are exempt.
``base``  a published growth that last year's same-period value contradicts beyond rounding.
``sum``   members' values that do not add up to the published total (additive indicators only,
          and only when every member of the group is among the incoming figures; a total equal
          to the ranked members' sum, a 功能区 being counted in its host districts, passes).
``jump``  a growth that moves more than N percentage points from the previous period's growth.

Rounding. A published figure x with its last digit at 10^e stands for any true value in
[x − h, x + h], h = ½·10^e ("half a unit of the last published digit"). The digits are those of
the file as read (62.35 → h = 0.005; a 万元 figure converted to 亿元 keeps its h: 80000 万元 →
8.0000 亿元, h = 0.00005 亿元); the ledger stores no trailing zeros, so a stored figure gets the
h of its shortest form, never coarser than a unit (210 → h = 0.5): the band is never narrower
than the truth. Every comparison below allows for these bands, so a figure that differs only
within rounding is not flagged.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from econdesk import phrases
from econdesk.ledger.periods import span_label

HUNDRED = Decimal(100)
HALF = Decimal("0.5")
_UNSET = object()
CHECKS = ("ytd", "base", "sum", "jump")
CHECK_LABELS = {
    "ytd": "累计值回落",
    "base": "增速与上年同期基数不符",
    "sum": "分项与合计不符",
    "jump": "增速跳变",
}
# Words in a name that make a figure a ratio or an average: members never add up to it.
_NOT_ADDITIVE = ("人均", "平均", "率", "指数", "价格", "比重", "占比", "密度")
# Units whose members' figures add up (amounts, quantities); "%" and "" never.
ADDITIVE_UNITS = frozenset(
    "元 千元 万元 百万元 亿元 美元 万美元 亿美元 千瓦时 万千瓦时 亿千瓦时 平方米 万平方米 "
    "户 家 个 人 万人 吨 万吨 辆 套 项".split()
)


@dataclass(frozen=True)
class CheckRules:
    """Which checks run and their thresholds (defaults: all four, 20 points, 1%)."""

    enabled: frozenset = frozenset(CHECKS)
    jump_pp: Decimal = Decimal(20)
    sum_tolerance_pct: Decimal = Decimal(1)

    def on(self, check: str) -> bool:
        return check in self.enabled


DEFAULT_RULES = CheckRules()


@dataclass(frozen=True)
class Series:
    """What the checks need to know of an indicator."""

    name: str
    cumulative: bool = True  # 累计 (year-to-date sums); False for 时点 balances
    current_price: bool = True  # value and growth on the same (current-price) basis
    additive: bool = True  # members' values add up to the total
    quarterly: bool = False
    first_month: int = 2  # the first period of a year (2: 1-2月, no 1月 period)

    def has_period(self, month: int) -> bool:
        if self.quarterly:
            return month % 3 == 0
        return month >= self.first_month

    def previous(self, year: int, month: int) -> tuple[int, int] | None:
        """The period before (year, month) in this series' calendar (across the new year)."""
        step = 3 if self.quarterly else 1
        m = month - step
        while m >= 1:
            if self.has_period(m):
                return (year, m)
            m -= step
        return (year - 1, 12)

    def previous_in_year(self, year: int, month: int) -> tuple[int, int] | None:
        before = self.previous(year, month)
        return before if before is not None and before[0] == year else None


@dataclass(frozen=True)
class Figure:
    """One incoming figure: as the file (or form) gives it, with where each number sits.

    ``value_place`` and ``growth_place`` are opaque to the checks (the importer's cell, the
    form's field): a finding carries the place of the number it is about.
    """

    region: Hashable
    series: Hashable
    year: int
    month: int
    value: Decimal | None
    growth: Decimal | None
    region_name: str = ""
    value_place: object = None
    growth_place: object = None
    tag: object = None  # the caller's own (which file it came from)


@dataclass(frozen=True)
class Known:
    """A neighbouring figure (from the ledger, or another incoming one): value and growth."""

    value: Decimal | None
    growth: Decimal | None


@dataclass(frozen=True)
class Finding:
    """One 校验提示: which check, where (the caller's place), about what, and what is off."""

    check: str
    place: object
    field: str  # "value" or "growth": the number the finding is about
    subject: str  # 东城区·社会消费品零售总额·2022年1-3月
    message: str
    tag: object = None

    @property
    def label(self) -> str:
        return CHECK_LABELS[self.check]


@dataclass
class Group:
    """A total and its members (all of them, ranked or not): the members should add up.

    ``ranked`` are the members ranked among themselves; the others (功能区, a development zone)
    are counted in the total in some cities and inside their host districts in others, so the
    total may be the sum of every member or of the ranked ones only.
    """

    total: Hashable
    members: frozenset = field(default_factory=frozenset)
    ranked: frozenset | None = None


def is_additive(name: str, unit: str) -> bool:
    """An indicator whose members' values add up to the total: an amount or a count (亿元,
    万千瓦时, 户 …), not a ratio or an average (人均…, …率, …指数)."""
    return (unit or "") in ADDITIVE_UNITS and not any(word in name for word in _NOT_ADDITIVE)


def half_unit(x: Decimal) -> Decimal:
    """Half a unit of the last digit x is written with: 62.35 → 0.005, 69 → 0.5, 1E+2 → 0.5."""
    exponent = x.as_tuple().exponent
    half = _HALVES.get(exponent)
    if half is None:
        if not isinstance(exponent, int):
            return Decimal(0)
        half = HALF.scaleb(min(exponent, 0))
        if -40 <= exponent <= 40:
            _HALVES[exponent] = half
    return half


# half_unit by exponent: a file's figures have a handful of exponents, and Decimals are immutable.
_HALVES: dict[int, Decimal] = {}


def stored_half_unit(x: Decimal) -> Decimal:
    """Half a unit for a figure read back from the ledger (no trailing zeros): its shortest
    form's last digit, never coarser than a unit (62.350000 → 0.005, 210.000000 → 0.5)."""
    return half_unit(x.normalize())


def text(x: Decimal) -> str:
    """A number as written, without stored trailing zeros (62.350000 → 62.35, 1E+2 → 100)."""
    n = x.normalize()
    exponent = n.as_tuple().exponent
    return format(n.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else n, "f")


# --- the four checks, one figure (or one group) at a time ----------------------------------


def ytd_below_previous(
    value: Decimal, value_half: Decimal, previous: Decimal, previous_half: Decimal
) -> bool:
    """A year-to-date value below last period's, beyond rounding: V + h_V < P − h_P."""
    return value + value_half < previous - previous_half


def implied_growth_band(
    value: Decimal, value_half: Decimal, base: Decimal, base_half: Decimal
) -> tuple[Decimal, Decimal] | None:
    """The growth (%) last year's same-period value implies, as a rounding band:

        g_low  = ((V − h_V) / (B + h_B) − 1) · 100
        g_high = ((V + h_V) / (B − h_B) − 1) · 100

    None when the base (less its rounding) is not positive or the value is negative.
    """
    if base - base_half <= 0 or value < 0:
        return None
    low = ((value - value_half) / (base + base_half) - 1) * HUNDRED
    high = ((value + value_half) / (base - base_half) - 1) * HUNDRED
    return low, high


def growth_contradicts_base(
    growth: Decimal, growth_half: Decimal, band: tuple[Decimal, Decimal]
) -> bool:
    """The published growth's band [g − h_g, g + h_g] and the implied band do not meet:
    g + h_g < g_low or g − h_g > g_high."""
    low, high = band
    return growth + growth_half < low or growth - growth_half > high


def sum_allowance(
    total: Decimal, total_half: Decimal, part_halves: Iterable[Decimal], tolerance_pct: Decimal
) -> Decimal:
    """How far the members' sum S may sit from the total T: Σ h_i + h_T + t% · |T|
    (the n parts' rounding, the total's, and the configured tolerance t)."""
    return sum(part_halves, Decimal(0)) + total_half + abs(total) * tolerance_pct / HUNDRED


def growth_jump(growth: Decimal, previous: Decimal, limit_pp: Decimal) -> bool:
    """A growth that moved more than N points from the previous period's: |g − g₀| > N."""
    return abs(growth - previous) > limit_pp


# --- all checks over a set of incoming figures ---------------------------------------------


def period_label(year: int, month: int) -> str:
    return f"{year}年{span_label(month)}"


def check_figures(
    figures: Iterable[Figure],
    series: Mapping[Hashable, Series],
    known: Mapping[tuple, Known],
    *,
    groups: Mapping[Hashable, Group] | None = None,
    rules: CheckRules = DEFAULT_RULES,
    total_names: Mapping[Hashable, str] | None = None,
) -> list[Finding]:
    """Every finding on ``figures``, in their order (then the totals of ``groups``).

    ``known`` maps (region, series, year, month) to the neighbouring figures — the ledger's
    (normalised: the rounding of their shortest form) and the incoming ones (which take
    precedence, with their digits as read).
    ``groups`` (total region → its members) enables the ``sum`` check; ``total_names`` names
    the total row in messages (全市, 全国 …).
    """
    figures = list(figures)
    findings: list[Finding] = []
    # This runs once per figure of a file of 100,000 rows: the rules are read once, the
    # previous periods found once per series and period, and a finding's subject is written
    # only when there is a finding.
    ytd_on, base_on = rules.on("ytd"), rules.on("base")
    jump_on = rules.on("jump") and rules.jump_pp is not None
    previous: dict[tuple, tuple[int, int] | None] = {}

    def subject(f, s) -> str:
        return f"{f.region_name}·{s.name}·{period_label(f.year, f.month)}"

    for f in figures:
        s = series.get(f.series)
        if s is None:
            continue
        value, growth = f.value, f.growth
        if value is None and growth is None:
            continue
        before = previous.get((f.series, f.year, f.month), _UNSET)
        if before is _UNSET:
            before = previous[(f.series, f.year, f.month)] = s.previous(f.year, f.month)
        value_half = None  # half_unit(value), worked out when a check needs it

        if value is not None and s.cumulative and ytd_on:
            # previous_in_year: the previous period when it is in the same year.
            in_year = before if before is not None and before[0] == f.year else None
            prior = known.get((f.region, f.series, *in_year)) if in_year else None
            if prior is not None and prior.value is not None:
                value_half = half_unit(value)
                if ytd_below_previous(value, value_half, prior.value, half_unit(prior.value)):
                    findings.append(Finding("ytd", f.value_place, "value", subject(f, s),
                        phrases.check_ytd_below(
                            text(value), text(prior.value), span_label(in_year[1]),
                            in_year[1] == f.month - 1),
                        f.tag))  # fmt: skip
        if value is not None and growth is not None and s.current_price and base_on:
            base = known.get((f.region, f.series, f.year - 1, f.month))
            if base is not None and base.value is not None:
                if value_half is None:
                    value_half = half_unit(value)
                band = implied_growth_band(value, value_half, base.value, half_unit(base.value))
                if band is not None and growth_contradicts_base(growth, half_unit(growth), band):
                    implied = (value / base.value - 1) * HUNDRED
                    findings.append(Finding("base", f.growth_place, "growth", subject(f, s),
                        phrases.check_base_contradicts(
                            text(growth), text(value), text(base.value), implied, band),
                        f.tag))  # fmt: skip
        if growth is not None and jump_on:
            prior = known.get((f.region, f.series, *before)) if before else None
            if prior is not None and prior.growth is not None:
                if growth_jump(growth, prior.growth, rules.jump_pp):
                    label = span_label(before[1]) if before[0] == f.year else period_label(*before)
                    findings.append(Finding("jump", f.growth_place, "growth", subject(f, s),
                        phrases.check_growth_jump(
                            text(growth), text(prior.growth), label, growth - prior.growth,
                            rules.jump_pp),
                        f.tag))  # fmt: skip

    # The sums start from a total among the figures: without one there is nothing to sum.
    if groups and rules.on("sum") and any(f.region in groups for f in figures):
        incoming = {(f.region, f.series, f.year, f.month): f for f in figures}
        findings.extend(_sums(figures, incoming, series, groups, rules, total_names or {}))
    return findings


def _sums(figures, incoming, series, groups, rules, total_names) -> list[Finding]:
    findings = []
    for f in figures:
        group = groups.get(f.region)
        s = series.get(f.series)
        if group is None or s is None or not s.additive or f.value is None or not group.members:
            continue
        parts = [incoming.get((m, f.series, f.year, f.month)) for m in group.members]
        if any(p is None or p.value is None for p in parts):
            continue  # only when every member's value is in the file
        total = f.value
        summed, allowed = _sum_and_allowance(total, parts, rules)
        ranked = [p for p in parts if group.ranked is None or p.region in group.ranked]
        if len(ranked) < len(parts) and ranked:
            # A zone counted inside its host districts: the ranked members add up instead.
            only_ranked, ranked_allowed = _sum_and_allowance(total, ranked, rules)
            if abs(only_ranked - total) <= ranked_allowed:
                continue
        if abs(summed - total) > allowed:
            name = total_names.get(f.region) or f.region_name
            subject = f"{f.region_name}·{s.name}·{period_label(f.year, f.month)}"
            message = phrases.check_sum_differs(
                len(parts), summed, text(total), name, summed - total, allowed,
                rules.sum_tolerance_pct,
            )  # fmt: skip
            findings.append(Finding("sum", f.value_place, "value", subject, message, f.tag))
    return findings


def _sum_and_allowance(total: Decimal, parts, rules: CheckRules) -> tuple[Decimal, Decimal]:
    summed = sum((p.value for p in parts), Decimal(0))
    allowed = sum_allowance(
        total, half_unit(total), (half_unit(p.value) for p in parts), rules.sum_tolerance_pct
    )
    return summed, allowed
