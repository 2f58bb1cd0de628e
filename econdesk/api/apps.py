from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "econdesk.api"
    label = "api"
    verbose_name = "接口"
