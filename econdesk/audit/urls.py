"""URLs of the change-record pages, under /audit/ (app_name "audit")."""

from django.urls import path

from econdesk.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.record_list, name="list"),
    path("as-of/", views.figure_page, name="as-of"),
    path("<str:object_type>/<str:object_id>/", views.object_history, name="history"),
]
