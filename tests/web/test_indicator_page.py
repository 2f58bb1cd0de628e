"""指标详情: the rank and status, what it takes to move up, the peers, the charts' data and the
history of every figure."""

import pytest
from django.urls import reverse

from tests.web.known import build_known_city

PASSWORD = "Econdesk-test-2026"


@pytest.fixture
def known(people, sample_city):
    city, members = sample_city
    return build_known_city(people["admin"], city, members)


def _page(client, code, **params):
    assert client.login(username="leo", password=PASSWORD)
    return client.get(reverse("indicator", args=[code]), params)


def test_it_shows_the_rank_the_status_and_what_it_takes_to_move_up(client, known):
    response = _page(client, "industry_va", period="2022-03")
    assert response.status_code == 200
    html = response.content.decode()
    assert "第5位" in html and "后退2位" in html
    assert "距市下达一季度目标还差1.0个百分点" in html
    assert "超过红岩市（7.3%），增速需达到7.4%，提高0.4个百分点，可升至第4位。" in html


def test_it_gives_the_amount_it_takes_for_a_value_indicator(client, known):
    html = _page(client, "retail_sales", period="2022-03").content.decode()
    assert (
        "超过西城区（5.2%），增速需达到5.3%，提高0.7个百分点，约需增加0.35亿元，可升至第2位。"
        in html
    )


def test_it_lists_the_peers_with_the_home_district_marked(client, known):
    response = _page(client, "retail_sales", period="2022-03")
    table = response.context["table"]
    assert [(row.region.name, row.rank, row.tied) for row in table[:4]] == [
        ("北山区", 1, False),
        ("西城区", 2, False),
        ("东城区", 3, True),
        ("青山县", 3, True),
    ]
    html = response.content.decode()
    home_row = html.split('<tr class="home">')[1].split("</tr>")[0]
    assert "东城区" in home_row and "52.30" in home_row and "并列第3位" in home_row
    assert "300.00" in html.split('<tr class="total">')[1].split("</tr>")[0]


def test_it_charts_growth_against_the_city_and_the_peer_ranking(client, known):
    context = _page(client, "industry_va", period="2022-03").context
    line = context["growth_chart"]
    # One line per year over the months (the same period of each year side by side).
    assert line["xAxis"]["data"] == ["1-2月", "1-3月"]
    assert [(s["name"], s["data"]) for s in line["series"]] == [
        ("东城区2022年", [8.2, 7.0]),
        ("全市2022年", [7.1, 7.4]),
    ]
    bars = context["peer_chart"]
    assert bars["yAxis"]["data"][4] == "东城区（第5位）"
    assert bars["series"][0]["data"][4]["itemStyle"]["color"] == "#b71c1c"
    assert bars["series"][0]["data"][4]["label"]["formatter"] == "7.0%"
    assert bars["series"][0]["markLine"]["data"] == [{"xAxis": 7.4}]
    html = _page(client, "industry_va", period="2022-03").content.decode()
    assert 'id="chart-growth" type="application/json"' in html
    assert "echarts-6.1.0/echarts.min.js" in html


def test_it_reads_the_growth_series_in_one_query(known, sample_city):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from econdesk.ledger.models import Indicator
    from econdesk.ledger.periods import PeriodKey
    from econdesk.web.reads import growth_history

    _, members = sample_city
    indicator = Indicator.objects.get(code="industry_va")
    with CaptureQueriesContext(connection) as queries:
        points = growth_history(members["东城区"], indicator, PeriodKey(2022, 3))
    assert len(queries) == 1
    assert len(points) == 4


def test_it_shows_every_version_of_a_figure_with_its_import(client, known):
    response = _page(client, "retail_sales", period="2022-03")
    home = [o for o in response.context["versions"] if o.region.name == "东城区"]
    assert [(o.version, o.is_current, str(o.growth)) for o in home] == [
        (2, True, "4.6000"),
        (1, False, "4.1000"),
    ]
    html = response.content.decode()
    assert "第2版（当前）" in html and "第1版（已更正）" in html
    assert "市统计快报2022年3月.xlsx" in html and "市统计月报2022年3月.xlsx" in html


def test_it_lists_the_targets_and_their_gaps(client, known):
    html = _page(client, "industry_va", period="2022-03").content.decode()
    table = html.split('id="target-table"')[1].split("</table>")[0]
    assert "市下达一季度" in table and "8.0%" in table and "1.0" in table and "未完成" in table


def test_it_follows_the_indicator_picker_without_javascript(client, known):
    response = _page(client, "industry_va", indicator="retail_sales", period="2022-03")
    assert response.status_code == 302
    assert response["Location"] == reverse("indicator", args=["retail_sales"]) + "?period=2022-03"


def test_it_says_so_for_a_period_without_the_indicator(client, known):
    html = _page(client, "gdp").content.decode()
    assert "东城区暂无地区生产总值的数据或目标。" in html


def test_it_answers_404_for_an_unknown_indicator(client, known):
    assert _page(client, "no_such_thing").status_code == 404


def test_it_reads_the_page_in_a_few_queries(client, known, django_assert_max_num_queries):
    assert client.login(username="leo", password=PASSWORD)
    # 20: the page's reads, one of them the 亮灯规则 in force (settable since the rules became
    # a setting), one the unread count of 我的通知 in the account menu; a query per peer or per
    # period would blow far past this.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("indicator", args=["retail_sales"]), {"period": "2022-03"})
    assert response.status_code == 200
