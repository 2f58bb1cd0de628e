"""Projects started and signed come from the projects app when it is installed; none without."""

import sys
import types
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from econdesk.bulletins import material as material_module
from econdesk.bulletins import services
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_paragraphs


@dataclass(frozen=True)
class FakeSentence:
    key: str
    text: str
    figures: dict = field(default_factory=dict)


def test_it_writes_no_project_sentences_without_the_projects_app(sample_feb, monkeypatch):
    monkeypatch.setattr(material_module.apps, "is_installed", lambda name: False)
    assert material_module.project_items(sample_feb["东城区"], PeriodKey(2022, 2)) == []


def test_it_takes_started_and_signed_projects_from_the_projects_app(
    sample_feb, people, monkeypatch
):
    asked = []

    def project_sentences(region, start, end):
        asked.append((region.name, start, end))
        return [
            FakeSentence("projects_started", "1-2月，总投资85.6亿元的12个重大项目开工建设。",
                         {"count": 12, "total_investment": Decimal("85.6")}),
            FakeSentence("deals_signed", "1-2月，总投资120亿元的新能源汽车、新材料等8个产业项目完成签约。",
                         {"count": 8}),
            FakeSentence("funding", "1-2月，对上争取到位上级资金3亿元。"),
        ]  # fmt: skip

    module = types.ModuleType("econdesk.projects.sentences")
    module.project_sentences = project_sentences
    monkeypatch.setitem(sys.modules, "econdesk.projects.sentences", module)
    monkeypatch.setattr(material_module.apps, "is_installed", lambda name: True)
    content, _, _ = services.generate(
        people["leader"], sample_feb["东城区"], PeriodKey(2022, 2), "monthly", "docx"
    )
    text = docx_paragraphs(content)
    assert asked == [("东城区", date(2022, 1, 1), date(2022, 2, 28))]
    section = text.index("五、重大项目和招商引资")
    assert text[section + 1 : section + 3] == [
        "1-2月，总投资85.6亿元的12个重大项目开工建设。",
        "1-2月，总投资120亿元的新能源汽车、新材料等8个产业项目完成签约。",
    ]
    assert "1-2月，对上争取到位上级资金3亿元。" not in text
