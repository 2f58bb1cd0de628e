from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _keep_guards(sender, using="default", **kwargs):
    # A SQLite table rebuild (any later migration touching the table) drops its triggers.
    from django.db import connections

    from econdesk.audit import guards

    guards.install(connections[using])


class AuditConfig(AppConfig):
    name = "econdesk.audit"
    label = "audit"
    verbose_name = "变更记录"

    def ready(self):
        post_migrate.connect(_keep_guards, sender=self, dispatch_uid="econdesk.audit.guards")
