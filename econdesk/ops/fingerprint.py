"""What a database holds, table by table: row counts and checksums, to compare two states.

Used by `econdesk restore` (the summary of what is replaced and what came back) and by the
backup round-trip tests: after backup → changes → restore, every table must match.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import connection as default_connection


@dataclass
class Fingerprint:
    counts: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)

    @property
    def tables(self) -> int:
        return len(self.counts)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        return {"counts": self.counts, "checksums": self.checksums}


def _quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def table_names(connection=None) -> list[str]:
    connection = connection or default_connection
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _columns(connection, table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _digest(connection, sql: str) -> str:
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(2000):
            for row in rows:
                values = tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                digest.update(repr(values).encode("utf-8"))
                digest.update(b"\n")
    return digest.hexdigest()


def take(connection=None, checksums: bool = True) -> Fingerprint:
    """Row count of every table and, with `checksums`, a SHA-256 of its rows in a fixed order,
    plus two named checksums: the change record's hash chain and the observation values."""
    connection = connection or default_connection
    result = Fingerprint()
    tables = table_names(connection)
    for table in tables:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(connection, table)}")
            result.counts[table] = cursor.fetchone()[0]
        if checksums:
            columns = _columns(connection, table)
            order = ", ".join(_quote(connection, c) for c in columns)
            result.checksums[table] = _digest(
                connection, f"SELECT {order} FROM {_quote(connection, table)} ORDER BY {order}"
            )
    if checksums and "audit_changerecord" in tables:
        result.checksums["change_record_hashes"] = _digest(
            connection, "SELECT id, prev_hash, hash FROM audit_changerecord ORDER BY id"
        )
    if checksums and "ledger_observation" in tables:
        result.checksums["observation_values"] = _digest(
            connection,
            "SELECT id, value, growth, version, is_current FROM ledger_observation ORDER BY id",
        )
    return result


def count(table: str, connection=None) -> int | None:
    """Rows in `table`, or None when the database has no such table."""
    connection = connection or default_connection
    if table not in table_names(connection):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(connection, table)}")
        return cursor.fetchone()[0]
