"""Back-office screens for the ledger. Observations are read-only here: figures change only
through imports and reviewed reports, which keep every version."""

from django.contrib import admin

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


@admin.register(Region)
class RegionAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code", "ranked", "is_home", "sort_order"]
    list_filter = ["kind", "ranked", "parent"]
    search_fields = ["name", "code"]


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


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["region", "indicator", "period", "kind", "value", "growth", "rank", "version",
                    "is_current", "batch"]  # fmt: skip
    list_filter = ["kind", "is_current", "indicator", "period"]
    search_fields = ["region__name", "indicator__name"]
    list_select_related = ["region", "indicator", "period", "batch"]


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["region", "indicator", "period", "level", "growth", "value", "rank_goal"]
    list_filter = ["level", "indicator", "period"]


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
