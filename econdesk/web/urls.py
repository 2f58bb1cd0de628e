from django.contrib.auth import views as auth_views
from django.urls import path

from econdesk.accounts import views as account_views
from econdesk.web.views import (
    configuration,
    gdp,
    indicator,
    leaders,
    overview,
    peers,
    ranking,
    targets,
)

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Branded, audited 修改密码 (econdesk/accounts/views.py): the change is recorded, tokens die.
    path("password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        account_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("", overview.overview, name="overview"),
    path("peers/", peers.peer_table, name="peer-table"),
    path("ranking/", ranking.ranking_page, name="ranking-table"),
    path("ranking/excel/", ranking.ranking_excel, name="ranking-excel"),
    path("indicators/<slug:code>/", indicator.indicator_page, name="indicator"),
    path("leaders/", leaders.leaders_page, name="leaders"),
    path("targets/", targets.targets_page, name="targets"),
    path("targets/edit/", targets.target_edit, name="target-edit"),
    path("gdp/", gdp.gdp_page, name="gdp"),
    path("settings/", configuration.settings_page, name="settings"),
]
