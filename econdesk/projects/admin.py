"""Admin: the registers are read-only here (pages and the API write them through services);
reference data (industry chains, thresholds, rules) is edited here, through the services too."""

from django.contrib import admin

from econdesk.audit.admin_mixins import AuditedAdmin
from econdesk.projects import models, services


class ReadOnlyAdmin(AuditedAdmin, admin.ModelAdmin):
    """Shows a register; every change goes through the pages so it is checked and recorded."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.MajorProject)
class MajorProjectAdmin(ReadOnlyAdmin):
    list_display = ["name", "region", "stage", "total_investment", "lead_department", "enrolment"]
    list_filter = ["stage", "enrolment", "industry_chain", "lead_department"]
    search_fields = ["name", "owner"]


@admin.register(models.InvestmentDeal)
class InvestmentDealAdmin(ReadOnlyAdmin):
    list_display = ["name", "investor", "stage", "amount", "signed_on", "lead_department"]
    list_filter = ["stage", "industry_chain"]


@admin.register(models.UpwardFunding)
class UpwardFundingAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "year", "applied_amount", "approved_amount"]
    list_filter = ["programme", "year"]


@admin.register(models.Enterprise)
class EnterpriseAdmin(ReadOnlyAdmin):
    list_display = ["name", "credit_code", "sector", "status", "revenue_to_date"]
    list_filter = ["status", "sector"]


@admin.register(models.EnterpriseRequest)
class EnterpriseRequestAdmin(ReadOnlyAdmin):
    list_display = ["enterprise_name", "kind", "status", "lead_department", "raised_on"]
    list_filter = ["kind", "status"]


class ServiceAdmin(AuditedAdmin, admin.ModelAdmin):
    """Saves through a service (permission + change record) instead of model.save()."""

    saver = None

    def save_model(self, request, obj, form, change):
        type(self).saver(request.user, obj, reason="后台修改")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.IndustryChain)
class IndustryChainAdmin(ServiceAdmin):
    list_display = ["name", "sort_order", "is_active"]
    saver = staticmethod(services.save_industry_chain)


@admin.register(models.ScaleThreshold)
class ScaleThresholdAdmin(ServiceAdmin):
    list_display = ["name", "group", "amount", "basis", "applies_to"]
    saver = staticmethod(services.save_threshold)


@admin.register(models.ProjectRules)
class ProjectRulesAdmin(ServiceAdmin):
    saver = staticmethod(services.save_rules)

    def has_add_permission(self, request):
        return not models.ProjectRules.objects.exists()
