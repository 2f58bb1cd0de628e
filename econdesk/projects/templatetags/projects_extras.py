"""Template helpers of the project pages: money in 亿元/万元, percentages, edit rights."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

from econdesk.accounts import permissions

register = template.Library()
DASH = "—"


def _fixed(x, places: int) -> str:
    if x is None or x == "":
        return DASH
    q = Decimal(1).scaleb(-places)
    return f"{Decimal(x).quantize(q, rounding=ROUND_HALF_UP):f}"


@register.filter
def yi(amount_wan, places=2) -> str:
    """An amount stored in 万元, shown in 亿元: 123456 → 12.35."""
    if amount_wan is None or amount_wan == "":
        return DASH
    return _fixed(Decimal(amount_wan) / 10_000, int(places))


@register.filter
def money(x, places=2) -> str:
    """An amount in its own unit, fixed decimals."""
    return _fixed(x, int(places))


@register.filter
def pct(x, places=1) -> str:
    text = _fixed(x, int(places))
    return text if text == DASH else f"{text}%"


@register.filter
def ym(day) -> str:
    """A month stored as a date: 2026-03-01 → 2026年3月."""
    return f"{day.year}年{day.month}月" if day else DASH


@register.filter
def may_edit(user, obj) -> bool:
    """{% if user|may_edit:project %}: the one rule book decides."""
    return permissions.can(user, "projects.edit", obj)


@register.filter
def may(user, action) -> bool:
    return permissions.can(user, action)
