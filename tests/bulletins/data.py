"""The sample city's figures for bulletin tests, written the way an import writes them.

From the sample bulletin (docs/samples/city-bulletin-2022-02.xlsx, 1-2月 2022):
规模以上工业增加值, 固定资产投资, 社会消费品零售总额 and 一般公共预算收入 for 示范市 and its eight
districts; the targets of targets-2022.csv. Added for the sentences the file alone cannot give:
一般公共预算收入 for 1月 (a rank change), 东城区's internal 固定资产投资 amounts (a projection),
and 1-3月 规模以上工业增加值 (a met target and a move up).
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.accounts.models import Leader
from econdesk.ledger.models import Indicator, Target
from econdesk.ledger.services.catalogue import period_for
from tests.helpers import SAMPLE_INDUSTRY, write_figures

CITY_FEB = {"industry_va": (None, "7.1"), "fai": (None, "5.6"), "retail_sales": ("248", "5.1"),
            "fiscal_revenue": ("33.93", "2.9")}  # fmt: skip
# region: (value, growth, published rank) per indicator, as in the sample file
FAI_FEB = {"东城区": ("-6", 7), "西城区": ("4.2", 5), "南湖区": ("15.3", 2), "北山区": ("9.8", 3),
           "临江县": ("21", 1), "青山县": ("-12.5", 8), "白水县": ("2.2", 6), "红岩市": ("7.1", 4)}  # fmt: skip
RETAIL_FEB = {"东城区": ("62.35", "5.1", 4), "西城区": ("58.1", "4.8", 5),
              "南湖区": ("40.22", "6.3", 2), "北山区": ("25.67", "3.9", 6),
              "临江县": ("18.05", "7.4", 1), "青山县": ("12.4", "2.5", 8),
              "白水县": ("9.88", "3.1", 7), "红岩市": ("21.33", "5.6", 3)}  # fmt: skip
FISCAL_FEB = {"东城区": ("8.61", "-3.2", 7), "西城区": ("7.95", "2.4", 5),
              "南湖区": ("6.02", "11.8", 1), "北山区": ("3.15", "5", 4),
              "临江县": ("2.88", "9.1", 2), "青山县": ("1.76", "-8.4", 8),
              "白水县": ("1.02", "1.3", 6), "红岩市": ("2.54", "6.6", 3)}  # fmt: skip
# 1月 fiscal growth: 东城区 5th (then 7th in 1-2月: 后退2位)
FISCAL_JAN = {"东城区": "1.0", "西城区": "0.5", "南湖区": "12.0", "北山区": "4.0", "临江县": "9.0",
              "青山县": "-5.0", "白水县": "-1.0", "红岩市": "6.0"}  # fmt: skip
# 1-3月 industry growth: 东城区 2nd (from 3rd: 前移1位), above its 7.0% target
INDUSTRY_MAR = {"东城区": "7.5", "西城区": "6.0", "南湖区": "7.2", "北山区": "6.8",
                "临江县": "11.0", "青山县": "3.0", "白水县": "-1.0", "红岩市": "7.1"}  # fmt: skip
TARGETS = [  # targets-2022.csv: indicator, period, level, growth, value
    ("industry_va", 3, "city", "7.0", None), ("fai", 3, "city", "8.0", None),
    ("retail_sales", 3, "city", "6.0", None), ("fiscal_revenue", 3, "city", "5.0", None),
    ("gdp", 3, "city", "6.0", None), ("fai", 3, "district", "10.0", None),
    ("industry_va", 12, "city", "7.5", None), ("fai", 12, "city", "9.0", None),
    ("retail_sales", 12, "city", "6.5", None), ("fiscal_revenue", 12, "city", None, "30.5"),
]  # fmt: skip


def write_sample_february(user, city, members) -> None:
    """The sample bulletin's 1-2月 figures, 1月 fiscal revenue, 东城区's FAI amounts, targets."""
    rows = [
        (city, code, "2022-02", value, growth, None) for code, (value, growth) in CITY_FEB.items()
    ]
    rows.append((city, "fiscal_revenue", "2022-01", "12.0", "3.0", None))
    for name, region in members.items():
        growth, rank = SAMPLE_INDUSTRY[name]
        rows.append((region, "industry_va", "2022-02", None, growth, rank))
        growth, rank = FAI_FEB[name]
        value = "15.04" if name == "东城区" else None  # internal amount: 15.04 / 0.94 = 16.0
        rows.append((region, "fai", "2022-02", value, growth, rank))
        value, growth, rank = RETAIL_FEB[name]
        rows.append((region, "retail_sales", "2022-02", value, growth, rank))
        value, growth, rank = FISCAL_FEB[name]
        rows.append((region, "fiscal_revenue", "2022-02", value, growth, rank))
        rows.append((region, "fiscal_revenue", "2022-01", None, FISCAL_JAN[name], None))
    home = members["东城区"]
    rows += [
        (home, "fai", "2021-02", "16.0", None, None),
        (home, "fai", "2021-03", "34.0", None, None),
    ]
    write_figures(user, rows, file_name="city-bulletin-2022-02.xlsx")
    indicators = {i.code: i for i in Indicator.objects.all()}
    for code, month, level, growth, value in TARGETS:
        Target.objects.create(
            region=home, indicator=indicators[code], period=period_for(2022, month), level=level,
            growth=Decimal(growth) if growth else None, value=Decimal(value) if value else None,
        )  # fmt: skip


def write_sample_march(user, city, members) -> None:
    """1-3月 规模以上工业增加值 for the city and its districts."""
    rows = [(city, "industry_va", "2022-03", None, "7.2", None)]
    rows += [(members[n], "industry_va", "2022-03", None, g, None) for n, g in INDUSTRY_MAR.items()]
    write_figures(user, rows, file_name="city-bulletin-2022-03.xlsx")


def name_leaders() -> dict[str, Leader]:
    """Two leaders in charge, as in the speech's reporting order."""
    li = Leader.objects.create(name="李晓梅", title="副区长", sort_order=10)
    chen = Leader.objects.create(name="陈立群", title="常务副区长", sort_order=20)
    Indicator.objects.filter(code__in=["industry_va", "retail_sales"]).update(leader=li)
    Indicator.objects.filter(code__in=["fai", "gdp"]).update(leader=chen)
    return {"li": li, "chen": chen}
