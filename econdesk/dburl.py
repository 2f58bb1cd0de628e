"""DATABASE_URL → Django's DATABASES entry: dj-database-url reads the URL; this module adds what
econdesk needs on top (SQLite by default, PostgreSQL by URL).

- SQLite: WAL, foreign keys, a busy timeout and write transactions that take the lock at BEGIN
  (see :func:`sqlite_config`); a relative path is relative to the project directory.
- PostgreSQL: persistent connections (CONN_MAX_AGE 60 s, or ``?conn_max_age=N`` in the URL)
  with health checks; other query parameters (``sslmode=…``) go to the driver as options.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

SQLITE_INIT = (
    # WAL lets readers work while one writer writes; NORMAL is safe with WAL.
    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
)
ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}


def sqlite_config(path: str | Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "init_command": SQLITE_INIT,
            # Several users at once: wait for the lock instead of failing, and take the write
            # lock at the start of a transaction so two writers never deadlock.
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        },
    }


def parse(url: str, base_dir: Path) -> dict:
    """sqlite:///relative/or//absolute/path.sqlite3 or postgres://user:pw@host:port/name."""
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:  # dj_database_url.UnknownSchemeError is a ValueError
        scheme = url.split(":", 1)[0]
        raise ValueError(
            f"不支持的 DATABASE_URL 类型：{scheme!r}（仅支持 sqlite 与 postgres）"
        ) from exc
    engine = ENGINES.get(config["ENGINE"])
    if engine == "sqlite":
        path = Path(config["NAME"])
        if config["NAME"] != ":memory:" and not path.is_absolute():
            path = base_dir / path
        return sqlite_config(path)
    if engine == "postgresql":
        options = config.setdefault("OPTIONS", {})
        if "conn_max_age" in options:
            config["CONN_MAX_AGE"] = int(options.pop("conn_max_age"))
        config["PORT"] = str(config.get("PORT") or "")
        return config
    raise ValueError(
        f"不支持的 DATABASE_URL 类型：{config['ENGINE']!r}（仅支持 sqlite 与 postgres）"
    )
