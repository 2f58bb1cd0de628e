"""Any district from the page, and pages that read as a Chinese user expects: the region
picker, 本级 changed on the settings page in one audited step, 全市对比 with formatted figures
and a default that has them, the unit ladder, a past-period target judged, 预计 said one way."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied as NotAllowed
from django.urls import reverse

from econdesk.analysis.arithmetic.status import IndicatorFacts, evaluate_status
from econdesk.analysis.peers import cell_color
from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import Region
from econdesk.ledger.services.regions import set_home_region
from econdesk.web import numbers
from econdesk.web.templatetags import econ
from tests.helpers import write_figures
from tests.web.known import build_known_city

PASSWORD = "Econdesk-test-2026"


def test_it_ladders_wan_units_to_yi_past_ten_thousand():
    assert numbers.quantity(Decimal("402132"), "万千瓦时", 0) == "40.21亿千瓦时"
    assert numbers.quantity(Decimal("9999"), "万千瓦时", 0) == "9999万千瓦时"
    assert numbers.quantity(Decimal("4042.51"), "亿元", 2) == "4042.51亿元"
    assert numbers.quantity(None, "万元", 2) == "—"
    column = numbers.scale_for([Decimal("8000"), Decimal("12000")], "万元", 2)
    assert (column.unit, column.text(Decimal("8000"))) == ("亿元", "0.80")


@pytest.mark.parametrize("growth", ["-3.0", "0.0", "4.9", "5.0", "5.04", "5.06", "9.0"])
@pytest.mark.parametrize("rank,lowest", [(1, 9), (3, 9), (6, 9), (7, 9), (9, 9), (8, 8)])
def test_the_ranking_tables_light_is_the_panels_light(growth, rank, lowest):
    facts = IndicatorFacts(
        growth=Decimal(growth), total_growth=Decimal("5.0"), rank=rank, rank_of=9,
        lowest_rank=lowest,
    )  # fmt: skip
    expected = evaluate_status(facts).color
    assert cell_color(Decimal(growth), Decimal("5.0"), rank, 9, lowest) == expected


def test_it_says_a_department_estimate_in_its_own_parts():
    row = {"unit": "亿元", "decimals": 2, "growth_decimals": 1}
    only_growth = {"estimate_value": None, "estimate_growth": Decimal("6.5")}
    assert econ.estimate_words(only_growth, row) == "增长6.5%"
    card = {"period_label": "全年", "value": Decimal("942.95"), "growth": Decimal("6.1"),
            "blended_value": Decimal("943.98"), "blended_growth": Decimal("6.2")}  # fmt: skip
    assert econ.projection_words(card, row) == "预计全年943.98亿元，增长6.2%（综合部门预计）"
    assert econ.pace_words(Decimal("-3.8")) == "其余月份降幅控制在3.8%以内即可"
    assert econ.growth_words(Decimal("-1.0")) == "下降1.0%"


def test_the_admin_moves_the_home_region_in_one_recorded_step(people, sample_city):
    city, members = sample_city
    before = ChangeRecord.objects.count()
    set_home_region(people["admin"], members["南湖区"], reason="改为南湖区")
    assert list(Region.objects.filter(is_home=True)) == [members["南湖区"]]
    changes = ChangeRecord.objects.order_by("id")[before:]
    assert [(c.object_repr, c.after) for c in changes] == [
        ("东城区", {"is_home": False}),
        ("南湖区", {"is_home": True}),
    ]
    with pytest.raises(NotAllowed):
        set_home_region(people["reviewer"], members["东城区"])
    assert list(Region.objects.filter(is_home=True)) == [members["南湖区"]]


def test_the_settings_page_changes_the_home_and_refuses_others(client, people, sample_city):
    city, members = sample_city
    assert client.login(username="alice", password=PASSWORD)
    html = client.get(reverse("settings")).content.decode()
    assert "尚未开通后台登录" not in html and "东城区（示范市）" in html
    response = client.post(reverse("settings"), {"home": members["临江县"].pk}, follow=True)
    assert "本级已改为临江县（示范市）。" in response.content.decode()
    assert Region.objects.get(is_home=True) == members["临江县"]
    response = client.post(reverse("settings"), {"home": "nonsense"})
    assert "请从列表中选择一个区县作为本级。" in response.content.decode()
    assert client.login(username="rita", password=PASSWORD)
    assert client.post(reverse("settings"), {"home": members["东城区"].pk}).status_code == 403
    assert Region.objects.get(is_home=True) == members["临江县"]


def test_the_picker_shows_another_district_and_keeps_it_in_links(client, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    assert client.login(username="leo", password=PASSWORD)
    west = members["西城区"]
    html = client.get(reverse("overview"), {"period": "2022-03", "region": west.pk}).content
    html = html.decode()
    assert "西城区 · 总览" in html
    assert f'<option value="{west.pk}" selected>西城区</option>' in html
    assert f"/indicators/industry_va/?period=2022-03&amp;region={west.pk}" in html
    page = client.get(reverse("indicator", args=["industry_va"]), {"region": west.pk})
    assert page.context["place"].region == west
    assert page.context["row"]["growth"] == Decimal("6.8")


def test_the_peer_table_formats_figures_and_defaults_to_figures(client, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    write_figures(
        people["admin"], [(members["东城区"], "power_use", "2022-03", "402132", "3.0", None)]
    )
    assert client.login(username="leo", password=PASSWORD)
    # The overview's link asks for 1-3月 only; the first indicator with figures is shown.
    response = client.get(reverse("peer-table"), {"period": "2022-03"})
    html = response.content.decode()
    assert response.context["indicator"].code == "industry_va"
    assert "2022年一季度（1-3月）" in html and "0000" not in html
    assert '<option value="2022-03" selected>' in html
    retail = client.get(reverse("peer-table"), {"indicator": "retail_sales"}).content.decode()
    assert ">52.30<" in retail and ">4.6<" in retail and "52.300000" not in retail
    power = client.get(reverse("peer-table"), {"indicator": "power_use"}).content.decode()
    assert "累计值（亿千瓦时）" in power and ">40.21<" in power


def test_a_past_quarters_target_reads_its_result(client, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    later = [(m, "industry_va", "2022-06", None, "7.5", None) for m in members.values()]
    write_figures(people["admin"], later + [(city, "industry_va", "2022-06", None, "7.4", None)])
    assert client.login(username="leo", password=PASSWORD)
    page = client.get(reverse("indicator", args=["industry_va"]), {"period": "2022-06"})
    row = page.context["row"]
    q1 = next(t for t in row["targets"] if t["period"] == "2022-03")
    assert (q1["met"], q1["gap_pp"], q1["result_growth"]) == (False, Decimal("1.0"), Decimal("7.0"))
    html = page.content.decode()
    assert "一季度实际增长7.0%，未完成（差1.0个百分点）" in html
    assert '<span class="bad">未完成</span>' in html


def test_the_growth_chart_breaks_at_the_year_and_compares_the_same_period(
    client, people, sample_city
):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    east = members["东城区"]
    write_figures(
        people["admin"],
        [(east, "industry_va", "2021-03", None, "9.0", None),
         (east, "industry_va", "2021-12", None, "9.5", None)],
    )  # fmt: skip
    assert client.login(username="leo", password=PASSWORD)
    page = client.get(reverse("indicator", args=["industry_va"]), {"period": "2022-03"})
    line = page.context["growth_chart"]
    assert line["xAxis"]["data"] == ["1-2月", "1-3月", "1-12月"]
    lines = {s["name"]: s["data"] for s in line["series"]}
    assert lines["东城区2022年"] == [8.2, 7.0, None]  # 2022's line ends at 1-3月
    assert lines["东城区2021年"] == [None, 9.0, 9.5]  # 1-3月 of 2021 beside 1-3月 of 2022
