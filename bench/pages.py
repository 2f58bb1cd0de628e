"""The overview and indicator pages at province scale, right after an import and in steady state.

One child process per engine (SQLite, PostgreSQL) builds the synthetic province of
bench/panel.py (200 regions × 60 monthly indicators × 10 years = 1.44 M observations) plus the
demo city's catalogue and logins, then measures, on that one database:

1. the first page after an import — a real `econdesk import` of a one-row correction (a new
   version of one of 本级's figures), then the overview or an indicator page requested once:
   the request finds every kept panel stale and pays for the build; repeated --imports times,
   server time inside Django (test client: the same middleware, view and template gunicorn
   serves, no network);
2. the pages in steady state — gunicorn with deploy/gunicorn.conf.py and `--workers 2`
   (ECONDESK_WORKERS=2, 2 threads each) on a free loopback port, --users threads logged in
   through the login form, each reading the overview or an indicator page (3 : 4) with 1–3 s
   between requests for --seconds; server time is gunicorn's own (%(M)s: request read to
   response written), client time is the thread's.

The panel itself, cold and warm, is bench/panel.py's.

    .venv/bin/python bench/pages.py                      # both engines, a Markdown table
    .venv/bin/python bench/pages.py --engine sqlite --years 2 --seconds 15 --json

Every request goes to 127.0.0.1 only; every loop is bounded by --seconds or a count.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import panel as bench  # noqa: E402  (bench/panel.py: database, province, machine facts)

OUT = HERE / "out" / "pages"


def demo_logins() -> dict:
    """The demo city's catalogue and logins on top of the province (which keeps 本级)."""
    from econdesk.demo import profiles
    from econdesk.demo.loader import load_demo

    load_demo()
    return {"user": "leader", "password": profiles.DEMO_PASSWORD}


def correction_file(home_name: str, code: str, period: str, value: str) -> Path:
    """A tidy file that changes one published figure of 本级 (a correction: a new version)."""
    from econdesk.ledger.models import Indicator

    name = Indicator.objects.get(code=code).name
    path = Path(tempfile.mkdtemp()) / "correction.csv"
    path.write_text(
        f"region,indicator,period,value,growth\n{home_name},{name},{period},{value},\n",
        encoding="utf-8",
    )
    return path


def first_pages_after_import(built: dict, url: str, imports: int) -> dict:
    """Import a one-row correction with the real command, then time the first overview and
    the first indicator page that follow (each finds the panel stale)."""
    from django.test import Client

    from econdesk.accounts.models import User
    from econdesk.ledger.models import Observation

    home, key = built["home"], built["key"]
    obs = (
        Observation.objects.filter(
            region=home,
            period__year=key.year,
            period__month=key.month,
            kind="actual",
            value__isnull=False,
        )
        .select_related("indicator")
        .order_by("indicator__sort_order")
        .first()
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="admin"))
    client.get("/")  # this process's templates and URLconf are warm, as a server's are
    client.get(f"/indicators/{obs.indicator.code}/")
    env = {**os.environ, "DATABASE_URL": url, "ECONDESK_DEBUG": "0"}
    econdesk = str(REPO / ".venv" / "bin" / "econdesk")
    times: dict[str, list[float]] = {"overview": [], "indicator": [], "import_s": []}
    step = 0
    for _ in range(imports):
        for page, path in (("overview", "/"), ("indicator", f"/indicators/{obs.indicator.code}/")):
            step += 1
            csv = correction_file(
                home.name, obs.indicator.code, key.code, f"{obs.value + step:.2f}"
            )
            started = time.perf_counter()
            subprocess.run([econdesk, "import", str(csv)], env=env, check=True,
                           capture_output=True, cwd=REPO)  # fmt: skip
            times["import_s"].append(time.perf_counter() - started)
            started = time.perf_counter()
            response = client.get(path)
            times[page].append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code} after the import")

    def fig(values):
        return {"median": round(statistics.median(values), 1), "max": round(max(values), 1)}

    return {
        "imports": step,
        "overview_ms": fig(times["overview"]),
        "indicator_ms": fig(times["indicator"]),
        "import_command_s": round(statistics.median(times["import_s"]), 2),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def logged_in_sessions(username: str, n: int) -> list[str]:
    """n sessions of one user, as the login form would leave them (Django's login(): the
    session clock of SessionTimeoutMiddleware started), without hashing the password n times:
    50 PBKDF2 logins would keep both cores busy for ten seconds before anything is measured."""
    from django.conf import settings
    from django.test import Client

    from econdesk.accounts.models import User

    user = User.objects.get(username=username)
    cookies = []
    for _ in range(n):
        client = Client()
        client.force_login(user)
        cookies.append(
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    return cookies


def session_client(host: str, cookie: str, timeout: float):
    """loadtest's logged-in browser (its outcomes per request), on a session made above."""
    import urllib.request

    from loadtest.pg_restart import Client, _NoRedirect

    client = Client.__new__(Client)
    client.host, client.timeout = host, timeout
    client.opener = urllib.request.build_opener(_NoRedirect())
    client.opener.addheaders = [("Cookie", cookie)]
    return client


def steady_pages(url: str, login: dict, codes: list[str], users: int, seconds: int):
    from loadtest.run import Server, server_times

    port = free_port()
    out_dir = OUT / f"steady-{port}"
    from django.conf import settings

    extra = {
        "DATABASE_URL": url.replace("?conn_max_age=0", ""),
        "ECONDESK_STATIC_ROOT": str(bench.OUT / "static"),
        "ECONDESK_WORKERS": "2",
        # The sessions below are signed here: gunicorn must share this process's key.
        "ECONDESK_SECRET_KEY": settings.SECRET_KEY,
    }
    with Server(port, out_dir, extra_env=extra) as server:
        state = {**login, "indicators": codes}
        phase("gunicorn answers; warm-up")
        server.warm(state, threads=10, rounds=2)
        phase(f"{users} sessions, then {seconds} s of reading")
        cookies = logged_in_sessions(login["user"], users)
        clients = [session_client(server.url, cookie, 60) for cookie in cookies]
        server.access_log.write_text("")  # only the reading below is measured
        errors: list[str] = []
        client_ms: dict[str, list[float]] = {"overview": [], "indicator": []}
        stop_at = time.monotonic() + seconds
        lock = threading.Lock()

        def user(n: int, client) -> None:
            rng = random.Random(n)
            time.sleep(rng.uniform(0, 2))
            while time.monotonic() < stop_at:
                path = "/" if rng.random() < 3 / 7 else f"/indicators/{rng.choice(codes)}/"
                started = time.perf_counter()
                outcome, status, detail = client.get(path)
                took = (time.perf_counter() - started) * 1000
                with lock:
                    client_ms["overview" if path == "/" else "indicator"].append(took)
                    if outcome != "ok":
                        errors.append(f"{path} {status} {detail}")
                time.sleep(rng.uniform(1, 3))

        threads = [threading.Thread(target=user, args=(n, c)) for n, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        times = server_times(server.access_log)["whole"]
        workers = server.workers()
    pages = {}
    for name, figures in times.items():
        if name.startswith(("overview", "indicator")):
            pages[name] = {k: figures[k] for k in ("count", "p50", "p95", "p99", "max")}
    client = {name: _percentiles(values) for name, values in client_ms.items()}
    if errors:  # an error page is fast: its times would flatter the pages
        raise SystemExit(f"{len(errors)} requests failed, e.g. {errors[:3]}")
    return {"users": users, "seconds": seconds, "workers": workers, "pages": pages,
            "client": client, "errors": len(errors), "first_errors": errors[:3]}  # fmt: skip


def _percentiles(values: list[float]) -> dict:
    if len(values) < 2:
        return {"count": len(values), "p50": None, "p95": None}
    cuts = statistics.quantiles(values, n=20)
    return {"count": len(values), "p50": round(statistics.median(values)), "p95": round(cuts[18])}


_T0 = time.monotonic()


def phase(what: str) -> None:
    """A line on stderr per phase (bench/out/run/pages.log under make bench): where time goes."""
    print(f"[{time.monotonic() - _T0:6.1f} s] {what}", file=sys.stderr, flush=True)


def run_engine(engine: str, args) -> dict:
    # As gunicorn is run below: plain HTTP on loopback (nginx terminates TLS in production).
    os.environ.update({"ECONDESK_ALLOWED_HOSTS": "127.0.0.1", "ECONDESK_SSL_REDIRECT": "0",
                       "ECONDESK_SECURE_COOKIES": "0",
                       "ECONDESK_STATIC_ROOT": str(bench.OUT / "static")})  # fmt: skip
    url, drop = bench.make_database(engine, "pages")
    try:
        phase(f"{engine}: migrate")
        bench.use_database(url, migrate=True)
        phase(f"{engine}: build the province")
        started = time.perf_counter()
        built = bench.build_province(args.years)
        build_s = time.perf_counter() - started
        phase(f"{engine}: panel, cold, bare and warm")
        # The panel on the province alone (its 60 indicators), before the demo city joins it.
        panel = bench.time_panel(built["home"], built["key"], args.runs)
        panel["profile"] = bench.profile_panel(built["home"], built["key"])
        phase(f"{engine}: demo city")
        login = demo_logins()
        from econdesk.ledger.models import Indicator

        codes = list(
            Indicator.objects.filter(observation__region=built["home"], observation__kind="actual")
            .distinct()
            .values_list("code", flat=True)[:60]
        )
        phase(f"{engine}: first pages after an import")
        after_import = first_pages_after_import(built, url, args.imports)
        from django.db import connections

        connections.close_all()
        phase(f"{engine}: gunicorn, steady state")
        steady = steady_pages(url, login, codes, args.users, args.seconds)
        phase(f"{engine}: done")
        return {
            "engine": engine,
            "observations": built["observations"],
            "regions": built["regions"],
            "build_s": round(build_s, 1),
            "load_s": built["load_s"],
            "peers": built["peers"],
            "period": built["key"].code,
            "panel": panel,
            "after_import": after_import,
            "steady": steady,
            "versions": bench.versions(),
        }
    finally:
        drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30, help="panel builds timed, each way")
    parser.add_argument("--imports", type=int, default=3)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--json", action="store_true", help="one JSON line per engine")
    args = parser.parse_args()
    if args.engine != "both":
        result = run_engine(args.engine, args)
        print(json.dumps(result, ensure_ascii=False, default=str), flush=True)
        return
    results = both(args.years, args.runs, args.imports, args.users, args.seconds)
    if args.json:
        for r in results:
            print(json.dumps(r, ensure_ascii=False, default=str))
    else:
        print(panel_markdown(results))
        print(markdown(results))


def both(years: int, runs: int, imports: int, users: int, seconds: int) -> list[dict]:
    """Each engine in its own child process (one Django set-up per database)."""
    results = []
    for engine in ("sqlite", "postgres"):
        cmd = [sys.executable, __file__, "--engine", engine, f"--years={years}",
               f"--runs={runs}", f"--imports={imports}", f"--users={users}",
               f"--seconds={seconds}"]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True)
        sys.stderr.write(done.stderr)
        if done.returncode:
            results.append({"engine": engine, "failed": done.stderr.strip()[-300:]})
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def run(quick: bool) -> dict[str, str]:
    """bench/run.py's entry, two sections from one province per engine: the panel (cold, warm,
    bare SQL; bench/panel.py's measures) and the pages. Quick: fewer runs, 15 s of load."""
    if quick:
        results = both(years=10, runs=10, imports=1, users=50, seconds=15)
    else:
        results = both(years=10, runs=30, imports=2, users=50, seconds=25)
    return {"panel": panel_markdown(results), "pages": markdown(results)}


def panel_markdown(results: list[dict]) -> str:
    done = [
        {**r["panel"], "engine": r["engine"], "versions": r["versions"], "regions": r["regions"],
         "observations": r["observations"], "peers": r["peers"], "period": r["period"]}
        for r in results
        if "failed" not in r
    ]  # fmt: skip
    failed = [f"{r['engine']} failed: `{r['failed'][-200:]}`" for r in results if "failed" in r]
    return (bench.markdown(done) if done else "") + ("\n\n" + "; ".join(failed) if failed else "")


def _aim(value, limit) -> str:
    if value is None:
        return "—"
    return f"**{value:g}** ✓" if value <= limit else f"**{value:g}** ✗"


def markdown(results: list[dict]) -> str:
    head = (
        "| engine | observations | first overview after an import ms (median / max) "
        "| first indicator page after an import ms | steady overview server p50 / p95 ms "
        "| steady indicator server p50 / p95 ms | client p95 ms (overview / indicator) "
        "| requests | errors | gunicorn |"
    )
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    notes = []
    for r in results:
        if "failed" in r:
            lines.append(f"| {r['engine']} | failed | | | | | | | | |")
            notes.append(f"{r['engine']} failed: `{r['failed'][-200:]}`")
            continue
        version = r["versions"].get("postgresql", r["versions"]["sqlite"]).split()[0]
        a, s = r["after_import"], r["steady"]
        ov = s["pages"].get("overview /", {})
        ind = s["pages"].get("indicator /indicators/<code>/", {})
        requests = ov.get("count", 0) + ind.get("count", 0)
        lines.append(
            f"| {r['engine']} {version} | {r['observations']:,} "
            f"| {_aim(a['overview_ms']['median'], 300)} / {a['overview_ms']['max']} "
            f"| {_aim(a['indicator_ms']['median'], 300)} / {a['indicator_ms']['max']} "
            f"| {ov.get('p50')} / {_aim(ov.get('p95'), 150)} "
            f"| {ind.get('p50')} / {_aim(ind.get('p95'), 150)} "
            f"| {s['client']['overview']['p95']} / {s['client']['indicator']['p95']} "
            f"| {requests} | {s['errors']} | {s['workers']} |"
        )
        notes.append(
            f"{r['engine']}: {a['imports']} imports (`econdesk import`, median "
            f"{a['import_command_s']} s each), {s['users']} users for {s['seconds']} s"
        )
    aims = "Aims: first page after an import ≤ 300 ms, steady p95 ≤ 150 ms (✓ met, ✗ not)."
    return "\n".join(lines) + "\n\n" + aims + " " + "; ".join(notes) + "."


if __name__ == "__main__":
    main()
