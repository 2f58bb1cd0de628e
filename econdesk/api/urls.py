from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from econdesk.api import analysis_views, views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("periods", views.PeriodViewSet, basename="period")
router.register("observations", views.ObservationViewSet, basename="observation")
router.register("targets", views.TargetViewSet, basename="target")

urlpatterns = [
    path("v1/panel/", analysis_views.panel, name="api-panel"),
    path("v1/gdp/", analysis_views.gdp, name="api-gdp"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
