"""Malformed query parameters answer 400, in Chinese (econdesk/params.py raises them).

Pages get a message page in the workspace's look; the API (/api/…) gets {"detail": "…"}.
Nothing has been changed when this answers: parameters are parsed before any write.
"""

from __future__ import annotations

import logging

from django.http import JsonResponse
from django.template.response import TemplateResponse

from econdesk.params import BadParameter, check_control

log = logging.getLogger("econdesk.params")


def bad_parameter_response(request, exc: BadParameter):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": exc.message}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    response = TemplateResponse(
        request, "accounts/bad_parameter.html", {"message": exc.message}, status=400
    )
    return response.render()


class BadParameterMiddleware:
    """Turn BadParameter raised by a view (page or API) into a 400 answer. A query string
    holding a control character is refused before any view reads it, whichever parameter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check_control(request.GET)
        except BadParameter as exc:
            log.info("参数有误 %s %s: %s", request.method, request.path, exc.message)
            return bad_parameter_response(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            log.info("参数有误 %s %s: %s", request.method, request.path, exception.message)
            return bad_parameter_response(request, exception)
        return None
