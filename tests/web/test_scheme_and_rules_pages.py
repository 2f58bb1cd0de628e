"""考核方案 asks for indicators by name (ticked, not typed as codes) and 督办规则 says in Chinese
when reminders go out, naming no command."""

from __future__ import annotations

from django.urls import reverse

from econdesk.ledger.models import Indicator
from econdesk.supervision.models import AssessmentScheme
from tests.web.crawl import problems_in, read_page

PASSWORD = "Econdesk-test-2026"
SCHEME = {
    "name": "2026年度考核", "rank_bands": "1-3:5", "bottom_bands": "", "completion_weight": "10",
    "completion_cap": "", "on_time_points": "1", "overdue_points": "-1", "version": 0,
}  # fmt: skip


def test_the_scheme_asks_for_indicators_by_name_and_keeps_their_codes(client, people):
    assert client.login(username="sue", password=PASSWORD)
    url = reverse("supervision:scheme", args=[2026])
    html = client.get(url).content.decode()
    text, _ = read_page(html)
    assert "考核指标（不选为全部指标）" in text
    assert "代码" not in text and "逗号" not in text
    industry = Indicator.objects.get(code="industry_va")
    retail = Indicator.objects.get(code="retail_sales")
    assert industry.name in text and retail.name in text
    assert problems_in(text) == []

    response = client.post(url, {**SCHEME, "indicator_codes": ["industry_va", "retail_sales"]})
    assert response.status_code == 302
    assert AssessmentScheme.objects.get(year=2026).indicator_codes == [
        "industry_va",
        "retail_sales",
    ]
    # Read back ticked; a reader who may not score sees the names.
    html = client.get(url).content.decode()
    assert 'value="industry_va" class="choices" id="id_indicator_codes_' in html or (
        'value="industry_va"' in html and "checked" in html
    )
    client.logout()
    assert client.login(username="leo", password=PASSWORD)
    text, _ = read_page(client.get(url).content.decode())
    assert f"{industry.name}、{retail.name}" in text


def test_an_unknown_indicator_is_refused_in_chinese(client, people):
    assert client.login(username="sue", password=PASSWORD)
    url = reverse("supervision:scheme", args=[2026])
    response = client.post(url, {**SCHEME, "indicator_codes": ["no_such"]})
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    assert not AssessmentScheme.objects.filter(year=2026).exists()


def test_the_rules_page_says_when_reminders_go_out_without_a_command(client, people):
    assert client.login(username="sue", password=PASSWORD)
    text, _ = read_page(client.get(reverse("supervision:rules")).content.decode())
    assert "系统每天上午8:30自动检查一次" in text
    assert "send_reminders" not in text and "econdesk send" not in text
    assert problems_in(text) == []
