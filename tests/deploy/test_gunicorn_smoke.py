"""econdesk as deployed: PostgreSQL, `econdesk setup`, collectstatic, gunicorn with
deploy/gunicorn.conf.py and the documented production environment (deploy/econdesk.env.example),
then a smoke test through HTTP as nginx would send it (X-Forwarded-Proto: https).

Runs in CI (marker `deploy`; the CI variable makes an unreachable PostgreSQL a failure). Locally
it is skipped only when PostgreSQL cannot be reached.
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.ops.throwaway import REPO, command_env, econdesk, throwaway_database

pytestmark = pytest.mark.deploy

ENV_EXAMPLE = REPO / "deploy" / "econdesk.env.example"
ADMIN = "smokeadmin"
ADMIN_PASSWORD = "Smoke-test-" + secrets.token_hex(6)

MAKE_ADMIN = f"""
import django
django.setup()
from econdesk.accounts import tokens
from econdesk.accounts.models import Role, User
user = User.objects.create_user(
    username={ADMIN!r}, password={ADMIN_PASSWORD!r}, role=Role.ADMIN,
    display_name="冒烟测试管理员", is_staff=True, is_superuser=True,
)
print(tokens.issue(user, by=user)[1])
"""


def documented_env() -> dict[str, str]:
    """The KEY=value lines of deploy/econdesk.env.example."""
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    """HTTP to gunicorn as nginx would forward it (HTTPS at the proxy, one proxy hop)."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method, path, *, body=None, headers=None, https=True, keep_cookies=True):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-For": "203.0.113.7"}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        if keep_cookies:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, content


def wait_until_ready(site: Site, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn 退出（{server.returncode}）：\n{log.read_text()[-4000:]}")
        try:
            response, _ = site.request("GET", "/login/", keep_cookies=False)
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"gunicorn 90 秒内没有应答：\n{log.read_text()[-4000:]}")


@pytest.fixture
def deployed(tmp_path):
    """A production-configured econdesk on a throwaway database, served by gunicorn."""
    port = free_port()
    with throwaway_database("econdesk_smoke") as url:
        env = command_env(url, tmp_path / "var")
        env.update(documented_env())
        env.update(
            DATABASE_URL=url,
            ECONDESK_SECRET_KEY=secrets.token_urlsafe(50),
            ECONDESK_VAR_DIR=str(tmp_path / "var"),
            ECONDESK_STATIC_ROOT=str(tmp_path / "static"),
            ECONDESK_ALLOWED_HOSTS="127.0.0.1,localhost",
            ECONDESK_CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{port}",
            ECONDESK_BIND=f"127.0.0.1:{port}",
            ECONDESK_WORKERS="2",
        )
        assert env["ECONDESK_DEBUG"] == "0"
        econdesk("setup", env=env)
        econdesk("collectstatic", "--noinput", "-v", "0", env=env)
        made = subprocess.run(
            [sys.executable, "-c", MAKE_ADMIN],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        token = made.stdout.strip().splitlines()[-1]
        log = tmp_path / "gunicorn.log"
        with open(log, "w") as out:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    str(REPO / "deploy" / "gunicorn.conf.py"),
                    "econdesk.wsgi:application",
                ],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        site = Site(port)
        try:
            wait_until_ready(site, server, log)
            yield {
                "site": site,
                "token": token,
                "static_root": tmp_path / "static",
                "log": log,
            }
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        assert server.returncode == 0, log.read_text()[-4000:]
        assert "Traceback" not in log.read_text(), log.read_text()[-4000:]


def test_gunicorn_serves_the_production_site(deployed):
    site: Site = deployed["site"]

    # Plain HTTP (no proxy saying HTTPS) goes to HTTPS.
    response, _ = site.request("GET", "/login/", https=False, keep_cookies=False)
    assert response.status == 301
    assert response.headers["Location"].startswith("https://")

    # The login page, with every security header.
    response, body = site.request("GET", "/login/")
    page = body.decode("utf-8")
    assert response.status == 200
    assert "登录" in page
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csp = headers["Content-Security-Policy"]
    for directive in ("script-src 'self'", "style-src 'self'", "img-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    csrf_cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    assert "Secure" in csrf_cookie

    # Static files: hashed names from collectstatic, served by whitenoise, compressed, cached.
    assert re.search(r"/static/web/app\.[0-9a-f]{12}\.css", page), page
    manifest = json.loads((deployed["static_root"] / "staticfiles.json").read_text())["paths"]
    echarts = next(
        k for k in manifest if k.startswith("vendor/echarts") and k.endswith("echarts.min.js")
    )
    hashed = manifest[echarts]
    assert re.search(r"echarts\.min\.[0-9a-f]{12}\.js$", hashed)
    response, content = site.request(
        "GET", f"/static/{hashed}", headers={"Accept-Encoding": "gzip"}, keep_cookies=False
    )
    assert response.status == 200
    assert "javascript" in response.headers["Content-Type"]
    assert response.headers.get("Content-Encoding") == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert len(content) > 10_000

    # CSRF: a form post without the token is refused.
    response, _ = site.request(
        "POST",
        "/login/",
        body=urlencode({"username": ADMIN, "password": ADMIN_PASSWORD}),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": site.origin},
        keep_cookies=False,
    )
    assert response.status == 403

    # Log in with the CSRF cookie and the form's token.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response, _ = site.request(
        "POST",
        "/login/",
        body=urlencode(
            {
                "username": ADMIN,
                "password": ADMIN_PASSWORD,
                "csrfmiddlewaretoken": token,
                "next": "",
            }
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": site.origin,
            "Referer": f"{site.origin}/login/",
        },
    )
    assert response.status == 302, response.headers
    assert response.headers["Location"] == "/"
    session_cookie = next(
        c for c in response.headers.get_all("Set-Cookie") if c.startswith("sessionid=")
    )
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie

    # The overview, in Chinese.
    response, body = site.request("GET", "/")
    page = body.decode("utf-8")
    assert response.status == 200
    assert response.headers["Content-Language"] == "zh-hans"
    assert "经济运行调度平台" in page and "冒烟测试管理员" in page

    # The API with a token (no session, no CSRF).
    api = Site(site.port)
    response, body = api.request(
        "GET",
        "/api/v1/indicators/",
        headers={"Authorization": f"Token {deployed['token']}", "Accept": "application/json"},
    )
    assert response.status == 200
    data = json.loads(body)
    rows = data["results"] if isinstance(data, dict) else data
    assert len(rows) >= 10
    assert any(re.search(r"[\u4e00-\u9fff]", json.dumps(row, ensure_ascii=False)) for row in rows)
