"""/reporting/: department reports (填报 → 审核 → 发布) and data import (数据导入)."""

from django.urls import path, re_path

from econdesk.reporting import layout_views, views

app_name = "reporting"
REPORT = r"^report/(?P<indicator>[-\w]+)/(?P<period>\d{4}-\d{2})/"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(REPORT + r"$", views.report, name="report"),
    re_path(REPORT + r"return/$", views.return_report, name="return"),
    re_path(REPORT + r"approve/$", views.approve, name="approve"),
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/", views.import_preview, name="import-preview"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import-confirm"),
    path("import/<int:pk>/refresh/", views.import_refresh, name="import-refresh"),
    path("import/<int:pk>/layout/", layout_views.map_upload, name="import-layout"),
    path("import/layouts/", layout_views.layout_list, name="import-layouts"),
    path("import/layouts/<int:pk>/", layout_views.layout_edit, name="import-layout-edit"),
]
