"""The registers over DRF: read for every role, writes through the same services as the pages.

A write must carry the ``version`` it read (optimistic locking): a stale one gets 409 with
"该项目已被他人修改，请刷新后再提交". Validation problems come back as 400 with Chinese messages,
a foreign key to an object the user may not link to as 403 (econdesk.api.exceptions).
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.ledger.models import Region
from econdesk.ledger.queries import home_region
from econdesk.projects import gapclosure, services
from econdesk.projects import warnings as project_warnings
from econdesk.projects.models import (
    Enterprise,
    EnterpriseRequest,
    InvestmentDeal,
    MajorProject,
    ProjectMonth,
    UpwardFunding,
)


class RegisterPermission(BasePermission):
    """Reading needs projects.read; writing needs projects.edit (object rules in services)."""

    message = "您无权修改项目台账。"

    def has_permission(self, request, view) -> bool:
        action_name = "projects.read" if request.method in SAFE_METHODS else "projects.edit"
        return permissions.can(request.user, action_name)


class RegisterSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False, help_text="读取时的版本，修改时必须回传")
    region = serializers.PrimaryKeyRelatedField(read_only=True)


def _pk(value) -> int | None:
    """An id from a query parameter: ASCII digits that fit a bigint, else None ("²".isdigit()
    is True, and 30 digits overflow PostgreSQL's bigint: both were 500s)."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


class RegisterViewSet(viewsets.ModelViewSet):
    """List, read, create and update one register; no delete (rows are closed, not removed)."""

    permission_classes = [RegisterPermission]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    saver = None
    filters: tuple[str, ...] = ("stage", "status", "lead_department")

    def get_queryset(self):
        qs = self.queryset.all()
        params = self.request.query_params
        if "\x00" in "".join(params.values()):  # PostgreSQL cannot compare text with NUL
            raise serializers.ValidationError({"detail": "参数中不能含有空字符（\\x00）。"})
        if (region := _pk(params.get("region"))) is not None:
            qs = qs.filter(region_id=region)
        fields = {f.name: f for f in qs.model._meta.fields}
        for name in self.filters:
            if not (value := params.get(name)) or name not in fields:
                continue
            if fields[name].is_relation:  # lead_department, industry_chain: by id
                pk = _pk(value)
                qs = qs.filter(**{f"{name}_id": pk}) if pk is not None else qs.none()
            elif fields[name].get_internal_type().endswith("IntegerField"):  # year
                qs = qs.filter(**{name: query.integer(params, name, minimum=0)})
            else:
                qs = qs.filter(**{name: value})
        return permissions.visible(self.request.user, "projects.read", qs).order_by("id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        region = home_region()
        if (wanted := _pk(self.request.data.get("region"))) is not None:
            region = Region.objects.filter(pk=wanted).first() or region
        obj = serializer.Meta.model(region=region, **data)
        serializer.instance = type(self).saver(self.request.user, obj)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        if version is None:
            raise serializers.ValidationError({"version": "修改时须回传读取时的版本号。"})
        obj = serializer.instance
        for name, value in data.items():
            setattr(obj, name, value)
        serializer.instance = type(self).saver(self.request.user, obj,
                                    expected_version=version)  # fmt: skip


class ProjectSerializer(RegisterSerializer):
    size_class = serializers.CharField(read_only=True)

    class Meta:
        model = MajorProject
        exclude = ["created_at", "updated_at"]


class MonthSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectMonth
        fields = ["year", "month", "planned", "completed", "progress"]


class MonthsInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    version = serializers.IntegerField()
    months = MonthSerializer(many=True)


class MajorProjectViewSet(RegisterViewSet):
    """Major projects (重大项目). Amounts in 万元."""

    queryset = MajorProject.objects.select_related("industry_chain", "lead_department")
    serializer_class = ProjectSerializer
    saver = staticmethod(services.save_project)
    filters = ("stage", "enrolment", "lead_department", "industry_chain")

    def get_queryset(self):
        qs = super().get_queryset()
        if (chain := _pk(self.request.query_params.get("industry_chain"))) is not None:
            qs = qs.filter(industry_chain_id=chain)
        return qs

    @action(detail=True, methods=["get", "post"], serializer_class=MonthsInput)
    def months(self, request, pk=None):
        """GET: the monthly investment rows; POST {year, version, months: [...]} saves a year."""
        project = self.get_object()
        if request.method == "GET":
            rows = project.months.all()
            return Response(MonthSerializer(rows, many=True).data)
        body = MonthsInput(data=request.data)
        body.is_valid(raise_exception=True)
        entries = [
            services.MonthInput(
                m["month"], m.get("planned"), m.get("completed"), m.get("progress", "")
            )  # fmt: skip
            for m in body.validated_data["months"]
        ]
        changed = services.save_months(request.user, project, body.validated_data["year"],
                        entries, expected_version=body.validated_data["version"])  # fmt: skip
        project.refresh_from_db()
        return Response({"changed": changed, "version": project.version})

    @action(detail=False, methods=["get"])
    def warnings(self, request):
        """Warnings on the region's projects and deals (?region=, ?today=YYYY-MM-DD)."""
        region = _region(request)
        try:
            today = date.fromisoformat(request.query_params.get("today", ""))
        except ValueError:
            today = timezone.localdate()
        found = project_warnings.warnings(region, today)
        return Response([
            {**w.__dict__, "kind_label": w.kind_label, "color_label": w.color_label}
            for w in found
        ])  # fmt: skip

    @action(detail=False, methods=["get"])
    def closure(self, request):
        """The FAI closure plan (?region=, ?gap=<choice key>), amounts in the FAI unit."""
        result = gapclosure.fai_closure(_region(request), choice=request.query_params.get("gap"))
        return Response(_closure_json(result))


def _region(request):
    wanted = _pk(request.query_params.get("region"))
    return Region.objects.filter(pk=wanted).first() if wanted is not None else home_region()


def _closure_json(result) -> dict:
    plan = result.plan
    out = {
        "indicator": result.indicator.code,
        "unit": result.unit,
        "period": result.period.code if result.period else None,
        "message": result.message,
        "choices": [{"key": c.key, "label": c.label, "amount": c.amount} for c in result.choices],
        "chosen": result.chosen.key if result.chosen else None,
        "plan": None,
    }
    if plan is not None:
        out["plan"] = {
            "gap": plan.gap,
            "scheduled_total": plan.scheduled_total,
            "pipeline_total": plan.pipeline_total,
            "shortfall": plan.shortfall,
            "surplus": plan.surplus,
            "projected_value": plan.projected_value,
            "projected_growth": plan.projected_growth,
            "scheduled": [line.__dict__ for line in plan.scheduled],
            "pipeline": [line.__dict__ for line in plan.pipeline],
        }
    return out


class DealSerializer(RegisterSerializer):
    class Meta:
        model = InvestmentDeal
        exclude = ["created_at", "updated_at"]


class InvestmentDealViewSet(RegisterViewSet):
    """Investment deals (招商引资). Amounts in 亿元, registered capital in 万元."""

    queryset = InvestmentDeal.objects.select_related("industry_chain", "lead_department")
    serializer_class = DealSerializer
    saver = staticmethod(services.save_deal)


class FundingSerializer(RegisterSerializer):
    status_label = serializers.CharField(read_only=True)

    class Meta:
        model = UpwardFunding
        exclude = ["created_at", "updated_at"]


class UpwardFundingViewSet(RegisterViewSet):
    """Upward funding (对上争取). Amounts in 万元."""

    queryset = UpwardFunding.objects.select_related("project", "lead_department")
    serializer_class = FundingSerializer
    saver = staticmethod(services.save_funding)
    filters = ("programme", "year", "lead_department")


class EnterpriseSerializer(RegisterSerializer):
    class Meta:
        model = Enterprise
        exclude = ["created_at", "updated_at"]


class EnterpriseViewSet(RegisterViewSet):
    """Scale-up enterprises (升规入统). Revenue in 万元."""

    queryset = Enterprise.objects.select_related("sector", "lead_department")
    serializer_class = EnterpriseSerializer
    saver = staticmethod(services.save_enterprise)


class RequestSerializer(RegisterSerializer):
    class Meta:
        model = EnterpriseRequest
        exclude = ["created_at", "updated_at"]


class EnterpriseRequestViewSet(RegisterViewSet):
    """Enterprise requests (企业诉求); lead_department is the department handling it."""

    queryset = EnterpriseRequest.objects.select_related("enterprise", "lead_department")
    serializer_class = RequestSerializer
    saver = staticmethod(services.save_request)
    filters = ("status", "kind", "lead_department")
