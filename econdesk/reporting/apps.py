from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "econdesk.reporting"
    label = "reporting"
    verbose_name = "填报与审核"
