"""Security headers, the Content-Security-Policy, CSRF everywhere, and `check --deploy`.

The CSP allows scripts, styles and images from the site only; templates carry no inline code
(chart data goes through json_script). A few pages have their own policy (the printable
bulletin, the API docs, the chart pages' style attributes, the browsable API's <style>); the
browser test at the end walks the demo city's pages in Chromium and finds no CSP violation.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from knox.auth import TokenAuthentication
from rest_framework.authentication import SessionAuthentication
from rest_framework.views import APIView

from econdesk.accounts import tokens
from econdesk.accounts.middleware import ContentSecurityPolicyMiddleware
from tests.ops.throwaway import REPO

PASSWORD = "Econdesk-test-2026"


def csp_of(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


# ---- headers ---------------------------------------------------------------------------------


def test_every_page_carries_the_security_headers(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = csp_of(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_logged_in_pages_static_files_and_errors_carry_it_too(client, people):
    client.force_login(people["leader"])
    for path in ["/", "/peers/", "/static/web/charts.js", "/no-such-page/"]:
        response = client.get(path)
        assert "script-src 'self'" in response["Content-Security-Policy"], path
        assert response["X-Content-Type-Options"] == "nosniff", path


def policy_for_path(path: str) -> str:
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    return ContentSecurityPolicyMiddleware(lambda r: None).policy_for(request)


def test_the_pages_that_need_more_get_their_own_narrow_policy():
    default = policy_for_path("/")
    assert "unsafe" not in default
    # The printable bulletin: no script but its 打印 link, inline <style>, the chart as data:.
    document = policy_for_path("/bulletins/1/")
    assert "default-src 'none'" in document
    assert "script-src 'unsafe-hashes' 'sha256-" in document
    assert "'unsafe-inline'" in document.split("style-src", 1)[1].split(";")[0]
    assert "img-src 'self' data:" in document
    # Chart pages: ECharts' tooltips need style attributes, nothing else.
    chart = policy_for_path("/indicators/gdp/")
    assert chart == default + "; style-src-attr 'unsafe-inline'"
    assert policy_for_path("/gdp/") == chart
    # The browsable API highlights JSON with a <style> block; scripts stay 'self' only.
    api = policy_for_path("/api/v1/indicators/")
    assert "style-src 'self' 'unsafe-inline'" in api and "script-src 'self';" in api
    # Swagger UI / Redoc (third-party pages with inline setup code).
    assert "script-src 'self' 'unsafe-inline'" in policy_for_path("/api/docs/")


def test_the_bulletin_print_link_is_the_code_its_hash_allows():
    import base64
    import hashlib

    template = REPO / "econdesk/bulletins/templates/bulletins/document.html"
    links = re.findall(r'href="(javascript:[^"]*)"', template.read_text(encoding="utf-8"))
    assert links == ["javascript:window.print()"]
    digest = base64.b64encode(hashlib.sha256(links[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy_for_path("/bulletins/1/")


def test_report_only_mode_for_trying_a_stricter_policy(client, db, settings):
    settings.ECONDESK_CSP_REPORT_ONLY = True
    response = Client().get("/login/")
    assert "Content-Security-Policy" not in response
    assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


# ---- no inline code in templates --------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
# The standalone printable bulletin has its own policy (see the test above).
STANDALONE = {"bulletins/templates/bulletins/document.html"}


def templates() -> list[Path]:
    return sorted((REPO / "econdesk").glob("*/templates/**/*.html"))


def test_templates_have_no_inline_scripts_handlers_or_styles():
    found = []
    for path in templates():
        name = str(path.relative_to(REPO / "econdesk"))
        if name in STANDALONE:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, JAVASCRIPT_URL, STYLE_ATTRIBUTE):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{name}:{line}: {match.group(0).strip()}")
    assert found == [], (
        "inline code breaks the CSP; use static files and json_script:\n" + "\n".join(found)
    )


def test_chart_data_reaches_pages_as_json_not_code():
    for name in ["web/indicator.html", "web/gdp.html"]:
        page = (REPO / "econdesk/web/templates" / name).read_text(encoding="utf-8")
        assert "web/charts.js" in page
    charts = next((REPO / "econdesk/web/templates/web").glob("_chart*.html"), None)
    if charts is not None:
        assert "json_script" in charts.read_text(encoding="utf-8")


# ---- CSRF ------------------------------------------------------------------------------------


def test_a_form_post_without_the_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "leo", "password": PASSWORD})
    assert response.status_code == 403


def test_a_logged_in_post_without_the_token_is_refused(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["admin"])
    for path in ["/logout/", "/targets/edit/", "/password/"]:
        assert client.post(path, {}).status_code == 403, path
    assert "_auth_user_id" in client.session  # the refused logout did not log out


def test_the_api_checks_csrf_for_session_users_and_not_for_tokens(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["admin"])
    response = client.post("/api/v1/targets/", {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    _row, token = tokens.issue(people["admin"], by=people["admin"])
    tokened = Client(enforce_csrf_checks=True)
    response = tokened.post(
        "/api/v1/targets/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code != 403 or "CSRF" not in response.content.decode()


def views(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_view_is_csrf_exempt_except_drf_views_that_enforce_it_themselves():
    exempt = []
    for route, callback in views():
        if not getattr(callback, "csrf_exempt", False):
            continue
        view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if view_class is not None and issubclass(view_class, APIView):
            # DRF: SessionAuthentication enforces CSRF; tokens are not sent by browsers.
            auth = view_class().get_authenticators()
            kinds = {type(a) for a in auth}
            assert kinds <= {SessionAuthentication, TokenAuthentication}, route
            continue
        exempt.append(route)
    assert exempt == []
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "econdesk").rglob("*.py"))
    assert "csrf_exempt" not in source


# ---- production settings ---------------------------------------------------------------------


def documented_env() -> dict[str, str]:
    values = {}
    for line in (REPO / "deploy/econdesk.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def production_env(tmp_path, **overrides) -> dict[str, str]:
    # Nothing of this process's own settings (pytest's, the e2e tests' DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ECONDESK_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(documented_env())
    env.update(
        ECONDESK_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        ECONDESK_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="econdesk.settings",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run_manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = run_manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_notices_when_hsts_is_left_out(tmp_path):
    result = run_manage(
        production_env(tmp_path, ECONDESK_HSTS_SECONDS=None),
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret(tmp_path):
    env = production_env(tmp_path, ECONDESK_SECRET_KEY=None)
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "生产环境必须设置 ECONDESK_SECRET_KEY" in result.stderr


def test_the_secret_comes_from_the_environment_only():
    source = (REPO / "econdesk/settings.py").read_text(encoding="utf-8")
    assignments = re.findall(r"^\s*SECRET_KEY\s*=\s*(.+)$", source, re.M)
    assert assignments == [
        'os.environ.get("ECONDESK_SECRET_KEY", "")',
        "local_secret(VAR_DIR)",
    ]
    # The install's own random key (var/secret.key) is used only outside production.
    assert (
        'if PRODUCTION:\n        raise RuntimeError("生产环境必须设置 ECONDESK_SECRET_KEY")'
        in source
    )


def test_debug_is_off_unless_asked_for_and_error_pages_say_nothing(tmp_path):
    env = production_env(tmp_path, ECONDESK_DEBUG=None, ECONDESK_SECRET_KEY=None)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'secret-db-name.sqlite3'}"
    env["ECONDESK_ALLOWED_HOSTS"] = "localhost"
    probe = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "r = Client(HTTP_HOST='localhost').get('/no-such-page/')\n"
        "print(settings.DEBUG, r.status_code, 'secret-db-name' in r.content.decode())"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.stdout.split() == ["False", "404", "False"], result.stderr
    key = tmp_path / "secret.key"
    assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600"


# ---- in the browser --------------------------------------------------------------------------


@pytest.fixture
def chromium(browser):
    """The session's one Chromium (tests/conftest.py)."""
    return browser


PAGES = [
    "/",
    "/peers/",
    "/leaders/",
    "/targets/",
    "/settings/",
    "/reporting/",
    "/projects/",
    "/supervision/",
    "/supervision/scores/",
    "/bulletins/",
    "/password/",
    "/admin/",
    "/admin/accounts/loginattempt/",
]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_demo_city_runs_in_chromium_without_a_csp_violation(chromium, live_server):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from econdesk.accounts.models import User
    from econdesk.demo.loader import load_demo
    from econdesk.demo.profiles import DEMO_PASSWORD

    load_demo()
    User.objects.filter(username="admin").update(is_staff=True, is_superuser=True)

    context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []
    where = {"path": ""}

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{where['path']}: {message.text[:200]}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: violations.append(f"{where['path']}: {error}"))
    base = live_server.url
    where["path"] = "/login/"
    page.goto(base + "/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url == base + "/"

    indicator = page.eval_on_selector("a[href^='/indicators/']", "a => a.getAttribute('href')")
    for path in [*PAGES, indicator]:
        where["path"] = path
        response = page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path

    # ECharts draws (SVG), and its tooltip shows on hover.
    where["path"] = indicator
    page.goto(base + indicator)
    chart = page.wait_for_selector("[data-chart] svg")
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(400)

    # htmx swaps the GDP reverse calculation in place.
    where["path"] = "/gdp/"
    page.goto(base + "/gdp/")
    page.wait_for_selector("[data-chart] svg")
    page.evaluate("window.__same_page = true")
    page.fill("#reverse-card input[name=target]", "7.5")
    page.click("#reverse-card button[type=submit]")
    page.wait_for_function("() => location.search.includes('target=7.5')")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__same_page") is True

    # A picker that submits itself on change (a static script, no inline handler).
    where["path"] = "/supervision/warnings/"
    page.goto(base + "/supervision/warnings/")
    options = page.eval_on_selector_all("select[name=period] option", "os => os.map(o => o.value)")
    if len(options) > 1:
        with page.expect_navigation():
            page.select_option("select[name=period]", options[-1])
        assert f"period={options[-1]}" in page.url

    context.close()
    assert violations == []
