from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "econdesk.notify"
    label = "notify"
    verbose_name = "消息推送"
