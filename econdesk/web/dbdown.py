"""A clear 503 while the database cannot be reached, instead of a bare 500.

When PostgreSQL restarts (an upgrade, a failover, a full disk) every query fails with
OperationalError or InterfaceError until it is back; CONN_HEALTH_CHECKS (econdesk/dburl.py) then
drops the broken connections and the next request reconnects. In between, a person gets a page
saying 数据库暂时不可用，请稍后重试 and an API client a JSON body, both with status 503 and
Retry-After, so nobody mistakes the outage for a bug or for a silent success.

Installed first in MIDDLEWARE (outermost): a view's error reaches process_exception; an error in
another middleware (the session saved on the way out) has already become Django's 500 by the
time it gets here, so a receiver of got_request_exception marks the request and the 500 is
replaced by the 503.
"""

from __future__ import annotations

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger("econdesk.dbdown")

MESSAGE = "数据库暂时不可用，请稍后重试"
RETRY_AFTER_SECONDS = 5
DB_DOWN = (OperationalError, InterfaceError)
_MARK = "_econdesk_database_down"

# Standalone on purpose: the site's templates read the user and the session, which live in the
# database that is down. No inline style or script, so the Content-Security-Policy holds.
PAGE = f"""<!doctype html>
<html lang="zh-hans">
<head><meta charset="utf-8"><title>{MESSAGE}</title></head>
<body>
<h1>{MESSAGE}</h1>
<p>系统正在恢复与数据库的连接，通常几秒钟即可恢复。请稍后刷新本页；刚才提交的内容如未显示“已保存”，请重新提交。</p>
<p><a href="">刷新</a></p>
</body>
</html>
"""


def unavailable(request, replacing: HttpResponse | None = None) -> HttpResponse:
    """The 503 for this request: JSON under /api/, else the page above."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": f"{MESSAGE}。"}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = HttpResponse(PAGE, status=503, content_type="text/html; charset=utf-8")
    if replacing is not None:
        # Keep what the other middleware added on the way out (security headers, cookies).
        for name, value in replacing.items():
            if name.lower() not in ("content-type", "content-length"):
                response[name] = value
        response.cookies = replacing.cookies
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _mark_request(sender, request=None, **kwargs) -> None:
    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, DB_DOWN):
        setattr(request, _MARK, exc)


got_request_exception.connect(_mark_request, dispatch_uid="econdesk.web.dbdown")


class DatabaseUnavailableMiddleware:
    """Turn OperationalError / InterfaceError into a 503 (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        exc = getattr(request, _MARK, None)
        if exc is not None and response.status_code == 500:
            logger.warning("数据库不可用（%s %s）：%s", request.method, request.path, exc)
            return unavailable(request, replacing=response)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DB_DOWN):
            logger.warning("数据库不可用（%s %s）：%s", request.method, request.path, exception)
            return unavailable(request)
        return None
