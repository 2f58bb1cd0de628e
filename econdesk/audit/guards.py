"""Database triggers that keep the change record append-only (SQLite and PostgreSQL).

UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) of audit_changerecord are refused by the
database itself, whatever code or console issues them; the checkpoint row (audit_audithead)
cannot be deleted nor its count moved back. Anyone able to drop triggers can still tamper —
`econdesk audit verify` is what finds that: it compares each trigger's full definition
(and, on PostgreSQL, its function's body) with the one installed here, so a trigger recreated
under the same name but made harmless (`WHEN 0`) fails verify.

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


def _normal(sql: str) -> str:
    return " ".join(sql.replace("IF NOT EXISTS ", "").split()).rstrip(";").strip()


# What the databases print back for the triggers above (pg_get_triggerdef, schema removed).
_PG_PRINTED = {
    "audit_changerecord_append_only": (
        f"CREATE TRIGGER audit_changerecord_append_only BEFORE DELETE OR UPDATE ON {CHANGES} "
        "FOR EACH ROW EXECUTE FUNCTION econdesk_audit_refuse()"
    ),
    **{name: sql for name, sql in _PG.items() if name != "audit_changerecord_append_only"},
}
_PG_BODIES = {
    "econdesk_audit_refuse": _PG_FUNCTIONS[0].split("$$")[1],
    "econdesk_audit_head_forward": _PG_FUNCTIONS[1].split("$$")[1],
}


def _actual(connection) -> dict[str, dict]:
    """Every trigger on the two tables: name → {"sql", "enabled", "function", "body"}."""
    found: dict[str, dict] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (%s, %s)",
                [CHANGES, HEAD],
            )
            for name, sql in cursor.fetchall():
                found[name] = {"sql": _normal(sql or ""), "enabled": True}
        else:
            cursor.execute(
                "SELECT t.tgname, pg_get_triggerdef(t.oid), t.tgenabled, p.proname, p.prosrc, "
                "n.nspname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE NOT t.tgisinternal AND c.relname IN (%s, %s) "
                "AND n.nspname = current_schema()",
                [CHANGES, HEAD],
            )
            for name, sql, enabled, function, body, schema in cursor.fetchall():
                sql = sql.replace(f" ON {schema}.", " ON ")
                found[name] = {
                    "sql": _normal(sql),
                    "enabled": enabled != "D",
                    "function": function,
                    "body": " ".join((body or "").split()),
                }
    return found


def problems(connection=None) -> list[str]:
    """What is wrong with the guard triggers, in Chinese: missing, disabled, altered (a
    different definition under the same name, e.g. with WHEN 0), their functions rewritten, or
    other triggers added on the change record's tables. Empty when they are as installed."""
    connection = connection or default_connection
    if not supported(connection) or not _tables_exist(connection):
        return []
    actual = _actual(connection)
    wanted = {
        name: _normal(sql)
        for name, sql in (_SQLITE if connection.vendor == "sqlite" else _PG_PRINTED).items()
    }
    gone = [name for name in wanted if name not in actual]
    off = [name for name in wanted if name in actual and not actual[name]["enabled"]]
    altered = [name for name in wanted if name in actual and actual[name]["sql"] != wanted[name]]
    for name in wanted:
        info = actual.get(name)
        if info and "body" in info and name not in altered:
            expected_body = " ".join(_PG_BODIES.get(info["function"], "").split())
            if info["body"] != expected_body:
                altered.append(name)
    extra = sorted(name for name in actual if name not in wanted)
    hint = "记录可能曾被直接改动；运行 econdesk migrate 可重新设置。"
    out = []
    if gone or off:
        out.append("数据库的只增保护（触发器）缺失：" + "、".join(gone + off) + "。" + hint)
    if altered:
        out.append(
            "数据库的只增保护（触发器）被改动，定义与安装时不同："
            + "、".join(altered)
            + "。"
            + hint
        )
    if extra:
        out.append("变更记录的表上有不明的触发器：" + "、".join(extra) + "。请核查后删除。")
    return out


def _tables_exist(connection) -> bool:
    tables = set(connection.introspection.table_names())
    return CHANGES in tables and HEAD in tables


def install(connection=None) -> list[str]:
    """Create the guard triggers that are missing; returns their names. Idempotent."""
    connection = connection or default_connection
    if not supported(connection) or not _tables_exist(connection):
        return []
    wanted = missing(connection)
    if problems(connection):
        wanted = expected(connection)  # altered or disabled ones are replaced, not trusted
    if not wanted:
        return []
    statements = _SQLITE if connection.vendor == "sqlite" else _PG
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in _PG_FUNCTIONS:
                cursor.execute(sql)
            # A trigger that exists but was disabled or altered is replaced.
            for name in wanted:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {_TABLE_OF[name]}")
        else:
            for name in wanted:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
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
