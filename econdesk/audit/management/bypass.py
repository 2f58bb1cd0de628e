"""Commands that write around the audited services (loaddata, flush): refused on a live
database unless asked for explicitly, and recorded when they run."""

from __future__ import annotations

from pathlib import Path

from django.db import connection as default_connection

FLAG = "--i-know-this-bypasses-audit"
FLAG_DEST = "bypass_audit"


def is_test_database(connection=None) -> bool:
    """The test runner's database (test_… on PostgreSQL, in memory or test_… on SQLite)."""
    name = str((connection or default_connection).settings_dict.get("NAME") or "")
    return "memorydb" in name or name.startswith("file:") or Path(name).name.startswith("test_")


def is_live(connection=None) -> bool:
    """A database in use: not the test runner's, and with a change record already."""
    connection = connection or default_connection
    if is_test_database(connection):
        return False
    if "audit_changerecord" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM audit_changerecord LIMIT 1")
        return cursor.fetchone() is not None


def record_bypass(command: str, what: str, facts: dict) -> None:
    """One change record entry saying that `command` ran, as whom, with what."""
    from econdesk.accounts.cli_actor import command_user
    from econdesk.audit.services import record

    record(
        user=command_user(), action="import", object_type="command", object_id=command,
        object_repr=what, after=facts, reason=f"{command} 绕过了逐条登记（{FLAG}）",
    )  # fmt: skip
