"""The settings page of the indicators' 红/黄/绿 rules (thin: the service checks and records)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from econdesk.accounts import permissions
from econdesk.audit import changes
from econdesk.ledger.forms import StatusRulesForm
from econdesk.ledger.models import StatusRuleSet
from econdesk.ledger.services import status_rules


@login_required
def status_rules_page(request):
    permissions.require(request.user, "ledger.read")
    current = StatusRuleSet.current()
    can_edit = permissions.can(request.user, status_rules.ACTION)
    initial = {name: getattr(current, name) for name in status_rules.FIELDS}
    form = StatusRulesForm(initial={**initial, "version": current.version})
    if request.method == "POST":
        permissions.require(request.user, status_rules.ACTION)
        form = StatusRulesForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                status_rules.save_rules(request.user, expected_version=version, **data)
                messages.success(request, "指标亮灯规则已保存，各页面和通报按新规则亮灯。")
                return redirect("status-rules")
            except ValidationError as error:
                changes.to_form(form, error)
    return render(
        request,
        "ledger/status_rules.html",
        {"form": form, "rules": current, "can_edit": can_edit},
        status=400 if form.errors else 200,
    )
