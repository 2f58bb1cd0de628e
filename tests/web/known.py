"""A city built from known figures, for page tests (tests/web) and browser tests (tests/e2e).

示范市, 2022, 东城区 is home:

* 规上工业增加值 (growth only): 1-2月 东城 8.2% 3rd of 8 (sample bulletin), 全市 7.1%;
  1-3月 东城 7.0% 5th, 全市 7.4% — 低于全市0.4个百分点, 后退2位; 市下达一季度 target 8.0% →
  还差1.0个百分点: red.
* 社会消费品零售总额 (亿元): 1-3月 东城 52.30 / 4.6%, tied 3rd with 青山县, 全市 300.00 / 4.0%
  → 高于全市0.6个百分点. First imported as 51.80 / 4.1% (快报), then corrected (月报).
  A 全年 target of 6.0% only (so not a 开门红 indicator), 1.4 points away: red.
* 副区长王明 answers for both.
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.accounts.models import Leader
from econdesk.ledger.models import GdpSector, Indicator
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.catalogue import save_indicator
from econdesk.ledger.services.gdp import save_gdp_sector
from econdesk.ledger.services.targets import save_target
from tests.helpers import SAMPLE_INDUSTRY, write_figures

INDUSTRY_Q1 = {
    "东城区": "7.0",
    "西城区": "6.8",
    "南湖区": "9.9",
    "北山区": "6.2",
    "临江县": "11.0",
    "青山县": "7.5",
    "白水县": "-1.0",
    "红岩市": "7.3",
}
RETAIL_Q1 = {
    "东城区": ("52.30", "4.6"),
    "西城区": ("40.10", "5.2"),
    "南湖区": ("38.00", "3.1"),
    "北山区": ("30.20", "6.0"),
    "临江县": ("20.50", "2.0"),
    "青山县": ("18.00", "4.6"),
    "白水县": ("15.00", "-1.2"),
    "红岩市": ("25.00", "3.9"),
}


def build_known_city(user, city, members) -> Leader:
    """Write the figures, targets and leader above; `user` is an admin."""
    industry = [
        (members[n], "industry_va", "2022-02", None, g, r) for n, (g, r) in SAMPLE_INDUSTRY.items()
    ]
    industry.append((city, "industry_va", "2022-02", None, "7.1", None))
    industry += [
        (members[n], "industry_va", "2022-03", None, g, None) for n, g in INDUSTRY_Q1.items()
    ]
    industry.append((city, "industry_va", "2022-03", None, "7.4", None))
    retail = [
        (members[n], "retail_sales", "2022-03", v, g, None) for n, (v, g) in RETAIL_Q1.items()
    ]
    retail.append((city, "retail_sales", "2022-03", "300.00", "4.0", None))
    # The 快报 first, with 东城区's figure later corrected by the 月报.
    flash = [row for row in retail if row[0] != members["东城区"]]
    flash.append((members["东城区"], "retail_sales", "2022-03", "51.80", "4.1", None))
    write_figures(user, industry + flash, file_name="市统计快报2022年3月.xlsx")
    write_figures(user, retail, file_name="市统计月报2022年3月.xlsx")

    home = members["东城区"]
    indicators = {
        i.code: i for i in Indicator.objects.filter(code__in=["industry_va", "retail_sales"])
    }
    save_target(
        user, region=home, indicator=indicators["industry_va"], period=PeriodKey(2022, 3),
        level="city", growth=Decimal("8.0"),
    )  # fmt: skip
    save_target(
        user, region=home, indicator=indicators["retail_sales"], period=PeriodKey(2022, 12),
        level="city", growth=Decimal("6.0"),
    )  # fmt: skip
    leader = Leader.objects.create(name="王明", title="副区长", portfolio="工业、商贸")
    for indicator in indicators.values():
        indicator.leader = leader
        save_indicator(user, indicator, reason="测试：分管区领导")
    return leader


def build_two_sectors(user, home) -> None:
    """A GDP sector table of two industries for `home` (after build_known_city):
    其他行业 60 at a set 5.0%, 工业 40 driven by 规上工业增加值 (7.0% in 1-3月).

    GDP = 0.6 × 5.0 + 0.4 × 7.0 = 5.8%; 工业 pulls 2.80 points (48.3%). For 6.5%, 工业 needs
    (6.5 − 3.0) / 0.4 = 8.75%, so its driver is 1.75 points short.
    """
    driver = Indicator.objects.get(code="industry_va")
    for code, name, group, weight, drive, manual in [
        ("rest", "其他行业", "tertiary", 60, None, Decimal("5.0")),
        ("industry", "工业", "secondary", 40, driver, None),
    ]:
        save_gdp_sector(
            user,
            GdpSector(region=home, code=code, name=name, group=group, weight=weight,
                      driver=drive, manual_growth=manual),
        )  # fmt: skip
