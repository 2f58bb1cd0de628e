"""Benchmark: import a generated tidy CSV of 25k, 50k and 100k rows into a fresh database.

    .venv/bin/python bench/import_tidy.py            # SQLite, and PostgreSQL if reachable
    .venv/bin/python bench/import_tidy.py --rows 100000 --backend sqlite

Each size runs in its own process on its own fresh database: --repeat times plain, for rows per
second and ru_maxrss (the fastest run is shown, and the median rows/s of the runs beside it),
and once under tracemalloc for the Python heap peak (tracemalloc slows the run, so its timing
is not reported). Comparing the peaks across sizes shows whether memory is flat in the length
of the file. `--one N --profile FILE` runs one import under cProfile and counts its queries. The file is deterministic: 100 regions × 20 indicators × 50
periods, period by period, cut to the first N rows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZES = (25_000, 50_000, 100_000)
PG_HOST, PG_PORT = "127.0.0.1", 5432
REGIONS, INDICATORS, PERIODS = 100, 20, 50
PARENT = "基准市"


def periods() -> list[str]:
    """50 year-to-date periods from 2018-02, skipping January (1-2月 is the first period)."""
    out = []
    year, month = 2018, 2
    while len(out) < PERIODS:
        out.append(f"{year}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 2
    return out


def write_csv(path: Path, rows: int, indicator_names: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("region,indicator,period,value,growth\n")
        written = 0
        # Period-major, as a statistics office publishes: every size holds all 100 regions
        # and 20 indicators, so the sizes differ only in length and the memory peaks compare.
        for p, period in enumerate(periods()):
            for r in range(REGIONS):
                for i, indicator in enumerate(indicator_names):
                    if written == rows:
                        return
                    value = (r * 7919 + i * 104729 + p * 1299709) % 10_000_000 / 100
                    growth = ((r * 31 + i * 17 + p * 7) % 600 - 200) / 10
                    fh.write(f"区县{r + 1:03d},{indicator},{period},{value},{growth}\n")
                    written += 1


def pg_reachable() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            return True
    except OSError:
        return False


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(sql)


def run_one(rows: int, backend: str, trace: bool, profile: str | None = None) -> dict:
    """In this process: fresh database, catalogue, generated file, one timed import.

    profile: a file to write the import's cProfile statistics to (pstats); the queries the
    import sends are then counted too (the timing is the profiler's, not to be compared)."""
    work = Path(tempfile.mkdtemp(prefix="econdesk-bench-"))
    db_name = f"econdesk_bench_{os.getpid()}"
    if backend == "postgresql":
        pg_admin(f'CREATE DATABASE "{db_name}"')
        os.environ["DATABASE_URL"] = f"postgres://postgres@{PG_HOST}:{PG_PORT}/{db_name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["ECONDESK_VAR_DIR"] = str(work)
    # As in production: DEBUG off, so Django keeps no log of the queries run.
    os.environ["ECONDESK_DEBUG"] = "0"
    os.environ.setdefault("ECONDESK_SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "econdesk.settings")
    sys.path.insert(0, str(REPO))
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        from econdesk.accounts.cli_actor import command_user
        from econdesk.ledger.importing import import_files
        from econdesk.ledger.models import Indicator, Observation
        from econdesk.ledger.services.catalogue import ensure_standard_catalogue

        call_command("migrate", verbosity=0)
        user = command_user()
        ensure_standard_catalogue(user)
        names = list(
            Indicator.objects.filter(frequency="monthly")
            .order_by("sort_order")
            .values_list("name", flat=True)[:INDICATORS]
        )
        path = work / f"tidy-{rows}.csv"
        write_csv(path, rows, names)
        if trace:
            tracemalloc.start()
        queries = []
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            connection = connections["default"]

            def count(execute, sql, params, many, context):
                queries.append(sql.split(None, 1)[0].upper())
                return execute(sql, params, many, context)

            counting = connection.execute_wrapper(count)
            counting.__enter__()
            profiler.enable()
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        # Synthetic series trip the data checks; they run (and are timed) and are explained.
        report = import_files(user, [path], parent=PARENT, explanation="基准测试的合成数据")
        seconds = time.perf_counter() - started
        if profile:
            profiler.disable()
            counting.__exit__(None, None, None)
            profiler.dump_stats(profile)
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        # CPU seconds of this process only (not the PostgreSQL server's): less disturbed than
        # wall time when other work shares the machine.
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
            cpu_after.ru_stime - cpu_before.ru_stime
        )
        peak = tracemalloc.get_traced_memory()[1] if trace else None
        if trace:
            tracemalloc.stop()
        assert report.created == rows, report.render()
        assert Observation.objects.count() == rows
        result = {
            "rows": rows,
            "backend": backend,
            "seconds": seconds,
            "rows_per_second": rows / seconds,
            "cpu_seconds": cpu,
            "tracemalloc_peak_mb": peak / 1048576 if peak is not None else None,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "file_mb": path.stat().st_size / 1048576,
        }
        if profile:
            result["queries"] = len(queries)
            result["queries_by_verb"] = {v: queries.count(v) for v in sorted(set(queries))}
        connections.close_all()
        return result
    finally:
        if backend == "postgresql":
            pg_admin(f'DROP DATABASE IF EXISTS "{db_name}"')
        shutil.rmtree(work, ignore_errors=True)


def child(rows: int, backend: str, trace: bool) -> dict:
    cmd = [sys.executable, __file__, "--one", str(rows), "--backend", backend]
    if trace:
        cmd.append("--trace")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if out.returncode:
        raise SystemExit(f"benchmark run failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    import sqlite3

    info = {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1048576, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": None,
    }
    if pg_reachable():
        import psycopg

        with psycopg.connect(host=PG_HOST, port=PG_PORT, user="postgres", dbname="postgres") as c:
            info["postgresql"] = c.execute("SHOW server_version").fetchone()[0]
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="with --one: write the import's cProfile stats to FILE and count its queries",
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--rows", type=int, nargs="*", default=list(SIZES))
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timed runs per size; the fastest is shown, and the median rows/s beside it",
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.backend, args.trace, args.profile)))
        return
    info = machine()
    print("machine:", json.dumps(info, ensure_ascii=False))
    print("load average at start:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    backends = ["sqlite", "postgresql"] if args.backend == "all" else [args.backend]
    if "postgresql" in backends and info["postgresql"] is None:
        print(f"PostgreSQL not reachable at {PG_HOST}:{PG_PORT}; skipped")
        backends.remove("postgresql")
    print(
        f"{'backend':<11}{'rows':>8}{'seconds':>9}{'rows/s':>9}{'cpu s':>7}"
        f"{'tracemalloc MB':>16}{'maxrss MB':>11}{'file MB':>9}{'median rows/s':>15}"
    )
    for backend in backends:
        for rows in args.rows:
            # Best of N: on a shared machine the slower runs measure the neighbours.
            runs = [child(rows, backend, trace=False) for _ in range(args.repeat)]
            plain = min(runs, key=lambda run: run["seconds"])
            median = statistics.median(run["rows_per_second"] for run in runs)
            traced = child(rows, backend, trace=True)
            print(
                f"{backend:<11}{rows:>8}{plain['seconds']:>9.2f}{plain['rows_per_second']:>9.0f}"
                f"{plain['cpu_seconds']:>7.2f}{traced['tracemalloc_peak_mb']:>16.1f}"
                f"{plain['maxrss_mb']:>11.1f}{plain['file_mb']:>9.1f}{median:>15.0f}",
                flush=True,
            )


def run(quick: bool) -> str:
    """bench/run.py's entry: one timed import per size and backend, each in its own process and
    database (quick: 25,000 rows; else 25,000 and 100,000). No tracemalloc run here: the heap
    peaks are the hand-run table's (the history above)."""
    info = machine()
    backends = ["sqlite"] + (["postgresql"] if info["postgresql"] else [])
    sizes = [25_000] if quick else [25_000, 100_000]
    lines = [
        "| backend | rows | seconds | rows/s | cpu s | ru_maxrss MB | file MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for backend in backends:
        for rows in sizes:
            r = child(rows, backend, trace=False)
            name = "SQLite" if backend == "sqlite" else "PostgreSQL"
            lines.append(
                f"| {name} | {rows:,} | {r['seconds']:.2f} | {r['rows_per_second']:,.0f} "
                f"| {r['cpu_seconds']:.2f} | {r['maxrss_mb']:.1f} | {r['file_mb']:.1f} |"
            )
    lines += ["", "One run per size (not best of 3): the aim is 20,000 rows/s."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
