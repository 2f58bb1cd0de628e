"""Database triggers that keep the change record append-only (SQLite and PostgreSQL).

UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) of audit_changerecord are refused by the
database itself, whatever code or console issues them; the checkpoint row (audit_audithead)
cannot be deleted nor its count moved back. Anyone able to drop triggers can still tamper —
`econdesk audit verify` is what finds that.

Installed by migration 0002 and again after every `migrate` (a SQLite table rebuild drops a
table's triggers); lifted only by `flush`, which empties every table, chain and checkpoint alike.
Other database vendors get no triggers (the chain and the checkpoint still show tampering).
Migration 0002 calls install_for_migration / remove_for_migration: keep those two names.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection as default_connection

CHANGES = "audit_changerecord"
HEAD = "audit_audithead"

MESSAGE = "append-only: 变更记录只能追加，不能修改或删除"

_SQLITE = {
    "audit_changerecord_no_update": (
        f"CREATE TRIGGER IF NOT EXISTS audit_changerecord_no_update BEFORE UPDATE ON {CHANGES} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}（{CHANGES} UPDATE）'); END"
    ),
    "audit_changerecord_no_delete": (
        f"CREATE TRIGGER IF NOT EXISTS audit_changerecord_no_delete BEFORE DELETE ON {CHANGES} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}（{CHANGES} DELETE）'); END"
    ),
    "audit_audithead_no_delete": (
        f"CREATE TRIGGER IF NOT EXISTS audit_audithead_no_delete BEFORE DELETE ON {HEAD} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}（{HEAD} DELETE）'); END"
    ),
    "audit_audithead_forward": (
        f"CREATE TRIGGER IF NOT EXISTS audit_audithead_forward BEFORE UPDATE ON {HEAD} "
        "WHEN NEW.entries < OLD.entries OR NEW.last_id < OLD.last_id "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}（{HEAD} 只能前进）'); END"
    ),
}

# No '%' anywhere: these run without parameters, and psycopg would read one as a placeholder.
_PG_FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION econdesk_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING
            MESSAGE = '"""
    + MESSAGE
    + """（' || TG_TABLE_NAME || ' ' || TG_OP || '）',
            ERRCODE = 'insufficient_privilege';
    END;
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION econdesk_audit_head_forward() RETURNS trigger LANGUAGE plpgsql
    AS $$
    BEGIN
        IF NEW.entries < OLD.entries OR NEW.last_id < OLD.last_id THEN
            RAISE EXCEPTION USING
                MESSAGE = '"""
    + MESSAGE
    + """（' || TG_TABLE_NAME || ' 只能前进）',
                ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END;
    $$
    """,
]
_PG = {
    "audit_changerecord_append_only": (
        f"CREATE TRIGGER audit_changerecord_append_only BEFORE UPDATE OR DELETE ON {CHANGES} "
        "FOR EACH ROW EXECUTE FUNCTION econdesk_audit_refuse()"
    ),
    "audit_changerecord_no_truncate": (
        f"CREATE TRIGGER audit_changerecord_no_truncate BEFORE TRUNCATE ON {CHANGES} "
        "FOR EACH STATEMENT EXECUTE FUNCTION econdesk_audit_refuse()"
    ),
    "audit_audithead_no_delete": (
        f"CREATE TRIGGER audit_audithead_no_delete BEFORE DELETE ON {HEAD} "
        "FOR EACH ROW EXECUTE FUNCTION econdesk_audit_refuse()"
    ),
    "audit_audithead_no_truncate": (
        f"CREATE TRIGGER audit_audithead_no_truncate BEFORE TRUNCATE ON {HEAD} "
        "FOR EACH STATEMENT EXECUTE FUNCTION econdesk_audit_refuse()"
    ),
    "audit_audithead_forward": (
        f"CREATE TRIGGER audit_audithead_forward BEFORE UPDATE ON {HEAD} "
        "FOR EACH ROW EXECUTE FUNCTION econdesk_audit_head_forward()"
    ),
}
_TABLE_OF = {
    name: (HEAD if name.startswith("audit_audithead") else CHANGES) for name in [*_SQLITE, *_PG]
}


def supported(connection=None) -> bool:
    return (connection or default_connection).vendor in ("sqlite", "postgresql")


def expected(connection=None) -> list[str]:
    """The names of the triggers this database should have (none for other vendors)."""
    vendor = (connection or default_connection).vendor
    return list(_SQLITE if vendor == "sqlite" else _PG if vendor == "postgresql" else [])


def present(connection=None) -> list[str]:
    """The guard triggers the database has now (enabled ones, on PostgreSQL)."""
    connection = connection or default_connection
    names = expected(connection)
    if not names:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(names))
            cursor.execute(
                f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
                names,
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D' "
                "AND tgname = ANY(%s)",
                [names],
            )
        found = {row[0] for row in cursor.fetchall()}
    return [name for name in names if name in found]


def missing(connection=None) -> list[str]:
    connection = connection or default_connection
    have = set(present(connection))
    return [name for name in expected(connection) if name not in have]


def _tables_exist(connection) -> bool:
    tables = set(connection.introspection.table_names())
    return CHANGES in tables and HEAD in tables


def install(connection=None) -> list[str]:
    """Create the guard triggers that are missing; returns their names. Idempotent."""
    connection = connection or default_connection
    if not supported(connection) or not _tables_exist(connection):
        return []
    wanted = missing(connection)
    if not wanted:
        return []
    statements = _SQLITE if connection.vendor == "sqlite" else _PG
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in _PG_FUNCTIONS:
                cursor.execute(sql)
            # A trigger that exists but was disabled counts as missing: replace it.
            for name in wanted:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {_TABLE_OF[name]}")
        for name in wanted:
            cursor.execute(statements[name])
    return wanted


def remove(connection=None) -> None:
    """Drop the guard triggers (flush, tests that tamper on purpose, migrating back)."""
    connection = connection or default_connection
    if not supported(connection) or not _tables_exist(connection):
        return
    with connection.cursor() as cursor:
        for name in expected(connection):
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {_TABLE_OF[name]}")


@contextmanager
def lifted(connection=None):
    """Within the block the change record can be edited; the guards come back after it."""
    connection = connection or default_connection
    remove(connection)
    try:
        yield
    finally:
        install(connection)


# Migration hooks (RunPython): run on the migration's database, vendor by vendor.
def install_for_migration(apps, schema_editor) -> None:
    install(schema_editor.connection)


def remove_for_migration(apps, schema_editor) -> None:
    remove(schema_editor.connection)
