from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "econdesk.supervision"
    label = "supervision"
    verbose_name = "督办与考核"
