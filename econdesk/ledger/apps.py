from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "econdesk.ledger"
    label = "ledger"
    verbose_name = "指标台账"
