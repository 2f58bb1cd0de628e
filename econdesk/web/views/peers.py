"""全市对比: the members of a peer group for one indicator and period, with growth and rank.

The group is the region picker's region's (本级's by default); ?group=ID names one directly.
The indicator and period default to ones the group has figures for, so the first view is
never a table of dashes, and the title and the selectors always name the same period.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.analysis import peers
from econdesk.ledger import queries
from econdesk.ledger.models import Observation, Region
from econdesk.web import numbers, reads
from econdesk.web.views.common import Place, chosen_region


def _group(params, region: Region | None) -> Region | None:
    wanted = query.object_id(params, "group")
    if wanted is not None:
        found = Region.objects.filter(pk=wanted, children__isnull=False).distinct().first()
        if found is not None:
            return found
    return region.parent if region is not None and region.parent_id else None


@login_required
def peer_table(request):
    permissions.require(request.user, "ledger.read")
    home = queries.home_region()
    region = chosen_region(request.GET, home)
    group = _group(request.GET, region)
    if region is not None and group is not None and region.parent_id != group.pk:
        region = None  # a group named directly: no member is highlighted
    indicators = queries.active_indicators()
    indicator = indicators.filter(code=request.GET.get("indicator") or "").first()
    indicator = indicator or reads.indicator_with_data(group, indicators)
    periods = reads.group_periods(group, indicator)
    period = reads.chosen_period(request.GET, periods)
    table = peers.peer_table(group, indicator, period)
    total = None
    if group and indicator and period:
        total = Observation.objects.filter(
            region=group,
            indicator=indicator,
            period=period,
            kind=Observation.Kind.ACTUAL,
            is_current=True,
        ).first()
    values = [row.value for row in table] + ([total.value] if total else [])
    scale = numbers.scale_for(values, indicator.unit if indicator else "", _decimals(indicator))
    context = {
        "place": Place(region, periods, period, home, reads.region_groups()),
        "group": group,
        "indicator": indicator,
        "period": period,
        "table": table,
        "rows": [(row, scale.text(row.value)) for row in table],
        "total": total,
        "total_value": scale.text(total.value) if total else numbers.DASH,
        "scale": scale,
        "indicators": indicators,
        "periods": periods,
    }
    return render(request, "web/peer_table.html", context)


def _decimals(indicator) -> int:
    return indicator.decimals if indicator is not None else 2
