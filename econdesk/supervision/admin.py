"""Read-only admin views: changes go through the services (and their change record)."""

from django.contrib import admin

from econdesk.audit.admin_mixins import AuditedAdmin
from econdesk.supervision.models import (
    AssessmentScheme,
    Meeting,
    Reminder,
    SupervisedTask,
    TaskEvent,
    TaskRules,
)


class ReadOnly(AuditedAdmin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SupervisedTask)
class SupervisedTaskAdmin(ReadOnly):
    list_display = ["number", "title", "lead_department", "deadline", "status"]
    list_filter = ["status", "source", "lead_department"]
    search_fields = ["number", "title"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ["title", "held_on", "host"]


@admin.register(TaskEvent)
class TaskEventAdmin(ReadOnly):
    list_display = ["task", "action", "user_name", "at"]
    list_filter = ["action"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnly):
    list_display = ["task", "recipient", "kind", "sent_on", "read_at", "emailed_at"]


admin.site.register(AssessmentScheme, ReadOnly)
admin.site.register(TaskRules, ReadOnly)
