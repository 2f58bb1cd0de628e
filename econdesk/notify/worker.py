"""``econdesk deliver``: send the messages that are due, with retries, backoff and rate limits.

Sending one message:
1. claim it (one UPDATE: pending → sending, with a lease token and a lease time) and write an
   open attempt — committed *before* the call, so a second worker never takes it too;
2. call the channel (outside any transaction);
3. record the answer on the attempt and the message (sent, or pending again with backoff).

If the process dies between 2 and 3, the message stays "sending" with an open attempt. A later
run, once the lease has expired, does not send it again blindly: where the far end drops
repeats by our idempotency key (SMS gateways given ``{{idempotency_key}}``), it is sent again
with the same key; for the robots and e-mail, which have no such key, it is marked
"结果不明（待确认）" and shown on the settings page, where the admin confirms it arrived or sends
it again. A timeout after the request went out is treated the same way. See docs/notify.md.
"""

from __future__ import annotations

import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from econdesk.notify import outbox, pacing, transports
from econdesk.notify.models import Attempt, Channel, Message

LEASE_MARGIN = timedelta(seconds=30)
BATCH = 100


class SimulatedCrash(BaseException):
    """Raised at a boundary of the worker to test what a crash there leaves behind."""


@dataclass
class DeliveryRun:
    routed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    uncertain: int = 0
    deferred: int = 0
    recovered: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"新生成消息{self.routed}条；送达{self.sent}条，稍后重试{self.retrying}条，"
            f"限速顺延{self.deferred}条，失败{self.failed}条，结果不明待确认{self.uncertain}条"
            + (f"；收回中断的发送{self.recovered}条" if self.recovered else "")
            + "。"
        )


def deliver(*, now=None, max_seconds: float = 50, crash_at: str | None = None) -> DeliveryRun:
    """Route new events and send what is due. ``now`` fixes the clock (tests, --now);
    waiting for a robot's rate limit happens only within ``max_seconds``.
    ``crash_at`` ("after-send") simulates the process dying at that boundary."""
    run = DeliveryRun()
    started = time.monotonic()
    fixed = now

    def clock():
        return fixed or timezone.now()

    run.routed = outbox.route(now=clock())
    run.recovered = recover_stale(clock(), run)
    skip: set[int] = set()
    while True:
        due = list(
            Message.objects.filter(status=Message.Status.PENDING, next_attempt_at__lte=clock())
            .exclude(pk__in=skip)
            .select_related("channel")
            .order_by("next_attempt_at", "id")[:BATCH]
        )
        if not due:
            break
        for message in due:
            skip.add(message.pk)
            channel = message.channel
            if not channel.is_active:
                continue
            slot = _slot(channel, clock())
            if slot > clock():
                budget = max_seconds - (time.monotonic() - started)
                wait = (slot - clock()).total_seconds()
                if fixed is None and wait <= budget:
                    time.sleep(wait)
                else:
                    Message.objects.filter(pk=message.pk, status=Message.Status.PENDING).update(
                        next_attempt_at=slot
                    )
                    run.deferred += 1
                    continue
            send_one(message, clock(), run, crash_at=crash_at)
        if fixed is None and time.monotonic() - started > max_seconds:
            break
    return run


def _slot(channel: Channel, now):
    recent = list(
        Attempt.objects.filter(
            channel=channel, started_at__gt=now - pacing.WINDOW, started_at__lte=now
        ).values_list("started_at", flat=True)
    )
    return pacing.next_slot(recent, now, channel.per_minute)


def send_one(message: Message, now, run: DeliveryRun, *, crash_at: str | None = None) -> None:
    channel = message.channel
    token = secrets.token_hex(8)
    lease = now + timedelta(seconds=channel.timeout_seconds) + LEASE_MARGIN
    with transaction.atomic():
        claimed = Message.objects.filter(
            pk=message.pk, status=Message.Status.PENDING, next_attempt_at__lte=now
        ).update(
            status=Message.Status.SENDING, lease_token=token, lease_until=lease,
            attempts=message.attempts + 1,
        )  # fmt: skip
        if not claimed:
            return
        attempt = Attempt.objects.create(
            message=message, channel=channel, number=message.attempts + 1, started_at=now
        )
    message.attempts += 1
    answer = transports.send(channel, message)
    if crash_at == "after-send":
        raise SimulatedCrash("进程在发送之后、记录之前退出")
    record_answer(message, attempt, token, answer, now, run)


def record_answer(message, attempt, token, answer, now, run) -> None:
    finished = timezone.now()
    with transaction.atomic():
        Attempt.objects.filter(pk=attempt.pk).update(
            finished_at=finished, outcome=answer.outcome, http_status=answer.http_status,
            answer=answer.text[:500],
        )  # fmt: skip
        mine = Message.objects.filter(pk=message.pk, lease_token=token)
        if answer.ok:
            mine.update(status=Message.Status.SENT, sent_at=finished, last_error="",
                        lease_token="", lease_until=None)  # fmt: skip
            run.sent += 1
            return
        error = f"第{message.attempts}次：{answer.text or answer.outcome}"[:500]
        if answer.outcome == "timeout" and not transports.far_end_dedupes(message.channel):
            mine.update(status=Message.Status.UNCERTAIN, last_error=error, lease_token="",
                        lease_until=None)  # fmt: skip
            run.uncertain += 1
            return
        if message.attempts >= pacing.MAX_ATTEMPTS:
            mine.update(status=Message.Status.FAILED, last_error=error, lease_token="",
                        lease_until=None)  # fmt: skip
            run.failed += 1
            return
        wait = pacing.backoff_seconds(message.attempts, random.random())
        if answer.retry_after:
            wait = max(wait, answer.retry_after)
        mine.update(status=Message.Status.PENDING, last_error=error, lease_token="",
                    lease_until=None, next_attempt_at=now + timedelta(seconds=wait))  # fmt: skip
        run.retrying += 1


def recover_stale(now, run: DeliveryRun) -> int:
    """Messages left "sending" by a worker that died: see the module docstring."""
    stale = Message.objects.filter(status=Message.Status.SENDING, lease_until__lt=now)
    count = 0
    for message in stale.select_related("channel"):
        with transaction.atomic():
            claimed = Message.objects.filter(
                pk=message.pk, status=Message.Status.SENDING, lease_token=message.lease_token
            )
            Attempt.objects.filter(message=message, outcome=Attempt.Outcome.OPEN).update(
                outcome=Attempt.Outcome.LOST, finished_at=now,
                answer="发送过程中进程退出，未记下对方答复",
            )  # fmt: skip
            if transports.far_end_dedupes(message.channel):
                done = claimed.update(status=Message.Status.PENDING, next_attempt_at=now,
                                      lease_token="", lease_until=None)  # fmt: skip
            else:
                done = claimed.update(
                    status=Message.Status.UNCERTAIN, lease_token="", lease_until=None,
                    last_error="发送过程中进程退出，无法确定对方是否收到：请在群里核对后“确认已收到”或“重新发送”。",
                )  # fmt: skip
                run.uncertain += done
            count += done
    return count
