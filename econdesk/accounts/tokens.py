"""API tokens (django-rest-knox): stored hashed, expiring, revocable, every change recorded.

knox keeps only a SHA-512 digest of each token and its first 15 characters (token_key, shown
in lists so a person can tell their tokens apart); the token itself is shown once, when made.
Tokens expire after ECONDESK_API_TOKEN_DAYS (90) and die when their owner's password changes
or the account is deactivated (signals below). Owners list and revoke their own tokens on
「我的令牌」; the 系统管理员 role lists and revokes everyone's.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from knox.models import AuthToken

from econdesk.audit.services import record

OBJECT_TYPE = "knox.AuthToken"


def lifetime() -> timedelta:
    return timedelta(days=int(getattr(settings, "ECONDESK_API_TOKEN_DAYS", 90)))


def _facts(token: AuthToken) -> dict:
    return {
        "user_id": token.user_id,
        "user": token.user.get_username(),
        "token_key": token.token_key,
        "created": token.created,
        "expiry": token.expiry,
    }


def issue(user, *, by, reason: str = "") -> tuple[AuthToken, str]:
    """A new token for `user`, made by `by`; (the row, the token to show once)."""
    with transaction.atomic():
        token, plain = AuthToken.objects.create(user=user, expiry=lifetime())
        record(
            user=by, action="create", object_type=OBJECT_TYPE, object_id=token.token_key,
            object_repr=f"{user.get_username()} 的 API 令牌 {token.token_key}…",
            after=_facts(token), reason=reason or "新建 API 令牌",
        )  # fmt: skip
    return token, plain


def revoke(token: AuthToken, *, by, reason: str) -> None:
    with transaction.atomic():
        record(
            user=by, action="delete", object_type=OBJECT_TYPE, object_id=token.token_key,
            object_repr=f"{token.user.get_username()} 的 API 令牌 {token.token_key}…",
            before=_facts(token), reason=reason,
        )  # fmt: skip
        AuthToken.objects.filter(pk=token.pk).delete()


def revoke_all(user, *, by, reason: str) -> int:
    tokens = list(AuthToken.objects.filter(user=user).select_related("user"))
    for token in tokens:
        revoke(token, by=by, reason=reason)
    return len(tokens)


def listed(viewer, *, everyone: bool = False):
    """The tokens `viewer` sees: their own, or (everyone=True, for admins) all, newest first;
    expired ones are left out (knox deletes them on their next use)."""
    qs = AuthToken.objects.select_related("user").filter(expiry__gt=timezone.now())
    if not everyone:
        qs = qs.filter(user=viewer)
    return qs.order_by("-created")


# --- tokens die with a password change or deactivation --------------------------------------

_BEFORE = "_econdesk_token_state"


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _remember_state(sender, instance, **kwargs):
    if instance.pk:
        old = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
        setattr(instance, _BEFORE, old)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _revoke_on_change(sender, instance, created, **kwargs):
    old = getattr(instance, _BEFORE, None)
    if created or not old:
        return
    if old["is_active"] and not instance.is_active:
        revoke_all(instance, by=None, reason="账户已停用，其 API 令牌一并作废")
    elif old["password"] != instance.password:
        revoke_all(instance, by=None, reason="密码已修改，此前的 API 令牌一并作废")
