"""Django's `createsuperuser`, with the new account in the change record (as 命令行).

The account is saved and recorded in one transaction (a failed record leaves no account); the
questions asked before, in the interactive mode, are outside it, so no write lock is held while
someone types a password.
"""

from django.contrib.auth.management.commands import createsuperuser
from django.db import transaction

from econdesk.accounts.cli_actor import command_user
from econdesk.audit.services import record_model_change

REASON = "createsuperuser 命令创建超级用户"


class _RecordingManager:
    """The user manager, whose create_superuser saves and records in one transaction."""

    def __init__(self, manager, database=None):
        self._manager, self._database = manager, database

    def __getattr__(self, name):
        return getattr(self._manager, name)

    def db_manager(self, using=None, hints=None):
        return _RecordingManager(self._manager.db_manager(using, hints), using)

    def create_superuser(self, *args, **kwargs):
        with transaction.atomic(using=self._database):
            actor = command_user()
            user = self._manager.create_superuser(*args, **kwargs)
            record_model_change(user=actor, obj=user, before=None, reason=REASON)
        return user


class _RecordingUsers:
    """The user model as Django's command sees it, with the recording manager."""

    def __init__(self, model):
        self._model = model

    def __getattr__(self, name):
        return getattr(self._model, name)

    def __call__(self, *args, **kwargs):  # the unsaved user Django validates a password against
        return self._model(*args, **kwargs)

    @property
    def _default_manager(self):
        return _RecordingManager(self._model._default_manager)


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        self.UserModel = _RecordingUsers(self.UserModel)
        return super().handle(*args, **options)
