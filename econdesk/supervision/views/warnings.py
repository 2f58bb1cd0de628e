"""预警立项: the red indicators of the home region (and red project warnings), each with a
button that turns it into a supervised task."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from econdesk.accounts import permissions
from econdesk.ledger.periods import parse_period
from econdesk.ledger.queries import home_region
from econdesk.supervision import warnings
from econdesk.web import reads


def _place(params):
    region = home_region()
    if region is None:
        raise Http404("尚未设置本级地区，请先导入地区或示例数据。")
    periods = reads.periods_for(region)
    return region, periods, reads.chosen_period(params, periods)


@login_required
def warning_list(request):
    permissions.require(request.user, "supervision.read")
    region, periods, period = _place(request.GET)
    today = timezone.localdate()
    context = {
        "region": region,
        "periods": periods,
        "period": period,
        "indicators": warnings.red_indicators(region, period.key) if period else [],
        "projects": warnings.red_project_warnings(region, today),
        "can_assign": permissions.can(request.user, "supervision.assign"),
        "today": today,
    }
    return render(request, "supervision/warnings.html", context)


@login_required
@require_POST
def from_indicator(request):
    permissions.require(request.user, "supervision.assign")
    region = home_region()
    key = parse_period(request.POST.get("period") or "")
    if region is None or key is None:
        raise Http404("期别不正确")
    try:
        task, created = warnings.task_from_indicator(
            request.user, region, key, request.POST.get("indicator", "")
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(f"/supervision/warnings/?period={key.code}")
    _say(request, task, created)
    return redirect("supervision:task", pk=task.pk)


@login_required
@require_POST
def from_project(request):
    permissions.require(request.user, "supervision.assign")
    region = home_region()
    try:
        task, created = warnings.task_from_project_warning(
            request.user, region, request.POST.get("source_ref", "")
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("supervision:warnings")
    _say(request, task, created)
    return redirect("supervision:task", pk=task.pk)


def _say(request, task, created: bool) -> None:
    if created:
        messages.success(request, f"已立为督办事项：{task.number}，请核对内容与办结时限。")
    else:
        messages.info(request, f"该预警已立为督办事项{task.number}，未重复立项。")
