"""Any district from the page (Chromium): a leader switches the overview to another district
with the region picker; the admin makes another district 本级 on the settings page."""

import pytest

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import Region
from tests.e2e.conftest import login
from tests.web.known import build_known_city


@pytest.mark.django_db(transaction=True)
def test_a_leader_switches_the_district_from_the_picker(page, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)

    login(page, "leo")
    page.goto(page.base_url + "/?period=2022-03")
    assert page.locator("h1").inner_text().startswith("东城区 · 总览")
    options = page.locator(".region-picker optgroup[label='示范市'] option").all_inner_texts()
    assert options[0] == "东城区（本级）" and "临江县" in options

    # Choosing a district submits the picker at once (no button press) and keeps the period.
    with page.expect_navigation():
        page.select_option(".region-picker select[name=region]", label="临江县")
    assert page.locator("h1").inner_text().startswith("临江县 · 总览")
    assert "period=2022-03" in page.url
    card = page.locator("#ind-industry_va")
    assert card.locator(".figs dd.growth").inner_text() == "11.0%"
    assert card.locator(".figs dd.rank").inner_text() == "第1位/8"

    # The card's link keeps the district: the indicator page highlights 临江县 in the table.
    card.locator("h3 a").click()
    page.wait_for_load_state("networkidle")
    assert "临江县" in page.locator("h1 small").inner_text()
    assert "临江县" in page.locator("#peer-table tr.home").inner_text()

    # 全市对比 from the overview shows 临江县's group with 临江县 highlighted.
    page.goto(page.base_url + f"/peers/?region={members['临江县'].pk}&period=2022-03")
    row = page.locator("#peer-table tr.home").inner_text()
    assert "临江县" in row and "11.0" in row and "第1位" in row


@pytest.mark.django_db(transaction=True)
def test_the_admin_changes_the_home_region_on_the_settings_page(page, people, sample_city):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    before = ChangeRecord.objects.count()

    login(page, "alice")
    page.goto(page.base_url + "/settings/")
    assert page.locator("#current-home").inner_text() == "东城区（示范市）"
    assert "尚未开通后台登录" not in page.content()
    page.select_option("#home-region select[name=home]", label="南湖区")
    page.fill("#home-region input[name=reason]", "按区委要求改为南湖区")
    page.click("#home-region button[type=submit]")
    page.wait_for_load_state("networkidle")

    assert "本级已改为南湖区（示范市）。" in page.locator(".messages").inner_text()
    assert page.locator("#current-home").inner_text() == "南湖区（示范市）"
    assert list(Region.objects.filter(is_home=True).values_list("name", flat=True)) == ["南湖区"]
    records = ChangeRecord.objects.order_by("id")[before:]
    assert [(r.object_repr, r.before, r.after, r.reason) for r in records] == [
        ("东城区", {"is_home": True}, {"is_home": False}, "按区委要求改为南湖区"),
        ("南湖区", {"is_home": False}, {"is_home": True}, "按区委要求改为南湖区"),
    ]
    page.goto(page.base_url + "/?period=2022-03")
    assert page.locator("h1").inner_text().startswith("南湖区 · 总览")
