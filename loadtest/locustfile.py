"""Leaders reading the workspace: log in once (with the CSRF token, as a browser does), then read
the overview (总览) and indicator pages (指标详情) with a pause between pages.

Two scenarios, chosen with --tags:

* ``pages`` — only the two pages (issue A: server time under 150 ms at p95, 50 users);
* ``mixed`` — the two pages plus the read API (panel, observations, indicators) that other
  systems call (the reliability run, 100 users).

Run it through loadtest/run.py, which builds the province, starts gunicorn on loopback and
passes these through the environment:

    LOADTEST_USER / LOADTEST_PASSWORD   the login (default: the demo leader)
    LOADTEST_INDICATORS                 comma-separated indicator codes with figures at home
    LOADTEST_REGION / LOADTEST_PERIOD   the home region's name and a period, for the API calls
    LOADTEST_REQUEST_LOG                a file for every request (end time, name, ms, ok), so
                                        run.py can take percentiles over any window

Only loopback hosts are accepted: this file refuses any other --host.
"""

from __future__ import annotations

import csv
import ipaddress
import os
import random
import re
import time
from urllib.parse import urlparse

from locust import HttpUser, between, events, tag, task

USERNAME = os.environ.get("LOADTEST_USER", "leader")
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "econdesk-demo")
INDICATORS = [c for c in os.environ.get("LOADTEST_INDICATORS", "").split(",") if c]
REGION = os.environ.get("LOADTEST_REGION", "")
PERIOD = os.environ.get("LOADTEST_PERIOD", "")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _is_loopback(host: str) -> bool:
    name = urlparse(host).hostname or ""
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@events.init.add_listener
def _loopback_only(environment, **_kwargs):
    host = environment.host or ""
    if not _is_loopback(host):
        raise SystemExit(f"loadtest: only loopback hosts are allowed, not {host!r}")


_requests: list[tuple] = []


@events.request.add_listener
def _record(name, response_time, exception, **_kwargs):
    _requests.append((round(time.time(), 3), name, round(response_time, 1), exception is None))


@events.quitting.add_listener
def _write_requests(environment, **_kwargs):
    path = os.environ.get("LOADTEST_REQUEST_LOG")
    if path:
        with open(path, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["end", "name", "ms", "ok"])
            writer.writerows(_requests)


class Leader(HttpUser):
    """A leader in charge who keeps the workspace open and reads it between meetings.

    2–5 s between pages: the time to glance at a page of cards or one chart before the next
    click. A real reader is slower than this, so the load is on the heavy side.
    """

    wait_time = between(2, 5)

    def on_start(self):
        if not INDICATORS:
            raise SystemExit("loadtest: set LOADTEST_INDICATORS (loadtest/run.py does)")
        page = self.client.get("/login/", name="login (form)")
        match = CSRF_FIELD.search(page.text)
        token = match.group(1) if match else self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/login/",
            data={"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/login/"},
            name="login (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed: HTTP {response.status_code}")

    @staticmethod
    def _check(response):
        # A page that bounced to the login form is a lost session, not a success.
        if response.status_code != 200 or "/login/" in response.url:
            response.failure(f"HTTP {response.status_code} at {response.url}")
        else:
            response.success()

    @tag("pages", "mixed")
    @task(3)
    def overview(self):
        with self.client.get("/", name="overview /", catch_response=True) as response:
            self._check(response)

    @tag("pages", "mixed")
    @task(4)
    def indicator(self):
        code = random.choice(INDICATORS)
        with self.client.get(
            f"/indicators/{code}/", name="indicator /indicators/<code>/", catch_response=True
        ) as response:
            self._check(response)

    @tag("mixed")
    @task(1)
    def api_panel(self):
        self.client.get(
            "/api/v1/panel/", params={"region": REGION, "period": PERIOD}, name="api panel"
        )

    @tag("mixed")
    @task(1)
    def api_observations(self):
        self.client.get(
            "/api/v1/observations/",
            params={"region": REGION, "indicator": random.choice(INDICATORS), "limit": 50},
            name="api observations",
        )

    @tag("mixed")
    @task(1)
    def api_indicators(self):
        self.client.get("/api/v1/indicators/", name="api indicators")
