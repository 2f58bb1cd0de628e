"""The standard indicator set of methodology.md §1, seeded by `econdesk setup`.

Each entry: code, name, aliases, unit, frequency, price basis, whether a value is published,
cumulation, decimals, the lead department (by short name) and the GDP sector it drives.
"""

from __future__ import annotations

M, Q = "monthly", "quarterly"
CMP, CUR = "comparable", "current"

# fmt: off
STANDARD_INDICATORS: list[dict] = [
    dict(code="gdp", name="地区生产总值", short_name="GDP", aliases=["GDP", "生产总值", "地区生产总值(GDP)"],
         unit="亿元", frequency=Q, price_basis=CMP, value_published=True, lead="发改局"),
    dict(code="primary_va", name="第一产业增加值", aliases=["一产增加值"], unit="亿元",
         frequency=Q, price_basis=CMP, lead="农业农村局"),
    dict(code="secondary_va", name="第二产业增加值", aliases=["二产增加值"], unit="亿元",
         frequency=Q, price_basis=CMP, lead="经信局"),
    dict(code="tertiary_va", name="服务业增加值", aliases=["第三产业增加值", "三产增加值"],
         unit="亿元", frequency=Q, price_basis=CMP, lead="发改局"),
    dict(code="industry_va", name="规模以上工业增加值", short_name="规上工业增加值",
         aliases=["规上工业增加值", "规模工业增加值", "规模以上工业增加值增速"], unit="亿元",
         frequency=M, price_basis=CMP, value_published=False, lead="经信局", gdp_sector="industry"),
    dict(code="industry_output", name="规模以上工业总产值", short_name="规上工业总产值",
         aliases=["规上工业总产值", "规模工业总产值"], unit="亿元", frequency=M, price_basis=CUR,
         lead="经信局"),
    dict(code="power_use", name="全社会用电量", aliases=["用电量"], unit="万千瓦时", frequency=M,
         price_basis=CUR, decimals=0, lead="经信局"),
    dict(code="industry_power_use", name="工业用电量", aliases=[], unit="万千瓦时", frequency=M,
         price_basis=CUR, decimals=0, lead="经信局"),
    dict(code="fai", name="固定资产投资", short_name="固投",
         aliases=["全社会固定资产投资", "固定资产投资(不含农户)", "固定资产投资（不含农户）",
                  "固定资产投资额", "全社会固定资产投资额"],
         unit="亿元", frequency=M, price_basis=CUR, value_published=False, lead="发改局"),
    dict(code="re_investment", name="房地产开发投资", aliases=["房地产开发投资额", "房地产投资"],
         unit="亿元", frequency=M, price_basis=CUR, lead="住建局", gdp_sector="real_estate"),
    dict(code="re_investment_residential", name="房地产开发投资:住宅",
         aliases=["住宅投资", "房地产开发投资：住宅", "住宅开发投资"], unit="亿元", frequency=M,
         price_basis=CUR, lead="住建局"),
    dict(code="house_sales_area", name="商品房销售面积", aliases=[], unit="万平方米", frequency=M,
         price_basis=CUR, lead="住建局"),
    dict(code="house_sales_value", name="商品房销售额", aliases=[], unit="亿元", frequency=M,
         price_basis=CUR, lead="住建局"),
    dict(code="construction_output", name="建筑业总产值",
         aliases=["资质内建筑业总产值", "资质等级建筑业总产值"], unit="亿元", frequency=Q,
         price_basis=CUR, lead="住建局", gdp_sector="construction"),
    dict(code="retail_sales", name="社会消费品零售总额", short_name="社消零",
         aliases=["社消零", "社零", "社零总额", "社会消费品零售额"], unit="亿元", frequency=M,
         price_basis=CUR, lead="商务局"),
    dict(code="wholesale_sales", name="限额以上批发业销售额", aliases=["限上批发业销售额"],
         unit="亿元", frequency=M, price_basis=CUR, lead="商务局", gdp_sector="trade"),
    dict(code="retail_trade_sales", name="限额以上零售业销售额", aliases=["限上零售业销售额"],
         unit="亿元", frequency=M, price_basis=CUR, lead="商务局"),
    dict(code="accommodation_revenue", name="限额以上住宿业营业额", aliases=["限上住宿业营业额"],
         unit="亿元", frequency=M, price_basis=CUR, lead="商务局", gdp_sector="hospitality"),
    dict(code="catering_revenue", name="限额以上餐饮业营业额", aliases=["限上餐饮业营业额"],
         unit="亿元", frequency=M, price_basis=CUR, lead="商务局"),
    dict(code="services_revenue", name="规模以上服务业营业收入",
         aliases=["规上服务业营业收入", "规上服务业营收", "规模以上其他营利性服务业营业收入"],
         unit="亿元", frequency=M, price_basis=CUR, lead="发改局", gdp_sector="other_services"),
    dict(code="agri_output", name="农林牧渔业总产值", aliases=["农业总产值"], unit="亿元",
         frequency=Q, price_basis=CMP, lead="农业农村局", gdp_sector="agriculture"),
    dict(code="fiscal_revenue", name="一般公共预算收入",
         aliases=["地方一般公共预算收入", "一般预算收入", "公共财政预算收入"], unit="亿元",
         frequency=M, price_basis=CUR, first_month=1, lead="财政局"),
    dict(code="tax_revenue", name="税收收入", aliases=[], unit="亿元", frequency=M,
         price_basis=CUR, first_month=1, lead="财政局"),
    dict(code="deposits", name="金融机构本外币存款余额", aliases=["存款余额", "本外币存款余额"],
         unit="亿元", frequency=M, price_basis=CUR, cumulation="stock", first_month=1,
         rank_key="growth", lead="金融局", gdp_sector="finance"),
    dict(code="loans", name="金融机构本外币贷款余额", aliases=["贷款余额", "本外币贷款余额"],
         unit="亿元", frequency=M, price_basis=CUR, cumulation="stock", first_month=1,
         lead="金融局"),
    dict(code="trade", name="进出口总额", aliases=["外贸进出口总额"], unit="亿元", frequency=M,
         price_basis=CUR, lead="商务局"),
    dict(code="fdi", name="实际利用外资", aliases=["实际使用外资"], unit="万美元", frequency=M,
         price_basis=CUR, decimals=0, lead="投促局"),
    dict(code="income_all", name="全体居民人均可支配收入", aliases=["居民人均可支配收入"],
         unit="元", frequency=Q, price_basis=CUR, decimals=0, lead="统计局"),
    dict(code="income_urban", name="城镇居民人均可支配收入", aliases=["城镇常住居民人均可支配收入"],
         unit="元", frequency=Q, price_basis=CUR, decimals=0, lead="统计局"),
    dict(code="income_rural", name="农村居民人均可支配收入", aliases=["农村常住居民人均可支配收入"],
         unit="元", frequency=Q, price_basis=CUR, decimals=0, lead="农业农村局"),
]
# fmt: on

DEFAULTS = dict(
    short_name="",
    aliases=[],
    value_published=True,
    cumulation="ytd",
    rank_key="growth",
    decimals=2,
    growth_decimals=1,
    first_month=2,
    gdp_sector="",
)


def catalogue_entries() -> list[dict]:
    """The standard entries with defaults filled in (quarterly series start at 1-3月)."""
    entries = []
    for order, raw in enumerate(STANDARD_INDICATORS, start=1):
        entry = {**DEFAULTS, **raw, "sort_order": order * 10}
        if entry["frequency"] == Q:
            entry["first_month"] = 3
        entries.append(entry)
    return entries
