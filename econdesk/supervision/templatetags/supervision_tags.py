"""{% load supervision_tags %}: points as "+1.00", colour words, growth as bulletins write it."""

from __future__ import annotations

from decimal import Decimal

from django import template

from econdesk.supervision.colours import COLOR_LABELS

register = template.Library()


@register.filter
def points(value) -> str:
    """Decimal("1") → "+1.00"; Decimal("-4") → "-4.00"; 0 → "0.00"."""
    if value is None or value == "":
        return "—"
    q = Decimal(value).quantize(Decimal("0.01"))
    return f"+{q}" if q > 0 else f"{abs(q) if q == 0 else q}"


@register.filter
def colour_label(color: str) -> str:
    return COLOR_LABELS.get(color, "")
