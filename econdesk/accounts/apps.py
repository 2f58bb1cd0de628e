from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "econdesk.accounts"
    label = "accounts"
    verbose_name = "组织与账户"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from econdesk.accounts import tokens  # noqa: F401 - tokens die with a password change
        from econdesk.accounts.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="econdesk-session-clock")
