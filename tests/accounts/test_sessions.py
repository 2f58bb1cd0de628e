"""Session expiry: logged out after ECONDESK_SESSION_IDLE_SECONDS without a request (2 h by
default), and SESSION_COOKIE_AGE after login at the latest, with a Chinese message."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from django.conf import settings

from econdesk.accounts import tokens
from econdesk.accounts.middleware import AUTH_AT, LAST_SEEN, TOUCH_EVERY_SECONDS
from tests.ops.throwaway import REPO


def set_clock(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def test_the_defaults_are_two_hours_idle_and_eight_hours_in_all():
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECONDESK_SESSION")}
    code = "from econdesk import settings as s; print(s.ECONDESK_SESSION_IDLE_SECONDS, s.SESSION_COOKIE_AGE)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["7200", "28800"]
    env.update(ECONDESK_SESSION_IDLE_SECONDS="600", ECONDESK_SESSION_SECONDS="3600")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["600", "3600"]


def test_login_starts_both_clocks(client, people):
    before = time.time()
    assert client.login(username="leo", password="Econdesk-test-2026")
    session = client.session
    assert before <= session[AUTH_AT] <= time.time()
    assert session[LAST_SEEN] == session[AUTH_AT]


def test_an_active_session_stays_and_its_last_request_is_remembered(client, people):
    client.force_login(people["leader"])
    idle = settings.ECONDESK_SESSION_IDLE_SECONDS
    set_clock(client, **{LAST_SEEN: time.time() - idle + 120})
    response = client.get("/")
    assert response.status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 5


def test_requests_within_a_minute_do_not_rewrite_the_session(client, people):
    client.force_login(people["leader"])
    seen = time.time() - TOUCH_EVERY_SECONDS / 2
    set_clock(client, **{LAST_SEEN: seen})
    client.get("/")
    assert client.session[LAST_SEEN] == seen


def test_an_idle_session_is_logged_out_with_a_message(client, people):
    client.force_login(people["leader"])
    set_clock(client, **{LAST_SEEN: time.time() - settings.ECONDESK_SESSION_IDLE_SECONDS - 1})
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0].startswith("/login/?next=/")
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "您已超过 2 小时未操作，为保护数据安全已自动退出，请重新登录。" in text


def test_a_session_ends_at_the_absolute_limit_even_when_busy(client, people):
    client.force_login(people["leader"])
    set_clock(
        client,
        **{AUTH_AT: time.time() - settings.SESSION_COOKIE_AGE - 1, LAST_SEEN: time.time()},
    )
    response = client.get("/", follow=True)
    assert "_auth_user_id" not in client.session
    assert "本次登录已超过 8 小时" in response.content.decode()


def test_the_idle_limit_follows_the_setting(client, people, settings):
    settings.ECONDESK_SESSION_IDLE_SECONDS = 600
    client.force_login(people["leader"])
    set_clock(client, **{LAST_SEEN: time.time() - 601})
    response = client.get("/", follow=True)
    assert "您已超过 10 分钟未操作" in response.content.decode()


def test_an_idle_session_cannot_use_the_api_either(client, people):
    client.force_login(people["leader"])
    set_clock(client, **{LAST_SEEN: time.time() - settings.ECONDESK_SESSION_IDLE_SECONDS - 1})
    response = client.get("/api/v1/indicators/")
    assert response.status_code in (401, 403)


def test_token_clients_have_no_session_to_expire(client, people):
    _row, token = tokens.issue(people["leader"], by=people["leader"])
    response = client.get("/api/v1/indicators/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
