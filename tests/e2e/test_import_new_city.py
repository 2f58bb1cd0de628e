"""A reviewer's first file from a city the ledger has never seen: one upload, one confirmation.

The preview lists every name the ledger lacks (the city, its districts, two indicators of the
wider catalogue) with what will be done; the reviewer changes one answer on the page, sees the
preview again, confirms, and the figures are in the ledger.
"""

import pytest

from econdesk.ledger.models import Indicator, Observation, Region
from tests.e2e.conftest import login
from tests.ledger import layouts

CELLS = len(layouts.ROWS) * len(layouts.FIGURES)


@pytest.mark.django_db(transaction=True)
def test_a_new_citys_first_bulletin_goes_in_with_one_upload_and_one_confirmation(
    page, people, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = layouts.write_wide_xlsx(tmp_path / "qinglan-2026-10.xlsx")

    login(page, "rita")
    page.goto(page.base_url + "/reporting/import/")
    page.set_input_files("input[name=file]", str(path))
    page.click("button:has-text('上传并预览')")

    assert page.locator("#import-status").inner_text() == "待确认"
    proposals = page.locator("#proposals tr.proposal")
    names = [proposals.nth(i).get_attribute("data-name") for i in range(proposals.count())]
    assert names == ["工业投资", "一般公共预算支出", "青岚市"]
    assert f"新增 {CELLS} 条" in page.locator("#summary").inner_text()
    created = page.locator(".regions-created").inner_text()
    assert created == "新建地区：青岚市、" + "、".join(layouts.MEMBERS)
    assert not Region.objects.exists()  # the preview wrote nothing

    # 工业投资 is led by 发改局 in this district, not 经信局 as the catalogue says.
    page.select_option("select[aria-label='工业投资的牵头部门']", "发改局")
    page.click("#proposals-form button")
    assert "已按所填处理方式重新预览" in page.locator(".messages").inner_text()
    assert page.locator("select[aria-label='工业投资的牵头部门']").input_value() == "发改局"

    page.click("#confirm-form button")
    assert f"导入完成：新增{CELLS}条" in page.locator(".messages").inner_text()
    assert page.locator("#import-status").inner_text() == "已导入"
    assert Indicator.objects.get(name="工业投资").lead_department.short_name == "发改局"
    city = Region.objects.get(name="青岚市")
    assert Region.objects.filter(parent=city).count() == len(layouts.MEMBERS)
    retail = Observation.objects.get(region__name="云溪区", indicator__code="retail_sales")
    assert str(retail.value.normalize()) == "62.35"  # 623500 万元
    assert not Region.objects.get(name="青岚高新区").ranked
