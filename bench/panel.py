"""Indicator panel at province scale: build_panel for one district, on SQLite and PostgreSQL.

A synthetic province — 1 province, 14 cities, 185 districts (200 regions) × 60 monthly
indicators × 10 years (120 periods) = 1.44 M current actual observations, plus a district's
targets and estimates — is loaded with raw executemany (SQLite, a fresh file under bench/out/)
or COPY (a throwaway PostgreSQL database, dropped afterwards), never through the ORM row by row.
Then build_panel(district, 2025-06) runs --runs times after a warm-up; the median, p95 and the
query count are printed, and with --json as one JSON line.

    .venv/bin/python bench/panel.py                  # SQLite and PostgreSQL, one child each
    .venv/bin/python bench/panel.py --engine sqlite --profile
    .venv/bin/python bench/panel.py --realtime       # timed loop under SCHED_FIFO (root)

The helpers here: a fresh database, a fast observation load, the machine's facts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/")
OBS_COLUMNS = (
    "region_id", "indicator_id", "period_id", "kind", "value", "growth", "rank", "version",
    "is_current", "vintage", "source_ref", "note", "created_at",
)  # fmt: skip
LOADED_AT = "2026-01-01 00:00:00"


# --- a fresh database and Django on it -------------------------------------------------------


def make_database(engine: str, name: str) -> tuple[str, Callable[[], None]]:
    """A new empty database: its DATABASE_URL and a function that removes it.

    SQLite: a fresh file bench/out/NAME.sqlite3 (kept after the run for a look, git-ignored).
    PostgreSQL: a throwaway database on BENCH_PG_URL, dropped by the returned function.
    """
    if engine == "sqlite":
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}", lambda: None
    if engine != "postgres":
        raise SystemExit(f"unknown engine {engine!r}")
    import psycopg

    db = f"econdesk_bench_{name}_{os.getpid()}"
    with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')

    def drop() -> None:
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

    return PG_URL + db + "?conn_max_age=0", drop


def use_database(url: str, migrate: bool = False) -> None:
    """Set Django up on DATABASE_URL=url (once per process, before any model import)."""
    sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "econdesk.settings"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("ECONDESK_LOG_LEVEL", "ERROR")
    # As in production: DEBUG off, so Django keeps no log of every query.
    os.environ["ECONDESK_DEBUG"] = "0"
    os.environ.setdefault("ECONDESK_SECRET_KEY", "bench-only-not-secret")
    # With DEBUG off pages need the collected static files and their manifest: kept under
    # bench/out/static (collectstatic copies only what changed).
    os.environ.setdefault("ECONDESK_STATIC_ROOT", str(OUT / "static"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)


def versions() -> dict[str, str]:
    """Engine versions as this process sees them."""
    import sqlite3

    from django.db import connection

    out = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("show server_version")
            out["postgresql"] = cur.fetchone()[0]
    try:
        import duckdb

        out["duckdb"] = duckdb.__version__
    except ImportError:
        pass
    return out


def machine() -> dict[str, str]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "date": date.today().isoformat(),
    }


# --- fast observation load -------------------------------------------------------------------


def _obs_row(r, i, p, value, growth, kind="actual"):
    return (r, i, p, kind, value, growth, None, 1, True, "monthly", "", "", LOADED_AT)


def load_observations(rows: Iterable[tuple], batch: int = 200_000) -> int:
    """Insert (region_id, indicator_id, period_id, value, growth, kind) rows, fast.

    Values and growths are decimal strings (or None), as Django would write them. Secondary
    indexes and constraints of the observation table are dropped first and rebuilt after, from
    the database's own definitions, then the table is analysed.
    """
    from django.db import connection, transaction

    raw = (_obs_row(*row) for row in rows)
    count = 0
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        db = connection.connection
        with connection.cursor() as cur:
            cur.execute(
                "select name, sql from sqlite_master where type = 'index' and "
                "tbl_name = 'ledger_observation' and sql is not null"
            )
            indexes = cur.fetchall()
        # A throwaway file: no journal while loading, and a big page cache for the index builds.
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-1000000")
        for name, _ in indexes:
            db.execute(f'DROP INDEX "{name}"')
        sql = (
            f"INSERT INTO ledger_observation ({', '.join(OBS_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(OBS_COLUMNS))})"
        )
        with transaction.atomic():
            chunk = []
            for row in raw:
                chunk.append(row)
                if len(chunk) >= batch:
                    db.executemany(sql, chunk)
                    count += len(chunk)
                    chunk.clear()
            db.executemany(sql, chunk)
            count += len(chunk)
        for _, ddl in indexes:
            db.execute(ddl)
        db.execute("ANALYZE")
        db.execute("PRAGMA cache_size=-2000")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA journal_mode=WAL")
        return count

    with connection.cursor() as cur:
        cur.execute(
            "select conname, pg_get_constraintdef(oid) from pg_constraint "
            "where conrelid = 'ledger_observation'::regclass and contype <> 'p'"
        )
        constraints = cur.fetchall()
        cur.execute(
            "select indexname, indexdef from pg_indexes where tablename = 'ledger_observation' "
            "and indexname not in (select conname from pg_constraint "
            "where conrelid = 'ledger_observation'::regclass)"
        )
        indexes = cur.fetchall()
        for name, _ in constraints:
            cur.execute(f'ALTER TABLE ledger_observation DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        with cur.cursor.copy(
            f"COPY ledger_observation ({', '.join(OBS_COLUMNS)}) FROM STDIN"
        ) as copy:
            for row in raw:
                copy.write_row(row)
                count += 1
        for _, ddl in indexes:
            cur.execute(ddl)
        for name, ddl in constraints:
            cur.execute(f'ALTER TABLE ledger_observation ADD CONSTRAINT "{name}" {ddl}')
        cur.execute("ANALYZE")
    return count


# --- the province ----------------------------------------------------------------------------

CITIES = 14
DISTRICTS = 185
INDICATORS = 60
FIRST_YEAR = 2016


def build_province(years: int = 10, seed: int = 7) -> dict:
    """The synthetic province; returns the benchmark district and the period it is read at."""
    from django.db import transaction

    from econdesk.ledger.models import Indicator, Period, Region, Target

    rng = random.Random(seed)
    with transaction.atomic():
        province = Region.objects.create(name="甲省", kind=Region.Kind.PROVINCE)
        cities = Region.objects.bulk_create(
            Region(name=f"市{c:02d}", kind=Region.Kind.CITY, parent=province, sort_order=c)
            for c in range(CITIES)
        )
        districts = Region.objects.bulk_create(
            Region(
                name=f"{cities[d % CITIES].name}区{d:03d}",
                kind=Region.Kind.FUNCTIONAL_ZONE if d // CITIES == 12 else Region.Kind.DISTRICT,
                ranked=d // CITIES != 12,  # one functional zone in each of most cities
                parent=cities[d % CITIES],
                sort_order=d,
                is_home=d == 0,
            )
            for d in range(DISTRICTS)
        )
        indicators = Indicator.objects.bulk_create(
            Indicator(
                code=f"bench_{i:02d}",
                name=f"指标{i:02d}",
                unit="亿元",
                frequency=Indicator.Frequency.MONTHLY,
                first_month=1,
                price_basis=Indicator.PriceBasis.CURRENT,
                value_published=i % 6 != 5,  # every sixth publishes growth only
                cumulation=Indicator.Cumulation.YTD,
                rank_key=Indicator.RankKey.VALUE if i % 12 == 3 else Indicator.RankKey.GROWTH,
                sort_order=i,
            )
            for i in range(INDICATORS)
        )
        periods = Period.objects.bulk_create(
            Period(year=y, month=m)
            for y in range(FIRST_YEAR, FIRST_YEAR + years)
            for m in range(1, 13)
        )
    regions = [province, *cities, *districts]
    home = districts[0]
    last_year = FIRST_YEAR + years - 1
    key_period = next(p for p in periods if p.year == last_year and p.month == 6)

    def rows():
        for region in regions:
            for ind in indicators:
                level = rng.uniform(20, 400)
                for p in periods:
                    growth = f"{rng.gauss(5.5, 4):.1f}"
                    if not ind.value_published:
                        value = None
                    else:
                        scale = level * p.month / 12 * 1.05 ** (p.year - FIRST_YEAR)
                        value = f"{scale * rng.uniform(0.97, 1.03):.2f}"
                    yield region.pk, ind.pk, p.pk, value, growth
        # The district's departments' estimates for the rest of the last year.
        for ind in indicators:
            for p in periods:
                if p.year == last_year and p.month in (9, 12) and ind.value_published:
                    yield home.pk, ind.pk, p.pk, f"{rng.uniform(100, 300):.2f}", "6.0", "estimate"

    started = time.perf_counter()
    count = load_observations(rows())
    load_s = time.perf_counter() - started
    levels = ["city", "district", "stretch"]
    Target.objects.bulk_create(
        Target(
            region=home,
            indicator=ind,
            period=p,
            level=level,
            growth=f"{5 + n:.1f}",
            rank_goal=3 if level == "city" else None,
        )
        for ind in indicators
        for p in periods
        if p.year == last_year and p.month in (6, 12)
        for n, level in enumerate(levels)
    )
    return {
        "home": home,
        "key": key_period.key,
        "observations": count,
        "regions": len(regions),
        "peers": sum(1 for d in districts if d.parent_id == home.parent_id),
        "load_s": round(load_s, 1),
    }


# --- timing ----------------------------------------------------------------------------------


def _timed(fn, runs: int) -> tuple[list[float], list[float]]:
    times, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return sorted(times), cpu


def _summary(times: list[float], cpu: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(statistics.quantiles(times, n=20)[18], 1),
        "min_ms": round(times[0], 1),
        # This process's CPU only (for PostgreSQL the server's share is not in it): a check on
        # the wall times when other work shares the machine.
        "cpu_median_ms": round(statistics.median(cpu), 1),
    }


def panel_reads(home, key) -> list[tuple[str, tuple]]:
    """The SQL statements (with their parameters) that one cold panel build sends."""
    from django.core.cache import cache
    from django.db import connection

    from econdesk.analysis.panel import build_panel

    seen: list[tuple[str, tuple]] = []

    def record(execute, sql, params, many, context):
        seen.append((sql, tuple(params) if params is not None else ()))
        return execute(sql, params, many, context)

    cache.clear()
    with connection.execute_wrapper(record):
        build_panel(home, key)
    return seen


def time_panel(home, key, runs: int, realtime: bool = False) -> dict:
    """Cold: the cache emptied before every build (what the first reader after an import waits
    for). Warm: served from the cache (one stamp query and a copy). Bare: the cold build's own
    SQL statements, replayed through the driver's cursor and fetched, with no Python around
    them: the reference that says how much of the cold build is the database."""
    from django.core.cache import cache
    from django.db import connection

    from econdesk.analysis.panel import build_panel

    for _ in range(3):
        cache.clear()
        build_panel(home, key)  # warm the database's own caches, as a running server would be
    reads = panel_reads(home, key)

    def cold():
        cache.clear()
        return build_panel(home, key)

    def warm():
        return build_panel(home, key)

    def bare():
        with connection.cursor() as cur:
            for sql, params in reads:
                cur.execute(sql, params)
                if cur.description is not None:
                    cur.fetchall()

    pids = [0]  # this process, and on PostgreSQL the server process serving its connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("select pg_backend_pid()")
            pids.append(cur.fetchone()[0])
    if realtime:
        # On a machine shared with other work: give the client (and its server process) the
        # CPU for the timed loop only (SCHED_FIFO, root), so the figures measure the panel
        # rather than the run queue.
        for pid in pids:
            os.sched_setscheduler(pid, os.SCHED_FIFO, os.sched_param(10))
    try:
        cold_t = _summary(*_timed(cold, runs))
        bare_t = _summary(*_timed(bare, runs))
        warm()  # fill the cache
        warm_t = _summary(*_timed(warm, runs))
    finally:
        if realtime:
            for pid in pids:
                os.sched_setscheduler(pid, os.SCHED_OTHER, os.sched_param(0))
    panel = warm()
    return {
        "runs": runs,
        "cold": cold_t,
        "warm": warm_t,
        "bare_sql": bare_t,
        "cold_over_bare": round(cold_t["median_ms"] / bare_t["median_ms"], 2),
        "queries_cold": len(reads),
        "rows": len(panel["indicators"]),
    }


def profile_panel(home, key, runs: int = 20, top: int = 12) -> list[dict]:
    """cProfile of `runs` cold builds (cache emptied before each): the functions with the most
    own time, with their cumulative time, per build (ms)."""
    import cProfile
    import pstats

    from django.core.cache import cache

    from econdesk.analysis.panel import build_panel

    prof = cProfile.Profile()
    for _ in range(runs):
        cache.clear()
        prof.enable()
        build_panel(home, key)
        prof.disable()
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        where = file.replace(str(REPO) + "/", "").split("site-packages/")[-1]
        rows.append({
            "function": f"{where}:{line}({func})",
            "calls": calls // runs,
            "own_ms": round(tottime / runs * 1000, 2),
            "cum_ms": round(cumtime / runs * 1000, 2),
        })  # fmt: skip
    rows.sort(key=lambda r: r["own_ms"], reverse=True)
    total = sum(r["own_ms"] for r in rows)
    build = next(
        (r["cum_ms"] for r in rows if r["function"].endswith("(build_panel)")), round(total, 2)
    )
    return [{"build_ms": build, "total_own_ms": round(total, 2)}, *rows[:top]]


def run_engine(engine: str, runs: int, years: int, profile: bool, realtime: bool) -> dict:
    url, drop = make_database(engine, "panel")
    try:
        use_database(url, migrate=True)
        built = build_province(years)
        result = time_panel(built["home"], built["key"], runs, realtime)
        profiled = profile_panel(built["home"], built["key"]) if profile else None
        return {
            "engine": engine,
            **{k: v for k, v in built.items() if k not in ("home", "key")},
            "period": built["key"].code,
            "realtime": realtime,
            **result,
            "profile": profiled,
            "versions": versions(),
        }
    finally:
        drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="cProfile of 20 cold panels")
    parser.add_argument("--json", action="store_true", help="print one JSON line per engine")
    parser.add_argument(
        "--realtime",
        action="store_true",
        help="time the panels under SCHED_FIFO (root; with PostgreSQL, its server process too):"
        " for a machine busy with other work",
    )
    args = parser.parse_args()
    if args.engine == "both":
        results = []
        for engine in ("sqlite", "postgres"):
            cmd = [sys.executable, __file__, "--engine", engine, "--runs", str(args.runs),
                   "--years", str(args.years), "--json"]  # fmt: skip
            cmd += ["--profile"] if args.profile else []
            cmd += ["--realtime"] if args.realtime else []
            results.append(_child(cmd))
    else:
        results = [run_engine(args.engine, args.runs, args.years, args.profile, args.realtime)]
    if args.json:
        for r in results:
            print(json.dumps(r, ensure_ascii=False))
        return
    print(json.dumps(machine(), ensure_ascii=False))
    print(markdown(results))


def _child(cmd: list[str]) -> dict:
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    sys.stderr.write(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


# `make bench` (bench/run.py) measures the panel inside bench/pages.py, on the same province
# database the pages are then served from: one province built per engine instead of two.
BENCH_MEASURED_BY = "pages"


AIM_COLD_MS = 100


def markdown(results: list[dict]) -> str:
    lines = [
        "| engine | observations | panel rows | queries (cold) | cold median / p95 ms "
        "| warm median / p95 ms | bare SQL median ms | cold ÷ bare | client CPU cold ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        version = r["versions"].get("postgresql", r["versions"]["sqlite"]).split()[0]
        c, w, b = r["cold"], r["warm"], r["bare_sql"]
        lines.append(
            f"| {r['engine']} {version} | {r['observations']:,} | {r['rows']} "
            f"| {r['queries_cold']} | {c['median_ms']} / {c['p95_ms']} "
            f"| {w['median_ms']} / {w['p95_ms']} | {b['median_ms']} | {r['cold_over_bare']} "
            f"| {c['cpu_median_ms']} |"
        )
    first = results[0]
    lines += [
        "",
        f"{first['regions']} regions × 60 indicators × 120 periods; `build_panel` of one district"
        f" ({first['peers']} peers) at {first['period']}, {first['runs']} runs each way. "
        f"Cold: the cache emptied before each build (the first reader after an import); warm: "
        f"served from the cache; bare: the cold build's own {first['queries_cold']} statements "
        f"replayed through the driver's cursor and fetched, no Django around them. "
        f"Aim: cold median ≤ {AIM_COLD_MS} ms.",
    ]
    for r in results:
        cold = r["cold"]["median_ms"]
        verdict = "met" if cold <= AIM_COLD_MS else f"**not met** (+{cold - AIM_COLD_MS:.0f} ms)"
        lines += ["", f"{r['engine']}: cold median {cold} ms, aim {verdict}."]
        if r.get("profile") and cold > AIM_COLD_MS:
            head, *rows = r["profile"]
            lines += [
                "",
                f"cProfile of 20 cold builds (under the profiler: {head['build_ms']} ms a build;"
                f" the profiler itself adds to every call), by own time:",
                "",
                "| function | calls a build | own ms | cumulative ms |",
                "|---|---:|---:|---:|",
                *(
                    f"| `{x['function']}` | {x['calls']} | {x['own_ms']} | {x['cum_ms']} |"
                    for x in rows
                ),
            ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
