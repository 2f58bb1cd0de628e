from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "econdesk.projects"
    label = "projects"
    verbose_name = "项目与企业"
