"""Issue #11 item 8: malformed query parameters answer 400 in Chinese, never 500."""

import json

import pytest
from django.db import transaction

from econdesk.audit import context
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record


@pytest.fixture
def admin(client, people, sample_city):
    client.force_login(people["admin"])
    return client


@pytest.mark.parametrize("path", ["/", "/peers/", "/leaders/", "/gdp/", "/bulletins/",
                                  "/supervision/warnings/", "/audit/as-of/"])  # fmt: skip
def test_period_2026_13_is_a_chinese_400_page(admin, path):
    response = admin.get(path, {"period": "2026-13"})
    text = response.content.decode()
    assert response.status_code == 400
    assert (
        "地址有误" in text and "参数 period=2026-13 有误：月份应在 1 到 12 之间，不能是 13" in text
    )
    assert "经济运行调度平台" in text  # the workspace's look, not a bare error


def test_the_api_answers_json_detail(admin):
    response = admin.get("/api/v1/observations/", {"period": "2026-13"})
    assert response.status_code == 400
    assert "月份应在 1 到 12 之间" in json.loads(response.content)["detail"]


@pytest.mark.parametrize("value", ["abc", "²", "1" * 30])
def test_a_bad_region_on_the_bulletin_page_is_400(admin, value):
    response = admin.get("/bulletins/", {"region": value})
    assert response.status_code == 400 and "地址中的参数 region=" in response.content.decode()


def test_a_huge_limit_on_observations_as_of_gets_the_cap(admin):
    response = admin.get(
        "/api/v1/observations/as-of/", {"at": "2030-01-01", "limit": str(10**22), "offset": "0"}
    )
    assert response.status_code == 200
    assert len(json.loads(response.content)["results"]) <= 10_000


def test_a_long_request_id_does_not_break_writes(client, people):
    client.force_login(people["admin"])
    response = client.get("/", HTTP_X_REQUEST_ID="r" * 500)
    assert response.status_code in (200, 302)
    token = context.set_origin(context.Origin(source="web", request_id=""))
    context.reset(token)
    from econdesk import params

    token = context.set_origin(
        context.Origin(source="web", request_id=params.request_id("r" * 500))
    )
    try:
        with transaction.atomic():
            rec = record(user=None, action="create", object_type="x.Y", object_id=1,
                         object_repr="y")  # fmt: skip
    finally:
        context.reset(token)
    assert ChangeRecord.objects.get(pk=rec.pk).request_id == "r" * 64
