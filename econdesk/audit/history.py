"""Change records as people read them: field labels in Chinese, values as shown on the pages.

A record stores field values by attname (``lead_department_id``) as JSON. Here each becomes a
line "牵头部门：统计局 → 发改局", the label taken from the model field's verbose_name, choices
and booleans in words, foreign keys by name (looked up in bulk for a page of records).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import SECRET_FIELDS

DASH = "—"
LONG_LIST = 20


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: str
    after: str
    changed: bool


def model_of(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def type_label(object_type: str) -> str:
    model = model_of(object_type)
    return str(model._meta.verbose_name) if model else object_type


def _field(model, key: str):
    if model is None:
        return None
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == key or field.name == key:
            return field
    return None


def field_label(model, key: str) -> str:
    field = _field(model, key)
    if field is None or not hasattr(field, "verbose_name"):
        return key
    return str(field.verbose_name)


class Names:
    """Names of the objects foreign keys point to, fetched once per model for many records."""

    def __init__(self):
        self._wanted: dict[type[models.Model], set] = {}
        self._names: dict[type[models.Model], dict] = {}

    def want(self, model, key: str, value) -> None:
        field = _field(model, key)
        if field is not None and field.many_to_one and value not in (None, ""):
            self._wanted.setdefault(field.related_model, set()).add(value)
        elif field is not None and field.many_to_many and isinstance(value, list):
            self._wanted.setdefault(field.related_model, set()).update(value)

    def name(self, related, value) -> str:
        if related not in self._names:
            ids = self._wanted.get(related, set())
            try:
                found = related._default_manager.in_bulk(list(ids)) if ids else {}
            except (ValueError, TypeError):
                found = {}
            self._names[related] = {str(pk): str(obj) for pk, obj in found.items()}
        return self._names[related].get(str(value), f"#{value}（已不存在）")


def show(model, key: str, value, names: Names | None = None) -> str:
    """One stored value as text, the way the pages write it."""
    if key in SECRET_FIELDS:
        return "（已设置，已隐藏）" if value else DASH
    if value is None or value == "" or value == []:
        return DASH
    field = _field(model, key)
    if field is not None:
        if field.many_to_one and names is not None:
            return names.name(field.related_model, value)
        if field.many_to_many and names is not None and isinstance(value, list):
            return "、".join(names.name(field.related_model, v) for v in value)
        if getattr(field, "flatchoices", None):
            labels = {str(k): str(v) for k, v in field.flatchoices}
            if str(value) in labels:
                return labels[str(value)]
        if isinstance(field, models.BooleanField) or isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            moment = parse_datetime(value)
            if moment is not None:
                if timezone.is_aware(moment):
                    moment = timezone.localtime(moment)
                return moment.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        shown = value[:LONG_LIST]
        text = "；".join(_compact(v) for v in shown)
        if len(value) > LONG_LIST:
            text += f"……（共{len(value)}项）"
        return text
    if isinstance(value, dict):
        return _compact(value)
    return str(value)


def _compact(value) -> str:
    if isinstance(value, dict):
        return "，".join(f"{k}：{_compact(v)}" for k, v in value.items())
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return DASH if value is None else str(value)


def _ordered_keys(model, keys: set[str]) -> list[str]:
    if model is None:
        return sorted(keys)
    order = {}
    for i, field in enumerate(model._meta.get_fields()):
        for name in {getattr(field, "attname", None), field.name} - {None}:
            order.setdefault(name, i)
    return sorted(keys, key=lambda k: (order.get(k, 10_000), k))


def changes_of(rec: ChangeRecord, names: Names | None = None) -> list[Change]:
    """Every stored field of a record, before → after (one side empty for a create / delete)."""
    model = model_of(rec.object_type)
    before = rec.before if isinstance(rec.before, dict) else {}
    after = rec.after if isinstance(rec.after, dict) else {}
    out = []
    keys = set(before) | set(after)
    if model is not None:
        keys.discard(model._meta.pk.attname)  # the object's id: shown with the record already
    for key in _ordered_keys(model, keys):
        old, new = before.get(key), after.get(key)
        shown_after = show(model, key, new, names) if key in after else DASH
        if key in SECRET_FIELDS and key in before and key in after and old != new:
            shown_after = "（已修改）" if new else DASH
        out.append(
            Change(
                key=key,
                label=field_label(model, key),
                before=show(model, key, old, names) if key in before else DASH,
                after=shown_after,
                changed=rec.action == ChangeRecord.Action.UPDATE or old != new,
            )
        )
    return out


def with_changes(records) -> list[tuple[ChangeRecord, list[Change]]]:
    """Records with their changes, names of referenced objects looked up in one query per model."""
    records = list(records)
    names = Names()
    for rec in records:
        model = model_of(rec.object_type)
        for side in (rec.before, rec.after):
            if isinstance(side, dict):
                for key, value in side.items():
                    names.want(model, key, value)
    return [(rec, changes_of(rec, names)) for rec in records]
