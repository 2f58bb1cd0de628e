"""Pages: the change record (filters), one object's history, and a figure as of a moment."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.accounts.models import User
from econdesk.audit import labels as history
from econdesk.audit.figures import MomentError, figure_as_of, parse_moment, source_of
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import user_label
from econdesk.ledger import queries
from econdesk.ledger.models import Observation, Period, Region

PAGE_SIZE = 50


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def filter_records(params, user=None) -> tuple[object, dict, list[str]]:
    """The records `user` may read (the rule book: a record shows only to those who may see
    the object it is about) matching the page's filters, the filters as given, and problems."""
    qs = permissions.visible(user, "audit.read", ChangeRecord.objects.all())
    chosen = {
        name: (params.get(name) or "").strip()
        for name in ("type", "user", "action", "since", "until", "q")
    }
    problems = []
    if chosen["type"]:
        qs = qs.filter(object_type=chosen["type"])
    if chosen["user"]:
        qs = qs.filter(user_name__icontains=chosen["user"])
    if chosen["action"]:
        qs = qs.filter(action=chosen["action"])
    for name, label in (("since", "起始日期"), ("until", "截止日期")):
        if not chosen[name]:
            continue
        day = parse_date(chosen[name]) if len(chosen[name]) == 10 else None
        if day is None:
            problems.append(f"{label}“{chosen[name]}”无法识别，请写成“2026-11-30”这样的年-月-日。")
        elif name == "since":
            qs = qs.filter(at__gte=_day_start(day))
        else:
            qs = qs.filter(at__lt=_day_start(day + timedelta(days=1)))
    if text := chosen["q"]:
        qs = qs.filter(
            Q(object_repr__icontains=text)
            | Q(reason__icontains=text)
            | Q(object_id=text)
            | Q(request_id=text)
            | Q(remote_addr=text)
        )
    return qs.order_by("-id"), chosen, problems


@login_required
def record_list(request):
    permissions.require(request.user, "audit.read")
    qs, chosen, problems = filter_records(request.GET, request.user)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    # From the model registry and the users table, not a DISTINCT over the whole record.
    types = {m._meta.label for m in apps.get_models() if m.__module__.startswith("econdesk.")}
    if chosen["type"]:
        types.add(chosen["type"])
    users = sorted({user_label(u) for u in User.objects.only("username", "display_name")})
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": history.with_changes(page.object_list),
        "chosen": chosen,
        "problems": problems,
        "types": sorted(((t, history.type_label(t)) for t in types), key=lambda t: t[1]),
        "users": users,
        "actions": ChangeRecord.Action.choices,
        "query": query.urlencode(),
    }
    return render(request, "audit/records.html", context)


@login_required
def object_history(request, object_type: str, object_id: str):
    permissions.require(request.user, "audit.read")
    model = history.model_of(object_type)
    current = None
    if model is not None:
        try:
            current = model._default_manager.filter(pk=object_id).first()
        except (ValueError, TypeError, ValidationError):
            current = None
    if current is not None and (action := permissions.RECORD_READS.get(object_type)):
        permissions.require(request.user, action, current)  # a draft's history is the draft's
    records = permissions.visible(
        request.user,
        "audit.read",
        ChangeRecord.objects.filter(object_type=object_type, object_id=object_id),
    ).order_by("-id")
    if not records.exists():
        raise Http404("该对象没有变更记录。")
    context = {
        "object_type": object_type,
        "object_id": object_id,
        "type_label": history.type_label(object_type),
        "title": str(current) if current is not None else records[0].object_repr,
        "exists": current is not None,
        "rows": history.with_changes(records),
    }
    return render(request, "audit/history.html", context)


@login_required
def figure_page(request):
    """A figure as it stood at a moment: value, growth, version, source — and every version."""
    permissions.require(request.user, "ledger.read")
    params = request.GET
    regions = list(
        Region.objects.select_related("parent").order_by("parent_id", "sort_order", "id")
    )
    indicators = list(queries.active_indicators())
    periods = list(Period.objects.order_by("-year", "-month"))
    home = queries.home_region()
    region = _pick(regions, params.get("region"), default=home or (regions[0] if regions else None))
    indicator = next((i for i in indicators if i.code == params.get("indicator")), None)
    indicator = indicator or (indicators[0] if indicators else None)
    key = query.period(params)
    if key is None and periods:
        key = periods[0].key
    kind = params.get("kind") or Observation.Kind.ACTUAL
    if kind not in Observation.Kind.values:
        kind = Observation.Kind.ACTUAL
    problems, result = [], None
    at_text = params.get("at", "")
    try:
        moment = parse_moment(at_text) if at_text else timezone.now()
    except MomentError as exc:
        problems.append(str(exc))
        moment = None
    if moment is not None and region and indicator and key:
        result = figure_as_of(region, indicator, key, moment, kind)
    context = {
        "regions": regions,
        "indicators": indicators,
        "periods": periods,
        "region": region,
        "indicator": indicator,
        "key": key,
        "kind": kind,
        "kinds": Observation.Kind.choices,
        "kind_label": Observation.Kind(kind).label,
        "at_text": at_text
        or timezone.localtime(moment or timezone.now()).strftime("%Y-%m-%d %H:%M"),
        "moment": moment,
        "result": result,
        "then_source": source_of(result.then) if result else "",
        "problems": problems,
    }
    return render(request, "audit/as_of.html", context)


def _pick(regions, value, default):
    if value:
        for region in regions:
            if str(region.pk) == value or region.name == value:
                return region
    return default
