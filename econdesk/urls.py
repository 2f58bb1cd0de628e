"""URL map: each app brings its own list."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "econdesk 经济运行调度平台 · 后台管理"
admin.site.site_title = "econdesk 后台"
admin.site.index_title = "台账与组织"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("econdesk.api.urls")),
    path("reporting/", include("econdesk.reporting.urls")),
    path("bulletins/", include("econdesk.bulletins.urls")),
    path("projects/", include("econdesk.projects.urls")),
    path("supervision/", include("econdesk.supervision.urls")),
    path("", include("econdesk.web.urls")),
]
