"""Keep built panels between requests, until anything in the ledger changes.

Every change to business data appends a change record, and figures and targets only grow
(versions are never rewritten), so the head of the change record, the newest observation id
and the targets' latest update together say whether a stored panel is still the ledger's
panel. The stamp costs one query. Readers add fields to rows, so a stored panel must never be the reader's
own object: every cache backend Django ships (local memory included) pickles a value when it
is stored and unpickles a fresh one on every read, which is the copy — no second deep copy. Nothing is stored or read inside a transaction (a rolled-back
preview must never leave a panel behind) or during an as-of read.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import connection

from econdesk.ledger.asof import reading_moment

TIMEOUT_SECONDS = 600
# Bumped when a row gains or loses a field, so a panel stored before a deploy is not read after.
SHAPE = "rows-2"


def usable() -> bool:
    return not connection.in_atomic_block and reading_moment() is None


def ledger_stamp() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT MAX(id) FROM audit_changerecord),"
            " (SELECT MAX(id) FROM ledger_observation),"
            " (SELECT MAX(updated_at) FROM ledger_target),"
            " (SELECT COUNT(*) FROM ledger_target)"
        )
        return tuple(str(x) for x in cursor.fetchone())


def key_for(region_id: int, period_code: str, indicator_ids, stamp: tuple) -> str:
    ids = ",".join(str(i) for i in indicator_ids) if indicator_ids is not None else "active"
    raw = f"{SHAPE}|{connection.alias}|{region_id}|{period_code}|{ids}|{'|'.join(stamp)}"
    return "econdesk:panel:" + hashlib.sha256(raw.encode()).hexdigest()


def get(key: str) -> dict | None:
    return cache.get(key)


def put(key: str, panel: dict) -> None:
    cache.set(key, panel, TIMEOUT_SECONDS)
