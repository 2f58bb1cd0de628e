"""Template filters of the reporting pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def figure(value) -> str:
    """A stored figure as entered: 120.5 (not 120.500000), 100 (not 1E+2), — when blank."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
