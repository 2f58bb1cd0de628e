"""Pages of 映射版式: map a staged upload's columns once; list and edit the saved layouts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from econdesk import params
from econdesk.accounts import permissions
from econdesk.audit import changes
from econdesk.ledger.models import Indicator, Layout
from econdesk.reporting import layouts
from econdesk.reporting.layout_forms import LayoutForm
from econdesk.reporting.models import StagedImport


def _page(request, draft, form, *, staged=None, status=200):
    context = {
        "draft": draft,
        "form": form,
        "staged": staged,
        "indicator_names": list(Indicator.objects.values_list("name", flat=True)),
    }
    return render(request, "reporting/import_layout.html", context, status=status)


@login_required
def map_upload(request, pk):
    """The stored file's first rows as a grid, and the form saying what each column holds."""
    permissions.require(request.user, "ledger.import")
    staged = get_object_or_404(StagedImport, pk=pk)
    sheet = params.integer(request.GET, "sheet", minimum=0, maximum=999, what="工作表序号") or 0
    try:
        draft = layouts.draft_for_upload(request.user, staged, sheet)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("reporting:import-preview", pk=staged.pk)
    if request.method != "POST":
        return _page(
            request, draft, LayoutForm(initial=draft.initial, grid=draft.grid), staged=staged
        )
    form = LayoutForm(request.POST, initial=draft.initial, grid=draft.grid)
    if form.is_valid():
        try:
            layout, _ = layouts.map_upload(
                request.user,
                staged,
                sheet=sheet,
                period=form.cleaned_data["period"],
                region=form.cleaned_data["region"],
                expected_version=form.cleaned_data["version"],
                **form.layout_fields(),
            )
            messages.success(request, f"已保存版式“{layout.name}”，并按其重新预览。")
            return redirect("reporting:import-preview", pk=staged.pk)
        except ValidationError as error:
            changes.to_form(form, error)
    return _page(request, draft, form, staged=staged, status=400)


@login_required
def layout_list(request):
    permissions.require(request.user, "ledger.import")
    saved = Layout.objects.select_related("created_by")
    return render(request, "reporting/import_layouts.html", {"layouts": saved})


@login_required
def layout_edit(request, pk):
    permissions.require(request.user, "ledger.import")
    layout = get_object_or_404(Layout, pk=pk)
    draft = layouts.draft_for_layout(request.user, layout)
    if request.method != "POST":
        return _page(request, draft, LayoutForm(initial=draft.initial, grid=draft.grid))
    form = LayoutForm(request.POST, initial=draft.initial, grid=draft.grid)
    if form.is_valid():
        try:
            layouts.edit_layout(
                request.user,
                layout,
                expected_version=form.cleaned_data["version"] or 0,
                **form.layout_fields(),
            )
            messages.success(request, f"已修改版式“{form.cleaned_data['name']}”。")
            return redirect("reporting:import-layouts")
        except ValidationError as error:
            changes.to_form(form, error)
    return _page(request, draft, form, status=400)
