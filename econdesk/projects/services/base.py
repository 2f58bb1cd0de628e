"""The one door for writes: permission, validation, change record and save in one transaction.

Every register row has a version; a write based on an older version than the stored one is
refused (optimistic locking), so two clerks never overwrite each other's figures unseen.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from econdesk.accounts import permissions
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, record_model_change, snapshot

EDIT = "projects.edit"
STALE_PROJECT = "该项目已被他人修改，请刷新后再提交"
STALE_OTHER = "该记录已被他人修改，请刷新后再提交"


class StaleEdit(Exception):
    """The row changed since the form (or API client) read it."""

    def __init__(self, obj: Model):
        self.obj = obj
        name = obj._meta.model_name
        self.message = STALE_PROJECT if name == "majorproject" else STALE_OTHER
        super().__init__(self.message)


def check_version(stored: Model, expected_version: int | None) -> None:
    """Refuse a write based on another version than the stored one (None = not checked)."""
    if expected_version is not None and int(expected_version) != stored.version:
        raise StaleEdit(stored)


def write(
    user,
    obj: Model,
    *,
    expected_version: int | None = None,
    reason: str = "",
    action: str = EDIT,
    guard: Model | None = None,
) -> Model:
    """Save a register row the only way rows are saved.

    ``guard`` is the object whose lead department decides (the row itself unless it belongs to
    another). On an update the stored row must be editable too: a clerk cannot move another
    department's row into their own by changing its lead department.
    """
    permissions.require(user, action, guard or obj)
    with transaction.atomic():
        before = None
        stored = None
        if obj.pk:
            stored = type(obj).objects.select_for_update().get(pk=obj.pk)
            permissions.require(user, action, guard or stored)
            if hasattr(stored, "version"):
                check_version(stored, expected_version)
            before = snapshot(stored)
        obj.full_clean()
        if hasattr(obj, "version"):
            obj.version = (stored.version if stored is not None else 0) + 1
        obj.save()
        record_model_change(user=user, obj=obj, before=before, reason=reason)
    return obj


def remove(user, obj: Model, *, reason: str = "", guard: Model | None = None) -> None:
    """Delete a row (only children of a project: months, procedures), recording what it was."""
    permissions.require(user, EDIT, guard or obj)
    with transaction.atomic():
        record(
            user=user,
            action=ChangeRecord.Action.DELETE,
            object_type=obj._meta.label,
            object_id=obj.pk,
            object_repr=str(obj),
            before=snapshot(obj),
            after=None,
            reason=reason,
        )
        obj.delete()


def lock_parent(user, parent: Model, expected_version: int | None) -> Model:
    """Inside a transaction: lock a project for a change to its children, check its version.

    Call ``bump_version`` once something did change: the children's own change records say
    what changed; the version only tells later writers that something did.
    """
    permissions.require(user, EDIT, parent)
    stored = type(parent).objects.select_for_update().get(pk=parent.pk)
    permissions.require(user, EDIT, stored)
    check_version(stored, expected_version)
    return stored


def bump_version(parent: Model, stored: Model) -> None:
    stored.version += 1
    stored.save(update_fields=["version", "updated_at"])
    parent.version = stored.version


def errors_of(exc: ValidationError) -> list[str]:
    """A ValidationError's messages as plain Chinese lines (field labels are added by forms)."""
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)


def atomic():
    return transaction.atomic()
