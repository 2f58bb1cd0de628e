"""/notify/: push channels, subscriptions, mobile numbers and the delivery log (admin)."""

from django.urls import path

from econdesk.notify import views

app_name = "notify"

urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("channels/new/", views.channel_form, name="channel-new"),
    path("channels/<int:pk>/", views.channel_form, name="channel"),
    path("messages/<int:pk>/settle/", views.settle, name="settle"),
    path("contacts/", views.contacts, name="contacts"),
]
