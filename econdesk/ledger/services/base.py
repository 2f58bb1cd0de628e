"""The one shape of a ledger write: permission, validation, change record, save."""

from __future__ import annotations

from django.db import models, transaction

from econdesk.accounts import permissions
from econdesk.audit.services import record_model_change, snapshot


def audited_save(user, action: str, obj: models.Model, reason: str = "") -> models.Model:
    """Check `action` for `user`, validate, save `obj` and record before → after, in one
    transaction; the stored row is locked first so two edits cannot interleave."""
    permissions.require(user, action, obj)
    with transaction.atomic():
        before = None
        if obj.pk:
            before = snapshot(type(obj).objects.select_for_update().get(pk=obj.pk))
        obj.full_clean()
        obj.save()
        record_model_change(user=user, obj=obj, before=before, reason=reason)
    return obj
