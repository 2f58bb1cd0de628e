"""The load, API-fuzz and database-restart runs of econdesk, on a province-scale ledger.

Each step serves econdesk the way docs/deploy.md does — gunicorn with deploy/gunicorn.conf.py,
ECONDESK_DEBUG=0, PostgreSQL — on a loopback port, drives it, stops it, and writes its figures
under bench/out/loadtest/<step>/ (summary.json beside the raw files):

    .venv/bin/python loadtest/run.py build     # the province (bench/panel.py) + demo logins
    .venv/bin/python loadtest/run.py pages     # 50 users, overview + indicator pages, 60 s
    .venv/bin/python loadtest/run.py mixed     # 100 users, pages + read API, 60 s
    .venv/bin/python loadtest/run.py restart   # PostgreSQL restarted under load (pg_restart.py)
    .venv/bin/python loadtest/run.py schema    # schemathesis against /api/schema/, no 5xx
    .venv/bin/python loadtest/run.py drop      # drop the database
    .venv/bin/python loadtest/run.py all       # build, pages, mixed, restart, schema, drop
    .venv/bin/python loadtest/run.py serve     # just serve the built ledger (Ctrl+C stops)

Runs with the app's venv (it builds the ledger with Django); locust and schemathesis run from
loadtest/.venv (`python3 -m venv loadtest/.venv && loadtest/.venv/bin/pip install -r
loadtest/requirements.txt`), so gevent never enters the app's venv. gunicorn comes from the
app's venv (requirements.txt; else `pip install gunicorn==27.0.1` as in docs/deploy.md).

Every request goes to 127.0.0.1 only, and every run is bounded by -t (locust), --max-examples and
--max-time (schemathesis) or --seconds (pg_restart.py).

Server time: gunicorn's access log records each request's time in the server (%(M)s, ms, from
the request read to the response written); the client times are locust's. Both are reported.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = REPO / "bench" / "out" / "loadtest"
STATE = OUT / "state.json"
APP_PY = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
LT_BIN = HERE / ".venv" / "bin"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/")
DB_NAME = "econdesk_loadtest"
HOST = "127.0.0.1"
# gunicorn's access log, one request a line: method|path|status|bytes|ms
ACCESS_FORMAT = "%(m)s|%(U)s|%(s)s|%(B)s|%(M)s"

sys.path.insert(0, str(REPO))


# --- the ledger ------------------------------------------------------------------------------


def build(years: int) -> dict:
    """A fresh database econdesk_loadtest: the bench province, then the demo city's catalogue
    and logins on top (the province keeps 本级: its district 000), then collectstatic."""
    import psycopg

    from bench import panel as bench

    with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    os.environ["ECONDESK_STATIC_ROOT"] = str(OUT / "static")
    started = time.perf_counter()
    bench.use_database(PG_URL + DB_NAME + "?conn_max_age=0", migrate=True)
    built = bench.build_province(years)
    province_s = time.perf_counter() - started

    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from econdesk.accounts.models import User
    from econdesk.demo import profiles
    from econdesk.demo.loader import load_demo
    from econdesk.ledger.models import Indicator, Observation

    from django.db import NotSupportedError

    try:
        notes = load_demo().notes
    except NotSupportedError as exc:
        # The figures, logins and projects are in by then (each part commits on its own); only
        # the supervision register's first write fails on PostgreSQL (SELECT … FOR UPDATE with
        # a nullable outer join in supervision/services.py _locked). The pages and the API
        # measured here do not read it.
        notes = [f"演示督办台账未载入：{exc}".strip()]
    call_command("collectstatic", interactive=False, verbosity=0)
    admin = User.objects.get(username="admin")
    token, _ = Token.objects.get_or_create(user=admin)
    home, key = built["home"], built["key"]
    codes = list(
        Indicator.objects.filter(
            is_active=True, observation__region=home, observation__kind="actual"
        )
        .distinct()
        .order_by("sort_order")
        .values_list("code", flat=True)
    )
    state = {
        "database": DB_NAME,
        "observations": Observation.objects.count(),
        "province_observations": built["observations"],
        "regions": built["regions"],
        "active_indicators": Indicator.objects.filter(is_active=True).count(),
        "home": home.name,
        "period": key.code,
        "indicators": codes,
        "user": "leader",
        "password": profiles.DEMO_PASSWORD,
        "token": token.key,  # the demo admin's, on a throwaway database
        "build_s": round(time.perf_counter() - started, 1),
        "province_s": round(province_s, 1),
        "demo_notes": notes,
        "machine": bench.machine(),
        "versions": bench.versions(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    STATE.write_text(json.dumps(state, ensure_ascii=False, indent=1))
    return state


def drop() -> None:
    import psycopg

    with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def load_state() -> dict:
    if not STATE.exists():
        raise SystemExit("先运行 `loadtest/run.py build`（没有 bench/out/loadtest/state.json）")
    return json.loads(STATE.read_text())


# --- the server ------------------------------------------------------------------------------


class Server:
    """gunicorn with deploy/gunicorn.conf.py on 127.0.0.1:port, as in production but for
    plain-HTTP cookies (no TLS on loopback) and the access log in a file."""

    def __init__(self, port: int, out: Path, extra_env: dict | None = None):
        self.port, self.out = port, out
        self.url = f"http://{HOST}:{port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": PG_URL + DB_NAME,  # CONN_MAX_AGE 60 and health checks, as deployed
            "ECONDESK_DEBUG": "0",
            "ECONDESK_SECRET_KEY": secrets.token_urlsafe(40),
            "ECONDESK_ALLOWED_HOSTS": HOST,
            "ECONDESK_SECURE_COOKIES": "0",  # plain HTTP on loopback: cookies without Secure
            "ECONDESK_BIND": f"{HOST}:{port}",
            "ECONDESK_STATIC_ROOT": str(OUT / "static"),
            "ECONDESK_LOG_LEVEL": "WARNING",
            **(extra_env or {}),
        }
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        if not GUNICORN.exists():
            raise SystemExit("缺少 gunicorn：.venv/bin/pip install gunicorn==27.0.1")
        self.out.mkdir(parents=True, exist_ok=True)
        self.access_log = self.out / "access.log"
        self.access_log.unlink(missing_ok=True)
        cmd = [
            str(GUNICORN),
            "-c", str(REPO / "deploy" / "gunicorn.conf.py"),
            "--access-logfile", str(self.access_log),
            "--access-logformat", ACCESS_FORMAT,
            "--error-logfile", str(self.out / "gunicorn.log"),
            "econdesk.wsgi:application",
        ]  # fmt: skip
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/login/", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        else:
            self.stop()
            raise SystemExit("gunicorn did not answer within 60 s")
        # Warm every worker's imports and caches (a running server would be warm), then start
        # the access log afresh so it holds the measured run only.
        for _ in range(20):
            urllib.request.urlopen(f"{self.url}/login/", timeout=10).read()
        self.access_log.write_text("")
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __exit__(self, *exc) -> None:
        self.stop()

    def workers(self) -> str:
        return f"{self.env.get('ECONDESK_WORKERS', os.cpu_count() * 2 + 1)}×{self.env.get('ECONDESK_THREADS', 2)}"


# --- figures ---------------------------------------------------------------------------------


def page_name(method: str, path: str) -> str:
    """The locust name of a request path, so server and client figures line up."""
    if path == "/":
        return "overview /"
    if path.startswith("/indicators/"):
        return "indicator /indicators/<code>/"
    if path == "/login/":
        return "login (post)" if method == "POST" else "login (form)"
    if path.startswith("/api/v1/"):
        return "api " + path.removeprefix("/api/v1/").strip("/").split("/")[0]
    return path


def percentile(sorted_values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0–100) of an ascending list."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(q / 100 * len(sorted_values)) - 1)]


def server_times(access_log: Path) -> dict:
    """Per page: count, statuses, p50/p95/p99 and max of gunicorn's request time (ms)."""
    times: dict[str, list[int]] = {}
    statuses: dict[str, dict[str, int]] = {}
    for line in access_log.read_text().splitlines():
        parts = line.split("|")
        if len(parts) != 5:
            continue
        method, path, status, _bytes, ms = parts
        name = page_name(method, path)
        times.setdefault(name, []).append(int(ms))
        per = statuses.setdefault(name, {})
        per[status] = per.get(status, 0) + 1
    out = {}
    for name, values in sorted(times.items()):
        values.sort()
        out[name] = {
            "count": len(values),
            "status": statuses[name],
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
            "p99": percentile(values, 99),
            "max": values[-1],
        }
    return out


def locust_stats(prefix: Path) -> dict:
    """Per name from locust's _stats.csv: requests, failures, p50/p95/p99, max (client, ms)."""
    import csv

    out = {}
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            out[row["Name"]] = {
                "count": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": _num(row["50%"]),
                "p95": _num(row["95%"]),
                "p99": _num(row["99%"]),
                "max": _num(row["Max Response Time"]),
                "rps": round(float(row["Requests/s"]), 1),
            }
    return out


def _num(text: str):
    try:
        return round(float(text))
    except ValueError:
        return None


def locust_failures(prefix: Path) -> list[dict]:
    import csv

    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return [
            {"name": r["Name"], "error": r["Error"][:200], "count": int(r["Occurrences"])}
            for r in csv.DictReader(f)
        ]


# --- the steps -------------------------------------------------------------------------------


def run_locust(step: str, users: int, rate: int, seconds: int, tags: str, port: int) -> dict:
    state = load_state()
    out = OUT / step
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / "locust"
    with Server(port, out) as server:
        cmd = [
            str(LT_BIN / "locust"),
            "-f", str(HERE / "locustfile.py"),
            "--headless",
            "-u", str(users), "-r", str(rate), "-t", f"{seconds}s",
            "--host", server.url,
            "--tags", tags,
            "--csv", str(prefix),
            "--only-summary",
            "--stop-timeout", "10",
            "--loglevel", "WARNING",
        ]  # fmt: skip
        env = {
            **os.environ,
            "LOADTEST_USER": state["user"],
            "LOADTEST_PASSWORD": state["password"],
            "LOADTEST_INDICATORS": ",".join(state["indicators"]),
            "LOADTEST_REGION": state["home"],
            "LOADTEST_PERIOD": state["period"],
        }
        started = time.time()
        with open(out / "locust.log", "w") as log:
            done = subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        elapsed = time.time() - started
        workers = server.workers()
    client = locust_stats(prefix)
    server_side = server_times(server.access_log)
    total = client.get("Aggregated", {})
    summary = {
        "step": step,
        "command": " ".join(str(c) for c in cmd),
        "users": users,
        "spawn_rate": rate,
        "seconds": seconds,
        "wall_s": round(elapsed, 1),
        "locust_exit": done.returncode,
        "gunicorn": f"{workers} (workers×threads, deploy/gunicorn.conf.py)",
        "requests": total.get("count"),
        "failures": total.get("failures"),
        "failure_detail": locust_failures(prefix),
        "server_5xx": sum(
            n for page in server_side.values() for s, n in page["status"].items() if s >= "500"
        ),
        "client_ms": client,
        "server_ms": server_side,
        "database": {k: state[k] for k in ("observations", "regions", "active_indicators")},
        "machine": state["machine"],
        "versions": state["versions"],
    }
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    print_table(summary)
    return summary


def print_table(s: dict) -> None:
    print(
        f"\n{s['step']}: {s['users']} users, {s['seconds']} s — {s['requests']} requests, "
        f"{s['failures']} failures, {s['server_5xx']} server 5xx"
    )
    print("| request | count | client p50 | client p95 | client p99 | server p50 | server p95 "
          "| server p99 | server max |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for name, c in s["client_ms"].items():
        if name == "Aggregated":
            continue
        v = s["server_ms"].get(name, {})
        print(
            f"| {name} | {c['count']} | {c['p50']} | {c['p95']} | {c['p99']} | {v.get('p50')} "
            f"| {v.get('p95')} | {v.get('p99')} | {v.get('max')} |"
        )


def run_restart(port: int, threads: int, seconds: int) -> dict:
    state = load_state()
    out = OUT / "restart"
    with Server(port, out) as server:
        cmd = [
            str(LT_BIN / "python"), str(HERE / "pg_restart.py"),
            "--host", server.url,
            "--user", state["user"], "--password", state["password"],
            "--indicators", ",".join(state["indicators"][:10]),
            "--threads", str(threads), "--seconds", str(seconds),
            "--json", str(out / "summary.json"),
        ]  # fmt: skip
        done = subprocess.run(cmd)
    summary = json.loads((out / "summary.json").read_text())
    summary["server_ms"] = server_times(server.access_log)
    summary["command"] = " ".join(cmd)
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    if done.returncode:
        print(f"pg_restart.py exited with {done.returncode}")
    return summary


def run_schema(port: int, examples: int, max_time: int, seed: int) -> dict:
    state = load_state()
    out = OUT / "schema"
    out.mkdir(parents=True, exist_ok=True)
    with Server(port, out) as server:
        cmd = [
            str(LT_BIN / "st"), "run", f"{server.url}/api/schema/",
            "--header", f"Authorization: Token {state['token']}",
            "--checks", "not_a_server_error",
            "--max-examples", str(examples),
            "--max-time", str(max_time),
            "--seed", str(seed),
            "--workers", "2",
            "--request-timeout", "30",
            "--generation-database", "none",
            "--report", "ndjson,junit",
            "--report-dir", str(out),
            "--no-color",
        ]  # fmt: skip
        started = time.time()
        with open(out / "schemathesis.log", "w") as log:
            done = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT)
        elapsed = time.time() - started
    server_side = server_times(server.access_log)
    statuses: dict[str, int] = {}
    for page in server_side.values():
        for status, n in page["status"].items():
            statuses[status] = statuses.get(status, 0) + n
    shown = " ".join(cmd).replace(state["token"], "<token>")
    summary = {
        "command": shown,
        "exit": done.returncode,
        "wall_s": round(elapsed, 1),
        "requests_logged": sum(statuses.values()),
        "status_counts": dict(sorted(statuses.items())),
        "server_5xx": sum(n for s, n in statuses.items() if s >= "500"),
        "log_tail": (out / "schemathesis.log").read_text().splitlines()[-40:],
    }
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    print("\n".join(summary["log_tail"]))
    print(json.dumps({k: v for k, v in summary.items() if k != "log_tail"}, ensure_ascii=False))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "step", choices=["build", "pages", "mixed", "restart", "schema", "drop", "all", "serve"]
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--years", type=int, default=10, help="province years (build)")
    parser.add_argument("--seconds", type=int, default=60, help="locust -t (pages, mixed)")
    parser.add_argument("--examples", type=int, default=25, help="schemathesis cases/operation")
    parser.add_argument("--max-time", type=int, default=480, help="schemathesis budget, s")
    parser.add_argument("--seed", type=int, default=20261127, help="schemathesis seed")
    parser.add_argument("--restart-threads", type=int, default=3)
    parser.add_argument("--restart-seconds", type=int, default=30)
    args = parser.parse_args()
    if args.step in ("build", "all"):
        print(json.dumps(build(args.years), ensure_ascii=False)[:2000])
    if args.step in ("pages", "all"):
        run_locust("pages", 50, 10, args.seconds, "pages", args.port)
    if args.step in ("mixed", "all"):
        run_locust("mixed", 100, 20, args.seconds, "mixed", args.port)
    if args.step in ("restart", "all"):
        run_restart(args.port, args.restart_threads, args.restart_seconds)
    if args.step in ("schema", "all"):
        run_schema(args.port, args.examples, args.max_time, args.seed)
    if args.step in ("drop", "all"):
        drop()
    if args.step == "serve":
        with Server(args.port, OUT / "serve") as server:
            print(f"serving {server.url}/ (Ctrl+C stops)")
            try:
                server.proc.wait()
            except KeyboardInterrupt:
                pass


if __name__ == "__main__":
    main()
