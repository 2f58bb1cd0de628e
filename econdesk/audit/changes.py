"""The one door for every write of business data: permission, row lock, expected version,
snapshot before and after (many-to-many included, once), save and change record — in one
transaction. Ledger, reporting, projects, supervision and the back office all write here.

    obj = changes.save(user, "projects.edit", project, expected_version=3, reason="维护重大项目")

    with changes.editing(user, "supervision.report", task, expected_version=v,
                         reason="报送督办进展") as edit:
        edit.obj.status = TaskStatus.IN_PROGRESS         # change the locked, fresh row
    edit.changed                                          # the fields that changed

    changes.remove(user, "projects.edit", month, reason="…", guard=project)

Building blocks for services with their own steps: ``lock`` (the fresh row under a row lock,
its version checked), ``commit`` (version + 1, save, record) and ``bump`` (a parent's version
when only its children changed; their own records say what).

A version counts from 1 (a new row) and grows by one with each saved change; a write based on
another version than the stored one raises :class:`StaleEdit`, which the API answers with 409
(econdesk.api.exceptions) and a page shows as a form error (:func:`to_form`, below).
On SQLite the project's transactions are IMMEDIATE (the database's write lock is taken at
BEGIN), so select_for_update's absence there changes nothing.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F

from econdesk.accounts import permissions
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, record_creations, snapshot

# Fields that change with every save and say nothing of their own in a record.
QUIET_FIELDS = frozenset({"updated_at"})


class Versioned(models.Model):
    """A row with a version (optimistic locking): 1 when created, + 1 with every change."""

    version = models.PositiveIntegerField("版本", default=1, editable=False)
    # The noun of the stale-edit message: "该项目已被他人修改，请刷新后再提交".
    stale_noun = "记录"

    class Meta:
        abstract = True


def stale_message(noun: str = "记录") -> str:
    return f"该{noun}已被他人修改，请刷新后再提交"


class StaleEdit(ValidationError):
    """The row changed since the page (or API client) read it; nothing was saved."""

    noun = "记录"

    def __init__(self, obj: models.Model | None = None, noun: str | None = None):
        self.obj = obj
        noun = noun or getattr(obj, "stale_noun", None) or self.noun
        super().__init__(stale_message(noun), code="stale")


def check_version(stored: models.Model, expected_version) -> None:
    """Refuse a write based on another version than the stored one (None: not checked)."""
    if expected_version is None:
        return
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise StaleEdit(stored) from None
    if expected != stored.version:
        raise StaleEdit(stored)


def m2m_of(obj: models.Model) -> dict:
    """Many-to-many values as sorted id lists, by field name (only for saved objects)."""
    if obj.pk is None:
        return {}
    return {
        f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True))
        for f in obj._meta.many_to_many
    }


def full_snapshot(obj: models.Model) -> dict:
    """The stored fields (foreign keys as ids) and the many-to-many ids of `obj`."""
    return {**snapshot(obj), **m2m_of(obj)}


def lock(obj: models.Model, expected_version=None, *, related: tuple[str, ...] = ()):
    """Inside a transaction: `obj` re-read under a row lock, its version checked."""
    manager = type(obj)._default_manager
    # of=("self",): PostgreSQL cannot lock the nullable side of an outer join.
    rows = manager.select_for_update(of=("self",)) if related else manager.select_for_update()
    fresh = rows.select_related(*related).get(pk=obj.pk) if related else rows.get(pk=obj.pk)
    if hasattr(fresh, "version"):
        check_version(fresh, expected_version)
    return fresh


def bump(stored: models.Model, parent: models.Model | None = None) -> None:
    """One more version of a locked parent whose children changed (their records say what)."""
    type(stored)._default_manager.filter(pk=stored.pk).update(version=F("version") + 1)
    stored.refresh_from_db(fields=["version"])
    if parent is not None:
        parent.version = stored.version


def _diff(before: dict, after: dict, skip=()) -> list[str]:
    quiet = QUIET_FIELDS.union(skip)
    return [k for k in after if k not in quiet and before.get(k) != after.get(k)]


def _pending(obj: models.Model, m2m: dict | None) -> dict:
    """What the snapshot of `obj` will be once saved with `m2m`."""
    data = snapshot(obj)
    for name, values in (m2m or {}).items():
        data[name] = sorted(getattr(v, "pk", v) for v in values)
    return data


def commit(
    user,
    action: str,
    obj: models.Model,
    before: dict | None,
    *,
    reason: str = "",
    m2m: dict | None = None,
    validate: bool = True,
    refresh: bool = False,
) -> list[str]:
    """Save `obj` (version + 1), set its many-to-many values, append one change record.

    Must run inside the transaction that locked the row; `before` is its full snapshot (None
    for a new row). The foreign keys that changed must point at objects the user may link to
    (the rule book). ``refresh`` re-reads the row before the record is written, so values
    show as stored (decimals with their places). Returns the names of the fields that changed.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("changes.commit must run inside the transaction of the change")
    permissions.require_links(user, action, obj, before)
    if validate:
        obj.full_clean()
    if before is not None and not _diff(before, _pending(obj, m2m), skip=("version",)):
        return []  # saving what is stored changes nothing: no new version, no record
    if hasattr(obj, "version"):
        obj.version = (before.get("version", 0) if before else 0) + 1
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    if refresh:
        obj.refresh_from_db()
    after = full_snapshot(obj)
    if before is None:
        changed = [k for k in after if k not in QUIET_FIELDS]
        record(user=user, action=ChangeRecord.Action.CREATE, object_type=obj._meta.label,
               object_id=obj.pk, object_repr=str(obj), before=None, after=after,
               reason=reason)  # fmt: skip
        return changed
    changed = _diff(before, after)
    record(
        user=user,
        action=ChangeRecord.Action.UPDATE,
        object_type=obj._meta.label,
        object_id=obj.pk,
        object_repr=str(obj),
        before={k: before.get(k) for k in changed},
        after={k: after[k] for k in changed},
        reason=reason,
    )
    return [k for k in changed if k != "version"]


def save(
    user,
    action: str,
    obj: models.Model,
    *,
    expected_version=None,
    reason: str = "",
    guard: models.Model | None = None,
    m2m: dict | None = None,
    validate: bool = True,
) -> models.Model:
    """Create or update `obj` as given, the only way rows are saved.

    ``guard`` is the object whose rule decides (the row itself unless it belongs to another,
    e.g. a project's month). On an update the stored row must be allowed too: a clerk cannot
    move another department's row into their own by changing its lead department.
    """
    permissions.require(user, action, guard or obj)
    with transaction.atomic():
        before = None
        if obj.pk is not None and type(obj)._default_manager.filter(pk=obj.pk).exists():
            stored = lock(obj, expected_version)
            permissions.require(user, action, guard or stored)
            before = full_snapshot(stored)
        commit(user, action, obj, before, reason=reason, m2m=m2m, validate=validate)
    return obj


@dataclass
class Edit:
    """The locked, fresh row a service changes inside :func:`editing`."""

    obj: models.Model
    before: dict
    reason: str
    m2m: dict = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)


@contextmanager
def editing(
    user,
    action: str,
    obj: models.Model,
    *,
    expected_version,
    reason: str = "",
    guard: models.Model | None = None,
    related: tuple[str, ...] = (),
    validate: bool = False,
):
    """Change the stored row in place: the block gets an :class:`Edit` whose ``obj`` is the
    row locked at `expected_version`; on leaving the block it is saved and recorded (a
    refusal raised inside the block saves nothing)."""
    permissions.require(user, action, guard or obj)
    with transaction.atomic():
        stored = lock(obj, expected_version, related=related)
        permissions.require(user, action, guard or stored)
        edit = Edit(stored, full_snapshot(stored), reason)
        yield edit
        edit.changed = commit(user, action, edit.obj, edit.before, reason=edit.reason,
                              m2m=edit.m2m, validate=validate)  # fmt: skip


def create_many(user, action: str, objs, *, reason: str = "") -> list[models.Model]:
    """Create many new rows of one model at once, as save() would each: the rule for each,
    validation, one insert and one change record per row (audit.record_creations)."""
    objs = list(objs)
    for obj in objs:
        permissions.require(user, action, obj)
        # Uniqueness is the caller's to decide (it knows what exists) and the database's to
        # guarantee: one query per row and field here would undo the single insert.
        obj.full_clean(validate_unique=False, validate_constraints=False)
    if not objs:
        return objs
    with transaction.atomic():
        model = type(objs[0])
        created = model._default_manager.bulk_create(objs)
        if any(obj.pk is None for obj in created):
            raise RuntimeError("changes.create_many needs a database that returns new ids")
        record_creations(user=user, objs=created, reason=reason)
    return created


def remove(
    user, action: str, obj: models.Model, *, reason: str = "", guard: models.Model | None = None
) -> None:
    """Delete a row, recording what it held (many-to-many included)."""
    permissions.require(user, action, guard or obj)
    with transaction.atomic():
        pk, text = obj.pk, str(obj)
        before = full_snapshot(obj)
        record(user=user, action=ChangeRecord.Action.DELETE, object_type=obj._meta.label,
               object_id=pk, object_repr=text, before=before, after=None,
               reason=reason)  # fmt: skip
        obj.delete()


# --- pages: the one web helper ---------------------------------------------------------------------


def to_form(form, exc: ValidationError) -> None:
    """Put what a service refused on `form`, in Chinese: a stale edit as the form's error
    (with the message to reload), validation messages by field where the form has the field,
    else with the field's label in front ("计划投资：不能为负数")."""
    if isinstance(exc, StaleEdit):
        form.add_error(None, exc.message)
        return
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, errors in exc.error_dict.items():
        target = name if name in form.fields else None
        label = ""
        if target is None and name != "__all__" and model is not None:
            try:
                label = f"{model._meta.get_field(name).verbose_name}："
            except Exception:  # noqa: BLE001 - a key that is no field keeps no label
                label = ""
        for error in errors:
            for message in error.messages:
                form.add_error(target, f"{label}{message}" if target is None else message)
