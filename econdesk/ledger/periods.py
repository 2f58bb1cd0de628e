"""Periods as users write them: 1-2月, 1-3月 / 一季度, 1-6月 / 上半年 … (no Django here).

A period is a year and the end month of the year-to-date span. 2022-03 means 1-3月 2022.
"""

from __future__ import annotations

import re
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


_CODE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")
_SPAN = re.compile(r"(?:(\d{4})\s*年)?\s*1\s*[-－—–~～至到]\s*(\d{1,2})\s*月份?")
_SINGLE = re.compile(r"(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月份?")
_NAMED = {
    "一季度": 3, "第一季度": 3, "1季度": 3, "上半年": 6, "前三季度": 9, "1-3季度": 9,
    "全年": 12, "年度": 12,
}  # fmt: skip


def parse_period(text: str, default_year: int | None = None) -> PeriodKey | None:
    """Read 2022-03, 2022年1-3月, 1-3月份, 一季度, 2022年上半年 … None when nothing fits."""
    if text is None:
        return None
    s = str(text).strip()
    m = _CODE.match(s)
    if m:
        return PeriodKey(int(m.group(1)), int(m.group(2)))
    year_match = re.search(r"(\d{4})\s*年", s)
    year = int(year_match.group(1)) if year_match else default_year
    m = _SPAN.search(s)
    if m and year:
        return PeriodKey(year, int(m.group(2)))
    for name, month in sorted(_NAMED.items(), key=lambda kv: -len(kv[0])):
        if name in s and year:
            return PeriodKey(year, month)
    m = _SINGLE.search(s)
    if m and year and 1 <= int(m.group(2)) <= 12:
        return PeriodKey(year, int(m.group(2)))
    return None
