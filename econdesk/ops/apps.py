from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "econdesk.ops"
    label = "ops"
    verbose_name = "运维"
