"""排位总表: for one peer group and period, every member's growth and rank in every indicator,
coloured by status, sortable, with the group's total; also as an Excel file."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from econdesk.accounts import permissions
from econdesk.analysis import panel_cache
from econdesk.analysis.peers import ranking_table
from econdesk.ledger import queries
from econdesk.ledger.models import Region
from econdesk.params import object_id
from econdesk.web import reads
from econdesk.web.ranking import excel, layout
from econdesk.web.views.common import chosen_region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _choice(params):
    """(groups, group, periods, period, home): ?group=ID, else the picked region's group."""
    groups = reads.peer_groups()
    home = queries.home_region()
    group = None
    wanted = object_id(params, "group")
    if wanted is not None:
        group = next((g for g in groups if g.pk == wanted), None)
    if group is None:
        region = chosen_region(params, home)
        parent_id = region.parent_id if region is not None else None
        group = next((g for g in groups if g.pk == parent_id), None)
    if group is None and groups:
        group = groups[0]
    periods = reads.group_periods(group, None)
    return groups, group, periods, reads.chosen_period(params, periods), home


def _title(group: Region, period) -> str:
    return f"{group.name}各区（市）县主要经济指标排位总表（{period.year}年{period.display_label}）"


def _table(group, period):
    indicators = list(reads.panel_indicators())
    table = ranking_table(group, period, indicators)
    table.indicators = layout.columns_with_figures(table)
    return table


def _page_parts(group, period, home) -> dict:
    """The table's columns, total row and member rows (as HTML), kept between requests until
    the ledger changes (the panel cache's stamp: one query)."""
    key = None
    if panel_cache.usable():
        raw = f"ranking|{connection.alias}|{group.pk}|{period.pk}|{home.pk if home else ''}|"
        key = (
            "econdesk:ranking:"
            + hashlib.sha256((raw + "|".join(panel_cache.ledger_stamp())).encode()).hexdigest()
        )
        parts = cache.get(key)
        if parts is not None:
            return parts
    table = _table(group, period)
    parts = {
        "columns": [ind.name for ind in table.indicators],
        "total": layout.total_cells(table),
        "body": str(layout.html_rows(layout.rows_of(table), home.pk if home else None)),
        "has_figures": table.has_figures,
    }
    if key is not None:
        cache.set(key, parts, panel_cache.TIMEOUT_SECONDS)
    return parts


@login_required
def ranking_page(request):
    permissions.require(request.user, "ledger.read")
    groups, group, periods, period, home = _choice(request.GET)
    context = {"groups": groups, "group": group, "periods": periods, "period": period}
    if group is not None and period is not None:
        parts = _page_parts(group, period, home)
        context.update(
            table=parts["has_figures"],
            columns=parts["columns"],
            total=parts["total"],
            body=mark_safe(parts["body"]),  # noqa: S308 (built by layout.html_rows, escaped)
            title=_title(group, period),
            excel_query=urlencode({"group": group.pk, "period": period.code}),
        )
    return render(request, "web/ranking.html", context)


@login_required
def ranking_excel(request):
    permissions.require(request.user, "ledger.read")
    _, group, _, period, _ = _choice(request.GET)
    if group is None or period is None:
        return HttpResponse(
            "暂无可导出的排位数据。", status=404, content_type="text/plain; charset=utf-8"
        )
    title = _title(group, period)
    response = HttpResponse(excel.workbook(_table(group, period), title), content_type=XLSX)
    name = f"{group.name}排位总表{period.code}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
