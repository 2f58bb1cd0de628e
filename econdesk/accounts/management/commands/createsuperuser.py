"""Django's `createsuperuser`, with the new account in the change record (as 命令行)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser
from django.db import transaction

from econdesk.accounts.cli_actor import command_user
from econdesk.audit.services import record_model_change


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        users = get_user_model()._default_manager.db_manager(options.get("database"))
        before = set(users.values_list("pk", flat=True))
        result = super().handle(*args, **options)
        with transaction.atomic(using=options.get("database")):
            actor = command_user()
            for user in users.exclude(pk__in=before).exclude(pk=actor.pk):
                record_model_change(user=actor, obj=user, before=None,
                                    reason="createsuperuser 命令创建超级用户")  # fmt: skip
        return result
