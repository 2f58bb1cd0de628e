"""Append to the change record. Called by every service that changes business data."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F
from django.utils import timezone

from econdesk.audit import chain, context, guards
from econdesk.audit.chain import GENESIS, HEAD_PK, Verification, entry_hash, payload_of
from econdesk.audit.models import AuditHead, ChangeRecord

# The hashing and verification live in chain.py; these names stay importable from here.
__all__ = [
    "GENESIS",
    "SECRET_FIELDS",
    "Verification",
    "entry_hash",
    "payload_of",
    "record",
    "record_model_change",
    "secret_digest",
    "snapshot",
    "user_label",
    "verify",
    "verify_chain",
]
# Any constant works; it only has to be the same for every process writing to one database.
PG_LOCK_KEY = 7_311_842_001
# Fields whose stored value never goes into the record; a change shows as a new short digest.
SECRET_FIELDS = frozenset({"password"})


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


def secret_digest(value) -> str:
    """What the record keeps of a secret (a password hash): whether it is set, and a short
    digest that changes when it does."""
    if not value:
        return ""
    return "已设置·" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:8]


def snapshot(obj, fields: list[str] | None = None) -> dict:
    """The stored field values of a model instance, JSON-ready (foreign keys as ids)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        if field.name in SECRET_FIELDS:
            value = secret_digest(value)
        data[field.attname] = _jsonable(value)
    return data


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
        key_version=chain.CURRENT_KEY_VERSION,
    )
    rec.hash = chain.sign(rec, chain.key_for_writing())
    rec.save(force_insert=True)
    _advance_head(rec)
    return rec


def record_creations(*, user, objs, reason: str = "") -> list[ChangeRecord]:
    """Append one "created" change per saved object, as record() would one by one, in one
    chain lock and one insert (a catalogue of sixty indicators is one write, not sixty).
    Must run inside the transaction that created them."""
    objs = list(objs)
    if not objs:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record_creations must run inside the transaction of the change")
    _lock_chain()
    origin = context.current()
    prev = ChangeRecord.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    key = chain.key_for_writing()
    now = timezone.now()
    records = []
    for obj in objs:
        rec = ChangeRecord(
            at=now,
            user=user if getattr(user, "pk", None) else None,
            user_name=user_label(user),
            source=origin.source,
            remote_addr=origin.remote_addr,
            request_id=origin.request_id,
            action=ChangeRecord.Action.CREATE,
            object_type=obj._meta.label,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            before=None,
            after=_jsonable(snapshot(obj)),
            reason=reason[:500],
            prev_hash=prev,
            key_version=chain.CURRENT_KEY_VERSION,
        )
        rec.hash = prev = chain.sign(rec, key)
        records.append(rec)
    ChangeRecord.objects.bulk_create(records)
    last = records[-1]
    if last.pk is None:  # a backend that does not return ids from a bulk insert
        last.pk = ChangeRecord.objects.order_by("-id").values_list("id", flat=True).first()
    _advance_head(last, len(records))
    return records


def _advance_head(rec: ChangeRecord, count: int = 1) -> None:
    """Move the checkpoint to ``rec`` (``count`` entries on), in the same transaction (the
    chain lock is held)."""
    moved = AuditHead.objects.filter(pk=HEAD_PK).update(
        entries=F("entries") + count, last_id=rec.id, last_hash=rec.hash, updated_at=rec.at
    )
    if not moved:
        # No checkpoint yet (a flushed database): start it from the chain as it is.
        AuditHead.objects.create(
            pk=HEAD_PK,
            entries=ChangeRecord.objects.count(),
            last_id=rec.id,
            last_hash=rec.hash,
            updated_at=rec.at,
        )


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


def verify(*, check_guards: bool = True, anchors: list[tuple[str, dict]] = ()) -> Verification:
    """Walk the keyed chain from the first entry and compare it with the checkpoint and with
    any anchors (name, anchor) kept outside the database.

    The checkpoint is read before the walk and compared with the entries up to the one it
    names, so entries appended meanwhile are no false alarm; entries beyond it that a second
    reading of the checkpoint does not cover were written without it (not through record()).
    """
    head = AuditHead.objects.filter(pk=HEAD_PK).first()
    head_last_id = head.last_id if head else 0
    records = ChangeRecord.objects.order_by("id").iterator(chunk_size=2000)
    key_problem = None
    try:
        key = chain.audit_key()
    except ImproperlyConfigured as exc:
        key, key_problem = None, str(exc)
    result, upto = chain.walk(records, key, head_last_id)
    problems = result.problems
    if key_problem and result.keyed:
        problems.insert(0, key_problem)
    problems.extend(_head_problems(head, upto, result))
    for name, anchor in anchors:
        problems.extend(chain.anchor_problems(anchor, name, ChangeRecord))
    if check_guards:
        problems.extend(guards.problems())
    return result


def _head_problems(head: AuditHead | None, upto: Verification, walked: Verification) -> list[str]:
    if head is None:
        if walked.entries:
            return [
                f"缺少检查点（条数与最后一条哈希），无法确认末尾的记录未被删除；"
                f"现存{walked.entries}条。"
            ]
        return []
    out = []
    if head.entries > upto.entries:
        out.append(
            f"检查点记载共{head.entries}条，现存{upto.entries}条："
            f"有{head.entries - upto.entries}条记录被删除。"
        )
    elif head.entries < upto.entries:
        out.append(
            f"检查点记载共{head.entries}条，现存{upto.entries}条："
            f"有{upto.entries - head.entries}条记录未经登记写入。"
        )
    if head.entries and head.last_hash != upto.last_hash:
        if upto.last_id is None:
            out.append(f"检查点记载的最后一条（第{head.last_id}条）已不存在：全部记录被删除。")
        elif upto.last_id < head.last_id:
            out.append(
                f"检查点记载的最后一条是第{head.last_id}条，现存最后一条是第{upto.last_id}条："
                "末尾的记录被删除。"
            )
        else:
            out.append(f"第{upto.last_id}条记录的哈希与检查点不符：末尾的记录被改动或替换。")
    beyond = walked.entries - upto.entries
    if beyond:
        again = AuditHead.objects.filter(pk=HEAD_PK).first()
        covered = (
            again is not None and walked.last_id is not None and again.last_id >= walked.last_id
        )
        if not covered:
            out.append(f"检查点之后还有{beyond}条记录（第{walked.last_id}条为止）未经登记写入。")
    return out


def verify_chain() -> list[str]:
    """Problems found in the chain, in Chinese; empty when every entry is intact."""
    return verify().problems
