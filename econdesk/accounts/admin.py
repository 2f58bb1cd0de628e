import knox.admin  # noqa: F401 - registered first, so that it can be taken off below
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from knox.models import AuthToken

from econdesk.accounts import security
from econdesk.accounts.models import Department, Leader, LoginAttempt, User
from econdesk.audit.admin_mixins import AuditedAdmin


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "short_name", "sort_order", "is_active"]
    search_fields = ["name", "short_name"]


@admin.register(Leader)
class LeaderAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "title", "portfolio", "user"]


@admin.register(User)
class EcondeskUserAdmin(AuditedAdmin, UserAdmin):
    list_display = ["username", "display_name", "role", "department", "is_active"]
    list_filter = ["role", "department", "is_active"]
    fieldsets = UserAdmin.fieldsets + (
        ("岗位", {"fields": ("display_name", "role", "department")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("岗位", {"fields": ("display_name", "role", "department")}),
    )
    actions = ["unlock_login"]

    @admin.action(description="解除所选用户的登录锁定", permissions=["change"])
    def unlock_login(self, request, queryset):
        count = security.unlock_users(list(queryset), by=request.user)
        self.message_user(request, f"已解除 {count} 个账户的登录锁定。", messages.SUCCESS)


class LockedFilter(admin.SimpleListFilter):
    title = "状态"
    parameter_name = "locked"

    def lookups(self, request, model_admin):
        return [("yes", "锁定中"), ("no", "未锁定")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "yes":
            return queryset.filter(locked_until__gt=now)
        if self.value() == "no":
            return queryset.exclude(locked_until__gt=now)
        return queryset


@admin.register(LoginAttempt)
class LoginAttemptAdmin(AuditedAdmin, admin.ModelAdmin):
    """Who failed to log in, from where, and which names or addresses are locked."""

    list_display = [
        "scope",
        "key",
        "status",
        "failures",
        "last_failure_at",
        "last_address",
        "locked_until",
        "lock_count",
    ]
    list_filter = [LockedFilter, "scope"]
    search_fields = ["key", "last_address"]
    actions = ["unlock"]
    readonly_fields = [
        "scope",
        "key",
        "failures",
        "window_started_at",
        "last_failure_at",
        "last_address",
        "locked_until",
        "lock_count",
    ]

    @admin.display(description="状态")
    def status(self, obj):
        return "锁定中" if obj.is_locked() else "—"

    @admin.action(description="解除锁定（清零失败次数）", permissions=["change"])
    def unlock(self, request, queryset):
        count = security.unlock(queryset, by=request.user)
        self.message_user(request, f"已解除 {count} 条记录的锁定。", messages.SUCCESS)

    def has_add_permission(self, request):
        return False


# API tokens are listed and revoked on 我的令牌 / 全部令牌 (econdesk/accounts/views.py), where
# each revocation is recorded; knox's own admin screen would delete them without a record.
admin.site.unregister(AuthToken)
