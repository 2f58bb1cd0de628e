"""`econdesk backup` / `econdesk restore` in-process: refusals, file checks, naming, pruning,
and how PostgreSQL's client programs are called. The full round trips are in
test_backup_roundtrip.py."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from econdesk.accounts.models import Department
from econdesk.ops import backup as ops


@pytest.fixture
def backups(tmp_path, settings):
    settings.ECONDESK_BACKUP_DIR = tmp_path / "backups"
    return tmp_path / "backups"


@pytest.mark.django_db(transaction=True)
def test_restore_without_yes_changes_nothing_and_says_what_it_would_replace(backups, catalogue):
    out = StringIO()
    call_command("backup", stdout=out)
    made = next(backups.iterdir())
    assert f"到 {made}" in out.getvalue()
    Department.objects.create(name="备份之后新建的单位")
    departments = Department.objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(made))
    text = str(refused.value)
    assert "恢复将用备份文件" in text and str(made) in text
    assert ops.describe_database() in text
    assert "的全部内容" in text and "张表" in text and "行数据" in text
    assert "变更记录" in text and "将被删除" in text and "都会丢失" in text
    assert "加 --yes 重新执行" in text
    assert Department.objects.count() == departments


@pytest.mark.django_db(transaction=True)
def test_backup_names_files_by_engine_and_time_and_keeps_them_private(backups):
    result = ops.backup()
    vendor = connection.vendor
    assert result.path.parent == backups
    assert result.path.name.startswith(f"econdesk-{vendor}-")
    assert result.path.suffix == ops.EXTENSIONS[vendor]
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700
    assert ops.file_engine(result.path) == vendor
    assert not list(backups.glob(".*partial"))


def test_backup_refuses_inside_a_transaction(db, tmp_path):
    with pytest.raises(ops.BackupError, match="事务"):
        ops.backup(tmp_path / "x")


def test_prune_keeps_the_newest(tmp_path):
    for day in range(1, 6):
        (tmp_path / f"econdesk-sqlite-2026110{day}-023000.sqlite3").write_bytes(b"x")
    (tmp_path / "econdesk-postgresql-20261101-023000.dump").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("keep me")
    removed = ops.prune(tmp_path, "sqlite", keep=2)
    assert sorted(p.name for p in removed) == [
        f"econdesk-sqlite-2026110{d}-023000.sqlite3" for d in (1, 2, 3)
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "econdesk-postgresql-20261101-023000.dump",
        "econdesk-sqlite-20261104-023000.sqlite3",
        "econdesk-sqlite-20261105-023000.sqlite3",
        "notes.txt",
    ]


def test_default_path_uses_local_time(backups):
    from django.utils import timezone

    moment = timezone.make_aware(datetime(2026, 11, 27, 2, 30, 5))
    assert ops.default_path(now=moment).name == (
        f"econdesk-{connection.vendor}-20261127-023005{ops.EXTENSIONS[connection.vendor]}"
    )


def test_restore_refuses_what_is_not_a_backup(db, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("这不是备份")
    with pytest.raises(CommandError, match="不是 econdesk 的备份文件"):
        call_command("restore", str(junk), "--yes")
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "missing.dump"), "--yes")


def test_restore_refuses_a_backup_of_the_other_engine(db, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    fake = tmp_path / f"other{ops.EXTENSIONS[other]}"
    fake.write_bytes(
        (ops.PGDUMP_MAGIC if other == "postgresql" else ops.SQLITE_MAGIC) + b"\0" * 100
    )
    with pytest.raises(CommandError, match="不能直接恢复"):
        call_command("restore", str(fake), "--yes")


def test_restore_refuses_a_sqlite_file_that_is_not_econdesks(db, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite files are checked on SQLite")
    import sqlite3

    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db_file:
        db_file.execute("CREATE TABLE t (x)")
    with pytest.raises(CommandError, match="django_migrations"):
        call_command("restore", str(other), "--yes")


def fake_pg(**settings_dict):
    base = {"NAME": "econdesk", "USER": "", "PASSWORD": "", "HOST": "", "PORT": "", "OPTIONS": {}}
    return SimpleNamespace(vendor="postgresql", settings_dict={**base, **settings_dict})


def test_pg_connection_parameters_travel_in_the_environment_not_argv(monkeypatch):
    monkeypatch.delenv("PGSSLMODE", raising=False)
    env = ops.pg_environment(
        fake_pg(
            NAME="econdesk_prod",
            USER="econdesk",
            PASSWORD="s3cret pass",
            HOST="db.internal",
            PORT="6432",
            OPTIONS={"sslmode": "require", "application_name": "econdesk-backup"},
        )
    )
    assert env["PGDATABASE"] == "econdesk_prod"
    assert (env["PGUSER"], env["PGPASSWORD"]) == ("econdesk", "s3cret pass")
    assert (env["PGHOST"], env["PGPORT"]) == ("db.internal", "6432")
    assert (env["PGSSLMODE"], env["PGAPPNAME"]) == ("require", "econdesk-backup")
    assert env["PATH"] == os.environ["PATH"]


def test_pg_dump_and_restore_are_called_with_the_expected_options(monkeypatch, tmp_path):
    calls = []

    def run(args, **kwargs):
        calls.append((args, kwargs["env"]))
        if args[0].endswith("pg_dump"):
            target = args[args.index("--file") + 1]
            with open(target, "wb") as out:
                out.write(ops.PGDUMP_MAGIC + b"\0" * 10)
        return SimpleNamespace(returncode=0, stdout="", stderr="")

    monkeypatch.setattr(ops, "pg_program", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(ops, "check_client_version", lambda connection, program: None)
    monkeypatch.setattr(ops, "_pg_list", lambda connection, path: "")
    monkeypatch.setattr(ops.subprocess, "run", run)
    pg = fake_pg(PASSWORD="never-on-argv")
    pg.in_atomic_block = False
    pg.close = lambda: None

    ops.backup(tmp_path / "b.dump", connection=pg)
    ops.restore(tmp_path / "b.dump", connection=pg)
    (dump, dump_env), (restore, _restore_env) = calls
    assert dump[:3] == ["/usr/bin/pg_dump", "--no-password", "--format=custom"]
    assert restore[:2] == ["/usr/bin/pg_restore", "--no-password"]
    for option in [
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
    ]:
        assert option in restore
    assert restore[-3:] == ["--dbname", "econdesk", str(tmp_path / "b.dump")]
    assert dump_env["PGPASSWORD"] == "never-on-argv"
    assert all("never-on-argv" not in arg for arg in dump + restore)


def test_an_older_pg_client_is_refused_with_what_to_install(monkeypatch):
    monkeypatch.setattr(ops, "_client_major", lambda program: 14)
    monkeypatch.setattr(ops, "_server_major", lambda connection: 15)
    with pytest.raises(ops.BackupError) as refused:
        ops.check_client_version(fake_pg(), "/usr/bin/pg_dump")
    assert "postgresql-client-15" in str(refused.value)
    assert "ECONDESK_PG_BIN_DIR" in str(refused.value)


def test_a_missing_pg_client_is_explained(monkeypatch, settings):
    settings.ECONDESK_PG_BIN_DIR = ""
    monkeypatch.setattr(ops.shutil, "which", lambda name: None)
    with pytest.raises(ops.BackupError, match="找不到 pg_dump：请安装"):
        ops.pg_program("pg_dump")


def test_the_installed_pg_client_matches_the_server(db):
    """pg_dump must not be older than the server it dumps (CI installs postgresql-client)."""
    if connection.vendor != "postgresql":
        pytest.skip("only on PostgreSQL")
    ops.check_client_version(connection, ops.pg_program("pg_dump"))
    ops.check_client_version(connection, ops.pg_program("pg_restore"))
