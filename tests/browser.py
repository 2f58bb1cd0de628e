"""Debian's Chromium for the page tests, driven by Playwright's sync API.

Never `playwright install`: the browser is /usr/bin/chromium (installed by .ci/run). One
Playwright instance serves the whole session (the `browser` fixture in tests/conftest.py): the
sync API runs an event loop in the main thread, so a second instance started while the first
is alive fails with "using Playwright Sync API inside the asyncio loop".
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("ECONDESK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def end_idle_server_sessions() -> None:
    """The live server's request threads may keep their PostgreSQL sessions open after a page
    test; end them so the test database can be dropped (SQLite: nothing to do)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'"
        )
