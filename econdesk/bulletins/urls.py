"""/bulletins/: generate, issue, archive, templates and notifications."""

from django.urls import path

from econdesk.bulletins import views

app_name = "bulletins"
urlpatterns = [
    path("", views.index, name="index"),
    path("generate/", views.generate, name="generate"),
    path("issue/", views.issue, name="issue"),
    path("issue/confirm/", views.issue_confirm, name="issue-confirm"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download/<str:fmt>/", views.download, name="download"),
    path("templates/<str:kind>/", views.template_download, name="template-download"),
    path("templates/<str:kind>/upload/", views.template_upload, name="template-upload"),
    path("templates/<str:kind>/reset/", views.template_reset, name="template-reset"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
]
