from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from econdesk.accounts.models import Department, Leader, User


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "sort_order", "is_active"]
    search_fields = ["name", "short_name"]


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "portfolio", "user"]


@admin.register(User)
class EcondeskUserAdmin(UserAdmin):
    list_display = ["username", "display_name", "role", "department", "is_active"]
    list_filter = ["role", "department", "is_active"]
    fieldsets = UserAdmin.fieldsets + (
        ("岗位", {"fields": ("display_name", "role", "department")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("岗位", {"fields": ("display_name", "role", "department")}),
    )
