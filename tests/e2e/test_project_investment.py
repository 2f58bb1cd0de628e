"""A clerk updates a project's monthly investment; the FAI closure plan follows it."""

from datetime import date
from decimal import Decimal

import pytest

from econdesk.accounts.models import Department
from econdesk.ledger.models import Indicator, Target
from econdesk.ledger.services.catalogue import period_for
from econdesk.projects.models import IndustryChain, MajorProject
from econdesk.projects.seed import ensure_reference_data
from econdesk.projects.services import MonthInput, save_months, save_project
from tests.e2e.conftest import login
from tests.helpers import write_figures

D = Decimal


def number(page, selector) -> Decimal:
    return D(page.locator(selector).inner_text().strip())


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_closure_plan_when_a_clerk_enters_investment(page, people, sample_city):
    ensure_reference_data()  # an earlier transactional test may have flushed the seeded rows
    home = sample_city[1]["东城区"]
    write_figures(people["admin"], [
        (home, "fai", "2025-02", "15.9", "3.0", None),
        (home, "fai", "2025-03", "35.2", "4.0", None),
        (home, "fai", "2025-12", "155.0", "5.0", None),
        (home, "fai", "2026-02", "16.5", "-1.8", None),
    ])  # fmt: skip
    Target.objects.create(region=home, indicator=Indicator.objects.get(code="fai"),
                          period=period_for(2026, 3), level="city", growth=D("8.0"))  # fmt: skip
    project = save_project(people["admin"], MajorProject(
        region=home, name="锂电池正极材料一体化项目", category="industry",
        industry_chain=IndustryChain.objects.get(name="新材料"), total_investment=D(460000),
        plan_year=2026, annual_plan=D(0), stage="construction", actual_start=date(2025, 6, 10),
        lead_department=Department.objects.get(short_name="经信局"), enrolment="enrolled",
        enrolment_month=date(2025, 7, 1),
    ))  # fmt: skip
    save_months(people["admin"], project, 2026, [MonthInput(3, D(5000))], today=date(2026, 3, 1))

    login(page, "colin")  # 经信局 clerk: the department that leads the project
    page.click("nav.mainnav >> text=项目")
    page.click("text=固投缺口闭合")
    assert "市下达一季度目标" in page.locator("select[name=gap]").inner_text()
    scheduled_before = number(page, "#scheduled-total")
    shortfall_before = number(page, "#shortfall")
    gap = number(page, "#gap-amount")
    assert scheduled_before == D("0.50")
    assert gap == scheduled_before + shortfall_before  # no pipeline here
    assert "锂电池正极材料一体化项目" in page.locator("#scheduled-table").inner_text()

    page.click("#scheduled-table >> text=锂电池正极材料一体化项目")
    page.click("text=填报月度投资")
    page.fill("input[name=completed_3]", "8000")
    page.fill("input[name=progress_3]", "正极材料车间设备安装")
    page.click("button:has-text('保存月度投资')")
    assert "已保存2026年月度投资" in page.content()
    assert "8000.00" in page.locator("#month-table").inner_text()

    page.click("text=固投缺口闭合")
    assert number(page, "#scheduled-total") == D("0.80")
    assert number(page, "#shortfall") == shortfall_before - D("0.30")
    assert number(page, "#gap-amount") == gap  # the gap itself comes from the ledger
    identity = page.locator("#closure-identity").inner_text()
    assert "在库项目计划完成0.80" in identity
