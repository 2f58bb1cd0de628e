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
app's venv (requirements.txt).

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
import socket
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
    from django.db import NotSupportedError
    from rest_framework.authtoken.models import Token

    from econdesk.accounts.models import User
    from econdesk.demo import profiles
    from econdesk.demo.loader import load_demo
    from econdesk.ledger.models import Indicator, Observation

    try:
        notes = load_demo().notes
    except NotSupportedError as exc:
        # The figures, logins and projects are in by then (each part commits on its own). Code
        # where supervision/services.py locked with SELECT … FOR UPDATE across a nullable outer
        # join failed here on PostgreSQL; the pages and API measured here do not read it.
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
            # Plain HTTP on loopback, where nginx would terminate TLS in production: no redirect
            # to https, and cookies without the Secure flag (else the client never sends them).
            "ECONDESK_SSL_REDIRECT": "0",
            "ECONDESK_SECURE_COOKIES": "0",
            "ECONDESK_BIND": f"{HOST}:{port}",
            "ECONDESK_STATIC_ROOT": str(OUT / "static"),
            "ECONDESK_LOG_LEVEL": "WARNING",
            "LOADTEST_WSGI_LOG": str(out / "wsgi.log"),
            **(extra_env or {}),
        }
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        if not GUNICORN.exists():
            raise SystemExit("缺少 gunicorn：.venv/bin/pip install -r requirements.txt")
        # Never measure (or load) some other server that already holds the port.
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is fine
            try:
                probe.bind((HOST, self.port))
            except OSError:
                raise SystemExit(f"{HOST}:{self.port} is in use; pick another --port") from None
        self.out.mkdir(parents=True, exist_ok=True)
        # The code may have gained migrations since the build (a no-op when it has not).
        subprocess.run(
            [str(APP_PY), "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=REPO, env=self.env, check=True,
        )  # fmt: skip
        self.access_log = self.out / "access.log"
        self.access_log.unlink(missing_ok=True)
        self.wsgi_log = Path(self.env["LOADTEST_WSGI_LOG"])
        self.wsgi_log.unlink(missing_ok=True)
        cmd = [
            str(GUNICORN),
            "-c", str(REPO / "deploy" / "gunicorn.conf.py"),
            "--access-logfile", str(self.access_log),
            "--access-logformat", ACCESS_FORMAT,
            "--error-logfile", str(self.out / "gunicorn.log"),
            "loadtest.wsgi_timing:application",  # econdesk.wsgi + a line per request
        ]  # fmt: skip
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=self.env)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
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
            raise SystemExit("gunicorn did not answer within 60 s")
        if self.proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {self.proc.returncode}")
        # Warm every worker's imports and caches (a running server would be warm), then start
        # the access log afresh so it holds the measured run only.
        for _ in range(20):
            urllib.request.urlopen(f"{self.url}/login/", timeout=10).read()
        self.access_log.write_text("")
        self.wsgi_log.write_text("")

    def warm(self, state: dict, threads: int = 10, rounds: int = 3) -> None:
        """Every worker serves the pages a few times before the clock starts (a server that
        has run for a while is warm): imports, URLconf, templates, connections. Requests run
        in parallel so that all the workers get some; then the logs start afresh."""
        from concurrent.futures import ThreadPoolExecutor

        from loadtest.pg_restart import Client

        client = Client(self.url, state["user"], state["password"], timeout=120)
        paths = ["/", f"/indicators/{state['indicators'][0]}/", "/login/"] * threads
        with ThreadPoolExecutor(threads) as pool:
            for _ in range(rounds):
                bad = [o for o in pool.map(client.get, paths) if o[0] != "ok"]
                if bad:
                    raise SystemExit(f"warm-up failed: {bad[:3]}")
        self.access_log.write_text("")
        self.wsgi_log.write_text("")

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


def _summarise(rows: list[tuple[str, float, str]]) -> dict:
    """(name, ms, status) rows → per name: count, statuses, p50/p95/p99, max."""
    times: dict[str, list[float]] = {}
    statuses: dict[str, dict[str, int]] = {}
    for name, ms, status in rows:
        times.setdefault(name, []).append(ms)
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


def server_times(access_log: Path) -> dict:
    """gunicorn's request time (ms) per page: over the whole run, and in the steady state
    after the last login (the 50 or 100 logins at the start hash passwords — PBKDF2, about
    0.4 CPU-s each — and keep both cores busy for their first seconds)."""
    rows = []
    for line in access_log.read_text().splitlines():
        parts = line.split("|")
        if len(parts) == 5:
            method, path, status, _bytes, ms = parts
            rows.append((page_name(method, path), int(ms), status))
    last_login = max((i for i, r in enumerate(rows) if r[0] == "login (post)"), default=-1)
    return {"whole": _summarise(rows), "steady": _summarise(rows[last_login + 1 :])}


def wsgi_times(wsgi_log: Path) -> dict:
    """Time inside Django per page (loadtest/wsgi_timing.py): wall and this thread's CPU, ms,
    over the whole run and after the last login."""
    rows = []
    for line in wsgi_log.read_text().splitlines():
        parts = line.split("|")
        if len(parts) == 5:
            method, path, status, wall, cpu = parts
            rows.append((page_name(method, path), float(wall), float(cpu), status))
    last_login = max((i for i, r in enumerate(rows) if r[0] == "login (post)"), default=-1)
    out = {}
    for window, chosen in (("whole", rows), ("steady", rows[last_login + 1 :])):
        wall = _summarise([(n, w, st) for n, w, _, st in chosen])
        cpu = _summarise([(n, c, st) for n, _, c, st in chosen])
        out[window] = {
            name: {
                "count": wall[name]["count"],
                "wall_p50": round(wall[name]["p50"]),
                "wall_p95": round(wall[name]["p95"]),
                "cpu_p50": round(cpu[name]["p50"]),
                "cpu_p95": round(cpu[name]["p95"]),
            }  # fmt: skip
            for name in wall
        }
    return out


def machine_load() -> dict:
    """The load average and how busy the cores were, from /proc: other work on the machine."""
    load = Path("/proc/loadavg").read_text().split()[:3]
    return {"loadavg_1_5_15": [float(x) for x in load]}


def background_busy(seconds: float = 5.0) -> float:
    """Percent of all cores busy over a few seconds before a run: other work on the machine."""
    before = cpu_jiffies()
    time.sleep(seconds)
    after = cpu_jiffies()
    return round(100 * (after[0] - before[0]) / max(1, after[1] - before[1]), 1)


def process_jiffies() -> dict[int, tuple[int, int, str]]:
    """pid -> (ppid, utime + stime jiffies, command name) of every process (/proc)."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        out[int(stat.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]), comm)
    return out


def others_busy(before: dict, after: dict, total: int, roots: set[int]) -> float:
    """Percent of all cores used during the run by processes other than ours: the trees of
    `roots` (gunicorn, locust) and PostgreSQL's (which also serves other work: an underestimate
    of the others)."""

    def ours(pid: int, table: dict) -> bool:
        seen = 0
        while pid in table and seen < 50:
            if pid in roots or table[pid][2].startswith("postgres"):
                return True
            pid, seen = table[pid][0], seen + 1
        return False

    mine = others = 0
    for pid, (_, ticks, _) in after.items():
        delta = ticks - before.get(pid, (0, 0, ""))[1] if pid in before else ticks
        if ours(pid, after):
            mine += delta
        else:
            others += delta
    return round(100 * others / max(1, total), 1)


def wait_for_quiet(limit_pct: float, max_wait_s: int) -> float:
    """Wait (up to max_wait_s) until other work uses under limit_pct of the cores."""
    deadline = time.monotonic() + max_wait_s
    busy = background_busy()
    while busy > limit_pct and time.monotonic() < deadline:
        print(f"machine {busy}% busy with other work; waiting for under {limit_pct}%", flush=True)
        busy = background_busy(10)
    return busy


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def client_times(request_log: Path) -> dict:
    """locust's response times (ms) per request name from the locustfile's request log: over
    the whole run and after the last login, as server_times."""
    import csv

    with open(request_log, newline="") as f:
        records = [
            (float(r["end"]), r["name"], float(r["ms"]), "ok" if r["ok"] == "True" else "failed")
            for r in csv.DictReader(f)
        ]
    cut = max((end for end, name, _, _ in records if name == "login (post)"), default=0.0)
    whole = [(name, ms, ok) for _, name, ms, ok in records]
    steady = [(name, ms, ok) for end, name, ms, ok in records if end > cut]
    return {"whole": _summarise(whole), "steady": _summarise(steady)}


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


def run_locust(
    step: str, users: int, rate: int, seconds: int, tags: str, port: int, quiet: tuple
) -> dict:
    state = load_state()
    out = OUT / step
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / "locust"
    with Server(port, out) as server:
        server.warm(state)
        background = wait_for_quiet(*quiet) if quiet[1] else background_busy()
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
            "LOADTEST_REQUEST_LOG": str(out / "requests.csv"),
        }
        started, busy_before, load_before = time.time(), cpu_jiffies(), machine_load()
        procs_before = process_jiffies()
        with open(out / "locust.log", "w") as log:
            locust = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
            procs_last = process_jiffies()
            while locust.poll() is None:  # sample while locust runs: its pid is ours
                time.sleep(1)
                procs_last = {**procs_last, **process_jiffies()}
            done = locust
        elapsed = time.time() - started
        busy_after, load_after = cpu_jiffies(), machine_load()
        others = others_busy(
            procs_before, procs_last, busy_after[1] - busy_before[1], {server.proc.pid, locust.pid}
        )
        workers = server.workers()
    client = locust_stats(prefix)
    server_side = server_times(server.access_log)
    client_side = client_times(out / "requests.csv")
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
            n
            for page in server_side["whole"].values()
            for code, n in page["status"].items()
            if code >= "500"
        ),
        "locust_csv": client,  # locust's own (bucketed) percentiles, whole run
        "client_ms": client_side,
        "server_ms": server_side,
        "django_ms": wsgi_times(server.wsgi_log),
        "machine_busy": {
            "background_busy_pct_before": background,
            "others_busy_pct_during": others,
            "cpu_busy_pct": round(
                100 * (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]), 1
            ),
            "before": load_before,
            "after": load_after,
        },
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
    for window in ("whole", "steady"):
        print(f"\n{window}: ms, client (locust) / server (gunicorn %(M)s)")
        print("| request | count | client p50 | client p95 | client p99 | server p50 "
              "| server p95 | server p99 | server max | app CPU p50 | app CPU p95 |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        client, server = s["client_ms"][window], s["server_ms"][window]
        django = s["django_ms"][window]
        for name, c in client.items():
            v, d = server.get(name, {}), django.get(name, {})
            print(
                f"| {name} | {c['count']} | {c['p50']:.0f} | {c['p95']:.0f} | {c['p99']:.0f} "
                f"| {v.get('p50')} | {v.get('p95')} | {v.get('p99')} | {v.get('max')} "
                f"| {d.get('cpu_p50')} | {d.get('cpu_p95')} |"
            )
    print(f"machine: {s['machine_busy']}")


def run_restart(port: int, threads: int, seconds: int) -> dict:
    state = load_state()
    out = OUT / "restart"
    with Server(port, out) as server:
        server.warm(state)
        cmd = [
            str(LT_BIN / "python"), str(HERE / "pg_restart.py"),
            "--host", server.url,
            "--user", state["user"], "--password", state["password"],
            "--indicators", ",".join(state["indicators"][:10]),
            "--region", state["home"], "--period", state["period"],
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


def token_for(username: str, env: dict) -> str:
    """The API token of a demo login (DRF's drf_create_token keeps an existing one)."""
    done = subprocess.run(
        [str(APP_PY), "manage.py", "drf_create_token", username],
        cwd=REPO, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout.split()[2]  # "Generated token <key> for user <name>"


def run_schema(
    port: int, examples: int, max_time: int, seed: int, user: str = "admin", include: str = ""
) -> dict:
    state = load_state()
    out = OUT / ("schema" if user == "admin" and not include else f"schema-{user}")
    out.mkdir(parents=True, exist_ok=True)
    with Server(port, out) as server:
        token = state["token"] if user == "admin" else token_for(user, server.env)
        state = {**state, "token": token}
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
        if include:
            cmd += ["--include-path-regex", include]
        started = time.time()
        with open(out / "schemathesis.log", "w") as log:
            # cwd: schemathesis keeps a crash cache in ./.schemathesis/, kept out of the repo.
            done = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=out)
        elapsed = time.time() - started
    server_side = server_times(server.access_log)["whole"]
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
    parser.add_argument("--port", type=int, default=18765, help="loopback port, must be free")
    parser.add_argument("--years", type=int, default=10, help="province years (build)")
    parser.add_argument("--seconds", type=int, default=60, help="locust -t (pages, mixed)")
    parser.add_argument("--examples", type=int, default=25, help="schemathesis cases/operation")
    parser.add_argument("--max-time", type=int, default=480, help="schemathesis budget, s")
    parser.add_argument("--seed", type=int, default=20261127, help="schemathesis seed")
    parser.add_argument(
        "--quiet-below",
        type=float,
        default=25.0,
        help="start locust once other work uses under this %% of the cores",
    )
    parser.add_argument(
        "--quiet-wait", type=int, default=0, help="wait up to this many s for that (0: no wait)"
    )
    parser.add_argument(
        "--schema-user", default="admin", help="schema: whose token (a demo login), e.g. clerk"
    )
    parser.add_argument("--include", default="", help="schema: only paths matching this regex")
    parser.add_argument("--restart-threads", type=int, default=3)
    parser.add_argument("--restart-seconds", type=int, default=30)
    args = parser.parse_args()
    if args.step in ("build", "all"):
        print(json.dumps(build(args.years), ensure_ascii=False)[:2000])
    quiet = (args.quiet_below, args.quiet_wait)
    if args.step in ("pages", "all"):
        run_locust("pages", 50, 10, args.seconds, "pages", args.port, quiet)
    if args.step in ("mixed", "all"):
        run_locust("mixed", 100, 20, args.seconds, "mixed", args.port, quiet)
    if args.step in ("restart", "all"):
        run_restart(args.port, args.restart_threads, args.restart_seconds)
    if args.step in ("schema", "all"):
        run_schema(
            args.port, args.examples, args.max_time, args.seed, args.schema_user, args.include
        )
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
