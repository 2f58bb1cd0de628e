from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "econdesk.analysis"
    label = "analysis"
    verbose_name = "分析"
