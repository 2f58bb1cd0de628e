"""Login throttling and lockout: per user name and per address, kept in the database.

Five wrong passwords for one name within 15 minutes lock it for 15 minutes (the right password
is refused too, with a Chinese message saying when to retry); twenty from one address lock the
address. Admins unlock in the admin. The rules are in econdesk/accounts/security.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils import timezone

from econdesk.accounts import security
from econdesk.accounts.models import LoginAttempt

PASSWORD = "Econdesk-test-2026"
LOGIN = "/login/"


def attempt(client, username, password="wrong-password", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, **extra):
    for _ in range(times):
        response = attempt(client, username, **extra)
    return response


def test_the_settings_default_to_five_failures_in_fifteen_minutes_for_fifteen_minutes():
    rule = security.policy(LoginAttempt.Scope.USERNAME)
    assert (rule.limit, rule.window, rule.lockout) == (
        5,
        timedelta(minutes=15),
        timedelta(minutes=15),
    )
    assert security.policy(LoginAttempt.Scope.ADDRESS).limit == 20


def test_four_failures_only_say_the_password_is_wrong(client, people):
    response = fail(client, "leo", 4)
    text = response.content.decode()
    assert "用户名或密码不正确" in text and "锁定" not in text
    assert not LoginAttempt.objects.get(scope="username", key="leo").is_locked()
    attempt(client, "leo", PASSWORD)
    assert logged_in(client)


def test_the_fifth_failure_locks_the_account_and_says_when_to_retry(client, people):
    before = timezone.now()
    response = fail(client, "leo", 5)
    text = response.content.decode()
    row = LoginAttempt.objects.get(scope="username", key="leo")
    assert row.is_locked()
    assert (
        before + timedelta(minutes=15) <= row.locked_until <= timezone.now() + timedelta(minutes=15)
    )
    retry = timezone.localtime(row.locked_until).strftime("%H:%M")
    assert "该账户登录失败次数过多，已暂时锁定" in text
    assert f"请于 {retry}（约 15 分钟后）再试" in text
    assert "联系系统管理员" in text
    assert "用户名或密码不正确" not in text


def test_a_locked_account_refuses_even_the_right_password(client, people):
    fail(client, "leo", 5)
    response = attempt(client, "leo", PASSWORD)
    assert not logged_in(client)
    assert "已暂时锁定" in response.content.decode()
    # Refusals while locked do not extend the lock.
    row = LoginAttempt.objects.get(scope="username", key="leo")
    assert row.failures == 5 and row.lock_count == 1


def test_the_lock_ends_by_itself_and_a_login_clears_the_count(client, people):
    fail(client, "leo", 5)
    LoginAttempt.objects.filter(key="leo").update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    attempt(client, "leo", PASSWORD)
    assert logged_in(client)
    row = LoginAttempt.objects.get(scope="username", key="leo")
    assert (row.failures, row.locked_until) == (0, None)


def test_failures_outside_the_window_start_a_new_count(client, people):
    fail(client, "leo", 4)
    LoginAttempt.objects.filter(key="leo").update(
        window_started_at=timezone.now() - timedelta(minutes=16)
    )
    attempt(client, "leo")
    row = LoginAttempt.objects.get(scope="username", key="leo")
    assert row.failures == 1 and not row.is_locked()


def test_a_success_resets_the_name_so_failures_must_be_consecutive(client, people):
    fail(client, "leo", 4)
    attempt(client, "leo", PASSWORD)
    client.logout()
    fail(client, "leo", 4)
    assert not LoginAttempt.objects.get(scope="username", key="leo").is_locked()


def test_unknown_names_lock_the_same_way_so_nothing_reveals_which_exist(client, db):
    response = fail(client, "nobody", 5)
    assert "该账户登录失败次数过多" in response.content.decode()


def test_spellings_of_a_name_share_one_count(client, people):
    for name in ["leo", "LEO", " Leo ", "leo", "lEo"]:
        attempt(client, name)
    assert LoginAttempt.objects.get(scope="username", key="leo").is_locked()


def test_other_accounts_are_not_affected(client, people):
    fail(client, "leo", 5)
    attempt(client, "rita", PASSWORD)
    assert logged_in(client)


def test_an_address_is_locked_after_twenty_failures_across_names(client, people, settings):
    names = ["u1", "u2", "u3", "u4", "u5"]
    for i in range(20):
        response = attempt(client, names[i % 5], REMOTE_ADDR="198.51.100.9")
    assert LoginAttempt.objects.get(scope="address", key="198.51.100.9").is_locked()
    assert "从您所在网络地址登录失败的次数过多" in response.content.decode()
    # The right password of an unlocked account is refused from that address…
    attempt(client, "rita", PASSWORD, REMOTE_ADDR="198.51.100.9")
    assert not logged_in(client)
    # …and accepted from another.
    attempt(client, "rita", PASSWORD, REMOTE_ADDR="198.51.100.10")
    assert logged_in(client)


def test_a_lock_written_by_another_process_is_honoured(client, people):
    # Another app process counts failures through the same table.
    for _ in range(5):
        security.record_failure("rita", "192.0.2.1")
    response = attempt(client, "rita", PASSWORD)
    assert not logged_in(client)
    assert "已暂时锁定" in response.content.decode()


def test_the_admin_login_is_throttled_too(client, people):
    people["admin"].is_staff = True
    people["admin"].save()
    for _ in range(5):
        response = client.post(
            "/admin/login/", {"username": "alice", "password": "wrong", "next": "/admin/"}
        )
    assert "已暂时锁定" in response.content.decode()


def test_authenticate_without_a_request_is_counted_by_name_only(people):
    for _ in range(4):
        assert authenticate(username="leo", password="wrong") is None
    # A lock is a ValidationError: forms (and DRF) show its message as their error.
    with pytest.raises(security.LoginLocked) as locked:
        authenticate(username="leo", password="wrong")
    assert locked.value.code == "locked" and "已暂时锁定" in locked.value.messages[0]
    assert LoginAttempt.objects.filter(
        scope="username", key="leo", locked_until__isnull=False
    ).exists()
    assert not LoginAttempt.objects.filter(scope="address").exists()


@pytest.fixture
def admin_client_for(client, people):
    people["admin"].is_staff = True
    people["admin"].is_superuser = True
    people["admin"].save()
    client.force_login(people["admin"])
    return client


def test_an_admin_unlocks_in_the_lockout_list(admin_client_for, people):
    for _ in range(5):
        security.record_failure("leo", "192.0.2.1")
    row = LoginAttempt.objects.get(scope="username", key="leo")
    listing = admin_client_for.get(
        reverse("admin:accounts_loginattempt_changelist"), {"locked": "yes"}
    )
    assert listing.status_code == 200 and "leo" in listing.content.decode()
    response = admin_client_for.post(
        reverse("admin:accounts_loginattempt_changelist"),
        {"action": "unlock", "_selected_action": [row.pk]},
        follow=True,
    )
    assert "已解除 1 条记录的锁定" in response.content.decode()
    row.refresh_from_db()
    assert not row.is_locked() and row.failures == 0


def test_an_admin_unlocks_from_the_user_list(admin_client_for, people):
    for _ in range(5):
        security.record_failure("leo", "192.0.2.1")
    response = admin_client_for.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_login", "_selected_action": [people["leader"].pk]},
        follow=True,
    )
    assert "已解除 1 个账户的登录锁定" in response.content.decode()
    assert not LoginAttempt.objects.get(scope="username", key="leo").is_locked()


def test_behind_nginx_the_forwarded_address_is_counted(client, people, settings):
    settings.ECONDESK_PROXY_COUNT = 1
    attempt(client, "leo", HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.77")
    row = LoginAttempt.objects.get(scope="username", key="leo")
    assert row.last_address == "198.51.100.77"  # the hop nginx added, not what the client said
    assert LoginAttempt.objects.filter(scope="address", key="198.51.100.77").exists()


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, people, settings):
    settings.ECONDESK_PROXY_COUNT = 0
    attempt(client, "leo", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert LoginAttempt.objects.get(scope="username", key="leo").last_address == "127.0.0.1"
