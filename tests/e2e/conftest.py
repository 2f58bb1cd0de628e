"""Page tests: Debian's Chromium driven by Playwright against Django's live server.

Never `playwright install`: the browser is /usr/bin/chromium (installed by .ci/run).
"""

from __future__ import annotations

import os

import pytest

from tests.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: F401 - imported from here by tests

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


def login(page, username: str, password: str = "Econdesk-test-2026") -> None:
    """Log in as `username`, leaving any earlier session first."""
    page.context.clear_cookies()
    page.goto(page.base_url + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
