from django.urls import path

from econdesk.accounts import views

app_name = "accounts"

urlpatterns = [
    path("tokens/", views.my_tokens, name="tokens"),
    path("tokens/all/", views.all_tokens, name="tokens-all"),
    path("tokens/<str:key>/revoke/", views.revoke_token, name="token-revoke"),
]
