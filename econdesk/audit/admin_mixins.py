"""The back office (Django admin) under the rule book and the change record.

- Who enters: role 系统管理员 (and superusers) — :func:`open_to_role_admins` sets the site's
  ``has_permission`` and login form; ``is_staff`` plays no part.
- What they may do on each screen: :class:`AuditedAdmin` asks econdesk.accounts.permissions
  (its ``BACK_OFFICE`` table: ``org.manage`` for units and users, ``ledger.edit_catalogue``
  for the ledger's reference data, …) instead of Django's stored model permissions.
- Every save and delete made there goes through the one door (econdesk.audit.changes): the
  row locked, its stored values and many-to-many before and after in one record, with who,
  from where (OriginMiddleware) and the reason typed in the form's 修改原因 field (else
  后台修改). Ledger data is never deleted from the back office.

- Lists read as numbers: a decimal column of ``list_display`` is shown without the database's
  zeros ("945.000000" → "945", "6.0000" → "6"; audit.labels.plain_number), under the field's
  own label, which names its unit (总投资（万元）).

Put the mixin first among a ModelAdmin's bases: ``class RegionAdmin(AuditedAdmin, admin.ModelAdmin)``.
A screen that saves through a service (which records the change itself) keeps its own
``save_model``; a read-only screen keeps its ``has_*_permission`` returning False.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, router, transaction

from econdesk.accounts import permissions
from econdesk.audit import changes
from econdesk.audit.labels import plain_number
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, secret_digest

REASON_FIELD = "audit_reason"
REASON_LABEL = "修改原因"

# Figures, targets, regions, indicators and periods are referenced by versions and bulletins:
# they are corrected or retired, never deleted here.
NO_DELETE_APPS = frozenset({"ledger"})


# --- who enters the back office -------------------------------------------------------------


def is_back_office_user(user) -> bool:
    """A role the rule book lets into the back office (系统管理员), or a superuser; active and
    logged in. ``is_staff`` is not consulted."""
    return permissions.enters_back_office(user)


def site_has_permission(request) -> bool:
    return is_back_office_user(request.user)


class BackOfficeAuthenticationForm(AdminAuthenticationForm):
    """The back office's login: the same accounts and lockout, open to 系统管理员 only."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": "请输入系统管理员账户的%(username)s和密码（注意区分大小写）。",
    }

    def confirm_login_allowed(self, user):
        AuthenticationForm.confirm_login_allowed(self, user)
        if not is_back_office_user(user):
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


def open_to_role_admins(site) -> None:
    """Let role 系统管理员 (and superusers) into ``site``, whatever their ``is_staff``."""
    site.has_permission = site_has_permission
    site.login_form = BackOfficeAuthenticationForm


# --- the reason field -----------------------------------------------------------------------


class _ReasonFields(forms.Form):
    audit_reason = forms.CharField(
        label=REASON_LABEL,
        required=False,
        max_length=500,
        help_text="写入变更记录；不填则记为“后台修改”。",
    )


def with_reason(form_class):
    """``form_class`` with the 修改原因 field added (once)."""
    if form_class is None or REASON_FIELD in getattr(form_class, "base_fields", {}):
        return form_class
    attrs = {"__module__": form_class.__module__, "__qualname__": form_class.__qualname__}
    return type(form_class.__name__, (form_class, _ReasonFields), attrs)


def _reason(form, default: str) -> str:
    data = getattr(form, "cleaned_data", None) or {}
    return (data.get(REASON_FIELD) or "").strip() or default


# --- lists read as numbers ---------------------------------------------------------------------


def decimal_column(model, name: str):
    """A list column showing the decimal field ``name`` as the pages write it: "945.000000" →
    "945", "6.0000" → "6" (empty when blank), titled and sorted as the field."""
    field = model._meta.get_field(name)

    def shown(obj):
        value = getattr(obj, name)
        return None if value is None else plain_number(value)

    shown.__name__ = f"shown_{name}"
    return admin.display(description=field.verbose_name, ordering=name)(shown)


def _plain_decimals(model, columns):
    out = []
    for column in columns:
        if isinstance(column, str):
            try:
                field = model._meta.get_field(column)
            except FieldDoesNotExist:
                field = None
            if isinstance(field, models.DecimalField):
                column = decimal_column(model, column)
        out.append(column)
    return type(columns)(out) if isinstance(columns, tuple) else out


class PlainNumberInput(forms.NumberInput):
    """A decimal field's box showing the figure as typed: 945, not the stored 945.000000."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            return plain_number(value)
        return super().format_value(value)


def _with_shown_decimals(model, fieldsets):
    """Fieldsets with each decimal field replaced by its plain-number column (read-only
    screens show fields through Django's display, which prints every stored place)."""
    names = {f.name for f in model._meta.concrete_fields if isinstance(f, models.DecimalField)}
    out = []
    for title, options in fieldsets:
        fields = [
            tuple(f"shown_{n}" if n in names else n for n in f)
            if isinstance(f, list | tuple)
            else (f"shown_{f}" if f in names else f)
            for f in options.get("fields", ())
        ]
        out.append((title, {**options, "fields": fields}))
    return out


class AuditedAdmin:
    """Rule-book permissions and a change record for every save and delete in the admin."""

    formfield_overrides = {models.DecimalField: {"widget": PlainNumberInput}}

    # Override per screen if the app's default action does not fit.
    view_action: str | None = None
    edit_action: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = with_reason(self.form)
        if getattr(self, "add_form", None) is not None:  # UserAdmin's creation form
            self.add_form = with_reason(self.add_form)
        self.list_display = _plain_decimals(self.model, self.list_display)
        for field in self.model._meta.concrete_fields:
            if isinstance(field, models.DecimalField) and not hasattr(self, f"shown_{field.name}"):
                setattr(self, f"shown_{field.name}", decimal_column(self.model, field.name))

    # --- permissions ------------------------------------------------------------------------

    def _app(self) -> str:
        return self.model._meta.app_label

    def _view_action(self) -> str:
        return self.view_action or permissions.back_office_actions(self._app())[0]

    def _edit_action(self) -> str:
        return self.edit_action or permissions.back_office_actions(self._app())[1]

    def _may(self, request, action: str) -> bool:
        user = request.user
        if not is_back_office_user(user):
            return False
        return bool(user.is_superuser or permissions.can(user, action))

    def get_queryset(self, request):
        """The screen's rows narrowed by the rule book, as every list is."""
        return permissions.visible(request.user, self._view_action(), super().get_queryset(request))

    def has_module_permission(self, request):
        return self._may(request, self._view_action()) or self._may(request, self._edit_action())

    def has_view_permission(self, request, obj=None):
        return self._may(request, self._view_action()) or self.has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._may(request, self._edit_action())

    def has_change_permission(self, request, obj=None):
        return self._may(request, self._edit_action())

    def has_delete_permission(self, request, obj=None):
        if self._app() in NO_DELETE_APPS:
            return False
        return self._may(request, self._edit_action())

    # --- the reason field on the form ----------------------------------------------------------

    def _may_write(self, request, obj) -> bool:
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if f != REASON_FIELD]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self._may_write(request, obj):
            fieldsets.append(("变更记录", {"fields": [REASON_FIELD]}))
            return fieldsets
        return _with_shown_decimals(self.model, fieldsets)

    # --- recording: through the door -----------------------------------------------------------

    def _atomic(self):
        return transaction.atomic(using=router.db_for_write(self.model))

    def save_model(self, request, obj, form, change):
        """Lock the stored row and take its snapshot; the save itself happens in
        save_related, once the many-to-many values are known, so one record holds both."""
        with self._atomic():
            before = None
            if change and obj.pk is not None:
                stored = changes.lock(obj)
                before = changes.full_snapshot(stored)
        reason = _reason(form, "后台修改" if before is not None else "后台新增")
        pending = request.__dict__.setdefault("_econdesk_audit_pending", {})
        pending[id(obj)] = (before, reason)
        if obj.pk is None:  # the pk is needed before save_related (e.g. for inlines)
            self._commit(request, obj, form, before, reason)
            pending[id(obj)] = None

    def _commit(self, request, obj, form, before, reason):
        m2m = {
            f.name: form.cleaned_data[f.name]
            for f in obj._meta.many_to_many
            if f.name in getattr(form, "cleaned_data", {})
        }
        changes.commit(request.user, self._edit_action(), obj, before, reason=reason, m2m=m2m,
                       validate=False)  # fmt: skip

    def save_related(self, request, form, formsets, change):
        with self._atomic():
            obj = form.instance
            pending = request.__dict__.get("_econdesk_audit_pending", {})
            if id(obj) in pending and pending[id(obj)] is not None:
                before, reason = pending.pop(id(obj))
                self._commit(request, obj, form, before, reason)
            # a screen's own save_model (a service) recorded its change itself
            super().save_related(request, form, formsets, change)

    def _refuse_ledger_delete(self):
        if self._app() in NO_DELETE_APPS:
            raise PermissionDenied("台账数据不能在后台删除：请更正或停用。")

    def delete_model(self, request, obj):
        self._refuse_ledger_delete()
        changes.remove(request.user, self._edit_action(), obj, reason="后台删除")

    def delete_queryset(self, request, queryset):
        self._refuse_ledger_delete()
        with self._atomic():
            for obj in queryset:
                changes.remove(request.user, self._edit_action(), obj, reason="后台批量删除")

    def _record(self, request, obj, action, before, after, reason):
        return record(
            user=request.user,
            action=action,
            object_type=obj._meta.label,
            object_id=obj.pk,
            object_repr=str(obj),
            before=before,
            after=after,
            reason=reason,
        )

    # --- UserAdmin's password page (only routed for the user screen) -----------------------------

    def user_change_password(self, request, id, form_url=""):
        with self._atomic():
            stored = self._password_of(id)
            response = super().user_change_password(request, id, form_url)
            now = self._password_of(id)
            if stored is not None and now != stored:
                obj = self.model._default_manager.get(pk=id)
                self._record(
                    request,
                    obj,
                    ChangeRecord.Action.UPDATE,
                    {"password": secret_digest(stored)},
                    {"password": secret_digest(now)},
                    "后台修改密码",
                )
        return response

    def _password_of(self, pk):
        try:
            return (
                self.model._default_manager.filter(pk=pk).values_list("password", flat=True).first()
            )
        except (ValueError, TypeError):
            return None
