"""The push settings page: what the admin sees (masked secrets, the log), what others are told,
and that every change is in the change record without the secrets."""

from __future__ import annotations

import pytest
from django.utils import timezone

from econdesk.audit.models import ChangeRecord
from econdesk.notify import worker
from econdesk.notify.models import Channel, Contact, Message
from tests.notify.robots import DING_SECRET, DING_TOKEN, WECOM_KEY
from tests.notify.test_delivery import bulletin_event

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_the_admin_sees_channels_masked_and_the_delivery_log(
    client, people, wecom, dingtalk, robots
):
    robots.plan = ["error"]
    bulletin_event()
    worker.deliver(now=timezone.now())
    page = login(client, people["admin"]).get("/notify/").content.decode()
    assert "发改局工作群" in page and "区政府钉钉群" in page
    assert WECOM_KEY not in page and DING_TOKEN not in page and DING_SECRET not in page
    assert "key=****" + WECOM_KEY[-4:] in page
    assert "已设置（…" + DING_SECRET[-4:] + "）" in page
    assert "关键词：经济运行" in page
    assert "已送达" in page and "待发送" in page  # one robot took it, the other said 系统繁忙
    assert "系统繁忙" in page


def test_others_are_refused_in_chinese(client, people):
    for role in ("reviewer", "clerk", "leader", "supervisor"):
        response = login(client, people[role]).get("/notify/")
        assert response.status_code == 403
        assert "无权管理单位与用户" in response.content.decode()


def test_a_channel_made_on_the_form_is_recorded_without_its_secrets(client, people):
    url = "https://oapi.dingtalk.com/robot/send?access_token=" + DING_TOKEN
    response = login(client, people["admin"]).post(
        "/notify/channels/new/",
        {"name": "区政府钉钉群", "kind": "dingtalk", "url": url, "secret": DING_SECRET,
         "keyword": "经济运行", "per_minute": 20, "timeout_seconds": 10, "is_active": "on",
         "events": ["bulletin.issued", "task.overdue"]},
    )  # fmt: skip
    assert response.status_code == 302
    channel = Channel.objects.get()
    assert DING_TOKEN not in channel.url_sealed and DING_SECRET not in channel.secret_sealed
    records = ChangeRecord.objects.filter(object_type="notify.Channel")
    text = str([(r.before, r.after) for r in records])
    assert DING_TOKEN not in text and DING_SECRET not in text
    assert "已设置·" in text and "通报印发" in text and "督办事项逾期" in text
    assert records.first().user == people["admin"]

    # an edit that leaves the secret blank keeps it
    client.post(
        f"/notify/channels/{channel.pk}/",
        {"name": "区政府钉钉群", "kind": "dingtalk", "url": "", "secret": "", "keyword": "经济",
         "per_minute": 20, "timeout_seconds": 10, "is_active": "on", "version": 1,
         "events": ["bulletin.issued"]},
    )  # fmt: skip
    channel.refresh_from_db()
    assert channel.keyword == "经济" and channel.version == 2
    from econdesk.notify.services import plain_of

    assert plain_of(channel, "secret") == DING_SECRET and plain_of(channel, "url") == url


def test_a_bad_sms_template_is_refused_and_nothing_is_saved(client, people):
    response = login(client, people["admin"]).post(
        "/notify/channels/new/",
        {"name": "短信", "kind": "sms", "url": "https://sms.gov/api", "per_minute": 20,
         "timeout_seconds": 10, "request_template": '{"to": "{{phone}}", "text": "{{text}}"'},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "请求模板不是合法的 JSON（第1行" in page
    response = client.post(
        "/notify/channels/new/",
        {"name": "短信", "kind": "sms", "url": "https://sms.gov/api", "per_minute": 20,
         "timeout_seconds": 10, "request_template": '{"to": "{{phone}}"}'},
    )  # fmt: skip
    assert "{{phone}} 无法识别" in response.content.decode()
    response = client.post(
        "/notify/channels/new/",
        {"name": "群", "kind": "wecom", "url": "ftp://robot", "per_minute": 20,
         "timeout_seconds": 10},
    )  # fmt: skip
    assert "地址应以 http:// 或 https:// 开头" in response.content.decode()
    assert not Channel.objects.exists()
    assert not ChangeRecord.objects.filter(object_type="notify.Channel").exists()


def test_mobile_numbers_are_kept_beside_the_account_and_checked(client, people):
    login(client, people["admin"])
    client.post("/notify/contacts/", {"user": people["leader"].pk, "mobile": "138-0013-8000"})
    assert Contact.objects.get(user=people["leader"]).mobile == "13800138000"
    response = client.post("/notify/contacts/", {"user": people["clerk"].pk, "mobile": "12345"},
                           follow=True)  # fmt: skip
    assert "“12345”不是11位手机号" in response.content.decode()
    assert not Contact.objects.filter(user=people["clerk"]).exclude(mobile="").exists()
    record = ChangeRecord.objects.get(object_type="notify.Contact")
    assert record.after == {"mobile": "13800138000"} and record.before == {"mobile": ""}


def test_the_admin_settles_an_uncertain_message_on_the_page(client, people, wecom, robots):
    robots.plan = ["slow"]
    bulletin_event()
    worker.deliver(now=timezone.now())
    message = Message.objects.get()
    page = login(client, people["admin"]).get("/notify/").content.decode()
    assert "结果不明（待确认）" in page and "确认已收到" in page
    response = client.post(f"/notify/messages/{message.pk}/settle/", {"arrived": "1"}, follow=True)
    assert "已确认对方收到，不再重发" in response.content.decode()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert ChangeRecord.objects.filter(
        object_type="notify.Message", reason__contains="确认"
    ).exists()
