"""Pages of the other registers: deals, upward funding, scale-up enterprises, requests, rules."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.projects.forms import DealForm, EnterpriseForm, FundingForm, RequestForm
from econdesk.projects.models import (
    DealStage,
    Enterprise,
    EnterpriseRequest,
    IndustryChain,
    InvestmentDeal,
    Programme,
    ProjectRules,
    ScaleThreshold,
    UpwardFunding,
)
from econdesk.projects.services import (
    StaleEdit,
    deal_to_project,
    errors_of,
    save_deal,
    save_enterprise,
    save_funding,
    save_request,
)
from econdesk.projects.thresholds import (
    STANDING_LABELS,
    annualised_revenue,
    scale_standing,
    threshold_share,
)
from econdesk.projects.views.common import get_for_user, region_for, save_form


def _edit(request, model, form_class, saver, pk, *, title, list_url, defaults=None):
    """The shared create-or-edit page of a register row."""
    region = region_for(request)
    if pk is None:
        permissions.require(request.user, "projects.edit")
        obj = model(region=region, **(defaults or {}))
    else:
        obj = get_for_user(request, model, pk, "projects.edit")
    form = form_class(request.POST or None, instance=obj, user=request.user)
    context = {"title": title, "list_url": list_url, "obj": obj if pk else None}
    if request.method != "POST":
        return render(request, "projects/register_form.html", {**context, "form": form})

    def save(f):
        return saver(request.user, f.instance, expected_version=f.expected_version)

    return save_form(request, form, save, list_url, "projects/register_form.html", context)


@login_required
def deal_list(request):
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    qs = permissions.visible(
        request.user, "projects.read", InvestmentDeal.objects.filter(region=region)
    ).select_related("industry_chain", "lead_department", "project")
    stage = request.GET.get("stage", "")
    chain = request.GET.get("chain", "")
    if stage:
        qs = qs.filter(stage=stage)
    if (chain_id := query.object_id(request.GET, "chain")) is not None:
        qs = qs.filter(industry_chain_id=chain_id)
    deals = list(qs)
    context = {
        "deals": deals,
        "stages": DealStage.choices,
        "chains": IndustryChain.objects.filter(is_active=True),
        "chosen": {"stage": stage, "chain": chain},
        "total": sum((d.amount for d in deals), Decimal(0)),
        "funds": sum((d.funds_in_place for d in deals), Decimal(0)),
    }
    return render(request, "projects/deal_list.html", context)


@login_required
def deal_edit(request, pk=None):
    return _edit(request, InvestmentDeal, DealForm, save_deal, pk, title="招商引资项目",
                 list_url="/projects/deals/")  # fmt: skip


@login_required
@require_POST
def deal_convert(request, pk):
    """Turn a signed deal into a major project (转化为重大项目)."""
    deal = get_for_user(request, InvestmentDeal, pk, "projects.edit")
    try:
        version = request.POST.get("version")
        if not (version or "").isdigit():  # the lost-update check is not optional
            raise StaleEdit(deal)
        project = deal_to_project(request.user, deal, expected_version=version)
    except ValidationError as exc:
        messages.error(request, "；".join(errors_of(exc)))
        return redirect("projects:deals")
    messages.success(request, f"已转为重大项目：{project}")
    return redirect("projects:detail", pk=project.pk)


@login_required
def funding_list(request):
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    qs = permissions.visible(
        request.user, "projects.read", UpwardFunding.objects.filter(region=region)
    ).select_related("project", "lead_department")
    programme = request.GET.get("programme", "")
    if programme:
        qs = qs.filter(programme=programme)
    totals = qs.aggregate(
        applied=Sum("applied_amount"), approved=Sum("approved_amount"),
        received=Sum("received_amount"),
    )  # fmt: skip
    context = {"rows": list(qs), "programmes": Programme.choices, "chosen": programme,
               "totals": totals}  # fmt: skip
    return render(request, "projects/funding_list.html", context)


@login_required
def funding_edit(request, pk=None):
    return _edit(request, UpwardFunding, FundingForm, save_funding, pk, title="对上争取",
                 list_url="/projects/funding/",
                 defaults={"year": timezone.localdate().year})  # fmt: skip


@login_required
def enterprise_list(request):
    """Scale-up enterprises beside their sector's threshold; candidates near it first."""
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    rules = ProjectRules.current()
    qs = permissions.visible(
        request.user, "projects.read", Enterprise.objects.filter(region=region)
    ).select_related("sector", "lead_department")
    status = request.GET.get("status", "")
    if status:
        qs = qs.filter(status=status)
    rows = []
    for e in qs:
        annual = annualised_revenue(e.revenue_to_date, e.months_reported)
        e.annual = annual
        e.share = threshold_share(annual, e.sector.amount)
        e.standing = scale_standing(e.revenue_to_date, e.months_reported, e.sector.amount,
                                    rules.near_threshold_share)  # fmt: skip
        e.standing_label = STANDING_LABELS[e.standing]
        rows.append(e)
    order = {"reached": 0, "near": 1, "qualified": 2, "below": 3, "unknown": 4}
    rows.sort(key=lambda e: (e.status == "enrolled", order[e.standing], -(e.share or 0)))
    context = {
        "rows": rows,
        "statuses": Enterprise.Status.choices,
        "chosen": status,
        "thresholds": ScaleThreshold.objects.all(),
        "near_share": rules.near_threshold_share,
    }
    return render(request, "projects/enterprise_list.html", context)


@login_required
def enterprise_edit(request, pk=None):
    return _edit(request, Enterprise, EnterpriseForm, save_enterprise, pk, title="升规培育企业",
                 list_url="/projects/enterprises/")  # fmt: skip


@login_required
def request_list(request):
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    qs = permissions.visible(
        request.user, "projects.read", EnterpriseRequest.objects.filter(region=region)
    ).select_related("lead_department")
    for name in ("kind", "status"):
        if value := request.GET.get(name, ""):
            qs = qs.filter(**{name: value})
    today = timezone.localdate()
    rows = list(qs)
    for r in rows:
        r.overdue = bool(r.deadline and r.deadline < today and r.status in ("open", "in_progress"))
    context = {
        "rows": rows,
        "kinds": EnterpriseRequest.Kind.choices,
        "statuses": EnterpriseRequest.Status.choices,
        "chosen": {"kind": request.GET.get("kind", ""), "status": request.GET.get("status", "")},
    }
    return render(request, "projects/request_list.html", context)


@login_required
def request_edit(request, pk=None):
    return _edit(request, EnterpriseRequest, RequestForm, save_request, pk, title="企业诉求",
                 list_url="/projects/requests/",
                 defaults={"raised_on": timezone.localdate()})  # fmt: skip
