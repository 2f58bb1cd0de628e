"""PostgreSQL restarted under load: does econdesk answer every request, and recover?

A few threads (default 3) each log in as a leader and then read pages and the API in a tight
loop for --seconds (default 30). Halfway through, PostgreSQL is restarted once with

    pg_ctlcluster --skip-systemctl-redirect 15 main restart

Every request ends in exactly one of these outcomes, all counted:

* ``ok``          — HTTP 200;
* ``clean_503``   — HTTP 503 whose body says the database is unavailable (数据库暂时不可用),
                    the page econdesk/web/dbdown.py serves;
* ``error_body``  — another HTTP error status with a body (e.g. a bare 500 page);
* ``redirect``    — a 3xx (e.g. sent back to the login form: the session was lost);
* ``conn_error``  — no HTTP answer at all (refused, reset, timed out): the lost request.

After the loop: the time from the restart's end to the last failed request, and a check that
--verify requests in a row (default 20) now all succeed. The cluster is checked to be online
at the end (pg_lsclusters); if it is not, it is started.

Standard library only, so any Python runs it; only loopback hosts are accepted.

    loadtest/.venv/bin/python loadtest/pg_restart.py --host http://127.0.0.1:18765 \\
        --indicators bench_00,bench_01 --json bench/out/loadtest/restart/summary.json
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import ipaddress
import json
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime

RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]
DB_DOWN_TEXT = "数据库暂时不可用"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx comes back as an HTTPError, counted as such


def _loopback_only(url: str) -> None:
    name = urllib.parse.urlparse(url).hostname or ""
    try:
        ok = name == "localhost" or ipaddress.ip_address(name).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise SystemExit(f"pg_restart.py: only loopback hosts are allowed, not {url!r}")


class Client:
    """One logged-in browser: a cookie jar, no redirects followed."""

    def __init__(self, host: str, user: str, password: str, timeout: float):
        self.host, self.timeout = host, timeout
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), _NoRedirect()
        )
        page = self.opener.open(f"{host}/login/", timeout=timeout).read().decode()
        token = CSRF_FIELD.search(page).group(1)
        data = urllib.parse.urlencode(
            {"username": user, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        try:
            self.opener.open(f"{host}/login/", data=data, timeout=timeout)
            raise SystemExit("pg_restart.py: the login form came back instead of a redirect")
        except urllib.error.HTTPError as exc:
            if exc.code != 302:
                raise SystemExit(f"pg_restart.py: login failed with HTTP {exc.code}") from exc

    def get(self, path: str) -> tuple[str, int | None, str]:
        """(outcome, status, detail) of one GET."""
        try:
            with self.opener.open(f"{self.host}{path}", timeout=self.timeout) as response:
                response.read()
                return ("ok" if response.status == 200 else "other"), response.status, ""
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            if 300 <= exc.code < 400:
                return "redirect", exc.code, exc.headers.get("Location", "")
            if exc.code == 503 and DB_DOWN_TEXT in body:
                return "clean_503", exc.code, ""
            if body.strip():
                return "error_body", exc.code, body.strip()[:120]
            return "conn_error", exc.code, "empty error body"
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            return "conn_error", None, f"{type(exc).__name__}: {exc}"[:160]


def _paths(indicators: list[str], region: str, period: str) -> list[str]:
    paths = ["/"] + [f"/indicators/{code}/" for code in indicators]
    if region and period:
        query = urllib.parse.urlencode({"region": region, "period": period})
        paths.append(f"/api/v1/panel/?{query}")
    return paths


def run(args) -> dict:
    _loopback_only(args.host)
    paths = _paths(args.indicators.split(","), args.region, args.period)
    clients = [
        Client(args.host, args.user, args.password, args.timeout) for _ in range(args.threads)
    ]
    records: list[tuple[float, float, str, str, int | None, str]] = []
    lock = threading.Lock()
    start = time.time()
    stop_at = start + args.seconds

    def worker(n: int, client: Client) -> None:
        i = n
        while time.time() < stop_at:
            path = paths[i % len(paths)]
            i += 1
            began = time.time()
            outcome, status, detail = client.get(path)
            with lock:
                records.append((began, time.time(), path, outcome, status, detail))
            time.sleep(args.pause)

    threads = [
        threading.Thread(target=worker, args=(n, c), daemon=True) for n, c in enumerate(clients)
    ]
    for t in threads:
        t.start()
    time.sleep(args.seconds * args.restart_at)
    restart_began = time.time()
    done = subprocess.run(RESTART, capture_output=True, text=True)
    restart_ended = time.time()
    for t in threads:
        t.join(timeout=args.seconds + args.timeout + 5)

    counts: dict[str, int] = {}
    for r in records:
        counts[r[3]] = counts.get(r[3], 0) + 1
    failures = [r for r in records if r[3] != "ok"]
    last_failure_end = max((r[1] for r in failures), default=None)
    first_failure_start = min((r[0] for r in failures), default=None)
    ok_after = [r for r in records if r[3] == "ok" and r[0] >= restart_ended]

    # Afterwards: requests in a row on one client must all succeed.
    verify = [clients[0].get(paths[i % len(paths)])[0] for i in range(args.verify)]
    cluster = subprocess.run(["pg_lsclusters"], capture_output=True, text=True).stdout
    online = any(
        line.split()[:4] == ["15", "main", "5432", "online"] for line in cluster.splitlines()
    )
    if not online:  # never leave the database down
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"])

    def rel(t):
        return None if t is None else round(t - start, 2)

    by_second: dict[int, dict[str, int]] = {}
    for r in records:
        second = by_second.setdefault(int(r[0] - start), {})
        second[r[3]] = second.get(r[3], 0) + 1
    details: dict[str, int] = {}
    for r in failures:
        key = f"{r[3]} {r[4]} {r[5]}"[:140]
        details[key] = details.get(key, 0) + 1
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "threads": args.threads,
        "seconds": args.seconds,
        "requests": len(records),
        "outcomes": counts,
        "silently_lost": counts.get("conn_error", 0) + counts.get("other", 0),
        "restart": {
            "command": " ".join(RESTART),
            "exit": done.returncode,
            "began_s": rel(restart_began),
            "took_s": round(restart_ended - restart_began, 2),
            "output": (done.stdout + done.stderr).strip()[-300:],
        },
        "first_failure_s": rel(first_failure_start),
        "last_failure_end_s": rel(last_failure_end),
        "recovered_after_restart_s": (
            None
            if last_failure_end is None
            else round(max(0.0, last_failure_end - restart_ended), 2)
        ),
        "ok_after_restart": len(ok_after),
        "verify": {"requests": len(verify), "ok": verify.count("ok")},
        "cluster_online_at_end": online,
        "failure_detail": details,
        "timeline": {str(k): v for k, v in sorted(by_second.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="http://127.0.0.1:18765")
    parser.add_argument("--user", default="leader")
    parser.add_argument("--password", default="econdesk-demo")
    parser.add_argument("--indicators", required=True, help="comma-separated indicator codes")
    parser.add_argument("--region", default="", help="for /api/v1/panel/ (with --period)")
    parser.add_argument("--period", default="")
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--restart-at", type=float, default=0.5, help="fraction of --seconds")
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between requests")
    parser.add_argument("--timeout", type=float, default=15.0, help="per request, seconds")
    parser.add_argument("--verify", type=int, default=20)
    parser.add_argument("--json", help="write the summary here as well")
    args = parser.parse_args()
    summary = run(args)
    text = json.dumps(summary, ensure_ascii=False, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text)
    print(json.dumps({k: v for k, v in summary.items() if k != "timeline"}, ensure_ascii=False))
    ok = (
        summary["silently_lost"] == 0
        and summary["verify"]["ok"] == summary["verify"]["requests"]
        and summary["cluster_online_at_end"]
    )
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
