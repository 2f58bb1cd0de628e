"""The API's one exception handler (settings REST_FRAMEWORK["EXCEPTION_HANDLER"]).

What the services raise becomes the answer a client reads, in Chinese:
a stale edit (econdesk.audit.changes.StaleEdit) → 409 with "该…已被他人修改，请刷新后再提交";
a Django ValidationError → 400 with the messages by field; a refusal of the rule book
(PermissionDenied) → 403 with its reason as "detail".
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

from econdesk.audit.changes import StaleEdit


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "该记录已被他人修改，请刷新后再提交"
    default_code = "stale"


def handle(exc, context):
    if isinstance(exc, StaleEdit):
        exc = Conflict(exc.message)
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return exception_handler(exc, context)
