"""Keep a panel's exact numbers through JSON: Decimals are stored as tagged strings.

The archive stores the material a bulletin was written from; regenerating it must give the same
figures to the last digit, so Decimals never pass through float (no Django here).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

TAG = "$decimal"


def _default(obj):
    if isinstance(obj, Decimal):
        return {TAG: str(obj)}
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, set | frozenset | tuple):
        return sorted(obj) if isinstance(obj, set | frozenset) else list(obj)
    raise TypeError(f"cannot store {type(obj).__name__} in a bulletin snapshot")


def _hook(obj: dict):
    if len(obj) == 1 and TAG in obj:
        return Decimal(obj[TAG])
    return obj


def dumps(material) -> str:
    """JSON text of a bulletin's material, Decimals kept exact."""
    return json.dumps(material, default=_default, ensure_ascii=False, sort_keys=True)


def loads(text: str):
    """The material back, with its Decimals."""
    return json.loads(text, object_hook=_hook)


def to_storable(material):
    """A JSON-ready copy (for a JSONField) whose Decimals come back exact through from_stored."""
    return json.loads(dumps(material))


def from_stored(data):
    """Undo to_storable: tagged strings become Decimals again."""
    return loads(json.dumps(data))
