"""Both published ranks (增速位次 and 总量位次) from a city bulletin into the bulletin: stored on
the observation, stated as 增速居全市第N位、总量居全市第M位, a corrected 总量位次 a revision, and
a file that prints no 总量 rank never makes the bulletin state one. Fictional figures, built here.
"""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.bulletins import services
from econdesk.ledger.importing import import_files
from econdesk.ledger.models import Observation
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_paragraphs
from tests.conftest import SAMPLE_BULLETIN
from tests.helpers import sample_bulletin_rows, write_bulletin

FEB = PeriodKey(2022, 2)
# 社会消费品零售总额 by total (its 绝对值): 东城区 62.35 first … 白水县 9.88 last.
VALUE_RANKS = {"东城区": 1, "西城区": 2, "南湖区": 3, "北山区": 4, "临江县": 6, "青山县": 7,
               "白水县": 8, "红岩市": 5}  # fmt: skip
MERGES = ("A1:L1", "A2:L2", "A3:A4", "B3:C3", "D3:E3", "F3:I3", "J3:L3")


def sample_rows() -> list[list]:
    return sample_bulletin_rows()


def with_value_ranks(ranks=VALUE_RANKS) -> list[list]:
    """The sample bulletin with 社会消费品零售总额 ranked twice: 增速位次 (its 位次) and a
    总量位次 column inserted after it (column I); 一般公共预算收入 keeps one plain 位次."""
    rows = copy.deepcopy(sample_rows())
    assert rows[3][7] == "位次" and rows[2][5] == "社会消费品零售总额"
    rows[3][7] = "增速位次"
    for number, row in enumerate(rows):
        extra = None
        if number == 3:
            extra = "总量位次"
        elif row[0] == "全市":
            extra = "—"
        elif row[0] in ranks:
            extra = ranks[row[0]]
        row.insert(8, extra)
    return rows


def write(path, rows):
    return write_bulletin(path, rows, MERGES)


def both(user, region) -> tuple[str, str]:
    """The monthly bulletin's text as .docx paragraphs (read with python-docx) and as HTML."""
    docx, _, _ = services.generate(user, region, FEB, "monthly", "docx")
    html, _, _ = services.generate(user, region, FEB, "monthly", "html")
    return "\n".join(docx_paragraphs(docx)), html.decode()


def retail(region) -> Observation:
    return Observation.objects.get(
        region=region, indicator__code="retail_sales", period__year=2022, period__month=2,
        is_current=True,
    )  # fmt: skip


@pytest.fixture
def imported(people, sample_city, tmp_path):
    path = write(tmp_path / "示范市-2022-02-两个位次.xlsx", with_value_ranks())
    assert import_files(people["admin"], [path]).created  # a problem would raise ImportFailed
    return path


@pytest.mark.django_db
def test_both_ranks_are_stored_and_stated_in_the_bulletin(imported, people, sample_city):
    _, members = sample_city
    for name, value_rank in VALUE_RANKS.items():
        obs = retail(members[name])
        assert obs.value_rank == value_rank
    east = retail(members["东城区"])
    assert east.rank == 4  # the 增速位次: retail sales are ranked by growth
    fiscal = Observation.objects.get(region=members["东城区"], indicator__code="fiscal_revenue",
                                     is_current=True)  # fmt: skip
    assert fiscal.rank == 7 and fiscal.value_rank is None  # a plain 位次, as before

    docx, html = both(people["leader"], members["东城区"])
    for text in (docx, html):
        assert (
            "社会消费品零售总额62.35亿元，增长5.1%，与全市持平，增速居全市第4位、总量居全市第1位"
            in text
        )
        # Only where published: 一般公共预算收入 has a single rank.
        assert "一般公共预算收入8.61亿元，下降3.2%" in text
        assert text.count("总量居全市") == text.count("总量居全市第1位")
    docx, html = both(people["leader"], members["临江县"])
    for text in (docx, html):
        assert "增速居全市第1位、总量居全市第6位" in text


@pytest.mark.django_db
def test_the_same_file_again_changes_nothing_and_a_corrected_total_rank_is_a_revision(
    imported, people, sample_city, tmp_path
):
    _, members = sample_city
    observations, records = Observation.objects.count(), ChangeRecord.objects.count()
    again = import_files(people["admin"], [imported])
    assert not again.changed and not again.revisions
    assert Observation.objects.count() == observations
    assert ChangeRecord.objects.count() == records

    swapped = {**VALUE_RANKS, "东城区": 2, "西城区": 1}
    corrected = write(tmp_path / "示范市-2022-02-更正.xlsx", with_value_ranks(swapped))
    report = import_files(people["admin"], [corrected])
    assert report.created == 0 and len(report.revisions) == 2
    by_region = {r.region: r for r in report.revisions}
    east = by_region["东城区"]
    assert east.before["value_rank"] == 1 and east.after["value_rank"] == 2
    assert east.before["rank"] == east.after["rank"] == 4
    assert "总量位次 1 → 2" in east.describe() and "增速" not in east.describe()
    assert "总量位次 1 → 2" in report.render()
    versions = Observation.objects.filter(
        region=members["东城区"], indicator__code="retail_sales"
    ).order_by("version")
    assert [(o.version, o.value_rank, o.is_current) for o in versions] == [
        (1, 1, False),
        (2, 2, True),
    ]
    record = ChangeRecord.objects.filter(action=ChangeRecord.Action.IMPORT).order_by("-id")[0]
    revised = {r["cell"].split("|")[0]: r for r in record.after["revised"]}
    assert revised["东城区"]["value_rank"] == 2
    docx, html = both(people["leader"], members["东城区"])
    for text in (docx, html):
        assert "增速居全市第4位、总量居全市第2位" in text


@pytest.mark.django_db
def test_a_file_without_a_total_rank_never_makes_the_bulletin_state_one(
    people, sample_city, tmp_path
):
    _, members = sample_city
    assert import_files(people["admin"], [SAMPLE_BULLETIN]).created
    assert not Observation.objects.filter(value_rank__isnull=False).exists()
    docx, html = both(people["leader"], members["东城区"])
    for text in (docx, html):
        assert "社会消费品零售总额62.35亿元，增长5.1%，与全市持平，居全市第4位" in text
        assert "总量居" not in text and "增速居" not in text


@pytest.mark.django_db
def test_a_later_file_without_a_total_rank_keeps_the_published_one(imported, people, sample_city):
    """A blank (a column the file lacks) is no correction: the 总量位次 stays, no new version."""
    _, members = sample_city
    report = import_files(people["admin"], [SAMPLE_BULLETIN])
    assert not report.revisions
    assert retail(members["东城区"]).value_rank == 1


@pytest.mark.django_db
def test_the_indicator_page_lists_the_published_total_ranks(imported, people, client):
    assert client.login(username="leo", password="Econdesk-test-2026")
    url = reverse("indicator", args=["retail_sales"])
    html = client.get(url, {"period": "2022-02"}).content.decode()
    assert "<th>公布总量位次</th>" in html
    home = html.split('<tr class="home">')[1].split("</tr>")[0]
    assert '<td class="value-rank">1</td>' in home
    fiscal = client.get(reverse("indicator", args=["fiscal_revenue"]), {"period": "2022-02"})
    assert "公布总量位次" not in fiscal.content.decode()  # none published: no column
