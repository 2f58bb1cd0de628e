"""Delivery against real HTTP robots on 127.0.0.1: every event arrives, a channel that was down
gets its messages after it returns, a crash between send and record does not duplicate, rate
limits hold, and the DingTalk signature is right."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from econdesk.notify import emit, services, worker
from econdesk.notify.models import Attempt, Contact, Message
from tests.notify.conftest import KEYWORD

pytestmark = pytest.mark.django_db


def bulletin_event(n: int = 5):
    return emit(
        "bulletin.issued",
        title=f"东城区经济运行情况通报（2026年1-{n}月）",
        number=n,
        year=2026,
        headline=f"1-{n}月，东城区规上工业增加值增长6.8%，高于全市0.9个百分点，居全市第2位。",
        path=f"/bulletins/{n}/",
    )


def test_a_bulletin_reaches_every_channel_in_its_own_shape(
    robots, wecom, dingtalk, sms, email, people
):
    services.set_mobile(people["admin"], people["leader"], "138 0013 8000")
    people["leader"].email = "leo@dongcheng.gov.cn"
    people["leader"].save()
    bulletin_event()

    run = worker.deliver(now=timezone.now())

    wecom_text = robots.texts("wecom")
    assert len(wecom_text) == 1
    assert "东城区经济运行情况通报（2026年1-5月）" in wecom_text[0]
    assert "2026年第5期" in wecom_text[0]
    assert "高于全市0.9个百分点" in wecom_text[0]
    assert "(https://econdesk.example.gov.cn/bulletins/5/)" in wecom_text[0]
    ding = [r for r in robots.received if r.robot == "dingtalk"]
    assert len(ding) == 1 and ding[0].body["markdown"]["title"].startswith("新印发")
    assert KEYWORD in ding[0].body["markdown"]["text"]  # the robot's keyword rule is met
    sms_bodies = list(robots.sms_delivered.values())
    assert [b["mobile"] for b in sms_bodies] == ["13800138000"]
    assert sms_bodies[0]["content"].startswith("【新印发：东城区经济运行情况通报")
    assert "（https://econdesk.example.gov.cn/bulletins/5/）" in sms_bodies[0]["content"]
    leo_mail = [m for m in mail.outbox if m.to == ["leo@dongcheng.gov.cn"]]
    assert len(leo_mail) == 1 and "高于全市0.9个百分点" in leo_mail[0].body
    assert run.sent == Message.objects.filter(status=Message.Status.SENT).count() >= 4
    assert not robots.refused


def test_a_channel_down_for_a_while_gets_its_messages_after_it_returns(robots, wecom, dingtalk):
    robots.stop()  # connection refused
    for n in (3, 4):
        bulletin_event(n)
    t0 = timezone.now()

    first = worker.deliver(now=t0)
    assert first.sent == 0 and first.retrying == 4
    log = Attempt.objects.filter(outcome=Attempt.Outcome.UNREACHABLE)
    assert log.count() == 4 and "连接被拒绝" in log.first().answer

    robots.start()  # back on the same port, but busy at first
    robots.plan = ["http500", "error"]
    second = worker.deliver(now=t0 + timedelta(minutes=2))
    assert second.sent == 2 and second.retrying == 2
    refused = Attempt.objects.filter(outcome=Attempt.Outcome.REFUSED)
    assert {a.http_status for a in refused} == {500, 200}
    assert "系统繁忙" in "".join(a.answer for a in refused)

    third = worker.deliver(now=t0 + timedelta(minutes=10))
    assert third.sent == 2
    assert Message.objects.exclude(status=Message.Status.SENT).count() == 0
    # each message arrived exactly once
    assert sorted(robots.texts("wecom")) == sorted(set(robots.texts("wecom")))
    assert len(robots.texts("wecom")) == 2 and len(robots.texts("dingtalk")) == 2
    assert Message.objects.get(channel=wecom, title__contains="1-3月").attempts >= 2


def test_a_crash_between_send_and_record_does_not_send_again(robots, wecom, people):
    bulletin_event()
    t0 = timezone.now()
    with pytest.raises(worker.SimulatedCrash):
        worker.deliver(now=t0, crash_at="after-send")
    message = Message.objects.get()
    assert message.status == Message.Status.SENDING
    assert len(robots.texts("wecom")) == 1  # it did arrive

    # a run while the lease holds leaves it alone; one after it expired does not resend
    worker.deliver(now=t0 + timedelta(seconds=5))
    later = worker.deliver(now=t0 + timedelta(minutes=5))
    assert len(robots.texts("wecom")) == 1
    message.refresh_from_db()
    assert later.uncertain == 1 and message.status == Message.Status.UNCERTAIN
    assert "无法确定对方是否收到" in message.last_error
    assert message.attempt_log.get().outcome == Attempt.Outcome.LOST

    # the admin checks the group and confirms: nothing more is sent
    services.settle(people["admin"], message, arrived=True)
    worker.deliver(now=t0 + timedelta(minutes=10))
    assert len(robots.texts("wecom")) == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_an_sms_gateway_with_our_key_is_resent_after_a_crash_and_drops_the_repeat(
    robots, sms, people
):
    services.set_mobile(people["admin"], people["leader"], "13900139000")
    bulletin_event()
    t0 = timezone.now()
    with pytest.raises(worker.SimulatedCrash):
        worker.deliver(now=t0, crash_at="after-send")
    run = worker.deliver(now=t0 + timedelta(minutes=5))
    assert run.recovered == 1 and run.sent == 1
    assert len([r for r in robots.received if r.robot == "sms"]) == 2  # sent twice …
    assert len(robots.sms_delivered) == 1  # … delivered once: same msgid
    message = Message.objects.get()
    assert message.status == Message.Status.SENT
    assert robots.received[0].headers["Idempotency-Key"] == message.idempotency_key


def test_a_late_answer_is_not_sent_again_without_the_admin(robots, wecom, people):
    robots.plan = ["slow"]
    bulletin_event()
    run = worker.deliver(now=timezone.now())
    assert run.uncertain == 1
    message = Message.objects.get()
    assert message.status == Message.Status.UNCERTAIN
    assert message.attempt_log.get().outcome == Attempt.Outcome.TIMEOUT
    worker.deliver(now=timezone.now() + timedelta(hours=1))
    assert len(robots.texts("wecom")) == 1

    services.settle(people["admin"], message, arrived=False)  # 重新发送
    worker.deliver(now=timezone.now() + timedelta(hours=1))
    assert len(robots.texts("wecom")) == 2
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_robot_rate_limit_is_respected(robots, people):
    from tests.notify.conftest import make_channel

    channel = make_channel(people["admin"], "wecom", robots.wecom_url, per_minute=3)
    for n in range(1, 6):
        bulletin_event(n)
    t0 = timezone.now()
    run = worker.deliver(now=t0)
    assert run.sent == 3 and run.deferred == 2
    waiting = Message.objects.filter(channel=channel, status=Message.Status.PENDING)
    assert {m.next_attempt_at for m in waiting} == {t0 + timedelta(seconds=60)}
    assert worker.deliver(now=t0 + timedelta(seconds=30)).sent == 0
    assert worker.deliver(now=t0 + timedelta(seconds=61)).sent == 2
    assert len(robots.texts("wecom")) == 5


def test_the_robots_too_fast_answer_waits_a_minute(robots, dingtalk):
    robots.plan = ["ratelimit"]
    bulletin_event()
    t0 = timezone.now()
    worker.deliver(now=t0)
    message = Message.objects.get()
    assert message.status == Message.Status.PENDING
    assert message.next_attempt_at >= t0 + timedelta(seconds=60)
    assert "130101" in message.last_error
    assert worker.deliver(now=t0 + timedelta(seconds=61)).sent == 1


def test_a_wrong_dingtalk_secret_is_refused_by_the_robot_and_shown(robots, people):
    from tests.notify.conftest import make_channel

    make_channel(
        people["admin"], "dingtalk", robots.dingtalk_url, secret="SECwrong-secret-0000000000"
    )
    bulletin_event()
    worker.deliver(now=timezone.now())
    message = Message.objects.get()
    assert message.status == Message.Status.PENDING
    assert "sign not match" in message.last_error
    assert robots.refused and not robots.received


def test_two_workers_at_once_send_each_message_once(robots, wecom):
    """The claim is one conditional UPDATE: a second worker finds nothing to take."""
    bulletin_event()
    worker.deliver(now=timezone.now())
    message = Message.objects.get()
    run = worker.DeliveryRun()
    Message.objects.filter(pk=message.pk).update(status=Message.Status.PENDING)
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)
    worker.send_one(message, timezone.now(), run)  # a stale copy of the message
    assert run.sent == 0 and len(robots.texts("wecom")) == 1


def test_people_without_a_number_or_address_get_no_message(robots, sms, email, people):
    Contact.objects.all().delete()
    for user in people.values():
        user.email = ""
        user.save()
    bulletin_event()
    worker.deliver(now=timezone.now())
    assert Message.objects.count() == 0 and not robots.received and not mail.outbox
