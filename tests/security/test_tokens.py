"""Issue #11 item 6 (and #15 item 6): API tokens hashed, expiring, revocable, recorded;
the branded, audited 修改密码 page."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from knox.models import AuthToken

from econdesk.accounts import tokens
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain

PASSWORD = "Econdesk-test-2026"


def api(client, token):
    return client.get("/api/v1/indicators/", HTTP_AUTHORIZATION=f"Token {token}")


def test_a_token_is_stored_as_a_digest_only_and_expires_in_90_days(client, people):
    row, token = tokens.issue(people["leader"], by=people["leader"])
    assert api(client, token).status_code == 200
    stored = AuthToken.objects.get(pk=row.pk)
    assert token not in (stored.digest, stored.token_key) and stored.token_key == token[:15]
    days = (stored.expiry - timezone.now()).days
    assert 89 <= days <= 90
    rec = ChangeRecord.objects.get(object_type="knox.AuthToken", action="create")
    assert rec.user == people["leader"] and token not in str(rec.after)


def test_an_expired_token_is_refused(client, people):
    row, token = tokens.issue(people["leader"], by=people["leader"])
    AuthToken.objects.filter(pk=row.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    assert api(client, token).status_code in (401, 403)


def test_a_password_change_on_the_page_kills_tokens_and_is_recorded(client, people):
    leo = people["leader"]
    _row, token = tokens.issue(leo, by=leo)
    client.force_login(leo)
    page = client.get("/password/").content.decode()
    assert "经济运行调度平台" in page and "Django" not in page and 'href="/"' in page
    response = client.post(
        "/password/",
        {"old_password": PASSWORD, "new_password1": "Xin-mima-2026!", "new_password2": "Xin-mima-2026!"},
    )  # fmt: skip
    assert response.status_code == 302
    changed = ChangeRecord.objects.filter(object_type="accounts.User", object_id=str(leo.pk))
    rec = changed.get(reason="本人修改密码")
    assert set(rec.after) >= {"password"} and rec.after["password"].startswith("已设置·")
    assert not AuthToken.objects.filter(user=leo).exists()
    assert ChangeRecord.objects.filter(
        object_type="knox.AuthToken", action="delete", reason__startswith="密码已修改"
    ).exists()
    assert api(client.__class__(), token).status_code in (401, 403)
    assert verify_chain() == []


def test_deactivation_kills_tokens(client, people):
    leo = people["leader"]
    _row, token = tokens.issue(leo, by=leo)
    leo.is_active = False
    leo.save()
    assert not AuthToken.objects.filter(user=leo).exists()
    assert api(client, token).status_code in (401, 403)


def test_the_owner_lists_and_revokes_their_tokens(client, people):
    leo = people["leader"]
    client.force_login(leo)
    page = client.post("/account/tokens/").content.decode()
    assert "新令牌（只显示这一次）" in page
    row = AuthToken.objects.get(user=leo)
    assert row.token_key in client.get("/account/tokens/").content.decode()
    response = client.post(f"/account/tokens/{row.token_key}/revoke/")
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=leo).exists()
    rec = ChangeRecord.objects.get(object_type="knox.AuthToken", action="delete")
    assert rec.user == leo and rec.reason == "本人作废"


def test_an_admin_who_is_not_superuser_lists_and_revokes_anyones(client, people):
    alice = people["admin"]
    assert not alice.is_superuser
    row, _token = tokens.issue(people["clerk"], by=people["clerk"])
    client.force_login(alice)
    page = client.get("/account/tokens/all/").content.decode()
    assert "全部令牌" in page and row.token_key in page and "colin" in page
    assert client.post(f"/account/tokens/{row.token_key}/revoke/").status_code == 302
    assert not AuthToken.objects.filter(pk=row.pk).exists()
    assert ChangeRecord.objects.get(action="delete", object_type="knox.AuthToken").reason == (
        "系统管理员作废"
    )


def test_others_cannot_see_or_revoke_a_token(client, people):
    row, _token = tokens.issue(people["clerk"], by=people["clerk"])
    client.force_login(people["other_clerk"])
    assert row.token_key not in client.get("/account/tokens/").content.decode()
    assert client.get("/account/tokens/all/").status_code == 403
    assert client.post(f"/account/tokens/{row.token_key}/revoke/").status_code == 403
    assert AuthToken.objects.filter(pk=row.pk).exists()


def test_drf_create_token_is_gone(db):
    with pytest.raises(CommandError):
        call_command("drf_create_token", "alice")
