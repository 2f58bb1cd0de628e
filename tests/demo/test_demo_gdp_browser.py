"""The demo's GDP page in Debian's Chromium: the published 前三季度 stated as published, the
year's estimate with its back-tested error, the back-test table, and a target typed into the
reverse calculation answered in place with the industries out of reach flagged."""

from __future__ import annotations

import os
import re

import pytest

from econdesk.accounts.cli_actor import command_user
from econdesk.demo import profiles
from econdesk.demo.loader import load_demo
from tests.browser import end_idle_server_sessions
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page(browser, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(user=command_user())
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()
    end_idle_server_sessions()


def test_the_leader_reads_the_gdp_page_and_reverse_calculates_a_target(page):
    login(page, "leader", profiles.DEMO_PASSWORD)
    page.goto(page.base_url + "/gdp/?period=2026-09")
    assert page.locator("#gdp-estimate").inner_text() == "前三季度地区生产总值增长5.5%（公布数）"
    assert re.fullmatch(r"核对：测算\d+\.\d%，公布5\.5%（.+回测，按当时已有数据）。",
                        page.locator("#gdp-check").inner_text())  # fmt: skip

    page.goto(page.base_url + "/gdp/")
    statement = page.locator("#gdp-statement").inner_text()
    assert re.fullmatch(r"测算增长\d+\.\d%左右（近7个季度平均误差±\d\.\d个百分点）", statement)
    assert "2026年前三季度已公布5.5%，本期只测算其余部分" in page.locator("#gdp-band").inner_text()
    rows = page.locator("#backtest-table tbody tr")
    assert rows.count() == 7
    assert rows.last.locator("td").nth(1).inner_text() == "5.5"  # 2026年前三季度, as published

    page.fill("#reverse-card input[name=target]", "6.5")
    page.click("#reverse-card button[type=submit]")
    page.wait_for_selector("#gdp-vs-target:has-text('增长6.5%')")
    flagged = page.locator("#reverse-table tr.out-of-reach")
    names = [flagged.nth(i).locator("td").first.inner_text() for i in range(flagged.count())]
    assert "农林牧渔业" in names and "工业" not in names
    agriculture = flagged.filter(has_text="农林牧渔业").locator("td").last.inner_text()
    assert re.fullmatch(
        r"需增长\d+\.\d%，超出近五年最高增速（本行业增加值\d+\.\d%），不可依赖", agriculture
    )
    industry = page.locator("#reverse-table tr", has_text="规模以上工业增加值")
    assert industry.locator("td").last.inner_text() == "在近五年增速范围内"
    assert "target=6.5" in page.url  # the answer is a link the leader can send on
