from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "econdesk.audit"
    label = "audit"
    verbose_name = "变更记录"
