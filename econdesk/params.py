"""One parsing layer for query parameters (?period=2026-03&region=12&limit=500 …). No Django here.

Every view reads its query string through these functions. A value that is not what the
parameter takes raises BadParameter, with a Chinese sentence naming the parameter; the
middleware (econdesk/params_middleware.py) answers it with 400 — pages get a Chinese message
page, the API {"detail": "…"} — so a malformed address never reaches the database or a 500.

Absent or empty parameters are None (the view then uses its default). Digits are ASCII only:
"²", "١٢" or full-width "１２" are refused, not read as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from econdesk.ledger.periods import PeriodKey

MAX_TEXT = 200
# Ids are database keys: a bigint at most. Larger numbers are refused before any query.
MAX_ID = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1949, 2200
_DIGITS = re.compile(r"[0-9]{1,19}")
_PERIOD = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BadParameter(ValueError):
    """A query parameter with a value it cannot take; `message` is the Chinese sentence."""

    def __init__(self, name: str, value: str, reason: str):
        self.name, self.value, self.reason = name, value, reason
        self.message = f"地址中的参数 {name}={_shown(value)} 有误：{reason}"
        super().__init__(self.message)


def _shown(value: str) -> str:
    value = _CONTROL.sub("�", str(value))
    return value if len(value) <= 40 else value[:40] + "…"


def raw(params: Mapping, name: str, *, max_length: int = MAX_TEXT) -> str | None:
    """The text of one parameter, stripped; None when absent or empty. Control characters
    (NUL …) and overlong values are refused."""
    value = params.get(name)
    if value is None:
        return None
    value = str(value)
    if _CONTROL.search(value):
        raise BadParameter(name, value, "含有不可见的控制字符。")
    value = value.strip()
    if len(value) > max_length:
        raise BadParameter(name, value, f"太长（最多 {max_length} 个字符）。")
    return value or None


def check_control(query) -> None:
    """Refuse a query string any of whose names or values holds a control character (NUL …):
    no database stores a NUL in text, and no address a person writes has one."""
    for name, values in query.lists():
        for value in [name, *values]:
            if _CONTROL.search(value):
                raise BadParameter(_CONTROL.sub("�", name), value, "含有不可见的控制字符。")


def text(params: Mapping, name: str, *, max_length: int = MAX_TEXT, default: str = "") -> str:
    """Free text (a search box, a code): "" when absent."""
    value = raw(params, name, max_length=max_length)
    return default if value is None else value


def integer(
    params: Mapping, name: str, *, minimum: int = 1, maximum: int = MAX_ID, what: str = "编号"
) -> int | None:
    """A whole number written with ASCII digits, within [minimum, maximum]."""
    value = raw(params, name, max_length=40)
    if value is None:
        return None
    sign = -1 if value.startswith("-") else 1
    digits = value[1:] if value[:1] in "+-" else value
    if not _DIGITS.fullmatch(digits):
        reason = "太大。" if digits.isdigit() and len(digits) > 19 else f"{what}应为数字。"
        raise BadParameter(name, value, reason)
    number = sign * int(digits)
    if number < minimum:
        raise BadParameter(name, value, f"{what}不能小于 {minimum}。")
    if number > maximum:
        raise BadParameter(name, value, f"{what}不能大于 {maximum}。")
    return number


def object_id(params: Mapping, name: str) -> int | None:
    """The id of a row (region, project, department, task …)."""
    return integer(params, name, minimum=1, maximum=MAX_ID, what="编号")


def region_id(params: Mapping, name: str = "region") -> int | None:
    return integer(params, name, minimum=1, maximum=MAX_ID, what="地区编号")


def year(params: Mapping, name: str = "year") -> int | None:
    return integer(params, name, minimum=MIN_YEAR, maximum=MAX_YEAR, what="年份")


def page(params: Mapping, name: str = "page") -> int | None:
    return integer(params, name, minimum=1, maximum=10**6, what="页码")


def limit(params: Mapping, name: str = "limit", *, cap: int, default: int | None = None) -> int:
    """How many rows to send: at least 1, never more than `cap` (larger asks get the cap)."""
    value = raw(params, name, max_length=40)
    if value is None:
        return default if default is not None else cap
    if not _DIGITS.fullmatch(value):
        if value.isdigit() and value.isascii():
            return cap  # a huge number: the cap
        raise BadParameter(name, value, "条数应为正整数。")
    number = int(value)
    if number < 1:
        raise BadParameter(name, value, "条数至少为 1。")
    return min(number, cap)


def offset(params: Mapping, name: str = "offset") -> int:
    return integer(params, name, minimum=0, maximum=MAX_ID, what="起始位置") or 0


def period(params: Mapping, name: str = "period") -> PeriodKey | None:
    """A period as the pages write it: 2026-03 (year and the end month, 1-12)."""
    value = raw(params, name, max_length=20)
    if value is None:
        return None
    match = _PERIOD.fullmatch(value)
    if not match:
        raise BadParameter(name, value, "期别应写作“年-月”，例如 2026-03。")
    year_, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise BadParameter(name, value, f"月份应在 1 到 12 之间，不能是 {month}。")
    if not MIN_YEAR <= year_ <= MAX_YEAR:
        raise BadParameter(name, value, f"年份应在 {MIN_YEAR} 到 {MAX_YEAR} 之间。")
    return PeriodKey(year_, month)


def iso_date(params: Mapping, name: str) -> date | None:
    """A date written 2026-03-31."""
    value = raw(params, name, max_length=40)
    if value is None:
        return None
    if not value.isascii():
        raise BadParameter(name, value, "日期应写作 2026-03-31。")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, value, "日期应写作 2026-03-31。") from None


def choice(params: Mapping, name: str, choices: Iterable[str], *, default: str = "") -> str:
    """One of a fixed set of values ("" or `default` when absent)."""
    value = raw(params, name, max_length=64)
    if value is None:
        return default
    allowed = list(choices)
    if value not in allowed:
        raise BadParameter(name, value, "可选的值为 " + "、".join(allowed) + "。")
    return value


def flag(params: Mapping, name: str) -> bool:
    """A yes/no switch (?regenerate=1): anything but absent, "", "0", "false" is yes."""
    value = raw(params, name, max_length=10)
    return value is not None and value.lower() not in ("0", "false", "no", "off")


def request_id(value: str | None, *, max_length: int = 64) -> str:
    """An X-Request-ID header as the change record keeps it: printable ASCII, at most 64
    characters (longer ones are cut); "" when there is nothing usable."""
    if not value:
        return ""
    kept = "".join(ch for ch in str(value)[: max_length * 4] if " " < ch < "\x7f")
    return kept[:max_length]
