"""The registers' writes go through the one door (econdesk.audit.changes): permission, row
lock, expected version, snapshot, save and change record in one transaction. Here only the
projects' own defaults: the action (projects.edit) and the stale message's noun.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Model

from econdesk.accounts import permissions
from econdesk.audit import changes

EDIT = "projects.edit"
STALE_PROJECT = changes.stale_message("项目")
StaleEdit = changes.StaleEdit


def write(
    user,
    obj: Model,
    *,
    expected_version: int | None = None,
    reason: str = "",
    action: str = EDIT,
    guard: Model | None = None,
) -> Model:
    """Save a register row through the door (``guard``: the row whose lead department
    decides, when the row belongs to another, e.g. a project's problem)."""
    return changes.save(user, action, obj, expected_version=expected_version, reason=reason,
                        guard=guard)  # fmt: skip


def remove(user, obj: Model, *, reason: str = "", guard: Model | None = None) -> None:
    """Delete a row (only children of a project: months, procedures), recording what it was."""
    changes.remove(user, EDIT, obj, reason=reason, guard=guard)


def lock_parent(user, parent: Model, expected_version: int | None) -> Model:
    """Inside a transaction: lock a project for a change to its children, check its version.

    Call ``bump_version`` once something did change: the children's own change records say
    what changed; the version only tells later writers that something did.
    """
    permissions.require(user, EDIT, parent)
    stored = changes.lock(parent, expected_version)
    permissions.require(user, EDIT, stored)
    return stored


def bump_version(parent: Model, stored: Model) -> None:
    changes.bump(stored, parent)


def errors_of(exc: ValidationError) -> list[str]:
    """A ValidationError's messages as plain Chinese lines (field labels are added by forms)."""
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)
