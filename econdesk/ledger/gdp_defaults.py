"""The default GDP sector table: methodology.md §5's industries, weights and drivers.

Weights are the worked example's shares of last year's Q1 value added and elasticities are 1:
they are *defaults*, used only until the district's own published history (quarterly GDP and
value added by industry) lets the estimate calibrate them (docs/gdp-method.md), and the GDP
page says so whenever one is in use.
"""

from __future__ import annotations

# code, name, group, weight, driver code, price change %, theta, below-scale growth %, manual %
# fmt: off
DEFAULT_SECTORS = [
    ("agriculture", "农林牧渔业", "primary", 3, "agri_output", 0, None, None, None),
    ("industry", "工业", "secondary", 40, "industry_va", 0, "0.85", "3.0", None),
    ("construction", "建筑业", "secondary", 8, "construction_output", 1, None, None, None),
    ("trade", "批发和零售业", "tertiary", 10, "wholesale_sales", 1, None, None, None),
    ("hospitality", "住宿和餐饮业", "tertiary", 2, "catering_revenue", 1, None, None, None),
    ("transport", "交通运输、仓储和邮政业", "tertiary", 4, None, 0, None, None, "4.0"),
    ("finance", "金融业", "tertiary", 6, "deposits", 0, None, None, None),
    ("real_estate", "房地产业", "tertiary", 7, "house_sales_area", 0, None, None, None),
    ("other_services", "其他服务业", "tertiary", 20, "services_revenue", 1, None, None, None),
]
# fmt: on

# The published value added of each industry (行业增加值, quarterly, year to date, from the
# city's unified accounting), as ledger indicators: sector code -> (indicator code, name).
# 农林牧渔业、工业、建筑业 use the codes of the catalogue's wider set; the others are created by
# econdesk.analysis.gdp.value_added.ensure_value_added_indicators, off the panel.
VALUE_ADDED = {
    "agriculture": ("agri_va", "农林牧渔业增加值"),
    "industry": ("industry_va_total", "工业增加值"),
    "construction": ("construction_va", "建筑业增加值"),
    "trade": ("va_trade", "批发和零售业增加值"),
    "hospitality": ("va_hospitality", "住宿和餐饮业增加值"),
    "transport": ("va_transport", "交通运输、仓储和邮政业增加值"),
    "finance": ("va_finance", "金融业增加值"),
    "real_estate": ("va_real_estate", "房地产业增加值"),
    "other_services": ("va_other_services", "其他服务业增加值"),
}
