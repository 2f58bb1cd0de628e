"""URL map: each app brings its own list."""

from django.contrib import admin
from django.urls import include, path

from econdesk.audit.admin_mixins import open_to_role_admins
from econdesk.ledger.views import status_rules_page

admin.site.site_header = "econdesk 经济运行调度平台 · 后台管理"
admin.site.site_title = "econdesk 后台"
admin.site.index_title = "台账与组织"
open_to_role_admins(admin.site)  # role 系统管理员 enters the back office; is_staff is not needed

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("econdesk.api.urls")),
    path("reporting/", include("econdesk.reporting.urls")),
    path("bulletins/", include("econdesk.bulletins.urls")),
    path("projects/", include("econdesk.projects.urls")),
    path("supervision/", include("econdesk.supervision.urls")),
    path("audit/", include("econdesk.audit.urls")),
    path("notify/", include("econdesk.notify.urls")),
    path("account/", include("econdesk.accounts.urls")),
    path("settings/status-rules/", status_rules_page, name="status-rules"),
    path("", include("econdesk.web.urls")),
]
