"""Where a page's server time goes, on the ledger `loadtest/run.py build` made.

Requests the overview and one indicator page in-process (Django's test client, logged in as the
demo leader, DEBUG off as in production) after a warm-up, and prints for each:

* the wall and CPU time of --runs requests (median, max);
* the SQL: query count and the database's share of the wall time, slowest statements first;
* a pyinstrument profile of --runs requests (from loadtest/.venv, added to sys.path).

    .venv/bin/python loadtest/profile_pages.py                 # overview and bench_03
    .venv/bin/python loadtest/profile_pages.py --path /indicators/bench_10/ --runs 10
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.extend(glob.glob(str(HERE / ".venv" / "lib" / "python3*" / "site-packages")))


def setup() -> None:
    from bench import panel as bench
    from loadtest.run import DB_NAME, OUT, PG_URL

    os.environ["ECONDESK_STATIC_ROOT"] = str(OUT / "static")
    os.environ["ECONDESK_SSL_REDIRECT"] = "0"
    os.environ["ECONDESK_SECURE_COOKIES"] = "0"
    os.environ["ECONDESK_ALLOWED_HOSTS"] = "127.0.0.1"
    # Persistent connections, as gunicorn has them (CONN_MAX_AGE 60).
    bench.use_database(PG_URL + DB_NAME)


def timed(client, path: str, runs: int) -> dict:
    wall, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.thread_time()
        response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - cpu_started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return {
        "wall_median": round(statistics.median(wall), 1),
        "wall_max": round(max(wall), 1),
        "cpu_median": round(statistics.median(cpu), 1),
    }


def queries(client, path: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    wall = (time.perf_counter() - started) * 1000
    sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    print(f"  {len(ctx.captured_queries)} queries, {sql_ms:.1f} ms of {wall:.1f} ms in SQL")
    slowest = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:6]
    for q in slowest:
        print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:220]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", action="append", help="page path (repeatable)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    setup()
    from django.test import Client

    from econdesk.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="leader"))
    paths = args.path or ["/", "/indicators/bench_03/"]
    for path in paths:
        for _ in range(3):
            client.get(path)  # warm
        print(f"\n== {path}: {timed(client, path, args.runs)}")
        queries(client, path)
        if args.no_profile:
            continue
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.runs):
            client.get(path)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
