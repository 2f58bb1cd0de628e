"""设置: for administrators. The home region (本级) is changed here in one step; the back-office
screens for departments, leaders, users, the indicator catalogue, the GDP sector table and the
regions are linked (Django's admin, in Chinese)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from econdesk.accounts import permissions
from econdesk.audit.admin_mixins import is_back_office_user
from econdesk.ledger import queries
from econdesk.ledger.models import Region
from econdesk.ledger.services.regions import RegionLookupError, set_home_region
from econdesk.web import reads

SCREENS = [
    ("accounts", "department", "单位", "牵头部门、配合部门及其简称、排序"),
    ("accounts", "leader", "分管区领导", "姓名、职务、分管领域与登录账户"),
    ("accounts", "user", "用户", "登录账户、角色与所属单位"),
    ("ledger", "indicator", "指标目录", "名称、单位、口径、牵头部门与分管区领导"),
    ("ledger", "gdpsector", "GDP测算行业", "权重、推算指标、弹性系数、价格变动"),
    ("ledger", "region", "地区", "区县、功能区、别名与排序"),
]


def _change_home(request) -> str | None:
    """Set the home region from the form; the error in Chinese, or None when done."""
    raw = str(request.POST.get("home") or "")
    region = Region.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if region is None:
        return "请从列表中选择一个区县作为本级。"
    reason = (request.POST.get("reason") or "").strip()[:200]
    try:
        set_home_region(request.user, region, reason=reason or f"设置页：本级改为{region.name}")
    except RegionLookupError as error:
        return str(error)
    messages.success(request, f"本级已改为{region.name}（{region.parent.name}）。")
    return None


@login_required
def settings_page(request):
    permissions.require(request.user, "org.manage")
    error = None
    if request.method == "POST":
        error = _change_home(request)
        if error is None:
            return redirect(reverse("settings"))
    context = {
        "screens": [(f"admin:{app}_{model}_changelist", *rest) for app, model, *rest in SCREENS],
        "home": queries.home_region(),
        "groups": reads.region_groups(),
        "error": error,
        "back_office": is_back_office_user(request.user),
        "role_table": permissions.role_table(),
    }
    return render(request, "web/settings.html", context)
