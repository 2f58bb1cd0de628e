"""Back up and restore the whole database, whichever engine DATABASE_URL names.

SQLite: the online backup API (sqlite3.Connection.backup) copies a consistent snapshot while the
app keeps running, into a standalone file (journal mode DELETE, checked with quick_check).
Restore copies the file back into the live database the same way, so running processes keep
their connections and see the restored data at their next query.

PostgreSQL: pg_dump --format=custom, and pg_restore --clean --if-exists --single-transaction:
the restore replaces every table of the dump in one transaction, so it either completes or
changes nothing. Connection parameters come from DATABASE_URL and reach the client programs
through libpq's PG* environment variables, never the command line (no password in `ps`).
The client programs must not be older than the server; ECONDESK_PG_BIN_DIR picks another
installation (e.g. /usr/lib/postgresql/16/bin).

Backups hold everything, password hashes included: files are created readable by their owner
only (0600), in a directory only the owner can enter when this module creates it.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection as default_connection
from django.utils import timezone

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
EXTENSIONS = {"sqlite": ".sqlite3", "postgresql": ".dump"}
ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

# libpq environment variables for the OPTIONS of a postgres:// DATABASE_URL (?sslmode=…).
PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "channel_binding": "PGCHANNELBINDING",
    "gssencmode": "PGGSSENCMODE",
}


class BackupError(Exception):
    """A backup or restore that could not be done; the message is for the person running it."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    size: int
    seconds: float


def engine_of(connection=None) -> str:
    vendor = (connection or default_connection).vendor
    if vendor not in EXTENSIONS:
        raise BackupError(f"不支持备份 {vendor} 数据库（仅支持 SQLite 与 PostgreSQL）。")
    return vendor


def backup_dir() -> Path:
    return Path(getattr(settings, "ECONDESK_BACKUP_DIR", Path(settings.VAR_DIR) / "backups"))


def default_path(connection=None, now: datetime | None = None) -> Path:
    engine = engine_of(connection)
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    return backup_dir() / f"econdesk-{engine}-{stamp}{EXTENSIONS[engine]}"


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


def describe_database(connection=None) -> str:
    connection = connection or default_connection
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():
            return "SQLite 内存数据库"
        return f"SQLite 数据库文件 {db['NAME']}"
    where = f"{db.get('HOST') or '本机'}:{db.get('PORT') or 5432}"
    user = f"{db['USER']}@" if db.get("USER") else ""
    return f"PostgreSQL 数据库 {db['NAME']}（{user}{where}）"


def file_engine(path: Path) -> str | None:
    """'sqlite' or 'postgresql' from the file's first bytes; None for anything else."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    return None


def _refuse_in_transaction(connection) -> None:
    if connection.in_atomic_block:
        raise BackupError("不能在数据库事务中备份或恢复，请在事务之外执行。")


# ---- backup ------------------------------------------------------------------------------


def backup(path: Path | str | None = None, connection=None) -> BackupResult:
    """Write a complete backup to `path` (default: ECONDESK_BACKUP_DIR/econdesk-<engine>-<time>)."""
    connection = connection or default_connection
    engine = engine_of(connection)
    _refuse_in_transaction(connection)
    path = Path(path) if path else default_path(connection)
    if path.is_dir():
        raise BackupError(f"{path} 是目录，请给出备份文件名。")
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    partial = path.with_name(f".{path.name}.partial")
    started = time.monotonic()
    try:
        partial.unlink(missing_ok=True)
        # Created empty with owner-only permissions before any data goes in.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        if engine == "sqlite":
            _sqlite_backup(connection, partial)
        else:
            _pg_dump(connection, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path, engine, path.stat().st_size, time.monotonic() - started)


def _sqlite_backup(connection, target: Path) -> None:
    connection.ensure_connection()
    source = connection.connection
    with closing(sqlite3.connect(target)) as copy:
        # One step: a consistent snapshot (in WAL mode writers carry on meanwhile).
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one standalone file, no -wal beside it
        result = copy.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"备份文件校验失败：{result}")


def prune(directory: Path, engine: str, keep: int) -> list[Path]:
    """Delete all but the `keep` newest econdesk-<engine>-*.ext backups in `directory`."""
    if keep < 1:
        return []
    pattern = f"econdesk-{engine}-*{EXTENSIONS[engine]}"
    files = sorted(directory.glob(pattern), key=lambda p: p.name, reverse=True)
    removed = files[keep:]
    for old in removed:
        old.unlink()
    return removed


# ---- restore ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    engine: str
    size: int
    created: str  # as the file says, or its modification time
    source: str  # the database it was taken from, when the file says


def inspect(path: Path | str, connection=None) -> BackupInfo:
    """What the backup file is, refusing files that cannot be restored into this database."""
    connection = connection or default_connection
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件 {path}。")
    engine = engine_of(connection)
    kind = file_engine(path)
    if kind is None:
        raise BackupError(
            f"{path} 不是 econdesk 的备份文件（既不是 SQLite 数据库，也不是 pg_dump 自定义格式）。"
        )
    if kind != engine:
        raise BackupError(
            f"{path} 是 {ENGINE_LABELS[kind]} 备份，当前数据库是 {ENGINE_LABELS[engine]}，"
            "不能直接恢复。"
        )
    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone())
    created, source = f"{modified:%Y-%m-%d %H:%M}", ""
    if kind == "sqlite":
        _check_sqlite_file(path)
    else:
        listing = _pg_list(connection, path)
        if found := re.search(r"^;\s+Archive created at (.+)$", listing, re.M):
            created = found.group(1).strip()
        if found := re.search(r"^;\s+dbname: (.+)$", listing, re.M):
            source = found.group(1).strip()
    return BackupInfo(path, kind, path.stat().st_size, created, source)


def _check_sqlite_file(path: Path) -> None:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            result = db.execute("PRAGMA quick_check").fetchone()[0]
            has_migrations = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
            ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} 无法读取：{exc}") from exc
    if result != "ok":
        raise BackupError(f"{path} 已损坏（quick_check：{result}），不能用于恢复。")
    if not has_migrations:
        raise BackupError(f"{path} 不是 econdesk 的数据库备份（没有 django_migrations 表）。")


def restore(path: Path | str, connection=None) -> BackupInfo:
    """Replace the whole database with the backup at `path`. No questions asked: the command
    asks (--yes) before calling this."""
    connection = connection or default_connection
    _refuse_in_transaction(connection)
    info = inspect(path, connection)
    if info.engine == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{info.path}?mode=ro", uri=True)) as source:
            source.backup(connection.connection)
        connection.close()  # the next query reconnects with the usual pragmas
    else:
        connection.close()  # hold no locks on the tables about to be replaced
        _pg_run(
            connection,
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(info.path),
            ],
        )
    return info


def extra_tables(info: BackupInfo, connection=None) -> list[str]:
    """PostgreSQL: tables in the database that the backup does not have (left as they were)."""
    connection = connection or default_connection
    if info.engine != "postgresql":
        return []
    listing = _pg_list(connection, info.path)
    in_dump = set(re.findall(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", listing, re.M))
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
    return sorted(present - in_dump)


# ---- PostgreSQL client programs ------------------------------------------------------------


def pg_environment(connection) -> dict[str, str]:
    """os.environ plus libpq variables for this connection (password included, off argv)."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    env["PGDATABASE"] = str(db["NAME"])
    for option, var in PG_OPTION_ENV.items():
        value = (db.get("OPTIONS") or {}).get(option)
        if value not in (None, ""):
            env[var] = str(value)
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    return env


def pg_program(name: str) -> str:
    bin_dir = getattr(settings, "ECONDESK_PG_BIN_DIR", "") or ""
    if bin_dir:
        candidate = Path(bin_dir) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
        raise BackupError(f"ECONDESK_PG_BIN_DIR={bin_dir} 中没有 {name}。")
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"找不到 {name}：请安装与服务器同一版本的 PostgreSQL 客户端"
            "（Debian/Ubuntu：apt-get install postgresql-client），"
            "或用 ECONDESK_PG_BIN_DIR 指明其目录。"
        )
    return found


def _client_major(program: str) -> int | None:
    out = subprocess.run([program, "--version"], capture_output=True, text=True, check=False)
    found = re.search(r"(\d+)(?:\.\d+)*", out.stdout)
    return int(found.group(1)) if found else None


def _server_major(connection) -> int:
    connection.ensure_connection()
    version = connection.pg_version  # e.g. 150020
    return version // 10000 if version >= 100000 else version // 100


def check_client_version(connection, program: str) -> None:
    client, server = _client_major(program), _server_major(connection)
    if client is not None and client < server:
        raise BackupError(
            f"{Path(program).name} 是 PostgreSQL {client} 的版本，服务器是 PostgreSQL {server}："
            f"请安装 postgresql-client-{server}，或用 ECONDESK_PG_BIN_DIR 指向"
            f" /usr/lib/postgresql/{server}/bin。"
        )


def _pg_run(connection, name: str, arguments: list[str]) -> str:
    program = pg_program(name)
    check_client_version(connection, program)
    connection.close()
    result = subprocess.run(
        [program, "--no-password", *arguments],
        env=pg_environment(connection),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{name} 失败（退出码 {result.returncode}）：{detail}")
    return result.stdout


def _pg_dump(connection, target: Path) -> None:
    _pg_run(connection, "pg_dump", ["--format=custom", "--file", str(target)])


def _pg_list(connection, path: Path) -> str:
    program = pg_program("pg_restore")
    result = subprocess.run(
        [program, "--list", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"无法读取备份文件 {path}：{result.stderr.strip()}")
    return result.stdout
