"""Turn DATABASE_URL into Django's DATABASES entry (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

SQLITE_INIT = (
    # WAL lets readers work while one writer writes; NORMAL is safe with WAL.
    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
)


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
    parts = urlparse(url)
    if parts.scheme == "sqlite":
        raw = unquote(parts.path)
        if raw in ("", "/"):
            raise ValueError("DATABASE_URL 缺少 SQLite 文件路径")
        path = Path(raw[1:]) if raw.startswith("/") and not raw.startswith("//") else Path(raw)
        if raw.startswith("//"):
            path = Path(raw[1:])
        if not path.is_absolute():
            path = base_dir / path
        return sqlite_config(path)
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": int(options.pop("conn_max_age", 60)),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ValueError(f"不支持的 DATABASE_URL 类型：{parts.scheme!r}（仅支持 sqlite 与 postgres）")
