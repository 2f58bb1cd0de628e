"""Throwaway PostgreSQL databases and subprocess helpers for the ops and deploy tests.

The server is ECONDESK_TEST_PG_URL, else the one DATABASE_URL names (when it is PostgreSQL),
else postgres://postgres@127.0.0.1:5432/postgres. When it cannot be reached the test is skipped
locally, and fails when the CI variable is set: CI must run these tests.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def server_url() -> str:
    explicit = os.environ.get("ECONDESK_TEST_PG_URL")
    if explicit:
        return explicit
    current = os.environ.get("DATABASE_URL", "")
    if urlparse(current).scheme in ("postgres", "postgresql", "pgsql"):
        return urlunparse(urlparse(current)._replace(path="/postgres", query=""))
    return DEFAULT_SERVER


def with_database(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def _admin_connection():
    import psycopg

    from econdesk import dburl

    db = dburl.parse(server_url(), REPO)
    try:
        return psycopg.connect(
            dbname=db["NAME"],
            user=db["USER"] or None,
            password=db["PASSWORD"] or None,
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as exc:
        message = f"PostgreSQL 不可用（{server_url()}）：{exc}"
        if in_ci():
            pytest.fail(message + "；CI 中此测试不能跳过。")
        pytest.skip(message)


@contextmanager
def throwaway_database(prefix: str):
    """Create an empty database, yield its postgres:// URL, drop it afterwards."""
    from psycopg import sql

    admin = _admin_connection()
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield with_database(server_url(), name)
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    finally:
        admin.close()


def database_exists(name: str) -> bool:
    admin = _admin_connection()
    try:
        return (
            admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )
    finally:
        admin.close()


def econdesk(*args: str, env: dict, timeout: float = 300, check: bool = True):
    """Run the `econdesk` command (python -m econdesk.cli) in a subprocess."""
    result = subprocess.run(
        [sys.executable, "-m", "econdesk.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"econdesk {' '.join(args)} 退出码 {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result


def command_env(database_url: str, var_dir: Path, **extra: str) -> dict:
    """The environment of an `econdesk` subprocess: this one, with its own database and var/."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ECONDESK_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        DATABASE_URL=database_url,
        ECONDESK_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="econdesk.settings",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env
