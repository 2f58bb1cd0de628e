"""Who a command-line change is recorded as: a named user, or the built-in 命令行 account."""

from __future__ import annotations

import getpass

from django.core.management.base import CommandError

from econdesk.accounts.models import Role, User
from econdesk.audit import context

CLI_USERNAME = "cli"


def command_user(username: str | None = None) -> User:
    """The user a command acts as. Without --user, the system's 命令行 account (an admin that
    cannot log in: whoever runs commands on the server already has its data)."""
    context.set_origin(context.Origin(source="cli", remote_addr=f"shell:{_login()}"))
    if username:
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"用户“{username}”不存在或已停用。") from exc
    user, created = User.objects.get_or_create(
        username=CLI_USERNAME,
        defaults={"display_name": "命令行", "role": Role.ADMIN, "is_active": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"
