"""Refusals in the browser: a clerk opens the target form and reads why, in Chinese."""

import pytest

from econdesk.ledger.models import Target
from tests.e2e.conftest import login
from tests.web.known import build_known_city


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_clerk_the_target_form_in_chinese(page, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    before = list(Target.objects.values_list("pk", "growth", "value", "rank_goal"))

    login(page, "colin")
    response = page.goto(
        page.base_url + "/targets/edit/?indicator=industry_va&year=2022&month=3&level=city"
    )
    assert response.status == 403
    assert page.locator("h1").inner_text() == "无权访问"
    assert page.locator(".refusal-reason").inner_text() == "您的角色（单位填报）无权维护目标。"
    assert page.locator("form.stacked").count() == 0
    assert list(Target.objects.values_list("pk", "growth", "value", "rank_goal")) == before


@pytest.mark.django_db(transaction=True)
def test_it_refuses_a_leader_the_settings_in_chinese(page, people):
    login(page, "leo")
    response = page.goto(page.base_url + "/settings/")
    assert response.status == 403
    assert page.locator(".refusal-reason").inner_text() == "您的角色（领导）无权管理单位与用户。"
