"""The change record in the back office, read only, in the words of the 变更记录 page: the
object's kind by its model's Chinese name, where a change came from in Chinese."""

from django.apps import apps
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from econdesk.audit import labels
from econdesk.audit.admin_mixins import AuditedAdmin
from econdesk.audit.models import ChangeRecord


class ObjectTypeFilter(admin.SimpleListFilter):
    """对象类型 by the models' Chinese names (督办事项), not their labels (supervision.…)."""

    title = "对象类型"
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        types = {m._meta.label for m in apps.get_models() if m.__module__.startswith("econdesk.")}
        return sorted(((t, labels.type_label(t)) for t in types), key=lambda t: t[1])

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


class SourceFilter(admin.SimpleListFilter):
    title = "来源"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return list(labels.SOURCES.items())

    def queryset(self, request, queryset):
        return queryset.filter(source=self.value()) if self.value() else queryset


@admin.register(ChangeRecord)
class ChangeRecordAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["at", "user_name", "shown_source", "action", "shown_type", "shown_object",
                    "reason"]  # fmt: skip
    list_filter = ["action", SourceFilter, ObjectTypeFilter]
    search_fields = ["object_repr", "user_name", "reason"]
    # The detail screen in words too: the kind and fields by their Chinese names.
    fields = ["at", "user_name", "shown_source", "action", "shown_type", "shown_object",
              "shown_changes", "reason", "hash"]  # fmt: skip

    @admin.display(description="修改内容")
    def shown_changes(self, obj):
        lines = [
            (c.label, c.before, c.after)
            for c in labels.with_changes([obj])[0][1]
            if c.changed and c.key != "version"
        ]
        if not lines:
            return "—"
        return format_html_join(mark_safe("<br>"), "{}：{} → {}", lines)

    @admin.display(description="来源", ordering="source")
    def shown_source(self, obj):
        return labels.source_label(obj)

    @admin.display(description="对象类型", ordering="object_type")
    def shown_type(self, obj):
        return labels.type_label(obj.object_type)

    @admin.display(description="对象")
    def shown_object(self, obj):
        return labels.object_label(obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
