"""Endpoints for the indicator panel and the GDP estimate (same figures as the pages)."""

from decimal import Decimal, InvalidOperation

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from econdesk import params as query
from econdesk.analysis.gdp_estimate import estimate_for
from econdesk.analysis.panel import build_panel
from econdesk.analysis.serialize import RegionNotFound, find_region, to_jsonable
from econdesk.api.access import LedgerReadPermission

MAX_TARGET_GROWTH = Decimal(1000)  # %, far beyond any real target

PARAMS = [
    OpenApiParameter("region", str, required=True, description="地区名称，如 东城区"),
    OpenApiParameter("period", str, required=True, description="期别 YYYY-MM，如 2022-02"),
]


def _region_and_period(params):
    for name in ("region", "period", "target"):
        if "\x00" in params.get(name, ""):  # PostgreSQL cannot compare text with it
            raise ValidationError({name: "参数中不能含有空字符（\\x00）。"})
    try:
        region = find_region(params.get("region", ""))
    except RegionNotFound as exc:
        raise NotFound(str(exc)) from exc
    key = query.period(params)
    if key is None:
        raise ValidationError({"period": "无法识别期别，请写成 YYYY-MM，如 2022-03。"})
    return region, key


@extend_schema(parameters=PARAMS, responses=OpenApiTypes.OBJECT, summary="指标面板")
@api_view(["GET"])
@permission_classes([LedgerReadPermission])
def panel(request):
    region, key = _region_and_period(request.query_params)
    return Response(to_jsonable(build_panel(region, key)))


@extend_schema(
    parameters=[
        *PARAMS,
        OpenApiParameter("target", float, description="GDP目标增速(%)，缺省取市下达目标"),
    ],
    responses=OpenApiTypes.OBJECT,
    summary="GDP测算与倒推",
)
@api_view(["GET"])
@permission_classes([LedgerReadPermission])
def gdp(request):
    region, key = _region_and_period(request.query_params)
    target = request.query_params.get("target")
    try:
        target_growth = Decimal(target) if target not in (None, "") else None
    except InvalidOperation as exc:
        raise ValidationError({"target": f"“{target}”不是数字。"}) from exc
    # A growth rate in percent: NaN, ±Infinity or 8e+281 would only fail deeper down (a 500).
    if target_growth is not None and not (
        target_growth.is_finite() and -MAX_TARGET_GROWTH <= target_growth <= MAX_TARGET_GROWTH
    ):
        raise ValidationError(
            {"target": f"目标增速应在 -{MAX_TARGET_GROWTH}% 到 {MAX_TARGET_GROWTH}% 之间。"}
        )
    return Response(to_jsonable(estimate_for(region, key, target_growth)))
