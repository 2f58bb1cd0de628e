"""Pages of 数据填报 (report → review → publish) and 数据导入 (upload → preview → confirm).

Each view checks access first, then calls a service or a query, and renders. A refusal
(PermissionDenied from the rule book) becomes the site's Chinese 403 page with its reason.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from econdesk.accounts import permissions
from econdesk.audit.changes import to_form
from econdesk.ledger.models import Indicator
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.queries import home_region
from econdesk.reporting import imports, queries, services
from econdesk.reporting.forms import (
    ApproveForm,
    ConfirmForm,
    EstimateForm,
    ReturnForm,
    UploadForm,
)
from econdesk.reporting.models import EstimateReport, StagedImport
from econdesk.reporting.templatetags.reporting_tags import figure

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def _period_key(code: str) -> PeriodKey:
    match = _PERIOD.match(code)
    try:
        return PeriodKey(int(match.group(1)), int(match.group(2)))
    except (AttributeError, ValueError):
        raise Http404("期别应如 2026-12") from None


def _report_for_user(request, indicator_code: str, period_code: str):
    """The indicator, period and report (or None) of a report page, if the user may see it."""
    indicator = get_object_or_404(Indicator, code=indicator_code)
    key = _period_key(period_code)
    report = services.find_report(indicator, key)
    if report is not None and queries.may_see(request.user, report):
        return indicator, key, report
    if not permissions.can(request.user, "ledger.review_estimate"):
        permissions.require(request.user, "ledger.report_estimate", indicator)
    return indicator, key, report


@login_required
def index(request):
    """What each role does here: clerks report, reviewers review and import, others read."""
    permissions.require(request.user, "ledger.read")
    user = request.user
    key = queries.chosen_period(request.GET.get("period"))
    for_department = permissions.rules_of(user).department_scoped  # reports for its department
    context = {
        "key": key,
        "choices": queries.period_choices(),
        "home": home_region(),
        "for_department": for_department,
        "lines": (
            queries.department_lines(user.department, key)
            if for_department and user.department_id
            else []
        ),
        "can_review": permissions.can(user, "ledger.review_estimate"),
        "can_import": permissions.can(user, "ledger.import"),
        "reports": queries.reports_for_period(user, key),
    }
    if context["can_review"]:
        context["pending"] = queries.pending_for_review()
        context["all_lines"] = queries.all_lines(key)
    return render(request, "reporting/index.html", context)


@login_required
def report(request, indicator, period):
    """One report: the department's form, the review buttons, and its timeline."""
    indicator, key, found = _report_for_user(request, indicator, period)
    form = None
    if request.method == "POST":
        permissions.require(request.user, "ledger.report_estimate", indicator)
        form = EstimateForm(request.POST, indicator=indicator)
        if form.is_valid():
            try:
                found = _save_or_submit(request, indicator, key, found, form)
                return redirect(_report_url(indicator, key))
            except ValidationError as error:
                to_form(form, error)
    return _render_report(request, indicator, key, found, form=form)


def _save_or_submit(request, indicator, key, found, form) -> EstimateReport:
    """保存草稿, or 提交审核 with the form's edits; a refused submission saves nothing."""
    version = form.cleaned_data["version"]
    entry = form.entry()
    if request.POST.get("action") != "submit":
        found = services.save_draft(
            request.user, indicator=indicator, period=key, entry=entry, expected_version=version
        )
        messages.success(request, "草稿已保存。")
        return found
    # A new or published report becomes a draft first; both steps stand or fall together, so
    # the page's version stays right when the submission is refused.
    with transaction.atomic():
        if found is None or found.status == EstimateReport.Status.APPROVED:
            found = services.save_draft(
                request.user,
                indicator=indicator,
                period=key,
                entry=entry,
                expected_version=version,
            )
            version = found.version
        found = services.submit(
            request.user,
            found,
            expected_version=version,
            entry=entry,
            explanation=form.cleaned_data.get("explanation", ""),
        )
    messages.success(request, "已提交审核。")
    return found


@login_required
@require_POST
def return_report(request, indicator, period):
    permissions.require(request.user, "ledger.review_estimate")
    indicator, key, found = _report_for_user(request, indicator, period)
    if found is None:
        raise Http404("尚无该填报")
    return_form = ReturnForm(request.POST)
    if return_form.is_valid():
        try:
            services.return_report(
                request.user,
                found,
                reason=return_form.cleaned_data["reason"],
                expected_version=return_form.cleaned_data["version"],
            )
            messages.success(request, "已退回填报单位。")
            return redirect(_report_url(indicator, key))
        except ValidationError as error:
            to_form(return_form, error)
    return _render_report(request, indicator, key, found, return_form=return_form)


@login_required
@require_POST
def approve(request, indicator, period):
    permissions.require(request.user, "ledger.review_estimate")
    indicator, key, found = _report_for_user(request, indicator, period)
    if found is None:
        raise Http404("尚无该填报")
    approve_form = ApproveForm(request.POST)
    if approve_form.is_valid():
        try:
            services.approve(
                request.user, found, expected_version=approve_form.cleaned_data["version"]
            )
            messages.success(request, "审核通过，预计数已发布到台账。")
            return redirect(_report_url(indicator, key))
        except ValidationError as error:
            to_form(approve_form, error)
    return _render_report(request, indicator, key, found, approve_form=approve_form)


def _report_url(indicator: Indicator, key: PeriodKey) -> str:
    return reverse("reporting:report", args=[indicator.code, key.code])


def _render_report(request, indicator, key, found, *, form=None, **review_forms):
    user = request.user
    can_report = permissions.can(user, "ledger.report_estimate", indicator)
    editable = can_report and (found is None or found.status != EstimateReport.Status.SUBMITTED)
    if form is None and editable:
        initial = {"version": found.version if found else 0}
        if found:
            initial.update(
                value=figure(found.value) if found.value is not None else None,
                growth=figure(found.growth) if found.growth is not None else None,
                problems=found.problems,
                plans=found.plans,
            )
        form = EstimateForm(initial=initial, indicator=indicator)
    reviewing = (
        found is not None
        and found.status == EstimateReport.Status.SUBMITTED
        and permissions.can(user, "ledger.review_estimate")
    )
    version = {"version": found.version} if found else {}
    has_errors = bool(form is not None and form.errors) or any(
        f.errors for f in review_forms.values()
    )
    entry = None
    if form is not None and form.is_bound and hasattr(form, "cleaned_data"):
        entry = form.entry()
    elif found is not None and found.status != EstimateReport.Status.APPROVED:
        entry = services.EstimateEntry(found.value, found.growth)
    findings = (
        services.estimate_findings(indicator, found.region if found else None, key, entry)
        if entry is not None
        else []
    )
    context = {
        "indicator": indicator,
        "key": key,
        "home": home_region(),
        "report": found,
        "findings": findings,
        "form": form if editable else None,
        # Reviewers and admins may report on a department's behalf: their form is folded away
        # under the report, unless it carries errors to fix.
        "folded": editable
        and found is not None
        and not permissions.rules_of(user).department_scoped
        and not has_errors,
        "reviewing": reviewing,
        "return_form": review_forms.get("return_form") or ReturnForm(initial=version),
        "approve_form": review_forms.get("approve_form") or ApproveForm(initial=version),
        "events": queries.timeline(found),
    }
    return render(request, "reporting/report.html", context, status=400 if has_errors else 200)


# --- import ----------------------------------------------------------------------------------


def _staged_for_user(request, pk: int) -> StagedImport:
    permissions.require(request.user, "ledger.import")
    return get_object_or_404(StagedImport, pk=pk)


@login_required
def import_page(request):
    """Upload a bulletin, tidy table or targets file; the preview follows."""
    permissions.require(request.user, "ledger.import")
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                staged = imports.stage_upload(
                    request.user, form.cleaned_data["file"], options=form.options()
                )
                return redirect("reporting:import-preview", pk=staged.pk)
            except ValidationError as error:
                to_form(form, error)
    recent = StagedImport.objects.select_related("uploaded_by", "imported_by")[:20]
    status = 400 if form.errors else 200
    return render(request, "reporting/import.html", {"form": form, "recent": recent}, status=status)


@login_required
def import_preview(request, pk):
    """What the stored file would change (or every problem in it), and the confirm button."""
    staged = _staged_for_user(request, pk)
    context = {
        "staged": staged,
        "preview": staged.preview,
        "confirm_form": ConfirmForm(initial={"digest": staged.preview_digest}),
        **(imports.proposal_choices() if staged.preview.get("proposals") else {}),
    }
    return render(request, "reporting/import_preview.html", context)


@login_required
@require_POST
def import_confirm(request, pk):
    staged = _staged_for_user(request, pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for es in form.errors.values() for e in es)
                       if "explanation" in form.errors else "确认信息不完整，请重新确认。")  # fmt: skip
        return redirect("reporting:import-preview", pk=staged.pk)
    try:
        staged = imports.confirm_import(
            request.user,
            staged,
            seen_digest=form.cleaned_data["digest"],
            explanation=form.cleaned_data["explanation"],
        )
        p = staged.preview
        messages.success(
            request,
            f"导入完成：新增{p['created']}条，更正{p['revised']}条，未变{p['unchanged']}条"
            + (f"，目标{p['targets']}条" if p["targets"] else "")
            + "。",
        )
    except imports.PreviewOutdated as outdated:
        messages.error(request, outdated.message)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("reporting:import-preview", pk=staged.pk)


@login_required
@require_POST
def import_refresh(request, pk):
    staged = _staged_for_user(request, pk)
    answers = None
    if request.POST.get("answers") == "1":
        answers = imports.answers_from_form(request.POST, staged.preview.get("proposals") or [])
    try:
        imports.refresh_preview(request.user, staged, answers=answers)
        messages.success(
            request, "已按所填处理方式重新预览。" if answers else "已按当前台账重新预览。"
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("reporting:import-preview", pk=staged.pk)
