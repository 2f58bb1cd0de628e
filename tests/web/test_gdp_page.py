"""GDP测算: the sector estimate with pulls and contribution rates, and the reverse calculation
for a target typed in the form (a full page without JavaScript, a partial for htmx)."""

import pytest
from django.urls import reverse

from tests.web.known import build_known_city, build_two_sectors

PASSWORD = "Econdesk-test-2026"


@pytest.fixture
def two_sectors(people, sample_city):
    """See tests/web/known.py: GDP 5.8%; for 6.5% 工业 needs 8.75%, its driver 1.75 short."""
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    build_two_sectors(people["admin"], members["东城区"])
    return members["东城区"]


def _get(client, **params):
    assert client.login(username="leo", password=PASSWORD)
    return client.get(reverse("gdp"), {"period": "2022-03", **params})


def test_it_shows_the_estimate_with_pulls_and_contribution_rates(client, two_sectors):
    response = _get(client)
    html = response.content.decode()
    assert "预计一季度地区生产总值增长5.8%" in html
    sectors = html.split('id="sector-table"')[1].split("</table>")[0]
    industry = sectors.split("<td>工业</td>")[1].split("</tr>")[0]
    assert "规模以上工业增加值" in industry and "2.80" in industry and "48.3" in industry
    chart = response.context["pulls_chart"]
    assert chart["yAxis"]["data"] == ["其他行业", "工业"]
    assert [d["label"]["formatter"] for d in chart["series"][0]["data"]] == ["3.00", "2.80"]


def test_it_reverse_calculates_the_growth_each_sector_needs(client, two_sectors):
    html = _get(client, target="6.5").content.decode()
    assert "目标增长6.5%，测算增长5.8%，还差0.7个百分点。" in html
    reverse_table = html.split('id="reverse-table"')[1].split("</table>")[0]
    industry = reverse_table.split("<td>工业</td>")[1].split("</tr>")[0]
    assert "8.8" in industry and "7.0" in industry and "1.8" in industry


def test_it_answers_htmx_with_the_reverse_table_only(client, two_sectors):
    assert client.login(username="leo", password=PASSWORD)
    response = client.get(
        reverse("gdp"), {"period": "2022-03", "target": "6.5"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="reverse-table"' in html
    assert "<html" not in html and 'id="sector-table"' not in html
    assert "HX-Request" in response["Vary"]


def test_it_refuses_a_target_that_is_not_a_number_in_chinese(client, two_sectors):
    html = _get(client, target="六点五").content.decode()
    assert "输入一个数字。" in html
    assert "预计一季度地区生产总值增长5.8%" in html


def test_it_says_so_without_data(client, people):
    assert client.login(username="leo", password=PASSWORD)
    html = client.get(reverse("gdp")).content.decode()
    assert "暂无本区的指标数据，无法测算。" in html
