"""The plain rules: DingTalk's signature, backoff, the rate window, templates, masking, sealing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from econdesk.notify import pacing, sealing, signing, transports


def test_dingtalk_sign_is_the_url_encoded_hmac_of_timestamp_and_secret():
    secret, stamp = (
        "SEC000000000000000000000000000000000000000000000000000000000000",
        1_700_000_000_000,
    )
    by_hand = base64.b64encode(
        hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    url = signing.signed_url("https://oapi.dingtalk.com/robot/send?access_token=abc", secret, stamp)
    query = parse_qs(urlsplit(url).query)
    assert query["timestamp"] == [str(stamp)] and query["sign"] == [by_hand]
    assert "%2B" in signing.dingtalk_sign(secret, stamp) or "+" not in by_hand
    assert signing.signed_url("https://x/robot/send?access_token=abc", "", stamp).endswith("abc")


def test_backoff_doubles_from_30_seconds_to_an_hour():
    assert [pacing.backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert pacing.backoff_seconds(20) == 3600
    assert pacing.backoff_seconds(1, jitter=0.5) == 31.5


def test_the_rate_window_lets_the_next_message_go_when_the_oldest_leaves_it():
    t = datetime(2026, 12, 1, 9, 0, 0)
    sent = [t + timedelta(seconds=s) for s in (0, 10, 20)]
    assert pacing.next_slot(sent, t + timedelta(seconds=30), 20) == t + timedelta(seconds=30)
    assert pacing.next_slot(sent, t + timedelta(seconds=30), 3) == t + timedelta(seconds=60)
    assert pacing.next_slot(sent, t + timedelta(seconds=61), 3) == t + timedelta(seconds=61)


def test_a_message_cannot_break_out_of_the_sms_template():
    body = transports.fill_template(
        '{"to": "{{mobile}}", "text": "{{text}}"}',
        {"mobile": "13800138000", "text": '说"你好", "admin": true}'},
    )
    assert body == {"to": "13800138000", "text": '说"你好", "admin": true}'}
    assert json.loads(json.dumps(body))["text"].endswith("true}")
    with pytest.raises(transports.ChannelConfigError, match="无法识别"):
        transports.fill_template('{"x": "{{password}}"}', {})


def test_markdown_becomes_plain_text_for_sms_and_mail():
    text = transports.plain_text("### 标题\n> 第5期\n\n**粗体** [阅读全文](https://x/b/5/)")
    assert text == "标题\n第5期\n\n粗体 阅读全文（https://x/b/5/）"
    assert transports.clip_bytes("经" * 2000, 4096).encode().__len__() <= 4096


def test_webhook_keys_are_masked():
    shown = sealing.mask_url(
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
    )
    assert shown == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa"
    assert sealing.mask_secret("SEC4d8f2c0b0e6a4d51c8") == "已设置（…51c8）"
    assert sealing.mask_url("env:DING_URL") == "取自环境变量 DING_URL"


def test_sealed_secrets_need_the_key(monkeypatch, tmp_path, settings):
    monkeypatch.delenv("ECONDESK_NOTIFY_KEY", raising=False)
    monkeypatch.setenv("ECONDESK_NOTIFY_KEY_FILE", str(tmp_path / "k"))
    stored = sealing.seal("https://robot/send?key=top-secret-value", "url")
    assert "top-secret" not in stored and stored.startswith("v1:")
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
    assert sealing.unseal(stored, "url") == "https://robot/send?key=top-secret-value"
    with pytest.raises(sealing.SealError):
        sealing.unseal(stored, "secret")  # bound to its purpose
    (tmp_path / "k").write_text("another-key-of-enough-length\n")
    with pytest.raises(sealing.SealError, match="无法解密"):
        sealing.unseal(stored, "url")
    monkeypatch.setenv("ROBOT_URL", "https://from-env")
    assert sealing.seal("env:ROBOT_URL", "url") == "env:ROBOT_URL"
    assert sealing.unseal("env:ROBOT_URL", "url") == "https://from-env"
    with pytest.raises(sealing.SealError, match="NOT_SET 未设置"):
        sealing.unseal("env:NOT_SET", "url")
