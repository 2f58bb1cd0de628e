"""How an amount is written for a reader: the indicator's decimals, and the unit ladder 万 → 亿
once a figure passes 10,000 of a 万 unit (402132万千瓦时 is written 40.21亿千瓦时).

Plain functions, no Django: the template filters (templatetags/econ.py), the peer tables and
the Excel export call them, so a page and a file say the same number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from econdesk.analysis.arithmetic.status import format_number

DASH = "—"
STEP = Decimal(10000)
# Decimals once a 万 figure is written in 亿: bulletins write 40.21亿千瓦时.
LADDER_DECIMALS = 2


@dataclass(frozen=True)
class Scale:
    """How one figure or one column is written: divide by `factor`, write `unit`, `decimals`."""

    factor: Decimal
    unit: str
    decimals: int

    def number(self, value) -> Decimal | None:
        value = _decimal(value)
        return None if value is None else value / self.factor

    def text(self, value) -> str:
        """The number alone: "40.21"; "—" when missing."""
        number = self.number(value)
        return DASH if number is None else format_number(number, self.decimals)

    def with_unit(self, value) -> str:
        """The number and its unit: "40.21亿千瓦时"; "—" when missing."""
        text = self.text(value)
        return text if text == DASH else f"{text}{self.unit}"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _int(decimals, default: int = 2) -> int:
    try:
        return int(decimals)
    except (TypeError, ValueError):
        return default


def scale_for(values: Iterable, unit: str, decimals) -> Scale:
    """The scale of a column (or one figure): 亿 when the unit starts with 万 and any figure
    reaches 10,000 of it, else the unit as it is."""
    unit = unit or ""
    decimals = _int(decimals)
    if unit.startswith("万"):
        numbers = [abs(v) for v in map(_decimal, values) if v is not None]
        if numbers and max(numbers) >= STEP:
            return Scale(STEP, "亿" + unit[1:], max(decimals, LADDER_DECIMALS))
    return Scale(Decimal(1), unit, decimals)


def quantity(value, unit: str, decimals) -> str:
    """One amount with its unit, laddered: quantity(402132, "万千瓦时", 0) → "40.21亿千瓦时"."""
    return scale_for([value], unit, decimals).with_unit(value)
