"""Append to the change record. Called by every service that changes business data."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from econdesk.audit import context
from econdesk.audit.models import ChangeRecord

GENESIS = "0" * 64
# Any constant works; it only has to be the same for every process writing to one database.
PG_LOCK_KEY = 7_311_842_001


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj, fields: list[str] | None = None) -> dict:
    """The stored field values of a model instance, JSON-ready (foreign keys as ids)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        data[field.attname] = _jsonable(getattr(obj, field.attname))
    return data


def entry_hash(prev_hash: str, payload: dict) -> str:
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def payload_of(record: ChangeRecord) -> dict:
    return {
        "at": record.at.isoformat(),
        "user_id": record.user_id,
        "user_name": record.user_name,
        "source": record.source,
        "remote_addr": record.remote_addr,
        "request_id": record.request_id,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "object_repr": record.object_repr,
        "before": record.before,
        "after": record.after,
        "reason": record.reason,
    }


def _lock_chain() -> None:
    # SQLite transactions here are IMMEDIATE, so the writer already holds the database lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PG_LOCK_KEY])


def user_label(user) -> str:
    if user is None:
        return "系统"
    return getattr(user, "display_name", "") or user.get_username()


def record(
    *,
    user,
    action: str,
    object_type: str,
    object_id,
    object_repr: str,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> ChangeRecord:
    """Append one change. Must run inside the transaction that makes the change."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change")
    _lock_chain()
    origin = context.current()
    last = ChangeRecord.objects.order_by("-id").values_list("hash", flat=True).first()
    rec = ChangeRecord(
        at=timezone.now(),
        user=user if getattr(user, "pk", None) else None,
        user_name=user_label(user),
        source=origin.source,
        remote_addr=origin.remote_addr,
        request_id=origin.request_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=str(object_repr)[:200],
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        reason=reason[:500],
        prev_hash=last or GENESIS,
    )
    rec.hash = entry_hash(rec.prev_hash, payload_of(rec))
    rec.save(force_insert=True)
    return rec


def record_model_change(*, user, obj, before: dict | None, reason: str = "") -> ChangeRecord:
    """Record a create (before=None) or update of a model instance with its snapshot."""
    after = snapshot(obj)
    if before is None:
        action = ChangeRecord.Action.CREATE
    else:
        action = ChangeRecord.Action.UPDATE
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after[k] for k in sorted(changed)}
    return record(
        user=user,
        action=action,
        object_type=obj._meta.label,
        object_id=obj.pk,
        object_repr=str(obj),
        before=before,
        after=after,
        reason=reason,
    )


def verify_chain() -> list[str]:
    """Problems found in the chain, in Chinese; empty when every entry is intact."""
    problems: list[str] = []
    prev = GENESIS
    for rec in ChangeRecord.objects.order_by("id").iterator(chunk_size=2000):
        if rec.prev_hash != prev:
            problems.append(f"第{rec.id}条记录的前一条哈希不符：其前的记录被删除或改动。")
        if entry_hash(rec.prev_hash, payload_of(rec)) != rec.hash:
            problems.append(f"第{rec.id}条记录的内容与哈希不符：该记录被改动。")
        prev = rec.hash
    return problems


def atomic():
    return transaction.atomic()
