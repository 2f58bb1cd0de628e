"""Read endpoints for the ledger. Filters by query string: region, indicator, period, kind."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from econdesk import params as query
from econdesk.api.access import LedgerReadPermission
from econdesk.api.serializers import (
    IndicatorSerializer,
    ObservationSerializer,
    PeriodSerializer,
    RegionSerializer,
    TargetSerializer,
)
from econdesk.ledger.models import Indicator, Observation, Period, Region, Target

BIGINT_MAX = 2**63 - 1


def _check_params(params) -> None:
    """400 for a NUL character: PostgreSQL cannot compare text with it (it would be a 500)."""
    for key, values in params.lists():
        if any("\x00" in value for value in values):
            raise ValidationError({key: "参数中不能含有空字符（\\x00）。"})


def _filter_common(qs, params):
    _check_params(params)
    if region := params.get("region"):
        # An id only when it is plain ASCII digits that fit the key ("²".isdigit() is True too).
        if region.isascii() and region.isdigit():
            qs = qs.filter(region_id=int(region)) if int(region) <= BIGINT_MAX else qs.none()
        else:
            qs = qs.filter(region__name=region)
    if indicator := params.get("indicator"):
        qs = qs.filter(indicator__code=indicator) | qs.filter(indicator__name=indicator)
    if key := query.period(params):
        qs = qs.filter(period__year=key.year, period__month=key.month)
    return qs


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    permission_classes = [LedgerReadPermission]


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Indicator.objects.select_related("lead_department", "leader")
    serializer_class = IndicatorSerializer
    permission_classes = [LedgerReadPermission]


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Period.objects.all()
    serializer_class = PeriodSerializer
    permission_classes = [LedgerReadPermission]


FILTERS = [
    OpenApiParameter("region", str, description="地区名称或编号"),
    OpenApiParameter("indicator", str, description="指标代码或名称"),
    OpenApiParameter("period", str, description="期别，如 2022-03"),
]


@extend_schema(
    parameters=[
        *FILTERS,
        OpenApiParameter("kind", str, description="actual（实绩）或 estimate（预计）"),
        OpenApiParameter("all_versions", bool, description="含历史版本"),
    ]
)
class ObservationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ObservationSerializer
    permission_classes = [LedgerReadPermission]

    def get_queryset(self):
        params = self.request.query_params
        _check_params(params)
        qs = Observation.objects.select_related(
            "region", "indicator", "period", "batch", "entered_by"
        )
        if params.get("all_versions") not in ("1", "true"):
            qs = qs.filter(is_current=True)
        if kind := params.get("kind"):
            qs = qs.filter(kind=kind)
        return _filter_common(qs, params).order_by("indicator_id", "period_id", "region_id", "id")


@extend_schema(parameters=FILTERS)
class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TargetSerializer
    permission_classes = [LedgerReadPermission]

    def get_queryset(self):
        qs = Target.objects.select_related("region", "indicator", "period")
        return _filter_common(qs, self.request.query_params).order_by("id")
