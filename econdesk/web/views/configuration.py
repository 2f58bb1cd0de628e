"""设置: for administrators, the back-office screens for departments, leaders, users, the
indicator catalogue and the GDP sector table (Django's admin, in Chinese)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from econdesk.accounts import permissions

SCREENS = [
    ("accounts", "department", "单位", "牵头部门、配合部门及其简称、排序"),
    ("accounts", "leader", "分管区领导", "姓名、职务、分管领域与登录账户"),
    ("accounts", "user", "用户", "登录账户、角色与所属单位"),
    ("ledger", "indicator", "指标目录", "名称、单位、口径、牵头部门与分管区领导"),
    ("ledger", "gdpsector", "GDP测算行业", "权重、推算指标、弹性系数、价格变动"),
    ("ledger", "region", "地区", "区县、功能区与本级"),
]


@login_required
def settings_page(request):
    permissions.require(request.user, "org.manage")
    context = {
        "screens": [(f"admin:{app}_{model}_changelist", *rest) for app, model, *rest in SCREENS]
    }
    return render(request, "web/settings.html", context)
