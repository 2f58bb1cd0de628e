"""Facts as the source published them, in the generated .docx and .html: a growth published to
two decimals keeps both, a value is stated wherever the file has one (also for a "growth only"
catalogue entry), a functional zone the city ranks apart gets its published rank, an indicator
ranked by 总量 says so, the peer group is named as users name it (全州), and a published GDP is
stated with no estimate beside it."""

from __future__ import annotations

import pytest

from econdesk.bulletins import services
from econdesk.ledger.models import Indicator, Region
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_document, docx_paragraphs
from tests.helpers import write_figures

FEB, MAR = PeriodKey(2022, 2), PeriodKey(2022, 3)


def both(user, region, key=FEB) -> tuple[str, str]:
    """The bulletin's text as .docx paragraphs (joined) and as the HTML page."""
    docx, _, _ = services.generate(user, region, key, "monthly", "docx")
    html, _, _ = services.generate(user, region, key, "monthly", "html")
    return "\n".join(docx_paragraphs(docx)), html.decode()


@pytest.fixture
def prefecture(sample_feb, people):
    """The sample city as a prefecture (示范州): its members are ranked 全州. 东城区's 1-2月
    industry growth is republished with two decimals, retail sales are ranked by 总量."""
    city = sample_feb["东城区"].parent
    city.name = "示范州"
    city.save()
    Indicator.objects.filter(code="industry_va").update(growth_decimals=2)
    Indicator.objects.filter(code="retail_sales").update(rank_key="value")
    write_figures(people["admin"], [(sample_feb["东城区"], "industry_va", "2022-02", None, "8.25", 3)],
                  file_name="州统计局-2022-02-更正.xlsx")  # fmt: skip
    return sample_feb


def test_it_keeps_two_decimals_states_values_and_names_the_group_as_users_do(prefecture, people):
    docx, html = both(people["leader"], prefecture["东城区"])
    for text in (docx, html):
        assert "1-2月，全区规模以上工业增加值增长8.25%，高于全州" in text
        assert "全区固定资产投资15.04亿元，下降6.0%" in text  # growth-only in the catalogue
        assert "从州上通报的1-2月主要经济指标来看" in text
        assert "全市" not in text.split("附表")[0]


def test_it_states_a_rank_by_total_as_such(prefecture, people):
    docx, html = both(people["leader"], prefecture["东城区"])
    for text in (docx, html):
        assert "社会消费品零售总额62.35亿元，增长5.1%，与全州持平，总量居全州第" in text


def test_a_zone_the_city_ranks_apart_gets_its_published_rank(sample_feb, people):
    city = sample_feb["东城区"].parent
    zone = Region.objects.create(name="高新区", kind=Region.Kind.FUNCTIONAL_ZONE, parent=city,
                                 ranked=False, sort_order=99)  # fmt: skip
    write_figures(people["admin"], [(zone, "industry_va", "2022-02", None, "12.3", 1)],
                  file_name="city-bulletin-2022-02-zones.xlsx")  # fmt: skip
    docx, html = both(people["leader"], zone)
    for text in (docx, html):
        assert "规模以上工业增加值增长12.3%，高于全市5.2个百分点，居全市第1位" in text
    content, _, _ = services.generate(people["leader"], zone, FEB, "monthly", "docx")
    rows = [[c.text for c in r.cells] for r in docx_document(content).tables[0].rows]
    assert rows[1][0] == "规模以上工业增加值" and rows[1][5] == "1"


def test_a_published_gdp_is_stated_and_no_estimate_beside_it(sample_mar, people):
    east = sample_mar["东城区"]
    write_figures(people["admin"], [(east, "gdp", "2022-03", "120.56", "5.5", 4)],
                  file_name="city-gdp-2022-q1.xlsx")  # fmt: skip
    docx, html = both(people["leader"], east, MAR)
    for text in (docx, html):
        assert "1-3月，全区地区生产总值120.56亿元，增长5.5%，居全市第4位。" in text
        assert "据测算" not in text and "左右" not in text.split("附表")[0]
