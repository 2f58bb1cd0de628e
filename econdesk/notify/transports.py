"""Sending one message over one channel, and reading the channel's answer.

What an answer means for retrying:
- ``unreachable``: no connection was made, nothing was sent: safe to try again later;
- ``refused``: the channel answered with an error (errcode ≠ 0, HTTP ≥ 400): try again later;
- ``timeout``: the request went out but no answer came: it may have arrived. Sent again only
  where the far end drops repeats by our idempotency key (an SMS template with
  ``{{idempotency_key}}``); otherwise the message waits for the admin to confirm;
- ``config``: the channel cannot be used as configured (no address, secret unreadable).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.mail import EmailMessage

from econdesk.notify import sealing
from econdesk.notify.models import Channel, ChannelKind, Message
from econdesk.notify.signing import signed_url

WECOM_LIMIT_BYTES = 4096
DINGTALK_LIMIT_BYTES = 18000
SMS_LIMIT_CHARS = 300
# Robot error codes that mean "too many messages": wait a minute.
RATE_LIMITED = {"wecom": {45009}, "dingtalk": {130101, 410100}}
MAX_ANSWER = 64 * 1024


@dataclass
class Answer:
    outcome: str  # an Attempt.Outcome value
    text: str = ""
    http_status: int | None = None
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class ChannelConfigError(Exception):
    pass


def far_end_dedupes(channel: Channel) -> bool:
    """True when the channel drops a repeated message by our idempotency key."""
    return channel.kind == ChannelKind.SMS and "{{idempotency_key}}" in channel.request_template


def send(channel: Channel, message: Message) -> Answer:
    try:
        if channel.kind == ChannelKind.WECOM:
            return _wecom(channel, message)
        if channel.kind == ChannelKind.DINGTALK:
            return _dingtalk(channel, message)
        if channel.kind == ChannelKind.SMS:
            return _sms(channel, message)
        if channel.kind == ChannelKind.EMAIL:
            return _email(message)
    except (ChannelConfigError, sealing.SealError) as exc:
        return Answer("config", str(exc))
    return Answer("config", f"不支持的渠道类型 {channel.kind}")


# --- the robots -------------------------------------------------------------------------------


def _url(channel: Channel) -> str:
    url = sealing.unseal(channel.url_sealed, "url")
    if not url:
        raise ChannelConfigError("渠道未填写地址。")
    return url


def _wecom(channel: Channel, message: Message) -> Answer:
    content = clip_bytes(message.body, WECOM_LIMIT_BYTES)
    body = {"msgtype": "markdown", "markdown": {"content": content}}
    answer = post_json(_url(channel), body, channel.timeout_seconds, message.idempotency_key)
    return robot_answer("wecom", answer)


def _dingtalk(channel: Channel, message: Message) -> Answer:
    secret = sealing.unseal(channel.secret_sealed, "secret")
    url = signed_url(_url(channel), secret, int(time.time() * 1000))
    text = message.body
    if channel.keyword and channel.keyword not in text and channel.keyword not in message.title:
        text = f"{text}\n\n{channel.keyword}"
    text = clip_bytes(text, DINGTALK_LIMIT_BYTES)
    body = {"msgtype": "markdown", "markdown": {"title": message.title[:60], "text": text}}
    answer = post_json(url, body, channel.timeout_seconds, message.idempotency_key)
    return robot_answer("dingtalk", answer)


def robot_answer(kind: str, answer: Answer) -> Answer:
    """Read a robot's {"errcode":0,"errmsg":"ok"}."""
    if answer.outcome != "ok":
        return answer
    try:
        data = json.loads(answer.text)
        code = int(data.get("errcode", -1))
    except (ValueError, TypeError, AttributeError):
        return Answer("refused", answer.text, answer.http_status)
    if code == 0:
        return answer
    retry = 60.0 if code in RATE_LIMITED[kind] else None
    return Answer("refused", answer.text, answer.http_status, retry)


# --- SMS ------------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def sms_text(message: Message) -> str:
    return clip_chars(f"【{message.title}】{plain_text(message.body)}", SMS_LIMIT_CHARS)


def fill_template(template: str, values: dict[str, str]):
    """The request body: the JSON template with {{name}} replaced inside its strings (so a
    message cannot break out of the JSON). Unknown names are a configuration error."""
    try:
        shape = json.loads(template)
    except ValueError as exc:
        raise ChannelConfigError(f"请求模板不是合法的 JSON：{exc}") from None

    def fill(node):
        if isinstance(node, str):

            def one(match):
                name = match.group(1)
                if name not in values:
                    raise ChannelConfigError(f"请求模板中的 {{{{{name}}}}} 无法识别。")
                return values[name]

            return PLACEHOLDER.sub(one, node)
        if isinstance(node, list):
            return [fill(x) for x in node]
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        return node

    return fill(shape)


def _sms(channel: Channel, message: Message) -> Answer:
    if not message.address:
        raise ChannelConfigError("收件人没有手机号。")
    values = {
        "mobile": message.address,
        "text": sms_text(message),
        "title": message.title,
        "idempotency_key": message.idempotency_key,
        "secret": sealing.unseal(channel.secret_sealed, "secret"),
    }
    body = fill_template(channel.request_template or '{"mobile":"{{mobile}}","text":"{{text}}"}',
                         values)  # fmt: skip
    answer = post_json(_url(channel), body, channel.timeout_seconds, message.idempotency_key)
    if answer.outcome != "ok" or not channel.success_field:
        return answer
    try:
        found = json.loads(answer.text)
        for part in channel.success_field.split("."):
            found = found[part]
    except (ValueError, KeyError, TypeError, IndexError):
        return Answer("refused", answer.text, answer.http_status)
    if str(found) != channel.success_value:
        return Answer("refused", answer.text, answer.http_status)
    return answer


# --- e-mail ---------------------------------------------------------------------------------------


def _email(message: Message) -> Answer:
    if not message.address:
        raise ChannelConfigError("收件人没有邮箱。")
    mail = EmailMessage(
        subject=message.title[:150],
        body=plain_text(message.body),
        to=[message.address],
        headers={"Message-ID": f"<{message.idempotency_key}@econdesk>"},
    )
    try:
        mail.send(fail_silently=False)
    except (TimeoutError, ConnectionError, socket.gaierror) as exc:
        return Answer("unreachable", f"邮件服务器无法连接：{exc}")
    except Exception as exc:  # noqa: BLE001 - smtplib raises many kinds; the log shows which
        return Answer("refused", f"邮件服务器拒绝：{exc}")
    return Answer("ok", "邮件已交给邮件服务器")


# --- HTTP -----------------------------------------------------------------------------------------


def post_json(url: str, body, timeout: float, idempotency_key: str) -> Answer:
    """POST ``body`` as JSON. Connecting and sending are told apart: a failure to connect is
    ``unreachable`` (nothing sent), no answer after sending is ``timeout``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ChannelConfigError("地址应以 http:// 或 https:// 开头。")
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    conn = _connection(parts, timeout)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Idempotency-Key": idempotency_key,
        "User-Agent": "econdesk-notify/1",
    }
    try:
        try:
            conn.connect()
        except (OSError, ssl.SSLError) as exc:
            return Answer("unreachable", f"无法连接 {parts.hostname}：{_reason(exc)}")
        if _via_proxy() and parts.scheme == "http":
            path = url
        try:
            conn.request("POST", path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read(MAX_ANSWER).decode("utf-8", "replace")
        except TimeoutError:
            return Answer("timeout", f"{timeout}秒内未答复")
        except (OSError, http.client.HTTPException) as exc:
            return Answer("timeout", f"发送后连接中断：{_reason(exc)}")
    finally:
        conn.close()
    if response.status >= 400:
        retry = 60.0 if response.status == 429 else None
        return Answer("refused", text[:500], response.status, retry)
    return Answer("ok", text[:500], response.status)


def _via_proxy() -> str:
    return os.environ.get("ECONDESK_NOTIFY_PROXY", "")


def _connection(parts, timeout: float):
    proxy = _via_proxy()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if proxy:
        p = urlsplit(proxy)
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(p.hostname, p.port or 3128, timeout=timeout)
            conn.set_tunnel(parts.hostname, port)
            return conn
        return http.client.HTTPConnection(p.hostname, p.port or 3128, timeout=timeout)
    if parts.scheme == "https":
        return http.client.HTTPSConnection(parts.hostname, port, timeout=timeout)
    return http.client.HTTPConnection(parts.hostname, port, timeout=timeout)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "连接被拒绝"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "连接超时"
    if isinstance(exc, socket.gaierror):
        return "域名无法解析"
    return str(exc) or exc.__class__.__name__


# --- text -------------------------------------------------------------------------------------


def plain_text(markdown: str) -> str:
    """Markdown as plain text for SMS and e-mail: links as "text（address）", no markup."""
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1（\2）", markdown)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    text = text.replace("**", "").replace("> ", "")
    return text.strip()


def clip_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 6].decode("utf-8", "ignore") + "…"


def clip_chars(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
