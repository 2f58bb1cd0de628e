"""Back-office screens for the ledger. Observations are read-only here: figures change only
through imports and reviewed reports, which keep every version."""

import re

from django import forms
from django.contrib import admin

from econdesk.analysis.arithmetic.status import format_number
from econdesk.audit.admin_mixins import AuditedAdmin
from econdesk.ledger.models import (
    GdpSector,
    ImportBatch,
    Indicator,
    Observation,
    Period,
    Region,
    Target,
)
from econdesk.ledger.services.gdp import save_gdp_sector


class AliasesField(forms.CharField):
    """别名 as people type them, 、 or comma between names (never the list's `[]`)."""

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [part for part in re.split(r"[、,，;；\s]+", text) if part]

    def has_changed(self, initial, data):
        return (initial or []) != self.to_python(data)


class RegionForm(forms.ModelForm):
    aliases = AliasesField(label="别名", required=False, help_text="多个别名用、或逗号分隔")

    class Meta:
        model = Region
        fields = ["name", "code", "kind", "parent", "ranked", "aliases", "sort_order"]


@admin.register(Region)
class RegionAdmin(AuditedAdmin, admin.ModelAdmin):
    form = RegionForm
    list_display = ["name", "kind", "parent", "code", "ranked", "is_home", "sort_order"]
    list_filter = ["kind", "ranked", "parent"]
    search_fields = ["name", "code"]
    # 本级 is changed on the workspace's 设置 page (the old one released in the same step).
    readonly_fields = ["is_home"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = [
        "name", "code", "unit", "frequency", "price_basis", "value_published", "cumulation",
        "rank_key", "lead_department", "leader",
    ]  # fmt: skip
    list_filter = ["frequency", "price_basis", "lead_department"]
    search_fields = ["name", "code"]


@admin.register(Period)
class PeriodAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "year", "month"]


class ReadOnlyAdmin(AuditedAdmin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _figure(value, decimals, unit: str = "") -> str:
    """A stored decimal as pages write it (4042.51, not 4042.510000); "—" when missing."""
    return "—" if value is None else f"{format_number(value, decimals)}{unit}"


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["region", "indicator", "period", "kind", "shown_value", "shown_growth", "rank",
                    "version", "is_current", "batch"]  # fmt: skip
    list_filter = ["kind", "is_current", "indicator", "period"]
    search_fields = ["region__name", "indicator__name"]
    list_select_related = ["region", "indicator", "period", "batch"]

    @admin.display(description="累计值", ordering="value")
    def shown_value(self, obj):
        return _figure(obj.value, obj.indicator.decimals, obj.indicator.unit)

    @admin.display(description="增速（%）", ordering="growth")
    def shown_growth(self, obj):
        return _figure(obj.growth, obj.indicator.growth_decimals)


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["region", "indicator", "period", "level", "shown_growth", "shown_value",
                    "rank_goal"]  # fmt: skip
    list_filter = ["level", "indicator", "period"]
    list_select_related = ["region", "indicator", "period"]

    @admin.display(description="目标增速（%）", ordering="growth")
    def shown_growth(self, obj):
        return _figure(obj.growth, obj.indicator.growth_decimals)

    @admin.display(description="目标值", ordering="value")
    def shown_value(self, obj):
        return _figure(obj.value, obj.indicator.decimals, obj.indicator.unit)


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "kind", "user_name", "created_at", "rows_read",
                    "created_count", "revised_count", "unchanged_count"]  # fmt: skip


@admin.register(GdpSector)
class GdpSectorAdmin(AuditedAdmin, admin.ModelAdmin):
    """The GDP estimate's industries. Saving goes through the GDP sector service, so the
    permission rule and the change record apply here as everywhere else."""

    list_display = ["name", "group", "region", "weight", "driver", "elasticity", "price_change",
                    "above_scale_share", "below_scale_growth", "manual_growth", "sort_order"]  # fmt: skip
    list_filter = ["group", "region"]
    list_select_related = ["region", "driver"]
    search_fields = ["name", "code"]

    def save_model(self, request, obj, form, change):
        save_gdp_sector(request.user, obj, reason="后台修改GDP测算行业")

    def has_delete_permission(self, request, obj=None):
        # No delete service yet: a removed industry would silently change every weight share.
        return False
