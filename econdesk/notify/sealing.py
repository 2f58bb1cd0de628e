"""Channel secrets at rest: AES-256-GCM with a key that is not in the database.

The key comes from ECONDESK_NOTIFY_KEY (any long random string; its SHA-256 is the AES key),
else from the file ECONDESK_NOTIFY_KEY_FILE, else from var/notify.key, created with mode 0600
the first time a secret is stored. A backup of the database alone does not reveal the robots'
addresses or secrets; keep the key file (or the variable) with the server's other secrets.

A value written as ``env:NAME`` is not stored at all: it is read from the environment
variable NAME when a message is sent (the secret then lives only in /etc/econdesk/env).
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "v1:"
ENV_PREFIX = "env:"


class SealError(Exception):
    """A secret cannot be read back; the message says why, in Chinese."""


def key_path() -> Path:
    explicit = os.environ.get("ECONDESK_NOTIFY_KEY_FILE")
    if explicit:
        return Path(explicit)
    return Path(getattr(settings, "VAR_DIR", settings.BASE_DIR / "var")) / "notify.key"


def _key(create: bool) -> bytes:
    value = os.environ.get("ECONDESK_NOTIFY_KEY", "")
    if not value:
        path = key_path()
        if not path.exists():
            if not create:
                raise SealError(
                    f"找不到推送密钥文件 {path}：渠道的地址和密钥无法解密，请重新填写。"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(32) + "\n")
        value = path.read_text(encoding="utf-8").strip()
    if len(value) < 16:
        raise SealError("推送密钥太短（至少16个字符），请检查 ECONDESK_NOTIFY_KEY 或密钥文件。")
    return hashlib.sha256(value.encode("utf-8")).digest()


def seal(plain: str, purpose: str) -> str:
    """The stored form of ``plain``: ``env:NAME`` as it is, "" for "", else encrypted."""
    plain = (plain or "").strip()
    if not plain or plain.startswith(ENV_PREFIX):
        return plain
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_key(create=True)).encrypt(nonce, plain.encode("utf-8"), purpose.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def unseal(stored: str, purpose: str) -> str:
    """The plain value (read from the environment for ``env:NAME``)."""
    if not stored:
        return ""
    if stored.startswith(ENV_PREFIX):
        name = stored[len(ENV_PREFIX) :]
        value = os.environ.get(name, "")
        if not value:
            raise SealError(f"环境变量 {name} 未设置：渠道的{_what(purpose)}取不到。")
        return value
    if not stored.startswith(PREFIX):
        raise SealError(f"渠道的{_what(purpose)}存储格式不对，请重新填写。")
    raw = base64.urlsafe_b64decode(stored[len(PREFIX) :].encode("ascii"))
    try:
        plain = AESGCM(_key(create=False)).decrypt(raw[:12], raw[12:], purpose.encode())
    except InvalidTag:
        raise SealError(
            f"渠道的{_what(purpose)}无法解密：推送密钥已更换？请重新填写该渠道。"
        ) from None
    return plain.decode("utf-8")


def _what(purpose: str) -> str:
    return {"url": "地址", "secret": "密钥"}.get(purpose, purpose)


def mask_secret(plain: str) -> str:
    """What the page shows of a secret: that it is set, and its last four characters."""
    if not plain:
        return "未设置"
    if plain.startswith(ENV_PREFIX):
        return f"取自环境变量 {plain[len(ENV_PREFIX) :]}"
    tail = plain[-4:] if len(plain) >= 12 else ""
    return f"已设置（…{tail}）" if tail else "已设置"


def mask_url(plain: str) -> str:
    """A webhook address with its key hidden: host and path shown, query values masked."""
    if not plain:
        return "未设置"
    if plain.startswith(ENV_PREFIX):
        return f"取自环境变量 {plain[len(ENV_PREFIX) :]}"
    parts = urlsplit(plain)
    query = [(k, _mask_value(v)) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    path = parts.path
    if not query and path.count("/") > 1:
        head, _, last = path.rpartition("/")
        path = f"{head}/{_mask_value(last)}"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query, safe="*…"), ""))


def _mask_value(value: str) -> str:
    if len(value) <= 8:
        return "****"
    return "****" + value[-4:]
