"""Django's `changepassword`, with the change in the change record (a digest, never the hash);
the user's API tokens die with it (econdesk/accounts/tokens.py)."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import changepassword
from django.db import transaction

from econdesk.accounts.cli_actor import command_user
from econdesk.audit.services import record_model_change, snapshot


class Command(changepassword.Command):
    def handle(self, *args, **options):
        username = options.get("username") or getpass.getuser()
        users = get_user_model()._default_manager.db_manager(options.get("database"))
        user = users.filter(**{get_user_model().USERNAME_FIELD: username}).first()
        before = snapshot(user) if user is not None else None
        result = super().handle(*args, **options)
        if user is not None:
            user.refresh_from_db()
            with transaction.atomic(using=options.get("database")):
                record_model_change(user=command_user(), obj=user, before=before,
                                    reason="changepassword 命令修改密码")  # fmt: skip
        return result
