"""One lock for every write of figures, so imports and published estimates never interleave.

On PostgreSQL a transaction-level advisory lock (released at commit or rollback; re-entrant
within a transaction). SQLite needs nothing: the project opens its transactions IMMEDIATE
(dburl.sqlite_config), which takes the database's one write lock at BEGIN, and the busy
timeout makes a second writer wait instead of failing.
"""

from __future__ import annotations

from django.db import connection

# Any constant works; it only has to be the same in every process writing to one database.
LEDGER_WRITE_LOCK = 7_311_842_101


def lock_ledger_writes() -> None:
    """Wait for any other writer of figures; held until the current transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LEDGER_WRITE_LOCK])
