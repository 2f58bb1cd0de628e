"""gdp_statement from the ledger: published beats estimated, the year starts from its published
quarters, and the back-test reads each quarter as the ledger stood when its GDP came out."""

from __future__ import annotations

import pytest

from econdesk.analysis.gdp_estimate import estimate_for, gdp_statement
from econdesk.ledger.models import GdpSector, Indicator
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.gdp import save_gdp_sector
from tests.helpers import write_figures

# The hand case of test_gdp_calibration: one industry at the defaults (w = 1, θ = 1, α = 0).
DRIVER = {
    "2021-03": "5",
    "2021-06": "6",
    "2021-09": "7",
    "2021-12": "8",
    "2022-03": "6",
    "2022-06": "5",
}
GDP = {
    "2021-03": "6",
    "2021-06": "6",
    "2021-09": "8",
    "2021-12": "8",
    "2022-03": "7",
    "2022-06": "7",
}


@pytest.fixture
def home(people, sample_city):
    _city, members = sample_city
    home = members["东城区"]
    save_gdp_sector(
        people["admin"],
        GdpSector(
            region=home, code="all", name="全部行业", group="secondary", weight=1,
            driver=Indicator.objects.get(code="industry_va"),
        ),
    )  # fmt: skip
    rows = [(home, "industry_va", p, None, g, None) for p, g in DRIVER.items()]
    rows += [(home, "gdp", p, None, g, None) for p, g in GDP.items()]
    write_figures(people["admin"], rows)
    return home


def test_a_published_quarter_is_shown_as_published_with_the_check_beside_it(home):
    st = gdp_statement(home, PeriodKey(2022, 6))
    assert st["kind"] == "published" and st["text"] == "增长7.0%（公布数）"
    # The bridge regression (lower back-test error) on the five quarters before: 5.923077.
    assert st["check"] == "测算5.9%，公布7.0%"
    assert st["method_name"] == "桥接回归"


def test_an_unpublished_quarter_is_estimated_from_the_published_ones_with_its_error(home, people):
    write_figures(people["admin"], [(home, "industry_va", "2022-09", None, "6", None)])
    st = gdp_statement(home, PeriodKey(2022, 9))
    # Bridge on all six quarters: b = 4/6.8333 = 0.585366, a = 3.390244. 前三季度 from the
    # drivers 6.902439; 上半年 published 7.0 against the model's 6.317073, a share of 6/9:
    # 6.902439 + 6/9 × (7 − 6.317073) = 7.357724.
    assert st["kind"] == "estimate"
    assert float(st["growth"]) == pytest.approx(7.357724, abs=1e-5)
    assert st["text"] == "测算增长7.4%左右（近2个季度平均误差±0.7个百分点）"
    assert st["published_quarters"] == ["一季度", "上半年"]
    page = estimate_for(home, PeriodKey(2022, 9))
    assert page["gdp_growth"] == st["growth"]  # one figure for every reader
    assert page["calibration"]["anchor"] == "2022年上半年已公布7.0%，本期只测算其余部分"


def test_the_back_test_reads_the_driver_as_it_was_when_gdp_came_out(home, people):
    before = estimate_for(home, PeriodKey(2022, 6))
    # A correction of 2022 一季度's driver arrives after that quarter's GDP was published.
    write_figures(people["admin"], [(home, "industry_va", "2022-03", None, "9", None)])
    after = estimate_for(home, PeriodKey(2022, 6))
    # The back-test still says what would have been said then (bridge 6.6 for 一季度) …
    assert after["backtest"]["rows"] == before["backtest"]["rows"]
    q1 = next(r for r in after["backtest"]["rows"] if r["label"] == "2022年一季度")
    assert [float(m["estimate"]) for m in q1["methods"]] == pytest.approx([6.5, 6.6])
    # … while today's calibration reads the corrected figure: the mean residual G − x of the
    # six quarters falls from 5/6 to 2/6.
    assert float(before["calibration"]["residual"]) == pytest.approx(0.833)
    assert float(after["calibration"]["residual"]) == pytest.approx(0.333)


def test_no_estimate_is_stated_without_data(people, sample_city):
    _city, members = sample_city
    st = gdp_statement(members["西城区"], PeriodKey(2022, 3))
    assert st["kind"] is None and st["text"] == "暂无法测算"


def test_a_published_fall_reads_xiajiang_never_zengzhang_minus(home, people):
    write_figures(people["admin"], [(home, "gdp", "2022-09", None, "-6", None)])
    st = gdp_statement(home, PeriodKey(2022, 9))
    assert st["kind"] == "published" and st["text"] == "下降6.0%（公布数）"


def test_an_estimated_fall_reads_xiajiang_about(home, people):
    write_figures(people["admin"], [(home, "industry_va", "2022-09", None, "-30", None)])
    st = gdp_statement(home, PeriodKey(2022, 9))
    assert st["kind"] == "estimate" and st["growth"] < 0
    assert st["text"].startswith("测算下降") and "左右" in st["text"]
    assert "-" not in st["text"].split("（")[0]
