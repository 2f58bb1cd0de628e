"""指标详情: growth against the city over time, the peer ranking, targets, gaps, what it takes
to move up, the projection, and where every figure came from."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from econdesk.accounts import permissions
from econdesk.analysis.panel import build_panel
from econdesk.analysis.peers import peer_table
from econdesk.ledger import queries
from econdesk.ledger.models import Indicator
from econdesk.web import charts, reads, sections
from econdesk.web.views.common import place_for


@login_required
def indicator_page(request, code):
    permissions.require(request.user, "ledger.read")
    other = (request.GET.get("indicator") or "").replace("\x00", "")  # NUL: a 500 on PostgreSQL
    if other and other != code and Indicator.objects.filter(code=other).exists():
        # The indicator picker is a plain GET form, so it works without JavaScript.
        query = urlencode({"period": request.GET.get("period", "")})
        return redirect(f"{reverse('indicator', args=[other])}?{query}")
    indicator = get_object_or_404(reads.panel_indicators(), code=code)
    place = place_for(request, indicator)
    context = {"place": place, "indicator": indicator, "indicators": queries.active_indicators()}
    if place.period is not None:
        home, key = place.home, place.key
        panel = build_panel(home, key, indicators=[indicator])
        reads.evaluate_past_targets(panel, home)
        row = sections.pick_row(panel, code)
        group = home.parent
        table = peer_table(group, indicator, place.period)
        total_label = panel["total_label"] or "全市"
        history = reads.growth_history(home, indicator, key)
        context.update(
            panel=panel,
            row=row,
            table=table,
            value_ranked=any(p.published_value_rank is not None for p in table),
            # 当月 columns only where the file printed a single month's figure for someone.
            month_values=any(p.month_value is not None for p in table),
            month_growths=any(p.month_growth is not None for p in table),
            group=group,
            growth_chart=charts.growth_over_time(history, home, total_label, indicator),
            peer_chart=charts.peer_ranking(
                table, row["total_growth"] if row else None, total_label, indicator, home.pk
            ),
            versions=reads.figure_versions(home, indicator, key),
        )
    return render(request, "web/indicator.html", context)
