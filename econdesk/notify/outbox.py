"""The outbox: ``emit`` writes an event in the caller's transaction; ``route`` later turns each
event into one message per subscribed channel (and per person, for SMS and e-mail).

An event committed with its change is never lost: if the change rolls back, so does the event;
if it commits, ``econdesk deliver`` finds it. Routing an event and marking it routed happen in
one transaction, and each message's idempotency key (event, channel, person) is unique, so an
event is never turned into the same message twice.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from econdesk.accounts import permissions
from econdesk.accounts.models import User
from econdesk.notify.events import describe, render
from econdesk.notify.kinds import DEPARTMENT_KINDS, LABELS
from econdesk.notify.models import Channel, ChannelKind, Message, OutboxEvent, Subscription


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def emit(kind: str, *, dedupe_key: str | None = None, **objects) -> OutboxEvent | None:
    """Record event ``kind`` (see notify.kinds) with its objects (bulletin=, report=, task=)
    or values. Call it inside the transaction of the change. With ``dedupe_key``, an event
    already recorded under that key is not recorded again (returns None)."""
    if kind not in LABELS:
        raise ValueError(f"unknown notify event {kind!r}")
    payload = _jsonable(describe(kind, objects))
    if dedupe_key is None:
        return OutboxEvent.objects.create(kind=kind, payload=payload)
    if OutboxEvent.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            return OutboxEvent.objects.create(kind=kind, payload=payload, dedupe_key=dedupe_key)
    except IntegrityError:  # another process recorded it meanwhile
        return None


def subscribed(kind: str) -> bool:
    return Subscription.objects.filter(event_kind=kind, channel__is_active=True).exists()


def idempotency_key(event_id: int, channel_id: int, user_id: int | None) -> str:
    raw = f"econdesk:{event_id}:{channel_id}:{user_id or 'group'}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def route(limit: int = 500, now=None) -> int:
    """Turn events not yet routed into messages. Returns how many messages were made."""
    made = 0
    ids = list(
        OutboxEvent.objects.filter(routed_at__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    for event_id in ids:
        with transaction.atomic():
            event = (
                OutboxEvent.objects.select_for_update()
                .filter(pk=event_id, routed_at__isnull=True)
                .first()
            )
            if event is None:
                continue
            made += _route_one(event, now or timezone.now())
            event.routed_at = timezone.now()
            event.save(update_fields=["routed_at"])
    return made


def _route_one(event: OutboxEvent, now) -> int:
    title, body = render(event.kind, event.payload)
    made = 0
    channels = Channel.objects.filter(
        is_active=True, subscriptions__event_kind=event.kind
    ).distinct()
    for channel in channels:
        if not _for_channel(channel, event):
            continue
        if channel.is_group:
            targets = [(None, "")]
        else:
            targets = [(u.pk, a) for u, a in addresses(channel, recipients(event))]
        for user_id, address in targets:
            key = idempotency_key(event.pk, channel.pk, user_id)
            _, created = Message.objects.get_or_create(
                idempotency_key=key,
                defaults={
                    "event": event,
                    "channel": channel,
                    "recipient_id": user_id,
                    "address": address,
                    "title": title[:200],
                    "body": body,
                    "next_attempt_at": now,
                },
            )
            made += created
    return made


def _for_channel(channel: Channel, event: OutboxEvent) -> bool:
    """A department's group hears only of its own department's work."""
    if channel.department_id is None or event.kind not in DEPARTMENT_KINDS:
        return True
    return event.payload.get("department_id") == channel.department_id


def recipients(event: OutboxEvent) -> list[User]:
    """Who a person-to-person channel (SMS, e-mail) reaches for this event."""
    p = event.payload
    active = User.objects.filter(is_active=True).exclude(username="cli")
    kind = event.kind
    if kind == "bulletin.issued":
        from econdesk.bulletins.services import readers

        found = readers()
    elif kind == "digest.weekly":
        found = active.filter(pk=p.get("leader_user_id"))
    elif kind.startswith("report."):
        found = active.filter(pk__in=p.get("user_ids") or [])
    elif kind.startswith("task.") or kind.startswith("indicator."):
        found = active.filter(
            role__in=permissions.DEPARTMENT_ROLES, department_id=p.get("department_id")
        )
        if p.get("leader_user_id"):
            found = found | active.filter(pk=p["leader_user_id"])
    else:
        found = active.none()
    return list(found.order_by("id").distinct())


def addresses(channel: Channel, users: list[User]):
    """(user, address) for those who have one for this channel."""
    if channel.kind == ChannelKind.EMAIL:
        return [(u, u.email) for u in users if u.email]
    from econdesk.notify.models import Contact

    mobiles = dict(
        Contact.objects.filter(user__in=users).exclude(mobile="").values_list("user_id", "mobile")
    )
    return [(u, mobiles[u.pk]) for u in users if u.pk in mobiles]
