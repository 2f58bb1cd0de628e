"""目标管理: the home region's targets by indicator, period and level; reviewers and admins add
or change one through the target service (which checks permission and records the change)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from econdesk.accounts import permissions
from econdesk.ledger import queries
from econdesk.ledger.models import Target
from econdesk.ledger.services.targets import save_target
from econdesk.web import reads
from econdesk.web.forms import TargetForm


def _year(params, years: list[int]) -> int | None:
    try:
        return int(params["year"])
    except (KeyError, ValueError):
        return years[0] if years else None


@login_required
def targets_page(request):
    permissions.require(request.user, "ledger.read")
    home = queries.home_region()
    years = reads.target_years(home)
    year = _year(request.GET, years)
    indicator = queries.active_indicators().filter(code=request.GET.get("indicator", "")).first()
    context = {
        "home": home,
        "years": years,
        "year": year,
        "indicator": indicator,
        "indicators": queries.active_indicators(),
        "targets": reads.targets_of(home, year, indicator),
    }
    return render(request, "web/targets.html", context)


def _existing(home, params) -> Target | None:
    """The target ?indicator=&year=&month=&level= names, when it exists (to change it)."""
    try:
        year, month = int(params["year"]), int(params["month"])
    except (KeyError, ValueError):
        return None
    return (
        reads.targets_of(home, None)
        .filter(
            indicator__code=params.get("indicator", ""),
            period__year=year,
            period__month=month,
            level=params.get("level", ""),
        )
        .first()
    )


@login_required
def target_edit(request):
    permissions.require(request.user, "ledger.edit_target")
    home = queries.home_region()
    if request.method == "POST":
        form = TargetForm(request.POST)
        if home is None:
            form.add_error(None, "尚未设定本级地区（本区），请管理员先在后台的“地区”中勾选“本级”。")
        if form.is_valid():
            data = form.cleaned_data
            result = save_target(
                request.user,
                region=home,
                indicator=data["indicator"],
                period=form.period_key,
                level=data["level"],
                growth=data["growth"],
                value=data["value"],
                rank_goal=data["rank_goal"],
                reason=data["reason"] or "网页维护目标",
            )
            messages.success(request, _saved_message(result))
            return redirect(f"{reverse('targets')}?year={form.period_key.year}")
    else:
        form = TargetForm(initial=TargetForm.initial_for(_existing(home, request.GET), request.GET))
    return render(request, "web/target_form.html", {"form": form, "home": home})


def _saved_message(result) -> str:
    if result.status == "unchanged":
        return "目标与原来相同，未作修改。"
    verb = "已新增目标" if result.status == "created" else "已修改目标"
    return f"{verb}：{result.describe()}"
