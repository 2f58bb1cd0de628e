"""Periods as users write them: 1-2月, 1-3月 / 一季度, 1-6月 / 上半年 … (no Django here).

A period is a year and the end month of the year-to-date span. 2022-03 means 1-3月 2022.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

QUARTER_NAMES = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10, "十一": 11, "十二": 12}  # fmt: skip


@dataclass(frozen=True, order=True)
class PeriodKey:
    year: int
    month: int

    def __post_init__(self):
        if not 1 <= self.month <= 12:
            raise ValueError(f"月份应在1-12之间：{self.month}")

    @property
    def code(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return span_label(self.month)

    @property
    def quarter_label(self) -> str | None:
        return QUARTER_NAMES.get(self.month)

    @property
    def full_label(self) -> str:
        return f"{self.year}年{self.label}"

    def previous_year(self) -> PeriodKey:
        return PeriodKey(self.year - 1, self.month)

    def quarter_end(self) -> PeriodKey:
        return PeriodKey(self.year, ((self.month - 1) // 3 + 1) * 3)

    def year_end(self) -> PeriodKey:
        return PeriodKey(self.year, 12)


def span_label(month: int) -> str:
    """1 → 1月, 2 → 1-2月, 3 → 1-3月 … 12 → 1-12月."""
    return "1月" if month == 1 else f"1-{month}月"


def display_label(month: int) -> str:
    """The label users prefer in prose: 一季度, 上半年, 前三季度, 全年, else 1-N月."""
    return QUARTER_NAMES.get(month, span_label(month))


_DASH = r"[-－—–~～至到]"
_CODE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")
_SPAN = re.compile(rf"(?:(\d{{4}})\s*年)?\s*1\s*{_DASH}\s*(\d{{1,2}})\s*月份?")
_SINGLE = re.compile(r"(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月份?")
# 前10个月, 1-3季度, 前3季度 (after normalise(): the numerals are digits by then)
_MONTHS = re.compile(r"(?:(\d{4})\s*年)?\s*前\s*(\d{1,2})\s*个月")
_QUARTERS = re.compile(rf"(?:(\d{{4}})\s*年)?\s*(?:1\s*{_DASH}|前)\s*([1-4])\s*个?季度")
_NAMED = {
    "一季度": 3, "第一季度": 3, "1季度": 3, "上半年": 6, "全年": 12, "年度": 12,
}  # fmt: skip
_CN_YEAR_DIGITS = dict(zip("〇零○O一二三四五六七八九", "0001123456789", strict=True))
_CN_YEAR = re.compile(r"([〇零○O一二三四五六七八九]{4})(?=\s*年)")
_CN_MONTH = re.compile(r"(十[一二]?|[一二两三四五六七八九])(?=\s*(?:个\s*)?月)")
_CN_QUARTER = re.compile(r"(?<=前)\s*([一二两三四])(?=\s*个?季度)")
_CN_QUARTER_SPAN = re.compile(rf"(?<={_DASH})\s*([一二三四])(?=\s*个?季度)")
# the start of a span written in numerals: 一至十月, 一至三季度
_CN_SPAN_START = re.compile(rf"一(?=\s*{_DASH}\s*\d{{1,2}}\s*(?:月|个?季度))")


_ANY_YEAR = 2000  # a title's period need not name its year to end where it ends


def _cn_number(text: str) -> str:
    if text == "两":
        return "2"
    return str(_CN_DIGITS[text])


def normalise(text: str) -> str:
    """The period words of a title in one spelling: width folded, numerals as digits
    (二〇二六年一至十月 → 2026年1至10月, 前三季度 → 前3季度); other text unchanged."""
    s = unicodedata.normalize("NFKC", str(text)).strip()
    s = _CN_YEAR.sub(lambda m: "".join(_CN_YEAR_DIGITS[c] for c in m.group(1)), s)
    s = _CN_MONTH.sub(lambda m: _cn_number(m.group(1)), s)
    s = _CN_QUARTER.sub(lambda m: _cn_number(m.group(1)), s)
    s = _CN_QUARTER_SPAN.sub(lambda m: _cn_number(m.group(1)), s)
    return _CN_SPAN_START.sub("1", s)


def _search(s: str, default_year: int | None):
    """The first period phrase of normalised text: (PeriodKey | None, end of the phrase)."""
    year_match = re.search(r"(\d{4})\s*年", s)
    year = int(year_match.group(1)) if year_match else default_year
    for pattern, months in ((_SPAN, 1), (_MONTHS, 1), (_QUARTERS, 3)):
        m = pattern.search(s)
        if m and year and 1 <= int(m.group(2)) * months <= 12:
            return PeriodKey(year, int(m.group(2)) * months), m.end()
    for name, month in sorted(_NAMED.items(), key=lambda kv: -len(kv[0])):
        at = s.find(name)
        if at >= 0 and year:
            return PeriodKey(year, month), at + len(name)
    m = _SINGLE.search(s)
    if m and year and 1 <= int(m.group(2)) <= 12:
        return PeriodKey(year, int(m.group(2))), m.end()
    return None, 0


@dataclass(frozen=True)
class LeadingPeriod:
    """A period phrase that opens a column's name: '1-10月增速' → year None, month 10,
    single False, rest '增速'; '2025年10月' → 2025, 10, single True, rest ''."""

    year: int | None
    month: int
    single: bool  # one month (10月, 当月), not the year to date (1-10月, 前10个月)
    rest: str


def leading_period(text: str) -> LeadingPeriod | None:
    """The period a column's name starts with, and what it says after it; None if none."""
    s = re.sub(r"\s+", "", normalise(text or ""))
    for pattern, months in ((_SPAN, 1), (_MONTHS, 1), (_QUARTERS, 3)):
        m = pattern.match(s)
        if m and 1 <= int(m.group(2)) * months <= 12:
            year = int(m.group(1)) if m.group(1) else None
            return LeadingPeriod(year, int(m.group(2)) * months, False, s[m.end() :])
    year_match = re.match(r"(\d{4})年", s)
    body = s[year_match.end() :] if year_match else s
    year = int(year_match.group(1)) if year_match else None
    for name, month in sorted(_NAMED.items(), key=lambda kv: -len(kv[0])):
        if body.startswith(name):
            return LeadingPeriod(year, month, False, body[len(name) :])
    m = _SINGLE.match(s)
    if m and 1 <= int(m.group(2)) <= 12:
        year = int(m.group(1)) if m.group(1) else None
        return LeadingPeriod(year, int(m.group(2)), True, s[m.end() :])
    return None


def parse_period(text: str, default_year: int | None = None) -> PeriodKey | None:
    """Read 2022-03, 2022年1-3月, 1-3月份, 一季度, 2022年上半年, 前三季度, 1—3季度, 前10个月,
    二〇二二年一至十月 … None when nothing fits."""
    if text is None:
        return None
    s = normalise(text)
    m = _CODE.match(s)
    if m:
        return PeriodKey(int(m.group(1)), int(m.group(2)))
    return _search(s, default_year)[0]


def period_end(text: str) -> int:
    """Where the period phrase of normalise(text) ends (0 when it names none): what a title
    says after it is its subject."""
    return _search(normalise(text), _ANY_YEAR)[1] if text else 0
