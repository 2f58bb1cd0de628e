"""目标管理: the home region's targets; reviewers and admins add or change one through the
target service; other roles are refused in Chinese and nothing changes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import Target
from tests.web.known import build_known_city

PASSWORD = "Econdesk-test-2026"


@pytest.fixture
def known(people, sample_city):
    city, members = sample_city
    return build_known_city(people["admin"], city, members)


def _login(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_it_lists_the_home_regions_targets_by_indicator_period_and_level(client, known):
    _login(client, "leo")
    response = client.get(reverse("targets"))
    assert response.context["year"] == 2022
    rows = [
        (t.indicator.code, t.period.code, t.level, t.growth) for t in response.context["targets"]
    ]
    assert rows == [
        ("industry_va", "2022-03", "city", Decimal("8.0000")),
        ("retail_sales", "2022-12", "city", Decimal("6.0000")),
    ]
    html = response.content.decode()
    assert "2022年一季度" in html and "市下达" in html and "8.0" in html
    assert "修改</a>" not in html and "新增或修改目标" not in html  # a leader only reads


def test_it_filters_by_indicator(client, known):
    _login(client, "leo")
    response = client.get(reverse("targets"), {"indicator": "retail_sales", "year": "2022"})
    assert [t.indicator.code for t in response.context["targets"]] == ["retail_sales"]


def test_it_lets_a_reviewer_add_a_target_with_a_change_record(client, known, sample_city):
    _login(client, "rita")
    before = ChangeRecord.objects.count()
    response = client.post(
        reverse("target-edit"),
        {"indicator": "retail_sales", "year": "2022", "month": "3", "level": "district",
         "growth": "5.5", "value": "", "rank_goal": "3", "reason": "区政府常务会确定"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("targets") + "?year=2022"
    target = Target.objects.get(indicator__code="retail_sales", period__month=3, level="district")
    assert (target.region.name, target.growth, target.rank_goal) == ("东城区", Decimal("5.5"), 3)
    assert ChangeRecord.objects.count() == before + 1
    assert ChangeRecord.objects.order_by("-id").first().reason == "区政府常务会确定"
    page = client.get(response["Location"]).content.decode()
    assert "已新增目标" in page


def test_it_prefills_and_changes_an_existing_target(client, known):
    _login(client, "alice")
    params = {"indicator": "industry_va", "year": "2022", "month": "3", "level": "city"}
    form = client.get(reverse("target-edit"), params).context["form"]
    assert form.initial["growth"] == "8.0"
    response = client.post(reverse("target-edit"), {**params, "growth": "7.5", "reason": "调整"})
    assert response.status_code == 302
    target = Target.objects.get(indicator__code="industry_va", period__month=3, level="city")
    assert target.growth == Decimal("7.5")
    assert "已修改目标" in client.get(response["Location"]).content.decode()


def test_it_asks_for_at_least_one_goal(client, known):
    _login(client, "rita")
    response = client.post(
        reverse("target-edit"),
        {"indicator": "retail_sales", "year": "2022", "month": "6", "level": "city"},
    )
    assert response.status_code == 200
    assert "请至少填写目标增速、目标值或位次目标中的一项。" in response.content.decode()
    assert not Target.objects.filter(period__month=6).exists()


@pytest.mark.parametrize("username", ["colin", "leo", "sue"])
def test_it_refuses_the_target_form_to_other_roles_in_chinese(client, known, username):
    _login(client, username)
    response = client.get(reverse("target-edit"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "无权访问" in html and "无权维护目标。" in html


def test_it_refuses_a_clerks_post_and_changes_nothing(client, known):
    _login(client, "colin")
    before = (Target.objects.count(), ChangeRecord.objects.count())
    response = client.post(
        reverse("target-edit"),
        {"indicator": "industry_va", "year": "2022", "month": "3", "level": "city", "growth": "1"},
    )
    assert response.status_code == 403
    assert "您的角色（单位填报）无权维护目标。" in response.content.decode()
    assert (Target.objects.count(), ChangeRecord.objects.count()) == before
    target = Target.objects.get(indicator__code="industry_va", period__month=3, level="city")
    assert target.growth == Decimal("8.0")


def test_it_ignores_a_malformed_link_to_the_form(client, known):
    _login(client, "rita")
    response = client.get(
        reverse("target-edit"), {"indicator": "x", "year": "二〇二二", "month": "3"}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["indicator"] == "x"
