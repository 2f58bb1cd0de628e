"""The 预计 box says a department's estimate in one way: "部门预计增长6.5%" (never "部门预计：，"),
the blended figure when there is one, and which of them the card above quotes."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string

from tests.web.crawl import read_page

ROW = {"unit": "亿元", "decimals": 2, "growth_decimals": 1}
TREND = {"period_label": "全年", "value": Decimal("942.95"), "growth": Decimal("1.4"),
         "low": None, "low_growth": None, "high_growth": None, "mape": None}  # fmt: skip


def box(**p) -> list[str]:
    html = render_to_string("web/_projection.html", {"p": {**TREND, **p}, "row": ROW})
    text, _ = read_page(html)
    return text.splitlines()


def test_a_growth_only_estimate_reads_without_a_colon_and_says_the_card_uses_the_trend():
    lines = box(estimate_value=None, estimate_growth=Decimal("6.5"))
    assert "部门预计增长6.5%（只报了增速，上方预计按历史走势测算）" in lines
    assert "预计全年942.95亿元，增长1.4%" in lines
    assert not any("部门预计：" in line for line in lines)


def test_a_blended_estimate_is_the_one_the_card_quotes():
    lines = box(
        estimate_value=Decimal("945.00"), estimate_growth=Decimal("1.6"),
        blended_value=Decimal("943.98"), blended_growth=Decimal("1.5"),
    )  # fmt: skip
    assert "预计全年943.98亿元，增长1.5%（综合部门预计）" in lines
    assert (
        "部门预计945.00亿元，增长1.6%；综合后943.98亿元，增长1.5%（上方预计采用综合后的数字）"
        in lines
    )
