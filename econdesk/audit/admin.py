from django.contrib import admin

from econdesk.audit.admin_mixins import AuditedAdmin
from econdesk.audit.models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["at", "user_name", "source", "action", "object_type", "object_repr", "reason"]
    list_filter = ["action", "source", "object_type"]
    search_fields = ["object_repr", "user_name", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
