from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from econdesk.api import analysis_views, views
from econdesk.api.access import LedgerReadPermission
from econdesk.projects import api as projects_api
from econdesk.supervision import api as supervision_api

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("periods", views.PeriodViewSet, basename="period")
router.register("observations", views.ObservationViewSet, basename="observation")
router.register("targets", views.TargetViewSet, basename="target")
router.register("projects", projects_api.MajorProjectViewSet, basename="project")
router.register("deals", projects_api.InvestmentDealViewSet, basename="deal")
router.register("funding", projects_api.UpwardFundingViewSet, basename="funding")
router.register("enterprises", projects_api.EnterpriseViewSet, basename="enterprise")
router.register("enterprise-requests", projects_api.EnterpriseRequestViewSet, basename="request")
router.register("meetings", supervision_api.MeetingViewSet, basename="meeting")
router.register("supervised-tasks", supervision_api.TaskViewSet, basename="supervised-task")
router.register("scores", supervision_api.ScoreViewSet, basename="score")
router.register("reminders", supervision_api.ReminderViewSet, basename="reminder")

SIGNED_IN = {"permission_classes": [LedgerReadPermission]}

urlpatterns = [
    path("v1/panel/", analysis_views.panel, name="api-panel"),
    path("v1/gdp/", analysis_views.gdp, name="api-gdp"),
    path("v1/observations/as-of/", include("econdesk.audit.api")),  # before the router's <pk>
    path("v1/", include(router.urls)),
    # The schema and its viewers ask the rule book too (drf-spectacular serves them to anyone).
    path("schema/", SpectacularAPIView.as_view(**SIGNED_IN), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema", **SIGNED_IN),
        name="api-docs",
    ),
    path(
        "redoc/", SpectacularRedocView.as_view(url_name="api-schema", **SIGNED_IN), name="api-redoc"
    ),
]
