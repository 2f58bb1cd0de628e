"""Projects started and deals signed come from the projects registers, written as sentences."""

from datetime import date
from decimal import Decimal

from econdesk.bulletins import services
from econdesk.ledger.periods import PeriodKey
from econdesk.projects.models import InvestmentDeal, MajorProject
from econdesk.projects.seed import ensure_reference_data
from econdesk.projects.services import save_deal, save_project
from tests.bulletins.helpers import docx_paragraphs
from tests.projects.conftest import chain, dept


def test_it_takes_started_and_signed_projects_from_the_registers(sample_feb, people):
    ensure_reference_data()
    home = sample_feb["东城区"]
    for name, investment, started in [
        ("锂电池正极材料项目", "356000", date(2022, 2, 16)),
        ("智能装备产业园", "500000", date(2022, 1, 20)),
        ("去年开工的项目", "80000", date(2021, 12, 1)),
    ]:
        save_project(people["admin"], MajorProject(
            region=home, name=name, category=MajorProject.Category.INDUSTRY,
            industry_chain=chain("新材料"), total_investment=Decimal(investment),
            plan_year=2022, annual_plan=Decimal("20000"), stage="construction",
            actual_start=started, lead_department=dept("经信局"),
        ))  # fmt: skip
    save_deal(people["admin"], InvestmentDeal(
        region=home, name="整车配套", investor="投资方", amount=Decimal("12"),
        industry_chain=chain("新能源汽车"), stage="signed", signed_on=date(2022, 2, 8),
        lead_department=dept("投促局"),
    ))  # fmt: skip

    content, _, _ = services.generate(people["leader"], home, PeriodKey(2022, 2), "monthly", "docx")
    text = docx_paragraphs(content)
    section = next(i for i, p in enumerate(text) if p.endswith("）重大项目和招商引资"))
    # one paragraph, the period said once: started projects, then signed deals
    paragraph = text[section + 1]
    assert paragraph.startswith("1-2月，总投资85.6亿元的2个重大项目开工建设")
    assert "；总投资12亿元的新能源汽车等1个产业项目完成签约" in paragraph
    assert paragraph.count("1-2月") == 1 and paragraph.endswith("。")
