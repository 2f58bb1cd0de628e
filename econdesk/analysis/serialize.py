"""Turn a panel (Decimals inside) into JSON numbers, and look regions up by what users type."""

from __future__ import annotations

import json
from decimal import Decimal

from econdesk.ledger.lookups import normalise
from econdesk.ledger.models import Region


def to_jsonable(obj):
    """Decimals become JSON numbers (floats), rounded to 6 decimals to drop binary noise."""
    if isinstance(obj, Decimal):
        return float(round(obj, 6))
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    return obj


def dumps(panel: dict) -> str:
    return json.dumps(to_jsonable(panel), ensure_ascii=False, indent=2)


class RegionNotFound(LookupError):
    pass


def find_region(text: str) -> Region:
    """A region by name or alias; '示范市/东城区' picks among equal names in different cities."""
    parts = [normalise(p) for p in str(text).replace("／", "/").split("/") if p.strip()]
    if not parts:
        raise RegionNotFound("请指定地区名称。")
    *parents, name = parts
    regions = Region.objects.select_related("parent")
    candidates = list(regions.filter(name=name))
    if not candidates:  # aliases (a JSON list) and odd spellings: look through only when needed
        candidates = [r for r in regions if name in {normalise(x) for x in [r.name, *r.aliases]}]
    if parents:
        candidates = [r for r in candidates if r.parent and normalise(r.parent.name) == parents[-1]]
    if not candidates:
        raise RegionNotFound(f"找不到地区“{text}”。")
    if len(candidates) > 1:
        options = "、".join(f"{r.parent}/{r.name}" for r in candidates)
        raise RegionNotFound(f"地区“{text}”不唯一，请写成“上级/名称”：{options}")
    return candidates[0]
