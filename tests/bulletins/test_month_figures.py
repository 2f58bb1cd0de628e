"""The single month (当月) from a city bulletin into the monthly bulletin and the indicator page:
stored beside the year to date, said as 其中，10月当月增长X% after the indicator's own clause
(下降 / 持平 as the phrase book says), shown on the indicator page, a corrected one a listed
revision, and a file without 当月 never makes the bulletin say 当月. Fictional figures, built here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.bulletins import services
from econdesk.ledger.importing import import_files
from econdesk.ledger.models import Observation
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_paragraphs
from tests.ledger.conftest import write_xlsx

OCT = PeriodKey(2022, 10)
TITLE = "示范市2022年1-10月各区（市）县主要经济指标"
# 规模以上工业增加值 (growth only): (增速, 位次, 当月增长%);
# 社会消费品零售总额: (绝对值, 增速, 位次, 当月值, 当月增速).
INDUSTRY = {"东城区": (8.2, 3, 9.1), "西城区": (6.5, 5, -2.4), "南湖区": (10.1, 2, 0.04),
            "北山区": (6.4, 6, 5.0), "临江县": (12.3, 1, 11.0), "青山县": (3.4, 7, 1.2),
            "白水县": (-2.1, 8, -6.3), "红岩市": (7.7, 4, 7.0)}  # fmt: skip
RETAIL = {"东城区": (310.5, 5.1, 4, 33.2, 6.4), "西城区": (290.4, 4.8, 5, 30.1, -1.5),
          "南湖区": (201.2, 6.3, 2, 21.7, 0.0), "北山区": (128.3, 3.9, 6, 13.0, 2.2),
          "临江县": (90.2, 7.4, 1, 9.6, 8.8), "青山县": (62.0, 2.5, 8, 6.1, 1.1),
          "白水县": (49.4, 3.1, 7, 5.0, 3.3), "红岩市": (106.6, 5.6, 3, 11.2, 4.0)}  # fmt: skip
MERGES = ("A1:I1", "A2:I2", "A3:A4", "B3:D3", "E3:I3")


def rows(month=True, retail=RETAIL) -> list[list]:
    """The two indicators with their 当月 sub-columns (month=False: the same file without)."""
    head = ["地区", "规模以上工业增加值", None, None, "社会消费品零售总额", None, None, None, None]
    subs = [None, "增速", "位次", "当月增长%", "绝对值", "增速", "位次", "当月值", "当月增速"]
    out = [[TITLE], ["单位：亿元、%"], head, subs,
           ["全市", 7.1, "—", 6.0, 1238.6, 5.1, "—", 129.9, 3.6]]  # fmt: skip
    out += [[n, *INDUSTRY[n], *retail[n]] for n in INDUSTRY]
    if not month:
        out = [[c for i, c in enumerate(row) if i not in (3, 7, 8)] for row in out]
    return out


def write(path, cells, month=True):
    merges = MERGES if month else ("A1:F1", "A2:F2", "A3:A4", "B3:C3", "D3:F3")
    return write_xlsx(path, cells, sheet="1-10月", merges=merges)


def both(user, region) -> tuple[str, str]:
    docx, _, _ = services.generate(user, region, OCT, "monthly", "docx")
    html, _, _ = services.generate(user, region, OCT, "monthly", "html")
    return "\n".join(docx_paragraphs(docx)), html.decode()


def current(region, code) -> Observation:
    return Observation.objects.get(region=region, indicator__code=code, is_current=True)


@pytest.fixture
def imported(people, sample_city, tmp_path):
    path = write(tmp_path / "示范市-2022-10-单月.xlsx", rows())
    assert import_files(people["admin"], [path]).created
    return path


@pytest.mark.django_db
def test_the_single_month_is_stored_and_said_after_each_indicator(imported, people, sample_city):
    _, members = sample_city
    east = members["东城区"]
    retail, industry = current(east, "retail_sales"), current(east, "industry_va")
    assert (retail.month_value, retail.month_growth) == (Decimal("33.2"), Decimal("6.4"))
    assert (industry.month_value, industry.month_growth) == (None, Decimal("9.1"))

    docx, html = both(people["leader"], east)
    for text in (docx, html):
        assert (
            "社会消费品零售总额310.50亿元，增长5.1%，与全市持平，居全市第4位，"
            "其中，10月当月增长6.4%" in text
        )
        assert (
            "规模以上工业增加值增长8.2%，高于全市1.1个百分点，居全市第3位，其中，10月当月增长9.1%"
            in text
        )
        assert "当月增长5.1%" not in text and "当月增长33.2" not in text
    docx, html = both(people["leader"], members["西城区"])
    for text in (docx, html):
        assert "居全市第5位，其中，10月当月下降1.5%" in text
        assert "其中，10月当月下降2.4%" in text
    docx, html = both(people["leader"], members["南湖区"])
    for text in (docx, html):  # 0.0 and 0.04 both print as zero: 持平
        assert text.count("其中，10月当月与上年同期持平") == 2
        assert "当月增长0.0%" not in text and "当月下降0.0%" not in text


@pytest.mark.django_db
def test_a_file_without_a_single_month_never_makes_the_bulletin_say_one(
    people, sample_city, tmp_path
):
    _, members = sample_city
    import_files(
        people["admin"], [write(tmp_path / "示范市-2022-10.xlsx", rows(month=False), False)]
    )
    assert not Observation.objects.filter(month_growth__isnull=False).exists()
    docx, html = both(people["leader"], members["东城区"])
    for text in (docx, html):
        assert "社会消费品零售总额310.50亿元，增长5.1%，与全市持平，居全市第4位" in text
        assert "当月" not in text


@pytest.mark.django_db
def test_a_corrected_single_month_growth_is_a_listed_revision_and_said_anew(
    imported, people, sample_city, tmp_path
):
    _, members = sample_city
    observations, records = Observation.objects.count(), ChangeRecord.objects.count()
    again = import_files(people["admin"], [imported])
    assert not again.changed and not again.revisions
    assert (Observation.objects.count(), ChangeRecord.objects.count()) == (observations, records)

    fixed = {**RETAIL, "东城区": (310.5, 5.1, 4, 33.2, 7.0)}
    report = import_files(people["admin"], [write(tmp_path / "更正.xlsx", rows(retail=fixed))])
    (revision,) = report.revisions
    assert revision.describe() == "东城区·社会消费品零售总额·2022-10：当月增速 6.4 → 7"
    assert revision.before["growth"] == revision.after["growth"]
    record = ChangeRecord.objects.filter(action=ChangeRecord.Action.IMPORT).order_by("-id")[0]
    (listed,) = record.after["revised"]
    assert listed["cell"].startswith("东城区|社会消费品零售总额|2022-10")
    assert Decimal(str(listed["month_growth"])) == 7
    docx, html = both(people["leader"], members["东城区"])
    for text in (docx, html):
        assert "居全市第4位，其中，10月当月增长7.0%" in text and "6.4%" not in text


@pytest.mark.django_db
def test_the_indicator_page_shows_the_single_month_beside_the_year_to_date(
    imported, people, client
):
    assert client.login(username="leo", password="Econdesk-test-2026")
    html = client.get(reverse("indicator", args=["retail_sales"]), {"period": "2022-10"})
    html = html.content.decode()
    assert "<th>当月值（亿元）</th>" in html and "<th>当月增速（%）</th>" in html
    card = html.split('<dl class="figs">')[1].split("</dl>")[0]
    assert "<dt>当月增速</dt>" in card and "6.4%" in card and "<dt>当月值</dt>" in card
    home = html.split('<tr class="home">')[1].split("</tr>")[0]
    assert '<td class="num month-value">33.20</td>' in home
    assert '<td class="num month-growth">6.4</td>' in home
    total = html.split('<tr class="total">')[1].split("</tr>")[0]
    assert '<td class="num month-growth">3.6</td>' in total

    # A growth-only indicator: the 当月增速 column, no 当月值 one.
    html = client.get(reverse("indicator", args=["industry_va"]), {"period": "2022-10"})
    html = html.content.decode()
    assert "<th>当月增速（%）</th>" in html and "当月值" not in html


@pytest.mark.django_db
def test_the_indicator_page_has_no_single_month_columns_without_one(
    people, sample_city, client, tmp_path
):
    import_files(
        people["admin"], [write(tmp_path / "示范市-2022-10.xlsx", rows(month=False), False)]
    )
    assert client.login(username="leo", password="Econdesk-test-2026")
    html = client.get(reverse("indicator", args=["retail_sales"]), {"period": "2022-10"})
    assert "当月" not in html.content.decode()
