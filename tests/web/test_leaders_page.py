"""分管领导: each leader's indicators as the report given at the meeting, with the figures."""

import pytest
from django.urls import reverse

from tests.web.known import build_known_city

PASSWORD = "Econdesk-test-2026"


@pytest.fixture
def known(people, sample_city):
    city, members = sample_city
    return build_known_city(people["admin"], city, members)


def _page(client, **params):
    assert client.login(username="leo", password=PASSWORD)
    return client.get(reverse("leaders"), {"period": "2022-03", **params})


def test_it_writes_the_leaders_report_with_the_figures_filled_in(client, known):
    response = _page(client)
    [report] = response.context["reports"]
    assert str(report.leader) == "副区长王明"
    assert [item.code for item in report.items] == ["industry_va", "retail_sales"]
    html = response.content.decode()
    assert "一、目标完成情况" in html and "二、存在问题" in html and "三、下阶段工作打算" in html
    assert (
        "一季度同比增长7.0%（全市7.4%），低于全市0.4个百分点，居全市第5位，较1-2月后退2位。"
        "市下达一季度目标增长8.0%，增速还差1.0个百分点。"
    ) in html
    assert (
        "一季度完成52.30亿元，同比增长4.6%（全市4.0%），高于全市0.6个百分点，居全市并列第3位。"
        in html
    )


def test_it_lists_the_problems_and_what_it_takes_next(client, known):
    html = _page(client).content.decode()
    assert "距市下达一季度目标还差1.0个百分点；增速低于全市0.4个百分点；较1-2月后退2位。" in html
    assert "力争超过红岩市，增速需达到7.4%（提高0.4个百分点），位次可升至第4位。" in html
    assert "完成市下达全年目标，其余月份需增长6.5%" in html


def test_it_says_when_no_department_has_written_problems_or_plans(client, known):
    html = _page(client).content.decode()
    assert "暂无部门填报的问题与打算" in html


def test_it_quotes_the_problems_and_plans_a_department_published(client, known, people):
    from decimal import Decimal

    from econdesk.ledger.models import Indicator
    from econdesk.ledger.periods import PeriodKey
    from econdesk.reporting import services

    entry = services.EstimateEntry(
        growth=Decimal("7.6"), problems="两户重点企业停产检修。", plans="协调复产，争取4月回升。"
    )
    report = services.save_draft(
        people["clerk"], indicator=Indicator.objects.get(code="industry_va"),
        period=PeriodKey(2022, 6), entry=entry, expected_version=0,
    )  # fmt: skip
    report = services.submit(people["clerk"], report, expected_version=report.version)
    services.approve(people["reviewer"], report, expected_version=report.version)

    html = _page(client).content.decode()
    assert "（区经济和信息化局）两户重点企业停产检修。" in html
    assert "（区经济和信息化局）协调复产，争取4月回升。" in html


def test_it_shows_one_leaders_report_alone_for_printing(client, known):
    response = _page(client, leader=known.pk)
    assert len(response.context["reports"]) == 1
    assert "查看全部分管区领导的汇报" in response.content.decode()


def test_it_puts_the_signed_in_leaders_own_report_first(client, known, people):
    from econdesk.accounts.models import Leader

    other = Leader.objects.create(name="李强", title="副区长", user=people["leader"])
    from econdesk.ledger.models import Indicator
    from econdesk.ledger.services.catalogue import save_indicator

    retail = Indicator.objects.get(code="retail_sales")
    retail.leader = other
    save_indicator(people["admin"], retail)
    response = _page(client)
    assert [str(r.leader) for r in response.context["reports"]] == ["副区长李强", "副区长王明"]
    assert "（我的汇报）" in response.content.decode()
