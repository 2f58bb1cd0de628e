"""我的通知: each person's own notifications, newest first, a page at a time; read by a POST."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from econdesk.audit.models import ChangeRecord
from econdesk.bulletins.models import Notification
from econdesk.bulletins.views import NOTIFICATIONS_PER_PAGE
from econdesk.notify.models import Channel, ChannelKind, Message, OutboxEvent
from tests.web.crawl import problems_in, read_page

PASSWORD = "Econdesk-test-2026"


def _notes(user, count, start=0):
    rows = [Notification(user=user, text=f"新印发：第{i + 1}期通报", link="/bulletins/")
            for i in range(start, start + count)]  # fmt: skip
    Notification.objects.bulk_create(rows)
    # created_at is auto_now_add: spread them in time so "newest first" is visible
    base = timezone.now()
    for i, note in enumerate(Notification.objects.filter(user=user).order_by("id")):
        Notification.objects.filter(pk=note.pk).update(created_at=base - timedelta(hours=1000 - i))


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_user_sees_only_their_own_notifications_newest_first(client, people):
    leo, colin = people["leader"], people["clerk"]
    _notes(leo, 3)
    Notification.objects.create(user=colin, text="只给经信填报员的通知")
    _login(client, leo)
    response = client.get(reverse("bulletins:notifications"))
    assert response.status_code == 200
    text, _links = read_page(response.content.decode())
    assert "只给经信填报员的通知" not in text
    shown = [n.text for n in response.context["page"].object_list]
    assert shown == ["新印发：第3期通报", "新印发：第2期通报", "新印发：第1期通报"]
    assert "未读 3 条" in text and "全部标为已读" in text
    assert problems_in(text) == [], problems_in(text)


def test_it_is_paginated_and_linked_from_the_account_menu(client, people):
    leo = people["leader"]
    _notes(leo, NOTIFICATIONS_PER_PAGE + 5)
    _login(client, leo)
    overview = client.get(reverse("bulletins:index")).content.decode()
    assert f'href="{reverse("bulletins:notifications")}"' in overview
    assert f"我的通知（{NOTIFICATIONS_PER_PAGE + 5}）" in overview  # beside 我的令牌 and 修改密码
    first = client.get(reverse("bulletins:notifications"))
    assert len(first.context["page"].object_list) == NOTIFICATIONS_PER_PAGE
    assert "下一页" in first.content.decode()
    second = client.get(reverse("bulletins:notifications"), {"page": 2})
    assert [n.text for n in second.context["page"].object_list][-1] == "新印发：第1期通报"
    assert len(second.context["page"].object_list) == 5
    assert client.get(reverse("bulletins:notifications"), {"page": "x"}).status_code == 400


def test_opening_the_page_marks_nothing_and_unread_rows_are_marked(client, people):
    leo = people["leader"]
    _notes(leo, 2)
    oldest = Notification.objects.filter(user=leo).order_by("id").first()
    Notification.objects.filter(pk=oldest.pk).update(read_at=timezone.now())
    _login(client, leo)
    page = client.get(reverse("bulletins:notifications")).content.decode()
    assert page.count('class="unread"') == 1 and page.count('class="read"') == 1
    assert Notification.objects.filter(user=leo, read_at__isnull=True).count() == 1


def test_marking_one_read_is_a_post_back_to_the_page(client, people):
    leo = people["leader"]
    _notes(leo, 2)
    note = Notification.objects.filter(user=leo).latest("id")
    _login(client, leo)
    url = reverse("bulletins:notification-read", args=[note.pk])
    assert client.get(url).status_code == 405
    records = ChangeRecord.objects.count()
    back = reverse("bulletins:notifications") + "?page=1"
    response = client.post(url, {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    note.refresh_from_db()
    assert note.read_at is not None
    # a reader's own state, not business data: like the existing mark-read, no change record
    assert ChangeRecord.objects.count() == records
    # without next it opens the notification's link, as from the bulletins page
    other = Notification.objects.filter(user=leo, read_at__isnull=True).get()
    response = client.post(reverse("bulletins:notification-read", args=[other.pk]))
    assert response["Location"] == "/bulletins/"
    # a next pointing off the site is ignored
    Notification.objects.filter(pk=other.pk).update(read_at=None)
    response = client.post(
        reverse("bulletins:notification-read", args=[other.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/bulletins/"


def test_marking_all_read_is_a_post_and_touches_only_ones_own(client, people):
    leo, colin = people["leader"], people["clerk"]
    _notes(leo, 3)
    Notification.objects.create(user=colin, text="经信局的通知")
    _login(client, leo)
    url = reverse("bulletins:notifications-read")
    assert client.get(url).status_code == 405
    assert Notification.objects.filter(read_at__isnull=True).count() == 4
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse(
        "bulletins:notifications"
    )
    assert not Notification.objects.filter(user=leo, read_at__isnull=True).exists()
    assert Notification.objects.get(user=colin).read_at is None
    page = client.get(reverse("bulletins:notifications")).content.decode()
    assert "已将3条通知标为已读" in page and "全部标为已读" not in page


def test_another_users_notification_cannot_be_marked(client, people):
    colin_note = Notification.objects.create(user=people["clerk"], text="经信局的通知")
    _login(client, people["leader"])
    response = client.post(reverse("bulletins:notification-read", args=[colin_note.pk]))
    assert response.status_code == 404
    colin_note.refresh_from_db()
    assert colin_note.read_at is None


def test_it_lists_the_messages_sent_to_ones_mobile(client, people):
    leo, colin = people["leader"], people["clerk"]
    channel = Channel.objects.create(name="区政府短信", kind=ChannelKind.SMS)
    event = OutboxEvent.objects.create(kind="bulletin.issued", payload={})
    for i, user in enumerate((leo, colin)):
        Message.objects.create(
            event=event, channel=channel, recipient=user, idempotency_key=f"k{i}",
            title=f"新印发通报（给{user.display_name}）", body="正文",
            next_attempt_at=timezone.now(), status=Message.Status.SENT,
        )  # fmt: skip
    _login(client, leo)
    text, _ = read_page(client.get(reverse("bulletins:notifications")).content.decode())
    assert "区政府短信" in text and "新印发通报（给区长）" in text and "已送达" in text
    assert "经信填报员" not in text
    assert problems_in(text) == [], problems_in(text)
