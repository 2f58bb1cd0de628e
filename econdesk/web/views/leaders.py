"""分管领导: each leader's indicators as the report given at the meeting —
目标完成情况、存在问题及下阶段工作打算 — with the figures and the departments' notes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from econdesk.accounts import permissions
from econdesk.analysis.panel import build_panel
from econdesk.web import reads, sections
from econdesk.web.views.common import place_for


@login_required
def leaders_page(request):
    permissions.require(request.user, "ledger.read")
    place = place_for(request)
    leaders, owned = reads.leaders_and_their_indicators()
    mine = reads.leader_of(request.user)
    reports, total_label = [], "全市"
    if place.period is not None:
        panel = build_panel(place.home, place.key, reads.panel_indicators())
        reads.evaluate_past_targets(panel, place.region)
        total_label = panel["total_label"] or total_label
        reports = sections.leader_reports(panel, leaders, owned, first=mine)
        reports = sections.only_leader(reports, request.GET.get("leader"))
        reads.attach_department_notes(reports, place.period)
    context = {
        "place": place,
        "reports": reports,
        "one": len(reports) == 1 and bool(request.GET.get("leader")),
        "mine": mine,
        "total_label": total_label,
    }
    return render(request, "web/leaders.html", context)
