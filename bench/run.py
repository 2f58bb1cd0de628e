"""Every benchmark in one command, bounded, and bench/README.md's tables rewritten from the run.

    .venv/bin/python bench/run.py                 # `make bench`: every bench/*.py, ≤ 10 minutes
    .venv/bin/python bench/run.py --quick         # a smoke run: fewer repeats, same tables
    .venv/bin/python bench/run.py --only panel startup --no-write

The contract with a benchmark module bench/NAME.py: it defines ``run(quick: bool) -> str``, which
measures and returns a Markdown section (tables and a few lines of what it shows). A module
without ``run`` is run as a script (``python bench/NAME.py``) and its standard output is kept as
a code block. Each module runs in its own process (Django is set up once per process, on the
database the module makes) under a time budget; a module that overruns is stopped with its
children (gunicorn, servers) and its section says so.

bench/README.md keeps its hand-written prose and history; the runner rewrites only what lies
between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``: ``machine`` (nproc, CPU model,
memory, Python, SQLite, PostgreSQL, DuckDB, the git commit, the load) and one block per module.
A module whose markers are not in the README yet gets a new section at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
README = HERE / "README.md"
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/") + "postgres"
# Seconds each module may take (full run; --quick gives each a third, at least 60 s). Modules
# not listed get DEFAULT_BUDGET. The sum stays under ten minutes on the 2-core machine.
BUDGETS = {
    "pages": 260,  # and the panel: one province of 1.44 M observations per engine
    "morning": 45,
    "startup": 60,
    "ranking_table": 70,
    "import_tidy": 75,
    "import_layouts": 90,  # migrate and one LibreOffice print (~30 s), then 7 layouts × 3 × 2
    "fresh_clone": 240,  # a virtualenv and every pinned wheel, then setup and the demo
    "gdp_calibration": 75,  # 20 districts calibrated in memory and on SQLite
}
DEFAULT_BUDGET = 40
TOTAL_BUDGET = 600
SKIP = {"run"}
ORDER = [
    "pages",
    "panel",
    "morning",
    "startup",
    "ranking_table",
    "import_tidy",
    "import_layouts",
    "fresh_clone",
]
SENTINEL = "\n<<<bench-markdown>>>\n"


def modules() -> list[str]:
    names = [p.stem for p in HERE.glob("*.py") if p.stem not in SKIP and not p.stem.startswith("_")]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


# --- one module, in its own process ----------------------------------------------------------


def child(name: str, quick: bool) -> None:
    """Import bench/NAME.py and print its run(quick) after the sentinel, or run it as a script."""
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(REPO))
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    measured_by = getattr(module, "BENCH_MEASURED_BY", None)
    run = getattr(module, "run", None)
    if measured_by:
        text = {}  # its sections come from the module that measures it
    elif run is None:
        done = subprocess.run(
            [sys.executable, str(HERE / f"{name}.py")], cwd=REPO, capture_output=True, text=True
        )
        sys.stderr.write(done.stderr)
        if done.returncode:
            raise SystemExit(f"bench/{name}.py exited with {done.returncode}")
        text = f"```\n{done.stdout.strip()}\n```"
    else:
        text = run(quick)
    sections = text if isinstance(text, dict) else {name: text}
    sys.stdout.write(SENTINEL + json.dumps(sections, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run_module(name: str, quick: bool, budget: float, log_dir: Path) -> tuple[str, dict, float]:
    """(status, {block: markdown}, seconds) of one module: its own process group, stopped at
    its budget. A module's run() may return one section (its own block) or several by name."""
    cmd = [sys.executable, __file__, "--child", name] + (["--quick"] if quick else [])
    started = time.monotonic()
    log = (log_dir / f"{name}.log").open("w")
    proc = subprocess.Popen(
        cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True
    )
    try:
        out, _ = proc.communicate(timeout=budget)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)  # the module's own group: it and its servers
        try:
            out, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        seconds = time.monotonic() - started
        text = f"*Stopped at its budget of {budget:.0f} s: no figures this run.*"
        return "timed out", {name: text}, seconds
    finally:
        log.close()
    seconds = time.monotonic() - started
    if proc.returncode or SENTINEL not in out:
        tail = (log_dir / f"{name}.log").read_text()[-600:].strip()
        text = f"*Failed (exit {proc.returncode}); the end of its log:*\n\n```\n{tail}\n```"
        return "failed", {name: text}, seconds
    sections = json.loads(out.split(SENTINEL, 1)[1])
    return ("ok" if sections else "measured elsewhere"), sections, seconds


# --- the machine -----------------------------------------------------------------------------


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def _postgres_version() -> str:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3) as conn:
            return conn.execute("show server_version").fetchone()[0]
    except Exception as exc:  # noqa: BLE001 (any failure: the tables say PostgreSQL was absent)
        return f"not reachable ({type(exc).__name__})"


def _duckdb_version() -> str:
    try:
        import duckdb

        return duckdb.__version__
    except ImportError:
        return "not installed"


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
    return done.stdout.strip()


def machine_block(
    started: datetime, seconds: float, loads: tuple, statuses: list, quick: bool
) -> str:
    commit = _git("rev-parse", "--short=10", "HEAD")
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    lines = [
        f"Last `make bench`{' --quick' if quick else ''}: {started:%Y-%m-%d %H:%M} UTC, "
        f"commit `{commit}`{' (with uncommitted changes in the working tree)' if dirty else ''}, "
        f"{seconds:.0f} s in all.",
        "",
        "| machine | |",
        "|---|---|",
        f"| nproc | {os.cpu_count()} |",
        f"| CPU | {_cpu_model()} |",
        f"| memory | {_memory_gib():.1f} GiB |",
        f"| Python | {platform.python_version()} |",
        f"| SQLite | {sqlite3.sqlite_version} |",
        f"| PostgreSQL server | {_postgres_version()} |",
        f"| DuckDB | {_duckdb_version()} |",
        f"| load average at start / end | {loads[0]:.2f} / {loads[1]:.2f} |",
        "",
        "| module | status | seconds | budget s |",
        "|---|---|---:|---:|",
    ]
    lines += [f"| `bench/{n}.py` | {s} | {t:.0f} | {b:.0f} |" for n, s, t, b in statuses]
    return "\n".join(lines)


# --- the README ------------------------------------------------------------------------------


def replace_block(text: str, name: str, body: str) -> str:
    """Text with the block between NAME's markers set to body; a new section if absent."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        return pattern.sub(lambda _: block, text, count=1)
    return text.rstrip() + f"\n\n## `bench/{name}.py`\n\n{block}\n"


def drop_leftover_databases() -> None:
    """Throwaway PostgreSQL databases of a benchmark that was stopped before it dropped them."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
            names = conn.execute(
                "select datname from pg_database where datname like 'econdesk\\_bench\\_%'"
            ).fetchall()
            for (db,) in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    except Exception:  # noqa: BLE001, S110 (no PostgreSQL: nothing to drop)
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--only", nargs="*", help="these modules only (names without .py)")
    parser.add_argument("--no-write", action="store_true", help="print, leave README alone")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.quick)
        return
    names = [n for n in modules() if not args.only or n in args.only]
    log_dir = HERE / "out" / "run"
    log_dir.mkdir(parents=True, exist_ok=True)
    started_at = datetime.now(UTC)
    started = time.monotonic()
    load_start = os.getloadavg()[0]
    sections, statuses = {}, []
    for name in names:
        budget = BUDGETS.get(name, DEFAULT_BUDGET)
        if args.quick:
            budget = max(60, budget / 3)
        budget = min(budget, max(10, TOTAL_BUDGET - (time.monotonic() - started)))
        print(f"bench/{name}.py (budget {budget:.0f} s) …", flush=True)
        status, found, seconds = run_module(name, args.quick, budget, log_dir)
        print(f"  {status} in {seconds:.0f} s", flush=True)
        for block, text in found.items():
            if block not in sections or status == "ok":
                sections[block] = text
        statuses.append((name, status, seconds, budget))
    drop_leftover_databases()
    total = time.monotonic() - started
    header = machine_block(
        started_at, total, (load_start, os.getloadavg()[0]), statuses, args.quick
    )
    if args.no_write:
        print(header)
        for name, text in sections.items():
            print(f"\n### {name}\n\n{text}")
        return
    text = replace_block(README.read_text(encoding="utf-8"), "machine", header)
    for name, body in sections.items():
        text = replace_block(text, name, body)
    README.write_text(text, encoding="utf-8")
    print(f"bench/README.md rewritten ({total:.0f} s)")
    if any(s in ("failed", "timed out") for _, s, _, _ in statuses):
        sys.exit(1)


if __name__ == "__main__":
    main()
