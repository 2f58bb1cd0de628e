"""{% load audit_tags %} {% history_link obj %} — a link to an object's change history.

Shown only to those who may read the change record (audit.read); renders nothing otherwise or
for an unsaved object. An optional label: {% history_link obj "修改历史" %}.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from econdesk.accounts import permissions

register = template.Library()


def history_url(obj) -> str:
    return reverse("audit:history", args=[obj._meta.label, str(obj.pk)])


@register.simple_tag(takes_context=True)
def history_link(context, obj, label: str = "变更记录"):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if obj is None or getattr(obj, "pk", None) is None or not permissions.can(user, "audit.read"):
        return ""
    return format_html('<a class="history-link" href="{}">{}</a>', history_url(obj), label)
