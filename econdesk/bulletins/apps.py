from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    name = "econdesk.bulletins"
    label = "bulletins"
    verbose_name = "通报与会议材料"
