"""GET /api/v1/observations/as-of/?at=…: the ledger's figures as they stood at a moment.

Mounted by one line in econdesk/api/urls.py (``include("econdesk.audit.api")``), before the
router so that "as-of" is not read as an observation id. Same filters and fields as
/api/v1/observations/ (region, indicator, period, kind); one version per cell — the newest
created at or before ``at``. ``is_current`` tells whether that version is still current now.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import ValidationError

from econdesk.api.access import LedgerReadPermission
from econdesk.api.pagination import Pagination
from econdesk.api.serializers import ObservationSerializer
from econdesk.api.views import FILTERS, _filter_common
from econdesk.audit.figures import MomentError, parse_moment
from econdesk.ledger.asof import observations_as_of
from econdesk.ledger.models import Observation


@extend_schema(
    parameters=[
        OpenApiParameter(
            "at",
            str,
            required=True,
            description="时点：YYYY-MM-DD HH:MM（本地时间），只写日期表示当日结束时",
        ),
        *FILTERS,
        OpenApiParameter("kind", str, description="actual（实绩）或 estimate（预计）"),
    ],
    responses=OpenApiTypes.OBJECT,
    summary="历史时点数据：某一时点有效的版本",
)
@api_view(["GET"])
@permission_classes([LedgerReadPermission])
def observations_at(request):
    params = request.query_params
    try:
        moment = parse_moment(params.get("at"))
    except MomentError as exc:
        raise ValidationError({"at": str(exc)}) from exc
    qs = _filter_common(observations_as_of(moment), params)
    if kind := params.get("kind"):
        if kind not in Observation.Kind.values:
            raise ValidationError({"kind": "类别只能是 actual（实绩）或 estimate（预计）。"})
        qs = qs.filter(kind=kind)
    qs = qs.select_related("region", "indicator", "period", "batch", "entered_by")
    qs = qs.order_by("indicator_id", "period_id", "region_id", "id")
    paginator = Pagination()  # limit capped at 10,000 (a huge limit gets the cap, not a 500)
    page = paginator.paginate_queryset(qs, request)
    response = paginator.get_paginated_response(ObservationSerializer(page, many=True).data)
    response.data["at"] = moment.isoformat()
    return response


urlpatterns = [path("", observations_at, name="api-observations-as-of")]
