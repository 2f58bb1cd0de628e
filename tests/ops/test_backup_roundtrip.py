"""Backup → changes → restore loses nothing, on SQLite and on PostgreSQL, through the real CLI.

Every step runs `econdesk …` (or tests/ops/dbtool.py) in a subprocess against a database of its
own, whatever database the rest of the suite uses: a SQLite file in a temp dir, and a throwaway
PostgreSQL database created and dropped here. After the restore, every table has the same row
count and checksum as at backup time, including the change record's hashes and the observation
values, and `audit verify` passes.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys

from tests.ops.throwaway import REPO, command_env, econdesk, throwaway_database


def dbtool(action: str, env: dict) -> dict:
    """tests/ops/dbtool.py in a subprocess; its JSON state of the database."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.ops.dbtool", action],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"dbtool {action}\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def round_trip(env: dict, backup_file) -> None:
    original = dbtool("populate", env)
    assert original["audit"]["intact"] is not False, original["audit"]
    counts = original["counts"]
    assert counts["ledger_observation"] > 20
    assert counts["audit_changerecord"] > 10
    assert counts["accounts_loginattempt"] == 2  # the name and the address of the failures

    made = econdesk("backup", "-o", str(backup_file), env=env)
    assert "已备份" in made.stdout and str(backup_file) in made.stdout
    assert backup_file.is_file()
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600  # password hashes inside

    damaged = dbtool("damage", env)
    changed = {
        t for t in original["checksums"] if damaged["checksums"].get(t) != original["checksums"][t]
    }
    assert {
        "ledger_observation",
        "observation_values",
        "ledger_target",
        "accounts_user",
        "accounts_loginattempt",
        "accounts_department",
        "audit_changerecord",
        "change_record_hashes",
    } <= changed

    refused = econdesk("restore", str(backup_file), env=env, check=False)
    assert refused.returncode != 0
    assert "替换" in refused.stderr and "--yes" in refused.stderr
    assert "将被删除" in refused.stderr and "变更记录" in refused.stderr

    restored = econdesk("restore", str(backup_file), "--yes", env=env)
    assert "已用备份文件" in restored.stdout

    after = dbtool("fingerprint", env)
    assert after["counts"] == original["counts"]
    mismatched = [
        t for t in original["checksums"] if after["checksums"][t] != original["checksums"][t]
    ]
    assert mismatched == []
    assert (
        after["checksums"]["change_record_hashes"] == original["checksums"]["change_record_hashes"]
    )
    assert after["checksums"]["observation_values"] == original["checksums"]["observation_values"]
    assert after["audit"]["intact"] is not False, after["audit"]


def test_sqlite_round_trip(tmp_path):
    database = tmp_path / "roundtrip.sqlite3"
    env = command_env(f"sqlite:///{database}", tmp_path / "var")
    round_trip(env, tmp_path / "backups" / "econdesk.sqlite3")


def test_postgresql_round_trip(tmp_path):
    with throwaway_database("econdesk_ops_rt") as url:
        env = command_env(url, tmp_path / "var")
        round_trip(env, tmp_path / "econdesk.dump")
