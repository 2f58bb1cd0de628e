"""{% load bulletin_notifications %}{% unread_notifications %}: the reader's unread count."""

from django import template

from econdesk.bulletins.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many bulletin notifications the logged-in user has not read (0 when logged out)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return unread_count(user)
