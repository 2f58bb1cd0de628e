"""Notify fixtures: a key file under tmp, the fake robots on 127.0.0.1, and four channels."""

from __future__ import annotations

import pytest

from econdesk.notify import services
from econdesk.notify.kinds import LABELS
from econdesk.notify.models import Channel, ChannelKind
from tests.notify.robots import DING_SECRET, RobotServer

SMS_TEMPLATE = '{"mobile": "{{mobile}}", "content": "{{text}}", "msgid": "{{idempotency_key}}"}'
KEYWORD = "经济运行"


@pytest.fixture(autouse=True)
def _notify_env(monkeypatch, tmp_path, settings):
    monkeypatch.delenv("ECONDESK_NOTIFY_KEY", raising=False)
    monkeypatch.setenv("ECONDESK_NOTIFY_KEY_FILE", str(tmp_path / "notify.key"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ECONDESK_SITE_URL = "https://econdesk.example.gov.cn"


@pytest.fixture
def robots():
    server = RobotServer(keyword=KEYWORD).start()
    yield server
    try:
        server.stop()
    except Exception:  # noqa: BLE001 - a test may have stopped it already
        pass


def make_channel(admin, kind, url="", *, events=tuple(LABELS), **extra) -> Channel:
    draft = services.ChannelDraft(name=extra.pop("name", kind), kind=kind, url=url,
                                  timeout_seconds=extra.pop("timeout_seconds", 1), **extra)  # fmt: skip
    channel = services.save_channel(admin, draft)
    services.set_subscriptions(admin, channel, list(events))
    return channel


@pytest.fixture
def wecom(robots, people):
    return make_channel(people["admin"], ChannelKind.WECOM, robots.wecom_url, name="发改局工作群")


@pytest.fixture
def dingtalk(robots, people):
    return make_channel(
        people["admin"], ChannelKind.DINGTALK, robots.dingtalk_url, name="区政府钉钉群",
        secret=DING_SECRET, keyword=KEYWORD,
    )  # fmt: skip


@pytest.fixture
def sms(robots, people):
    return make_channel(
        people["admin"], ChannelKind.SMS, robots.sms_url, name="政务短信平台",
        request_template=SMS_TEMPLATE, success_field="code", success_value="0",
    )  # fmt: skip


@pytest.fixture
def email(people):
    return make_channel(people["admin"], ChannelKind.EMAIL, name="邮件")
