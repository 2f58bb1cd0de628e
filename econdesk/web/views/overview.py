"""总览: one card per indicator for the home region and the chosen period."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from econdesk.accounts import permissions
from econdesk.analysis.panel import build_panel
from econdesk.web import reads, sections
from econdesk.web.views.common import place_for


@login_required
def overview(request):
    permissions.require(request.user, "ledger.read")
    place = place_for(request)
    panel = build_panel(place.home, place.key, reads.panel_indicators()) if place.period else None
    if panel:
        reads.evaluate_past_targets(panel, place.region)
    context = {
        "place": place,
        "panel": panel,
        "sections": sections.overview_sections(panel, place.key) if panel else [],
        "counts": sections.status_counts(panel["indicators"]) if panel else [],
    }
    return render(request, "web/overview.html", context)
