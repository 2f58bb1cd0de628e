"""What every project page shares: the region served, access checks and the save-a-form step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from econdesk.accounts import permissions
from econdesk.ledger.models import Region
from econdesk.ledger.queries import home_region
from econdesk.projects.services import StaleEdit


def region_for(request) -> Region:
    """The region the pages serve: ?region=<id> if given, else the home district (本区)."""
    wanted = request.GET.get("region") or request.POST.get("region")
    if wanted and str(wanted).isdigit():
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


def attach_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: by field where the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                label = ""
                if target is None and field != "__all__":
                    try:
                        label = f"{form.instance._meta.get_field(field).verbose_name}："
                    except Exception:
                        label = ""
                form.add_error(target, f"{label}{' '.join(error.messages)}")
    else:
        for message in exc.messages:
            form.add_error(None, message)


def save_form(request, form, save, success_url: str, template: str, context: dict):
    """Run `save(form)` for a valid form; show the form again with Chinese errors otherwise."""
    if form.is_valid():
        try:
            obj = save(form)
        except ValidationError as exc:
            attach_errors(form, exc)
        except StaleEdit as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{obj}")
            return redirect(success_url.format(pk=obj.pk))
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)
