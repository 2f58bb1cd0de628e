"""The default GDP sector table: methodology.md §5's industries, weights and drivers.

Weights are the worked example's shares of last year's Q1 value added; a district replaces
them with its own (设置 → GDP测算) before trusting the estimate.
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
