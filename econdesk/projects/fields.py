"""Money with its unit: a DecimalField that knows whether it holds 万元 or 亿元.

Ledgers mix units (project sheets in 万元, deal sheets in 亿元; docs/formats.md §5.A), so each
amount field carries its unit in the schema (it is part of the migration), in its label, and in
exports. ``amount_unit(Model, "field")`` reads it back; ``to_yi`` converts for the FAI (亿元).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models

WAN = "万元"
YI = "亿元"
UNITS = (WAN, YI)
_PER_YI = {WAN: Decimal(10_000), YI: Decimal(1)}


class MoneyField(models.DecimalField):
    """An amount of money in a fixed unit (万元 or 亿元), 4 decimals, never negative by form."""

    def __init__(self, verbose_name=None, *, unit: str = WAN, **kwargs):
        if unit not in UNITS:
            raise ValueError(f"金额单位只能是{'或'.join(UNITS)}：{unit}")
        self.unit = unit
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 4)
        if verbose_name and f"（{unit}）" not in verbose_name:
            verbose_name = f"{verbose_name}（{unit}）"
        super().__init__(verbose_name, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["unit"] = self.unit
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        kwargs.setdefault("min_value", Decimal(0))
        return super().formfield(**kwargs)


def amount_unit(model, field_name: str) -> str:
    """The unit of a money field of a model (or instance)."""
    return model._meta.get_field(field_name).unit


def to_yi(amount: Decimal | None, unit: str) -> Decimal | None:
    """An amount in 亿元."""
    if amount is None:
        return None
    return amount / _PER_YI[unit]


def from_yi(amount: Decimal | None, unit: str) -> Decimal | None:
    """An amount in 亿元 expressed in `unit`."""
    if amount is None:
        return None
    return amount * _PER_YI[unit]
