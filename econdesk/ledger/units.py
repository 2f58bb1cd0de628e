"""Units of measure as bulletins write them, and exact conversion between them.

Every factor here is a power of ten, so a conversion only moves the decimal point
(Decimal.scaleb): 62350 万元 becomes exactly 6.235 亿元, with no binary rounding on the way.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

# unit -> (dimension, power of ten of the base unit). Same dimension = convertible.
UNITS: dict[str, tuple[str, int]] = {
    "元": ("cny", 0),
    "千元": ("cny", 3),
    "万元": ("cny", 4),
    "百万元": ("cny", 6),
    "亿元": ("cny", 8),
    "美元": ("usd", 0),
    "万美元": ("usd", 4),
    "亿美元": ("usd", 8),
    "千瓦时": ("kwh", 0),
    "万千瓦时": ("kwh", 4),
    "亿千瓦时": ("kwh", 8),
    "平方米": ("m2", 0),
    "万平方米": ("m2", 4),
    "%": ("percent", 0),
}
# The other quantities county bulletins report, each with its 万 and 亿 (a power of ten apart).
_FAMILIES = {
    "吨": "t", "吨标准煤": "tce", "千瓦": "kw", "人": "person", "人次": "person_time",
    "户": "household", "家": "firm", "个": "item", "辆": "vehicle", "台": "machine",
    "件": "piece", "项": "project", "亩": "mu", "公里": "km", "立方米": "m3",
    "吨公里": "tkm", "人公里": "pkm", "标箱": "teu",
}  # fmt: skip
for _base, _dimension in _FAMILIES.items():
    UNITS[_base] = (_dimension, 0)
    UNITS["万" + _base] = (_dimension, 4)
    UNITS["亿" + _base] = (_dimension, 8)
UNITS.update({"千克": ("t", -3), "公斤": ("t", -3), "兆瓦": ("kw", 3), "千美元": ("usd", 3),
              "‰": ("permille", 0)})  # fmt: skip

# Spellings seen in real tables for the same units.
_SYNONYMS = {
    "度": "千瓦时",
    "万度": "万千瓦时",
    "亿度": "亿千瓦时",
    "kwh": "千瓦时",
    "万kwh": "万千瓦时",
    "m2": "平方米",
    "m²": "平方米",
    "㎡": "平方米",
    "万m2": "万平方米",
    "万m²": "万平方米",
    "万㎡": "万平方米",
    "百分比": "%",
    "％": "%",
    "吨标煤": "吨标准煤",
    "万吨标煤": "万吨标准煤",
    "元人民币": "元",
    "万元人民币": "万元",
    "亿元人民币": "亿元",
    "m3": "立方米",
    "m³": "立方米",
    "万m3": "万立方米",
    "万m³": "万立方米",
    "km": "公里",
    "千米": "公里",
    "mw": "兆瓦",
    "kw": "千瓦",
    "万kw": "万千瓦",
}


class UnitError(ValueError):
    """A unit we do not know, or two units that cannot be converted into each other."""


def normalise_unit(text: str | None) -> str:
    """'万 元' → '万元', 'm²' → '平方米', '％' → '%'; '' for blank. Unknown units pass through."""
    raw = unicodedata.normalize("NFKC", str(text or "")).strip().replace(" ", "")
    lowered = raw.lower()
    # NFKC turns ² into 2, so both spellings meet in the synonym table.
    return _SYNONYMS.get(lowered, _SYNONYMS.get(raw, raw))


def is_known(unit: str | None) -> bool:
    return normalise_unit(unit) in UNITS


def dimension(unit: str) -> str:
    """The quantity a unit measures (cny, usd, kwh, m2, t, person …); UnitError if unknown."""
    try:
        return UNITS[normalise_unit(unit)][0]
    except KeyError:
        raise UnitError(f"未知单位“{unit}”") from None


def compatible(a: str, b: str) -> bool:
    """True when both units are known and measure the same quantity."""
    return is_known(a) and is_known(b) and dimension(a) == dimension(b)


def shift(from_unit: str, to_unit: str) -> int:
    """The power of ten that turns a figure in from_unit into to_unit (万元→亿元 is −4)."""
    src, dst = normalise_unit(from_unit), normalise_unit(to_unit)
    for unit, original in ((src, from_unit), (dst, to_unit)):
        if unit not in UNITS:
            raise UnitError(f"未知单位“{original}”")
    if UNITS[src][0] != UNITS[dst][0]:
        raise UnitError(f"单位“{from_unit}”无法换算为“{to_unit}”")
    return UNITS[src][1] - UNITS[dst][1]


def convert(value: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    """value in from_unit expressed in to_unit, exactly. None stays None."""
    if value is None:
        return None
    exponent = shift(from_unit, to_unit)
    return value.scaleb(exponent) if exponent else value
