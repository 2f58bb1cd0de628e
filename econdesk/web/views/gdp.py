"""GDP测算: sector weights, driver growths, pulls and contribution rates, the estimate against
the GDP target, and the reverse calculation for a target the user types (htmx partial)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from econdesk.accounts import permissions
from econdesk.analysis.gdp_estimate import estimate_for
from econdesk.web import charts
from econdesk.web.forms import GdpTargetForm
from econdesk.web.views.common import place_for


@login_required
def gdp_page(request):
    permissions.require(request.user, "ledger.read")
    place = place_for(request)
    form = GdpTargetForm(request.GET or None)
    target = form.cleaned_data.get("target") if form.is_valid() else None
    context = {"place": place, "form": form}
    if place.period is not None:
        estimate = estimate_for(place.home, place.key, target)
        context.update(estimate=estimate, pulls_chart=charts.gdp_pulls(estimate))
    partial = request.headers.get("HX-Request") == "true"
    template = "web/_gdp_reverse.html" if partial else "web/gdp.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
