"""The indicators' 红/黄/绿 rules are set on the settings page, recorded, and every panel uses them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from econdesk.analysis.arithmetic.status import StatusRules
from econdesk.analysis.panel import build_panel
from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import StatusRuleSet
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.status_rules import current_rules
from tests.helpers import write_figures

URL = "/settings/status-rules/"
# 东城区 3.0% against 全市 5.6%: 2.6 points below, 7th of 8 (the bottom third).
GROWTHS = {"东城区": "3.0", "西城区": "4.0", "南湖区": "5.0", "北山区": "6.0", "临江县": "7.0",
           "青山县": "8.0", "白水县": "2.0", "红岩市": "9.0"}  # fmt: skip


@pytest.fixture
def retail(people, sample_city):
    city, members = sample_city
    rows = [(members[n], "retail_sales", "2022-03", None, g, None) for n, g in GROWTHS.items()]
    rows.append((city, "retail_sales", "2022-03", None, "5.6", None))
    write_figures(people["admin"], rows)
    return members["东城区"]


def status_of(home):
    panel = build_panel(home, PeriodKey(2022, 3))
    return next(r for r in panel["indicators"] if r["code"] == "retail_sales")["status"]


def form(**changes):
    data = {
        "red_when_behind_target": "on",
        "red_when_last": "on",
        "red_below_total_pp": "",
        "yellow_below_total_pp": "0",
        "bottom_part": "3",
        "yellow_rank_fell_by": "1",
        "yellow_when_declining": "on",
        "yellow_behind_benchmark_pp": "0",
        "no_data_color": "yellow",
        "version": str(StatusRuleSet.current().version),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_until_someone_saves_them_the_defaults_apply(db):
    assert current_rules() == StatusRules()
    assert StatusRuleSet.objects.count() == 0


def test_a_stricter_rule_saved_on_the_page_turns_the_light_red(people, retail):
    before = status_of(retail)
    assert before["color"] == "yellow"
    assert "增速低于全市2.6个百分点" in before["reasons"]
    assert any("后三分之一" in r for r in before["reasons"])

    response = logged_in(people["admin"]).post(
        URL, form(red_below_total_pp="2.0", bottom_part=""), follow=True
    )
    assert response.status_code == 200
    assert "指标亮灯规则已保存" in response.content.decode()

    after = status_of(retail)
    assert after["color"] == "red"
    assert after["reasons"][0] == "增速低于全市2.6个百分点"
    assert not any("后三分之一" in r for r in after["reasons"])

    record = ChangeRecord.objects.filter(object_type="ledger.StatusRuleSet").get()
    assert record.user_name == "管理员甲" and record.reason == "修改指标亮灯规则"
    assert record.before is None
    assert Decimal(record.after["red_below_total_pp"]) == Decimal("2.0")
    assert record.after["bottom_part"] is None


def test_a_second_change_records_before_and_after(people, retail):
    admin = logged_in(people["admin"])
    admin.post(URL, form(red_below_total_pp="2.0"))
    admin.post(URL, form(red_below_total_pp="3.0"))
    assert status_of(retail)["color"] == "yellow"  # 2.6 below is no longer beyond 3.0
    last = ChangeRecord.objects.filter(object_type="ledger.StatusRuleSet").order_by("id").last()
    assert Decimal(last.before["red_below_total_pp"]) == Decimal("2.0")
    assert Decimal(last.after["red_below_total_pp"]) == Decimal("3.0")
    assert StatusRuleSet.current().version == 2


def test_a_clerk_may_read_the_rules_but_not_change_them(people, retail):
    clerk = logged_in(people["clerk"])
    page = clerk.get(URL)
    assert page.status_code == 200 and "status-rules-form" not in page.content.decode()
    assert clerk.post(URL, form(red_below_total_pp="0.5")).status_code == 403
    assert StatusRuleSet.objects.count() == 0
    assert status_of(retail)["color"] == "yellow"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"bottom_part": "1"}, "应在2–10之间"),
        ({"red_below_total_pp": "0.5", "yellow_below_total_pp": "1.0"}, "亮红灯的差距不能小于"),
        ({"yellow_behind_benchmark_pp": "120"}, "百分点应在0–100之间"),
    ],
)
def test_a_wrong_rule_is_refused_in_chinese_and_nothing_changes(people, retail, changes, message):
    response = logged_in(people["admin"]).post(URL, form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert StatusRuleSet.objects.count() == 0
    assert not ChangeRecord.objects.filter(object_type="ledger.StatusRuleSet").exists()


def test_a_page_read_before_another_save_is_refused_as_stale(people, retail):
    admin = logged_in(people["admin"])
    stale = form(red_below_total_pp="2.0")  # version 0
    admin.post(URL, form(red_below_total_pp="4.0"))
    response = admin.post(URL, stale)
    assert response.status_code == 400
    assert "已被他人修改" in response.content.decode()
    assert StatusRuleSet.current().red_below_total_pp == Decimal("4.00")


def test_the_ranking_table_colours_its_cells_by_the_rules_in_force(people, retail, sample_city):
    from econdesk.analysis.peers import ranking_table
    from econdesk.ledger.models import Indicator, Period

    city, members = sample_city
    indicator = Indicator.objects.get(code="retail_sales")
    period = Period.objects.get(year=2022, month=3)

    def colour(name):
        table = ranking_table(city, period, [indicator])
        return table.cell(members[name], indicator).color

    # 白水县 2.0% is last (red by default); 东城区 3.0% is 2.6 points below 全市 (yellow).
    assert (colour("白水县"), colour("东城区")) == ("red", "yellow")
    admin = logged_in(people["admin"])
    admin.post(URL, form(red_when_last=None, red_below_total_pp="2.0", bottom_part=""))
    # No red for the last place now; 3.6 and 2.6 points below turn both red by the gap rule.
    assert (colour("白水县"), colour("东城区")) == ("red", "red")
    admin.post(URL, form(red_when_last=None, red_below_total_pp="", yellow_below_total_pp=""))
    # Neither the place nor the gap is judged: both green (the bottom third stays yellow).
    assert colour("白水县") == "yellow" and colour("北山区") == "green"
