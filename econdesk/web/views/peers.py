"""全市对比: the districts of the city for one indicator and period, with growth and rank."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from econdesk.accounts import permissions
from econdesk.analysis import peers
from econdesk.ledger import queries


@login_required
def peer_table(request):
    permissions.require(request.user, "ledger.read")
    choice = queries.PeerChoice.from_query(request.GET)
    context = {
        "choice": choice,
        "table": peers.peer_table(choice.group, choice.indicator, choice.period),
        "indicators": queries.active_indicators(),
        "periods": queries.periods_with_data(choice.indicator),
    }
    return render(request, "web/peer_table.html", context)
