"""DATABASE_URL as deployments write it, read through dj-database-url (econdesk/dburl.py)."""

from pathlib import Path

import pytest

from econdesk import dburl

BASE = Path("/srv/econdesk")


def test_sqlite_paths_are_absolute_or_relative_to_the_project():
    absolute = dburl.parse("sqlite:////var/lib/econdesk/db.sqlite3", BASE)
    assert absolute["NAME"] == "/var/lib/econdesk/db.sqlite3"
    assert dburl.parse("sqlite:///var/econdesk.sqlite3", BASE)["NAME"] == str(
        BASE / "var" / "econdesk.sqlite3"
    )


def test_sqlite_waits_for_the_lock_and_takes_it_at_begin():
    options = dburl.parse("sqlite:////tmp/x.sqlite3", BASE)["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] == 20
    assert "journal_mode=WAL" in options["init_command"]
    assert "foreign_keys=ON" in options["init_command"]


def test_postgres_keeps_connections_with_health_checks_and_decodes_the_password():
    db = dburl.parse("postgres://econdesk:p%40ss%3Aword@db.internal:5433/econdesk", BASE)
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"]) == (
        "django.db.backends.postgresql",
        "econdesk",
        "econdesk",
        "p@ss:word",
    )
    assert (db["HOST"], db["PORT"]) == ("db.internal", "5433")
    assert db["CONN_MAX_AGE"] == 60 and db["CONN_HEALTH_CHECKS"] is True


def test_postgres_query_options_reach_the_driver_except_conn_max_age():
    db = dburl.parse("postgresql://u@h/n?sslmode=require&conn_max_age=0", BASE)
    assert db["CONN_MAX_AGE"] == 0
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_an_unknown_kind_of_database_is_refused_in_chinese():
    with pytest.raises(ValueError) as refused:
        dburl.parse("mongodb://h/n", BASE)
    assert "不支持的 DATABASE_URL 类型：'mongodb'（仅支持 sqlite 与 postgres）" in str(
        refused.value
    )
    with pytest.raises(ValueError, match="仅支持 sqlite 与 postgres"):
        dburl.parse("mysql://u@h/n", BASE)
