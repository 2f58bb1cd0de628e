"""The admin's changes to channels, subscriptions and mobile numbers, and to messages whose
fate is unknown. Each one is checked, then written with its change record in one transaction.
Secrets never enter the change record: it keeps whether they are set and a short digest."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from econdesk.accounts import permissions
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, secret_digest
from econdesk.notify import sealing
from econdesk.notify.kinds import LABELS
from econdesk.notify.models import Channel, ChannelKind, Contact, Message, Subscription
from econdesk.notify.transports import PLACEHOLDER

SMS_NAMES = {"mobile", "text", "title", "idempotency_key", "secret"}
MOBILE = re.compile(r"^1[3-9]\d{9}$")
PUBLIC_FIELDS = [
    "name", "kind", "is_active", "department_id", "keyword", "request_template",
    "success_field", "success_value", "per_minute", "timeout_seconds",
]  # fmt: skip


@dataclass
class ChannelDraft:
    name: str
    kind: str
    url: str = ""  # blank on an edit: keep the stored one
    secret: str = ""  # blank on an edit: keep; "-" clears it
    keyword: str = ""
    department_id: int | None = None
    request_template: str = ""
    success_field: str = ""
    success_value: str = ""
    per_minute: int = 20
    timeout_seconds: int = 10
    is_active: bool = True


def plain_of(channel: Channel, purpose: str) -> str:
    stored = channel.url_sealed if purpose == "url" else channel.secret_sealed
    if stored.startswith(sealing.ENV_PREFIX):
        return stored
    return sealing.unseal(stored, purpose)


def shown(channel: Channel) -> dict:
    """What the settings page shows of a channel's address and secret (masked)."""
    out = {}
    for purpose, mask in (("url", sealing.mask_url), ("secret", sealing.mask_secret)):
        try:
            out[purpose] = mask(plain_of(channel, purpose))
        except sealing.SealError as exc:
            out[purpose] = str(exc)
    return out


def _state(channel: Channel) -> dict:
    data = {name: getattr(channel, name) for name in PUBLIC_FIELDS}
    for purpose in ("url", "secret"):
        try:
            plain = plain_of(channel, purpose)
        except sealing.SealError:
            plain = channel.url_sealed if purpose == "url" else channel.secret_sealed
        if plain.startswith(sealing.ENV_PREFIX):
            data[purpose] = plain
        else:
            data[purpose] = secret_digest(plain)
    return data


def save_channel(user, draft: ChannelDraft, channel: Channel | None = None,
                 expected_version: int | None = None) -> Channel:  # fmt: skip
    """Create a channel, or change one (``expected_version``: the version the form showed)."""
    permissions.require(user, "org.manage")
    _check(draft, creating=channel is None)
    with transaction.atomic():
        if channel is None:
            channel, before = Channel(), None
        else:
            channel = Channel.objects.select_for_update().get(pk=channel.pk)
            if expected_version is not None and channel.version != expected_version:
                raise ValidationError("该渠道已被他人修改，请刷新后重新填写。")
            before = _state(channel)
            channel.version += 1
        for name in PUBLIC_FIELDS:
            setattr(channel, name, getattr(draft, name))
        if draft.url:
            channel.url_sealed = sealing.seal(draft.url, "url")
        if draft.secret == "-":
            channel.secret_sealed = ""
        elif draft.secret:
            channel.secret_sealed = sealing.seal(draft.secret, "secret")
        if Channel.objects.filter(name=draft.name).exclude(pk=channel.pk).exists():
            raise ValidationError({"name": f"已有名为“{draft.name}”的渠道。"})
        channel.save()
        after = _state(channel)
        if before is not None:
            changed = sorted(k for k in after if before.get(k) != after.get(k))
            before = {k: before[k] for k in changed}
            after = {k: after[k] for k in changed}
        record(
            user=user,
            action=ChangeRecord.Action.CREATE if before is None else ChangeRecord.Action.UPDATE,
            object_type="notify.Channel", object_id=channel.pk, object_repr=str(channel),
            before=before, after=after, reason="配置推送渠道",
        )  # fmt: skip
    return channel


def _check(d: ChannelDraft, *, creating: bool) -> None:
    errors = {}
    d.name = (d.name or "").strip()
    if not d.name:
        errors["name"] = "请填写渠道名称。"
    if d.kind not in ChannelKind.values:
        errors["kind"] = "请选择渠道类型。"
    url = (d.url or "").strip()
    d.url = url
    if d.kind != ChannelKind.EMAIL:
        if creating and not url:
            errors["url"] = "请填写机器人或网关的地址（webhook）。"
        elif url and not url.startswith(("http://", "https://", sealing.ENV_PREFIX)):
            errors["url"] = "地址应以 http:// 或 https:// 开头，或写成 env:变量名。"
    d.secret = (d.secret or "").strip()
    if d.kind == ChannelKind.SMS:
        errors.update(_check_template(d.request_template))
    if not 1 <= int(d.per_minute or 0) <= 600:
        errors["per_minute"] = "每分钟条数应在1到600之间（机器人一般为20）。"
    if not 1 <= int(d.timeout_seconds or 0) <= 60:
        errors["timeout_seconds"] = "超时应在1到60秒之间。"
    if len(d.keyword or "") > 32:
        errors["keyword"] = "关键词不超过32个字。"
    if errors:
        raise ValidationError(errors)


def _check_template(template: str) -> dict:
    if not (template or "").strip():
        return {}
    try:
        json.loads(template)
    except ValueError as exc:
        return {"request_template": f"请求模板不是合法的 JSON（第{exc.lineno}行第{exc.colno}列）。"}
    unknown = sorted(set(PLACEHOLDER.findall(template)) - SMS_NAMES)
    if unknown:
        names = "、".join("{{" + n + "}}" for n in unknown)
        allowed = "、".join("{{" + n + "}}" for n in sorted(SMS_NAMES))
        return {"request_template": f"请求模板中的 {names} 无法识别；可用：{allowed}。"}
    return {}


def set_subscriptions(user, channel: Channel, kinds: list[str]) -> None:
    """Which events go to ``channel``."""
    permissions.require(user, "org.manage")
    unknown = [k for k in kinds if k not in LABELS]
    if unknown:
        raise ValidationError(f"无法识别的事件：{'、'.join(unknown)}")
    with transaction.atomic():
        before = sorted(channel.subscriptions.values_list("event_kind", flat=True))
        after = sorted(set(kinds))
        if before == after:
            return
        channel.subscriptions.exclude(event_kind__in=after).delete()
        for kind in after:
            Subscription.objects.get_or_create(channel=channel, event_kind=kind)
        record(
            user=user, action=ChangeRecord.Action.UPDATE, object_type="notify.Channel",
            object_id=channel.pk, object_repr=str(channel),
            before={"subscriptions": [LABELS[k] for k in before]},
            after={"subscriptions": [LABELS[k] for k in after]}, reason="修改推送订阅",
        )  # fmt: skip


def set_mobile(user, person, mobile: str) -> Contact:
    """Keep ``person``'s mobile number for SMS ("" removes it)."""
    permissions.require(user, "org.manage")
    mobile = re.sub(r"[\s-]", "", mobile or "")
    if mobile and not MOBILE.match(mobile):
        raise ValidationError({"mobile": f"“{mobile}”不是11位手机号。"})
    with transaction.atomic():
        contact, _ = Contact.objects.select_for_update().get_or_create(user=person)
        if contact.mobile == mobile:
            return contact
        before = {"mobile": contact.mobile}
        contact.mobile = mobile
        contact.save()
        record(
            user=user, action=ChangeRecord.Action.UPDATE, object_type="notify.Contact",
            object_id=contact.pk, object_repr=f"{person} 手机号", before=before,
            after={"mobile": mobile}, reason="维护短信手机号",
        )  # fmt: skip
    return contact


def settle(user, message: Message, *, arrived: bool) -> Message:
    """The admin's word on a message whose fate is unknown or that failed: it arrived (no
    resend), or send it again (pending now)."""
    permissions.require(user, "org.manage")
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if message.status not in (Message.Status.UNCERTAIN, Message.Status.FAILED):
            raise ValidationError("只有“结果不明”或“发送失败”的消息需要处理。")
        before = {"status": message.get_status_display()}
        if arrived:
            message.status = Message.Status.SENT
            message.sent_at = timezone.now()
            reason = "确认对方已收到（不再重发）"
        else:
            message.status = Message.Status.PENDING
            message.next_attempt_at = timezone.now()
            reason = "重新发送"
        message.save(update_fields=["status", "sent_at", "next_attempt_at"])
        record(
            user=user, action=ChangeRecord.Action.UPDATE, object_type="notify.Message",
            object_id=message.pk, object_repr=str(message)[:200], before=before,
            after={"status": message.get_status_display()}, reason=reason,
        )  # fmt: skip
    return message


def sent_to(user, limit: int = 20):
    """The messages addressed to this person (SMS, e-mail), newest first: for 我的通知."""
    return Message.objects.filter(recipient=user).select_related("channel").order_by("-id")[:limit]
