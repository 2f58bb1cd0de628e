"""The DingTalk robot's signature (加签). No Django.

The robot checks ``timestamp`` (milliseconds, within an hour of its clock) and
``sign`` = url-encoded base64 of HMAC-SHA256 over "timestamp\\nsecret" keyed by the secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote_plus, urlsplit


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """The ``sign`` parameter, url-encoded, for ``secret`` at ``timestamp_ms``."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode("utf-8"), to_sign, hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest))


def signed_url(webhook: str, secret: str, timestamp_ms: int) -> str:
    """The webhook address with ``&timestamp=…&sign=…`` appended (no secret: unchanged)."""
    if not secret:
        return webhook
    joiner = "&" if urlsplit(webhook).query else "?"
    return f"{webhook}{joiner}timestamp={timestamp_ms}&sign={dingtalk_sign(secret, timestamp_ms)}"
