"""What every project page shares: the region served, access checks and the save-a-form step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.audit.changes import to_form
from econdesk.ledger.models import Region
from econdesk.ledger.queries import home_region


def region_for(request) -> Region:
    """The region the pages serve: ?region=<id> if given, else the home district (本区)."""
    wanted = query.region_id(request.GET) or query.region_id(request.POST)
    if wanted is not None:
        return get_object_or_404(Region, pk=wanted)
    region = home_region()
    if region is None:
        raise Http404("尚未设置本级地区，请先导入地区或示例数据。")
    return region


def get_for_user(request, model, pk, action: str = "projects.read"):
    """The row with id `pk` if the user may `action` it (else PermissionDenied)."""
    obj = get_object_or_404(model, pk=pk)
    permissions.require(request.user, action, obj)
    return obj


def save_form(request, form, save, success_url: str, template: str, context: dict):
    """Run `save(form)` for a valid form; show the form again with Chinese errors otherwise."""
    if form.is_valid():
        try:
            obj = save(form)
        except ValidationError as exc:
            to_form(form, exc)
        else:
            messages.success(request, f"已保存：{obj}")
            return redirect(success_url.format(pk=obj.pk))
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)
