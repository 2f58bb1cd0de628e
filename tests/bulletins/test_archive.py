"""An issued bulletin keeps its figures: regenerating after a correction gives the same ones,
and the ledger read as of the issue time agrees with the stored snapshot."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied

from econdesk.analysis.panel import build_panel
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain
from econdesk.bulletins import archive, services
from econdesk.bulletins.material import collect
from econdesk.bulletins.models import Bulletin
from econdesk.ledger.asof import reading_as_of
from econdesk.ledger.models import Observation
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_paragraphs
from tests.helpers import write_figures

FEB = PeriodKey(2022, 2)
INDUSTRY_LINE = "1-2月，全区规模以上工业增加值增长8.2%，高于全市1.1个百分点，居全市第3位。"
CORRECTED_LINE = "1-2月，全区规模以上工业增加值增长9.0%，高于全市1.9个百分点，居全市第3位。"


@pytest.fixture
def issued(sample_feb, people):
    return archive.issue(people["reviewer"], sample_feb["东城区"], FEB)


@pytest.fixture
def corrected(issued, people, sample_feb):
    """After issue, the city revises 东城区's 1-2月 industry growth from 8.2% to 9.0%."""
    write_figures(
        people["admin"],
        [(sample_feb["东城区"], "industry_va", "2022-02", None, "9.0", 3)],
        file_name="city-bulletin-2022-02-revised.xlsx",
    )
    return issued


def test_it_keeps_the_file_its_hash_and_the_data_it_used(issued):
    content = bytes(issued.content)
    assert issued.sha256 == hashlib.sha256(content).hexdigest()
    assert INDUSTRY_LINE in docx_paragraphs(content)
    assert issued.title == "东城区经济运行情况通报（2022年1-2月，第1期）"
    used = set(issued.observation_ids)
    assert len(used) == Observation.objects.filter(pk__in=used).count() > 30
    own = Observation.objects.get(
        region__name="东城区", indicator__code="industry_va", period__month=2, is_current=True
    )
    assert own.pk in used
    record = ChangeRecord.objects.get(object_type="bulletins.Bulletin", object_id=str(issued.pk))
    assert record.after["sha256"] == issued.sha256 and record.reason == "印发通报"
    assert verify_chain() == []


def test_it_regenerates_the_same_figures_after_a_correction(corrected, sample_feb, people):
    again = docx_paragraphs(archive.regenerate(corrected, "docx"))
    assert INDUSTRY_LINE in again and CORRECTED_LINE not in again
    assert again == docx_paragraphs(bytes(corrected.content))
    today, _, _ = services.generate(people["leader"], sample_feb["东城区"], FEB, "monthly", "docx")
    assert CORRECTED_LINE in docx_paragraphs(today)
    html = archive.regenerate(corrected, "html").decode()
    assert INDUSTRY_LINE in html


def test_it_reads_the_ledger_as_it_stood_when_issued(corrected, sample_feb):
    home = sample_feb["东城区"]
    then = collect(home, FEB, corrected.kind, as_of=corrected.issued_at)
    stored = archive.material_of(corrected)
    assert then["panel"] == stored["panel"]
    assert then["refs"] == stored["refs"]
    assert then["provenance"] == stored["provenance"]
    row = next(r for r in then["panel"]["indicators"] if r["code"] == "industry_va")
    assert str(row["growth"]) == "8.2000"
    with reading_as_of(corrected.issued_at):
        assert build_panel(home, FEB) == stored["panel"]
    today = next(r for r in build_panel(home, FEB)["indicators"] if r["code"] == "industry_va")
    assert today["growth"] != row["growth"] and str(today["growth"]) == "9.0000"


def test_it_numbers_issues_within_the_year(issued, sample_feb, people):
    second = archive.issue(people["admin"], sample_feb["东城区"], FEB)
    assert (issued.number, second.number) == (1, 2)
    assert Bulletin.objects.count() == 2


def test_it_lets_only_admins_and_reviewers_issue(sample_feb, people):
    for role in ("leader", "clerk", "supervisor"):
        with pytest.raises(PermissionDenied):
            archive.issue(people[role], sample_feb["东城区"], FEB)
    assert not Bulletin.objects.exists()


def test_it_notifies_every_reader(issued, people):
    for user in people.values():
        notes = list(user.bulletin_notifications.all())
        assert [n.text for n in notes] == [f"新印发：{issued.title}"]
        assert notes[0].link == f"/bulletins/{issued.pk}/"
