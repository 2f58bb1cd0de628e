"""Above-designated-size thresholds (规模以上 / 限额以上) and the scale-up candidates near them.

The table is docs/methodology.md §6, kept as data: the ScaleThreshold rows are seeded from
STANDARD_THRESHOLDS by a migration and may then be edited (a province may differ). Amounts are in
万元 of annual main-business revenue (营业收入 for services); None means every qualified unit of
the sector is counted (资质等级建筑业, 房地产开发经营业). No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)
TWELVE = Decimal(12)
DEFAULT_NEAR_SHARE = Decimal(80)  # % of the threshold at which an enterprise becomes a candidate
FAI_PROJECT_CODE = "fai_project"


@dataclass(frozen=True)
class Threshold:
    """One row of the §6 table."""

    code: str
    name: str
    group: str  # 工业 / 建筑业 / 批发和零售业 / 住宿和餐饮业 / 房地产业 / 服务业 / 固定资产投资
    amount: Decimal | None  # 万元; None = every qualified unit
    basis: str
    applies_to: str = "enterprise"  # or "project"


def _t(code, name, group, amount, basis="年主营业务收入", applies_to="enterprise"):
    return Threshold(code, name, group, None if amount is None else Decimal(amount), basis,
                     applies_to)  # fmt: skip


SERVICE_BASIS = "年营业收入"
# fmt: off
STANDARD_THRESHOLDS: list[Threshold] = [
    _t("industry", "规模以上工业", "工业", 2000),
    _t("construction", "资质等级建筑业", "建筑业", None, "具有总承包或专业承包资质（不含劳务分包）"),
    _t("wholesale", "限额以上批发业", "批发和零售业", 2000),
    _t("retail", "限额以上零售业", "批发和零售业", 500),
    _t("accommodation", "限额以上住宿业", "住宿和餐饮业", 200),
    _t("catering", "限额以上餐饮业", "住宿和餐饮业", 200),
    _t("real_estate", "房地产开发经营业", "房地产业", None, "有开发经营活动的法人单位"),
    _t("transport", "交通运输、仓储和邮政业", "服务业", 2000, SERVICE_BASIS),
    _t("it_services", "信息传输、软件和信息技术服务业", "服务业", 2000, SERVICE_BASIS),
    _t("water_environment", "水利、环境和公共设施管理业", "服务业", 2000, SERVICE_BASIS),
    _t("health", "卫生", "服务业", 2000, SERVICE_BASIS),
    _t("leasing_business", "租赁和商务服务业", "服务业", 1000, SERVICE_BASIS),
    _t("research", "科学研究和技术服务业", "服务业", 1000, SERVICE_BASIS),
    _t("education", "教育", "服务业", 1000, SERVICE_BASIS),
    _t("property_management", "物业管理", "服务业", 1000, SERVICE_BASIS),
    _t("real_estate_agency", "房地产中介服务", "服务业", 1000, SERVICE_BASIS),
    _t("real_estate_leasing", "房地产租赁经营", "服务业", 1000, SERVICE_BASIS),
    _t("real_estate_other", "其他房地产业", "服务业", 1000, SERVICE_BASIS),
    _t("resident_services", "居民服务、修理和其他服务业", "服务业", 500, SERVICE_BASIS),
    _t("culture_sports", "文化、体育和娱乐业", "服务业", 500, SERVICE_BASIS),
    _t("social_work", "社会工作", "服务业", 500, SERVICE_BASIS),
    _t(FAI_PROJECT_CODE, "固定资产投资项目（500万元及以上）", "固定资产投资", 500, "计划总投资",
       applies_to="project"),
]
# fmt: on


def standard_threshold(code: str) -> Threshold:
    """The §6 row for a sector code (KeyError when unknown)."""
    for row in STANDARD_THRESHOLDS:
        if row.code == code:
            return row
    raise KeyError(code)


def annualised_revenue(revenue_to_date: Decimal | None, months: int | None) -> Decimal | None:
    """Revenue of the first `months` months scaled to a year: R × 12 / m."""
    if revenue_to_date is None or not months:
        return None
    if not 1 <= months <= 12:
        raise ValueError(f"月份应在1-12之间：{months}")
    return revenue_to_date * TWELVE / Decimal(months)


def threshold_share(annual_revenue: Decimal | None, threshold: Decimal | None) -> Decimal | None:
    """Annual revenue as % of the threshold (None when either is unknown or there is none)."""
    if annual_revenue is None or not threshold:
        return None
    return annual_revenue / threshold * HUNDRED


def scale_standing(
    revenue_to_date: Decimal | None,
    months: int | None,
    threshold: Decimal | None,
    near_share: Decimal = DEFAULT_NEAR_SHARE,
) -> str:
    """Where an enterprise stands against its sector's threshold.

    "reached" (年化营收达到标准), "near" (at least `near_share` % of it), "below", or
    "qualified" for sectors without an amount (every qualified unit counts), "unknown" when the
    revenue is not reported. Exactly at the threshold counts as reached (≥, as in §6).
    """
    if threshold is None:
        return "qualified"
    share = threshold_share(annualised_revenue(revenue_to_date, months), threshold)
    if share is None:
        return "unknown"
    if share >= HUNDRED:
        return "reached"
    if share >= near_share:
        return "near"
    return "below"


STANDING_LABELS = {
    "reached": "已达标准",
    "near": "接近标准",
    "below": "未达标准",
    "qualified": "有资质即可入库",
    "unknown": "营收未报",
}
