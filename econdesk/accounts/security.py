"""Login throttling and lockout, kept in the database so every app process shares it.

Failed logins are counted per user name and per client address (LoginAttempt rows). When a
count reaches its limit inside the window, that name or address is locked for a while: every
login with it is refused, even with the right password, and the form says until when. A
successful login clears the user name's count (not the address's, or one valid account could
reset the count of an address that is guessing other people's passwords).

Settings (econdesk/settings.py, from the environment):

    ECONDESK_LOGIN_FAILURE_LIMIT           failures per user name before it locks (5)
    ECONDESK_LOGIN_ADDRESS_FAILURE_LIMIT   failures per address before it locks (20: a whole
                                           office often shares one address)
    ECONDESK_LOGIN_FAILURE_WINDOW_SECONDS  the window failures add up in (900)
    ECONDESK_LOGIN_LOCKOUT_SECONDS         how long a lock lasts (900)

The count is taken before the password is checked: each login attempt first reserves one
failure under a row lock (SELECT … FOR UPDATE on PostgreSQL; SQLite's write lock, taken at the
start of the transaction), and is refused without any password check once the reservations
reach the limit. So N parallel attempts get at most `limit` password checks, and a right
password sent inside a burst past the limit is refused like the rest. A right password gives
its reservation back. (django-axes was not used: it counts after the password check, which is
the race this closes.)

The check runs in LockoutModelBackend, so the login page, the admin login and anything else that
calls django.contrib.auth.authenticate() are covered. Administrators unlock in the admin
(登录失败与锁定 → 解除锁定, or 用户 → 解除登录锁定).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from econdesk.accounts.models import LoginAttempt

log = logging.getLogger("econdesk.security")

Scope = LoginAttempt.Scope


@dataclass(frozen=True)
class Policy:
    limit: int
    window: timedelta
    lockout: timedelta


def policy(scope: str) -> Policy:
    limit_setting = (
        "ECONDESK_LOGIN_FAILURE_LIMIT"
        if scope == Scope.USERNAME
        else "ECONDESK_LOGIN_ADDRESS_FAILURE_LIMIT"
    )
    return Policy(
        limit=max(1, int(getattr(settings, limit_setting, 5))),
        window=timedelta(seconds=getattr(settings, "ECONDESK_LOGIN_FAILURE_WINDOW_SECONDS", 900)),
        lockout=timedelta(seconds=getattr(settings, "ECONDESK_LOGIN_LOCKOUT_SECONDS", 900)),
    )


def username_key(username: str) -> str:
    """One counter for every spelling of a name (Alice, alice, ' alice ')."""
    return str(username).strip().casefold()[:150]


def client_address(request) -> str:
    """The client's address (already taken from X-Forwarded-For by ClientAddressMiddleware
    when ECONDESK_PROXY_COUNT says there are trusted proxies in front)."""
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _targets(username: str, address: str) -> list[tuple[str, str]]:
    targets = [(Scope.USERNAME, username_key(username))]
    if address:
        targets.append((Scope.ADDRESS, address))
    return targets


def active_lock(username: str, address: str, now: datetime | None = None) -> LoginAttempt | None:
    """The lock that stops this login now (the one lasting longest), or None."""
    now = now or timezone.now()
    keys = Q()
    for scope, key in _targets(username, address):
        keys |= Q(scope=scope, key=key)
    return LoginAttempt.objects.filter(keys, locked_until__gt=now).order_by("-locked_until").first()


def _locked_row(scope: str, key: str) -> LoginAttempt:
    """The row for (scope, key), locked for update until the transaction ends."""
    rows = LoginAttempt.objects.select_for_update()
    row = rows.filter(scope=scope, key=key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return LoginAttempt.objects.create(scope=scope, key=key)
    except IntegrityError:  # another process created it a moment ago
        return rows.get(scope=scope, key=key)


def _count_failure(scope: str, key: str, address: str, now: datetime) -> LoginAttempt:
    rule = policy(scope)
    with transaction.atomic():
        row = _locked_row(scope, key)
        lock_over = row.locked_until is not None and row.locked_until <= now
        window_over = row.window_started_at is None or now - row.window_started_at >= rule.window
        if lock_over or window_over:
            row.failures = 0
            row.window_started_at = now
            row.locked_until = None
        row.failures += 1
        row.last_failure_at = now
        row.last_address = address
        if row.failures >= rule.limit and not row.is_locked(now):
            row.locked_until = now + rule.lockout
            row.lock_count += 1
            log.warning(
                "登录锁定：%s %s 在 %s 内失败 %s 次，锁定至 %s（最近地址 %s）",
                row.get_scope_display(),
                key,
                rule.window,
                row.failures,
                timezone.localtime(row.locked_until).isoformat(timespec="seconds"),
                address or "未知",
            )
        row.save()
    return row


def _reserve_one(scope: str, key: str, address: str, now: datetime) -> LoginAttempt | None:
    """Take one attempt from the allowance of (scope, key) atomically; the lock that refuses
    it instead, when the name or address is locked or its allowance is used up."""
    rule = policy(scope)
    with transaction.atomic():
        row = _locked_row(scope, key)
        if row.is_locked(now):
            return row
        lock_over = row.locked_until is not None and row.locked_until <= now
        window_over = row.window_started_at is None or now - row.window_started_at >= rule.window
        if lock_over or window_over:
            row.failures = 0
            row.window_started_at = now
            row.locked_until = None
        if row.failures >= rule.limit:  # reservations in flight used the allowance up
            row.locked_until = now + rule.lockout
            row.lock_count += 1
            row.save()
            log.warning(
                "登录锁定：%s %s 并发尝试超过 %s 次", row.get_scope_display(), key, rule.limit
            )
            return row
        row.failures += 1
        row.last_failure_at = now
        row.last_address = address
        row.save()
    return None


def reserve(username: str, address: str, now: datetime | None = None) -> LoginAttempt | None:
    """Count this attempt as a failure before its password is checked (given back on success);
    returns the lock that refuses it, or None when the password may be checked."""
    now = now or timezone.now()
    taken = []
    for scope, key in _targets(username, address):
        lock = _reserve_one(scope, key, address, now)
        if lock is not None:
            for done_scope, done_key in taken:  # not checked: give the other count back
                _give_back(done_scope, done_key)
            return lock
        taken.append((scope, key))
    return None


def _give_back(scope: str, key: str) -> None:
    LoginAttempt.objects.filter(scope=scope, key=key, failures__gt=0).update(
        failures=F("failures") - 1
    )


def settle_failure(username: str, address: str, now: datetime | None = None):
    """After a wrong password (already counted by reserve()): lock what reached its limit;
    the lock it caused, if any."""
    now = now or timezone.now()
    locks = []
    for scope, key in _targets(username, address):
        rule = policy(scope)
        with transaction.atomic():
            row = _locked_row(scope, key)
            if row.failures >= rule.limit and not row.is_locked(now):
                row.locked_until = now + rule.lockout
                row.lock_count += 1
                row.save(update_fields=["locked_until", "lock_count"])
                log.warning(
                    "登录锁定：%s %s 在 %s 内失败 %s 次，锁定至 %s（最近地址 %s）",
                    row.get_scope_display(), key, rule.window, row.failures,
                    timezone.localtime(row.locked_until).isoformat(timespec="seconds"),
                    address or "未知",
                )  # fmt: skip
            if row.is_locked(now):
                locks.append(row)
    return max(locks, key=lambda row: row.locked_until) if locks else None


def settle_success(username: str, address: str) -> None:
    """A right password: the name's count starts again, the address gets its one back."""
    record_success(username)
    if address:
        _give_back(Scope.ADDRESS, address)


def record_failure(username: str, address: str, now: datetime | None = None) -> LoginAttempt | None:
    """Count one failed login against the name and the address; the lock it caused, if any."""
    now = now or timezone.now()
    locks = [
        row
        for scope, key in _targets(username, address)
        if (row := _count_failure(scope, key, address, now)).is_locked(now)
    ]
    return max(locks, key=lambda row: row.locked_until) if locks else None


def record_success(username: str) -> None:
    LoginAttempt.objects.filter(scope=Scope.USERNAME, key=username_key(username)).update(
        failures=0, window_started_at=None, locked_until=None
    )


def unlock(queryset, by=None) -> int:
    """Clear the counts and locks of the given LoginAttempt rows (the admin action); each
    unlock is in the change record, as `by`."""
    from econdesk.audit.services import record_model_change, snapshot

    count = 0
    with transaction.atomic():
        for row in queryset.select_for_update():
            before = snapshot(row)
            row.failures, row.window_started_at, row.locked_until = 0, None, None
            row.save(update_fields=["failures", "window_started_at", "locked_until"])
            record_model_change(user=by, obj=row, before=before, reason="管理员解除登录锁定")
            count += 1
    return count


def unlock_users(users, by=None) -> int:
    return unlock(
        LoginAttempt.objects.filter(
            scope=Scope.USERNAME, key__in=[username_key(u.get_username()) for u in users]
        ),
        by=by,
    )


def lock_message(row: LoginAttempt, now: datetime | None = None) -> str:
    """The Chinese sentence the login form shows: why, and when to try again."""
    now = now or timezone.now()
    until = timezone.localtime(row.locked_until)
    minutes = max(1, math.ceil((row.locked_until - now).total_seconds() / 60))
    same_day = until.date() == timezone.localtime(now).date()
    when = f"{until:%H:%M}" if same_day else f"{until.month}月{until.day}日 {until:%H:%M}"
    if row.scope == Scope.ADDRESS:
        what = "从您所在网络地址登录失败的次数过多，该地址已暂时禁止登录"
    else:
        what = "该账户登录失败次数过多，已暂时锁定"
    return f"{what}。请于 {when}（约 {minutes} 分钟后）再试；如需提前解锁，请联系系统管理员。"


class LoginLocked(ValidationError):
    """Raised from authenticate(): forms show it as their error (code "locked")."""

    def __init__(self, row: LoginAttempt, now: datetime | None = None):
        self.attempt = row
        super().__init__(lock_message(row, now), code="locked")


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses locked names and addresses and counts failures.

    A lock is reported by raising LoginLocked (a ValidationError): AuthenticationForm and the
    admin login show its message as the form error; DRF turns it into a 400.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._user_model_username_field())
        if username is None or password is None:
            return None
        address = client_address(request)
        now = timezone.now()
        lock = reserve(username, address, now)  # counted before the password is checked
        if lock is not None:
            raise LoginLocked(lock, now)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            lock = settle_failure(username, address, now)
            if lock is not None:
                raise LoginLocked(lock, now)
            return None
        settle_success(username, address)
        return user

    @staticmethod
    def _user_model_username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
