"""The push settings page in Debian's Chromium: channels with masked addresses, the messages
to settle, the delivery log and the robots' answers. ECONDESK_SCREENSHOTS=1 saves the picture
as docs/screenshots/notify-settings.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone

from econdesk.notify import services, worker
from tests.browser import end_idle_server_sessions
from tests.e2e.conftest import login
from tests.notify.robots import WECOM_KEY
from tests.notify.test_delivery import bulletin_event

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
SHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "notify-settings.png"


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()
    end_idle_server_sessions()


def test_the_admin_reads_channels_and_the_delivery_log(
    page, robots, people, wecom, dingtalk, sms, tmp_path
):
    services.set_mobile(people["admin"], people["leader"], "13800138000")
    t0 = timezone.now()
    for n in (8, 9):
        bulletin_event(n)
    robots.plan = ["ok", "http500", "ok", "slow"]
    worker.deliver(now=t0)
    robots.stop()
    bulletin_event(10)
    worker.deliver(now=t0)

    login(page, "alice")
    page.goto(page.base_url + "/settings/")
    page.click("text=推送设置")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("main")
    assert "发改局工作群" in body and "区政府钉钉群" in body and "政务短信平台" in body
    assert WECOM_KEY not in body and "key=****" + WECOM_KEY[-4:] in body
    assert "需要处理的消息" in body and "结果不明（待确认）" in body
    assert "无法连接" in body and "连接被拒绝" in body  # the robots' answers, in the log
    assert "已送达" in body and "待发送" in body
    target = SHOT if os.environ.get("ECONDESK_SCREENSHOTS") else tmp_path / SHOT.name
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
