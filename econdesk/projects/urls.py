"""URLs of the project pages, under /projects/ (app_name "projects")."""

from django.urls import path

from econdesk.projects.views import closure, projects, registers

app_name = "projects"

urlpatterns = [
    path("", projects.project_list, name="list"),
    path("new/", projects.project_edit, name="new"),
    path("<int:pk>/", projects.project_detail, name="detail"),
    path("<int:pk>/edit/", projects.project_edit, name="edit"),
    path("<int:pk>/months/", projects.project_months, name="months"),
    path("<int:pk>/procedures/", projects.project_procedures, name="procedures"),
    path("<int:pk>/problems/new/", projects.problem_edit, name="problem-new"),
    path("<int:pk>/problems/<int:problem_pk>/", projects.problem_edit, name="problem-edit"),
    path("closure/", closure.fai_closure, name="closure"),
    path("closure/industry/", closure.output_closure, name="closure-industry"),
    path("warnings/", closure.warning_list, name="warnings"),
    path("export/", closure.ledger_export, name="export"),
    path("import/", closure.ledger_import, name="import"),
    path("deals/", registers.deal_list, name="deals"),
    path("deals/new/", registers.deal_edit, name="deal-new"),
    path("deals/<int:pk>/", registers.deal_edit, name="deal-edit"),
    path("deals/<int:pk>/convert/", registers.deal_convert, name="deal-convert"),
    path("funding/", registers.funding_list, name="funding"),
    path("funding/new/", registers.funding_edit, name="funding-new"),
    path("funding/<int:pk>/", registers.funding_edit, name="funding-edit"),
    path("enterprises/", registers.enterprise_list, name="enterprises"),
    path("enterprises/new/", registers.enterprise_edit, name="enterprise-new"),
    path("enterprises/<int:pk>/", registers.enterprise_edit, name="enterprise-edit"),
    path("requests/", registers.request_list, name="requests"),
    path("requests/new/", registers.request_edit, name="request-new"),
    path("requests/<int:pk>/", registers.request_edit, name="request-edit"),
]
