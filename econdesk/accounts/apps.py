from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "econdesk.accounts"
    label = "accounts"
    verbose_name = "组织与账户"
