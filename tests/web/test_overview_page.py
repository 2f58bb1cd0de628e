"""总览: a card per indicator with growth, the city's, rank and its change, targets and status;
in the first quarter the 开门红 indicators come first."""

import pytest
from django.urls import reverse

from tests.web.known import build_known_city

PASSWORD = "Econdesk-test-2026"


@pytest.fixture
def known(people, sample_city):
    city, members = sample_city
    return build_known_city(people["admin"], city, members)


def _overview(client, **params):
    assert client.login(username="leo", password=PASSWORD)
    return client.get(reverse("overview"), params)


def test_it_puts_the_q1_target_indicators_first_under_the_kaimenhong_heading(client, known):
    response = _overview(client, period="2022-03")
    sections = response.context["sections"]
    assert [s.heading for s in sections] == ["一季度“开门红”目标", "其他指标"]
    assert [r["code"] for r in sections[0].rows] == ["industry_va"]
    assert [r["code"] for r in sections[1].rows] == ["retail_sales"]
    assert "一季度“开门红”目标" in response.content.decode()


def test_it_shows_growth_the_citys_growth_rank_change_and_status(client, known):
    html = _overview(client, period="2022-03").content.decode()
    card = html.split('id="ind-industry_va"')[1].split("</article>")[0]
    assert "7.0%" in card and "7.4%" in card  # own growth, the city's
    assert "-0.4" in card  # 比全市
    assert "第5位" in card and "/8" in card
    assert "后退2位" in card and "较1-2月" in card
    assert "status-red" in card
    assert "距市下达一季度目标还差1.0个百分点；增速低于全市0.4个百分点；较1-2月后退2位" in card
    assert "市下达一季度目标增长8.0%，增速还差1.0个百分点" in card


def test_it_shows_the_amount_and_a_tie(client, known):
    html = _overview(client, period="2022-03").content.decode()
    card = html.split('id="ind-retail_sales"')[1].split("</article>")[0]
    assert "52.30" in card and "亿元" in card
    assert "并列第3位" in card and "+0.6" in card
    assert "市下达全年目标增长6.0%" in card and "其余月份需增长6.5%" in card


def test_it_shows_the_latest_period_unless_another_is_picked(client, known):
    response = _overview(client)
    assert response.context["place"].period.code == "2022-03"
    assert [p.code for p in response.context["place"].periods] == ["2022-03", "2022-02"]
    earlier = client.get(reverse("overview"), {"period": "2022-02"})
    assert earlier.context["place"].period.code == "2022-02"
    # 1-2月 is not in the first quarter's end, but still the first quarter: 开门红 heading stays.
    assert earlier.context["sections"][0].heading == "一季度“开门红”目标"
    assert "第3位" in earlier.content.decode()


def test_it_says_so_when_there_is_no_data(client, people):
    html = _overview(client).content.decode()
    assert "暂无本区的指标数据" in html


def test_it_reads_the_panel_in_a_few_queries(client, known, django_assert_max_num_queries):
    assert client.login(username="leo", password=PASSWORD)
    # 15: one of them the unread count of 我的通知 in the account menu
    with django_assert_max_num_queries(15):
        response = client.get(reverse("overview"), {"period": "2022-03"})
    assert response.status_code == 200
