"""SQLite: two writers at once wait for each other instead of failing "database is locked".

The project's SQLite settings (dburl.sqlite_config) open every transaction with BEGIN IMMEDIATE
and wait up to 20 s for the lock. Each thread below reads and then writes inside one
transaction, the pattern that deadlocks with SQLite's default DEFERRED transactions (both
hold a read lock, neither can upgrade, one fails at once without waiting). Runs against a
file database of its own, in both CI passes.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connections, transaction

from econdesk.dburl import sqlite_config

ALIAS = "trust_concurrency_sqlite"


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    def use(mode: str):
        config = sqlite_config(tmp_path / f"{mode.lower()}.sqlite3")
        config["OPTIONS"]["transaction_mode"] = mode
        filled = connections.configure_settings({"default": dict(config), ALIAS: config})
        connections.settings[ALIAS] = filled[ALIAS]
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
            cursor.execute("INSERT INTO counter VALUES (1, 0)")
        connections[ALIAS].close()

    with django_db_blocker.unblock():
        try:
            yield use
        finally:
            if ALIAS in connections.settings:
                connections[ALIAS].close()
                del connections[ALIAS]
                del connections.settings[ALIAS]


def increment_together(threads: int = 2, hold: float = 0.3) -> list:
    """Each thread: read n, hold the transaction open a while, write n + 1."""
    barrier = threading.Barrier(threads)
    errors: list = []

    def work():
        try:
            barrier.wait()
            with transaction.atomic(using=ALIAS):
                with connections[ALIAS].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter WHERE id = 1")
                    (n,) = cursor.fetchone()
                    time.sleep(hold)
                    cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
        except OperationalError as exc:
            errors.append(exc)
        finally:
            connections[ALIAS].close()

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(30)
    return errors


def final_count() -> int:
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT n FROM counter WHERE id = 1")
        return cursor.fetchone()[0]


def test_immediate_transactions_with_a_busy_timeout_serialise_writers(file_database):
    file_database("IMMEDIATE")  # the project's setting
    assert increment_together(threads=3) == []
    assert final_count() == 3  # no lost update either


def test_deferred_transactions_would_fail_with_database_is_locked(file_database):
    """The same load without IMMEDIATE: shows what the setting prevents."""
    file_database("DEFERRED")
    errors = increment_together()
    assert errors and "database is locked" in str(errors[0])
    assert final_count() == 1
