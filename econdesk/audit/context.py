"""Where the current change comes from (request id, address, channel), set per request/command."""

from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass

from econdesk import params


@dataclass(frozen=True)
class Origin:
    source: str = "system"
    remote_addr: str = ""
    request_id: str = ""


_origin: contextvars.ContextVar[Origin | None] = contextvars.ContextVar(
    "econdesk_origin", default=None
)
_SYSTEM = Origin()


def current() -> Origin:
    return _origin.get() or _SYSTEM


def set_origin(origin: Origin) -> contextvars.Token:
    return _origin.set(origin)


def reset(token: contextvars.Token) -> None:
    _origin.reset(token)


class OriginMiddleware:
    """Tags every change made during a request with its address and a request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        source = "api" if request.path.startswith("/api/") else "web"
        token = set_origin(
            Origin(
                source=source,
                remote_addr=request.META.get("REMOTE_ADDR", ""),
                # The column holds 64 characters: a longer header was a failed write (PostgreSQL).
                request_id=params.request_id(request.headers.get("X-Request-ID"))
                or uuid.uuid4().hex,
            )
        )
        try:
            return self.get_response(request)
        finally:
            reset(token)
