"""GDP测算: the published figure or the back-tested estimate, the calibrated sector table with
pulls and contribution rates, the back-test of the methods, and the reverse calculation for a
target the user types (htmx partial) with the 固投 closure plan's projects beside it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from econdesk.accounts import permissions
from econdesk.analysis.gdp_estimate import estimate_for
from econdesk.web import charts
from econdesk.web.forms import GdpTargetForm
from econdesk.web.views.common import place_for

PROJECTS_SHOWN = 5


def _investment_projects(region, key) -> dict | None:
    """The 固投 closure plan's largest projects: what feeds 建筑业 and the investment side."""
    from econdesk.ledger.models import Indicator
    from econdesk.projects.gapclosure import fai_closure

    try:
        closure = fai_closure(region, key)
    except Indicator.DoesNotExist:  # no 固投 in the catalogue
        return None
    plan = closure.plan
    if plan is None:
        return None
    lines = sorted([*plan.scheduled, *plan.pipeline], key=lambda line: -line.amount)
    return {
        "goal": closure.chosen.label if closure.chosen else "",
        "gap": plan.gap,
        "covered": plan.covered,
        "shortfall": plan.shortfall,
        "unit": closure.unit,
        "lines": lines[:PROJECTS_SHOWN],
        "more": max(0, len(lines) - PROJECTS_SHOWN),
    }


@login_required
def gdp_page(request):
    permissions.require(request.user, "ledger.read")
    place = place_for(request)
    form = GdpTargetForm(request.GET or None)
    target = form.cleaned_data.get("target") if form.is_valid() else None
    context = {"place": place, "form": form}
    if place.period is not None:
        estimate = estimate_for(place.home, place.key, target)
        context.update(
            estimate=estimate,
            pulls_chart=charts.gdp_pulls(estimate),
            projects=_investment_projects(place.home, place.key),
        )
    partial = request.headers.get("HX-Request") == "true"
    template = "web/_gdp_reverse.html" if partial else "web/gdp.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
