"""The push settings page (推送设置): channels, what each subscribes to, mobile numbers, and the
delivery log with what each channel answered. For the 系统管理员 role (org.manage)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from econdesk.accounts import permissions
from econdesk.accounts.models import User
from econdesk.audit.changes import to_form
from econdesk.notify import services
from econdesk.notify.forms import ChannelForm
from econdesk.notify.kinds import LABELS
from econdesk.notify.models import Attempt, Channel, Contact, Message

S = Message.Status


@login_required
def settings_page(request):
    permissions.require(request.user, "org.manage")
    channels = Channel.objects.select_related("department").annotate(
        n_sent=Count("messages", filter=Q(messages__status=S.SENT)),
        n_waiting=Count("messages", filter=Q(messages__status__in=[S.PENDING, S.SENDING])),
        n_trouble=Count("messages", filter=Q(messages__status__in=[S.FAILED, S.UNCERTAIN])),
    )
    rows = []
    for channel in channels.prefetch_related("subscriptions"):
        kinds = [LABELS[s.event_kind] for s in channel.subscriptions.all()]
        rows.append({"channel": channel, "shown": services.shown(channel), "kinds": kinds})
    trouble = Message.objects.filter(status__in=[S.FAILED, S.UNCERTAIN]).select_related(
        "channel", "recipient"
    )[:50]
    recent = Message.objects.select_related("channel", "recipient")[:40]
    attempts = Attempt.objects.select_related("message", "channel")[:30]
    return render(
        request,
        "notify/settings.html",
        {"rows": rows, "trouble": trouble, "recent": recent, "attempts": attempts},
    )


@login_required
def channel_form(request, pk: int | None = None):
    permissions.require(request.user, "org.manage")
    channel = get_object_or_404(Channel, pk=pk) if pk else None
    if request.method == "POST":
        form = ChannelForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            draft = services.ChannelDraft(
                name=data["name"], kind=data["kind"], url=data["url"], secret=data["secret"],
                keyword=data["keyword"], request_template=data["request_template"],
                department_id=data["department"].pk if data["department"] else None,
                success_field=data["success_field"], success_value=data["success_value"],
                per_minute=data["per_minute"], timeout_seconds=data["timeout_seconds"],
                is_active=data["is_active"],
            )  # fmt: skip
            try:
                saved = services.save_channel(
                    request.user, draft, channel, expected_version=data.get("version")
                )
                services.set_subscriptions(request.user, saved, data["events"])
            except ValidationError as error:
                to_form(form, error)
            else:
                messages.success(request, f"已保存推送渠道“{saved.name}”。")
                return redirect("notify:settings")
    elif channel is not None:
        form = ChannelForm(
            initial={
                "name": channel.name, "kind": channel.kind, "keyword": channel.keyword,
                "department": channel.department_id, "request_template": channel.request_template,
                "success_field": channel.success_field, "success_value": channel.success_value,
                "per_minute": channel.per_minute, "timeout_seconds": channel.timeout_seconds,
                "is_active": channel.is_active, "version": channel.version,
                "events": list(channel.subscriptions.values_list("event_kind", flat=True)),
            }
        )  # fmt: skip
    else:
        form = ChannelForm()
    shown = services.shown(channel) if channel else None
    return render(
        request, "notify/channel_form.html", {"form": form, "channel": channel, "shown": shown}
    )


@login_required
@require_POST
def settle(request, pk: int):
    permissions.require(request.user, "org.manage")
    message = get_object_or_404(Message, pk=pk)
    arrived = request.POST.get("arrived") == "1"
    try:
        services.settle(request.user, message, arrived=arrived)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        done = (
            "已确认对方收到，不再重发" if arrived else "已安排重新发送（下次运行 deliver 时发出）"
        )
        messages.success(request, f"“{message.title}”：{done}。")
    return redirect("notify:settings")


@login_required
def contacts(request):
    """Mobile numbers for SMS, kept beside the accounts."""
    permissions.require(request.user, "org.manage")
    people = User.objects.filter(is_active=True).exclude(username="cli").select_related(
        "department"
    ).order_by("department__sort_order", "id")  # fmt: skip
    if request.method == "POST":
        person = get_object_or_404(User, pk=request.POST.get("user"))
        try:
            services.set_mobile(request.user, person, request.POST.get("mobile", ""))
        except ValidationError as error:
            messages.error(request, f"{person}：" + "；".join(error.messages))
        else:
            messages.success(request, f"已保存{person}的手机号。")
        return redirect("notify:contacts")
    mobiles = dict(Contact.objects.values_list("user_id", "mobile"))
    rows = [{"user": u, "mobile": mobiles.get(u.pk, "")} for u in people]
    return render(request, "notify/contacts.html", {"rows": rows})
