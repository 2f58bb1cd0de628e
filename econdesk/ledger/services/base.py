"""The ledger's writes of reference data go through the one door (econdesk.audit.changes):
permission, row lock, validation, snapshot, save and change record in one transaction."""

from __future__ import annotations

from django.db import models

from econdesk.audit import changes


def audited_save(user, action: str, obj: models.Model, reason: str = "") -> models.Model:
    """Check `action` for `user`, validate, save `obj` and record before → after (see
    econdesk.audit.changes.save)."""
    return changes.save(user, action, obj, reason=reason)
