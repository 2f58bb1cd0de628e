"""The standard indicator set (docs/methodology.md §1): the entries seeded by `econdesk setup`,
and a wider set an import proposes when a file names one of them.

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
         aliases=["规上工业增加值", "规模工业增加值", "规模以上工业增加值增速", "规上工业", "规模以上工业"], unit="亿元",
         frequency=M, price_basis=CMP, value_published=False, lead="经信局", gdp_sector="industry"),
    dict(code="industry_output", name="规模以上工业总产值", short_name="规上工业总产值",
         aliases=["规上工业总产值", "规模工业总产值"], unit="亿元", frequency=M, price_basis=CUR,
         lead="经信局"),
    dict(code="power_use", name="全社会用电量", aliases=["用电量", "全社会用电", "全社会用电总量"], unit="万千瓦时", frequency=M,
         price_basis=CUR, decimals=0, lead="经信局"),
    dict(code="industry_power_use", name="工业用电量", aliases=[], unit="万千瓦时", frequency=M,
         price_basis=CUR, decimals=0, lead="经信局"),
    dict(code="fai", name="固定资产投资", short_name="固投",
         aliases=["全社会固定资产投资", "固定资产投资(不含农户)", "固定资产投资（不含农户）",
                  "固定资产投资额", "全社会固定资产投资额", "固定资产投资总额", "全部投资"],
         unit="亿元", frequency=M, price_basis=CUR, value_published=False, lead="发改局"),
    dict(code="re_investment", name="房地产开发投资", aliases=["房地产开发投资额", "房地产投资", "房地产开发完成投资"],
         unit="亿元", frequency=M, price_basis=CUR, lead="住建局", gdp_sector="real_estate"),
    # NBS writes 房地产开发投资:住宅 (an ASCII colon); names fold full-width forms, so the NBS
    # spelling finds this one.
    dict(code="re_investment_residential", name="房地产开发投资：住宅", short_name="住宅投资",
         aliases=["住宅开发投资"], unit="亿元", frequency=M,
         price_basis=CUR, lead="住建局"),
    dict(code="house_sales_area", name="商品房销售面积", aliases=["新建商品房销售面积"], unit="万平方米", frequency=M,
         price_basis=CUR, lead="住建局"),
    dict(code="house_sales_value", name="商品房销售额", aliases=["新建商品房销售额"], unit="亿元", frequency=M,
         price_basis=CUR, lead="住建局"),
    dict(code="construction_output", name="建筑业总产值",
         aliases=["资质内建筑业总产值", "资质等级建筑业总产值", "建筑业产值",
                  "资质以上建筑业总产值"], unit="亿元", frequency=Q,
         price_basis=CUR, lead="住建局", gdp_sector="construction"),
    dict(code="retail_sales", name="社会消费品零售总额", short_name="社消零",
         aliases=["社消零", "社零", "社零总额", "社会消费品零售额", "社会消费品零售总额(全口径)"], unit="亿元", frequency=M,
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
         aliases=["规上服务业营业收入", "规上服务业营收", "规模以上其他营利性服务业营业收入",
                  "规模以上服务业企业营业收入", "规上服务业企业营业收入"],
         unit="亿元", frequency=M, price_basis=CUR, lead="发改局", gdp_sector="other_services"),
    dict(code="agri_output", name="农林牧渔业总产值", aliases=["农业总产值"], unit="亿元",
         frequency=Q, price_basis=CMP, lead="农业农村局", gdp_sector="agriculture"),
    dict(code="fiscal_revenue", name="一般公共预算收入",
         aliases=["地方一般公共预算收入", "一般预算收入", "公共财政预算收入",
                  "一般公共预算收入(地方级)", "财政收入"], unit="亿元",
         frequency=M, price_basis=CUR, first_month=1, lead="财政局"),
    dict(code="tax_revenue", name="税收收入", aliases=[], unit="亿元", frequency=M,
         price_basis=CUR, first_month=1, lead="财政局"),
    dict(code="deposits", name="金融机构本外币存款余额", aliases=["存款余额", "本外币存款余额", "金融机构存款余额", "各项存款余额",
                  "金融机构人民币存款余额", "本外币各项存款余额"],
         unit="亿元", frequency=M, price_basis=CUR, cumulation="stock", first_month=1,
         rank_key="growth", lead="金融局", gdp_sector="finance"),
    dict(code="loans", name="金融机构本外币贷款余额", aliases=["贷款余额", "本外币贷款余额", "金融机构贷款余额", "各项贷款余额",
                  "金融机构人民币贷款余额", "本外币各项贷款余额"],
         unit="亿元", frequency=M, price_basis=CUR, cumulation="stock", first_month=1,
         lead="金融局"),
    dict(code="trade", name="进出口总额", aliases=["外贸进出口总额", "外贸进出口", "进出口", "货物进出口总额", "进出口额"], unit="亿元", frequency=M,
         price_basis=CUR, lead="商务局"),
    dict(code="fdi", name="实际利用外资", aliases=["实际使用外资", "实际利用外资金额", "实际使用外资金额", "利用外资", "外资"], unit="万美元", frequency=M,
         price_basis=CUR, decimals=0, lead="投促局"),
    dict(code="income_all", name="全体居民人均可支配收入", aliases=["居民人均可支配收入", "常住居民人均可支配收入"],
         unit="元", frequency=Q, price_basis=CUR, decimals=0, lead="统计局"),
    dict(code="income_urban", name="城镇居民人均可支配收入", aliases=["城镇常住居民人均可支配收入", "城镇居民收入"],
         unit="元", frequency=Q, price_basis=CUR, decimals=0, lead="统计局"),
    dict(code="income_rural", name="农村居民人均可支配收入", aliases=["农村常住居民人均可支配收入", "农村居民收入"],
         unit="元", frequency=Q, price_basis=CUR, decimals=0, lead="农业农村局"),
]

# The wider set county and district bulletins commonly report. They are not seeded (a district
# that never sees them keeps a short list): an import that meets one of these names proposes
# it, with the attributes below, and creates it when the import is confirmed.
WIDER_INDICATORS: list[dict] = [
    dict(code="industrial_investment", name="工业投资",
         aliases=["工业固定资产投资", "工业投资额", "工业性投资"], unit="亿元", frequency=M,
         price_basis=CUR, lead="经信局"),
    dict(code="tech_upgrade_investment", name="技改投资",
         aliases=["工业技改投资", "技术改造投资", "工业技术改造投资", "技改投资额"], unit="亿元",
         frequency=M, price_basis=CUR, lead="经信局"),
    dict(code="manufacturing_investment", name="制造业投资", aliases=["制造业固定资产投资"],
         unit="亿元", frequency=M, price_basis=CUR, lead="经信局"),
    dict(code="private_investment", name="民间投资",
         aliases=["民间固定资产投资", "民间投资额", "民间项目投资"], unit="亿元", frequency=M,
         price_basis=CUR, lead="发改局"),
    dict(code="infrastructure_investment", name="基础设施投资",
         aliases=["基础设施建设投资", "基建投资", "基础设施投资额"], unit="亿元", frequency=M,
         price_basis=CUR, lead="发改局"),
    dict(code="high_tech_investment", name="高技术产业投资",
         aliases=["高技术产业投资额", "高新技术产业投资"], unit="亿元", frequency=M,
         price_basis=CUR, lead="发改局"),
    dict(code="project_investment", name="项目投资",
         aliases=["固定资产投资项目投资", "500万元以上项目投资"], unit="亿元", frequency=M,
         price_basis=CUR, lead="发改局"),
    dict(code="construction_va", name="建筑业增加值", aliases=["建筑业增加值增速"], unit="亿元",
         frequency=Q, price_basis=CMP, lead="住建局"),
    dict(code="industry_va_total", name="工业增加值", aliases=["全部工业增加值"], unit="亿元",
         frequency=Q, price_basis=CMP, lead="经信局"),
    dict(code="agri_va", name="农林牧渔业增加值", aliases=["农林牧渔业增加值增速"], unit="亿元",
         frequency=Q, price_basis=CMP, lead="农业农村局"),
    dict(code="fiscal_expenditure", name="一般公共预算支出",
         aliases=["地方一般公共预算支出", "一般预算支出", "公共财政预算支出", "财政支出",
                  "一般公共预算支出(地方级)"], unit="亿元", frequency=M, price_basis=CUR,
         first_month=1, lead="财政局"),
    dict(code="non_tax_revenue", name="非税收入", aliases=["非税收入收入"], unit="亿元",
         frequency=M, price_basis=CUR, first_month=1, lead="财政局"),
    dict(code="high_tech_va", name="高技术产业增加值",
         aliases=["高技术制造业增加值", "规上高技术产业增加值", "规模以上高技术产业增加值",
                  "高技术产业增加值增速"], unit="亿元", frequency=M, price_basis=CMP,
         lead="经信局"),
    dict(code="emerging_industry_va", name="战略性新兴产业增加值",
         aliases=["战略性新兴产业增加值增速", "规上战略性新兴产业增加值", "战新产业增加值",
                  "规模以上战略性新兴产业增加值"], unit="亿元", frequency=M, price_basis=CMP,
         lead="经信局"),
    dict(code="high_tech_output", name="高新技术产业产值",
         aliases=["高新技术产业总产值", "规上高新技术产业产值", "高新技术企业产值"], unit="亿元",
         frequency=M, price_basis=CUR, lead="经信局"),
    dict(code="emerging_industry_output", name="战略性新兴产业产值",
         aliases=["战略性新兴产业总产值", "规上战略性新兴产业产值"], unit="亿元", frequency=M,
         price_basis=CUR, lead="经信局"),
    dict(code="industry_revenue", name="规模以上工业营业收入",
         aliases=["规上工业营业收入", "规模以上工业企业营业收入", "规上工业营收"], unit="亿元",
         frequency=M, price_basis=CUR, lead="经信局"),
    dict(code="industry_profit", name="规模以上工业利润总额",
         aliases=["规上工业利润总额", "规上工业利润", "规模以上工业企业利润总额"], unit="亿元",
         frequency=M, price_basis=CUR, lead="经信局"),
    dict(code="industry_sales_output", name="规模以上工业销售产值",
         aliases=["规上工业销售产值"], unit="亿元", frequency=M, price_basis=CUR, lead="经信局"),
    dict(code="above_quota_retail", name="限额以上消费品零售额",
         aliases=["限上消费品零售额", "限额以上社会消费品零售额", "限上社零", "限上社零额",
                  "限额以上单位消费品零售额"], unit="亿元", frequency=M, price_basis=CUR,
         lead="商务局"),
    dict(code="online_retail", name="网络零售额",
         aliases=["网上零售额", "实物商品网上零售额", "网络销售额"], unit="亿元", frequency=M,
         price_basis=CUR, lead="商务局"),
    dict(code="exports", name="出口总额", aliases=["出口额", "出口", "外贸出口", "外贸出口总额"],
         unit="亿元", frequency=M, price_basis=CUR, lead="商务局"),
    dict(code="imports", name="进口总额", aliases=["进口额", "进口", "外贸进口", "外贸进口总额"],
         unit="亿元", frequency=M, price_basis=CUR, lead="商务局"),
    dict(code="domestic_capital", name="实际到位内资",
         aliases=["到位内资", "实际利用内资", "市外到位资金", "实际到位市外内资"], unit="亿元",
         frequency=M, price_basis=CUR, lead="投促局"),
    dict(code="residential_power_use", name="城乡居民生活用电量",
         aliases=["居民生活用电量", "居民用电量"], unit="万千瓦时", frequency=M,
         price_basis=CUR, decimals=0, lead="经信局"),
    dict(code="consumption_all", name="全体居民人均消费支出",
         aliases=["居民人均消费支出", "常住居民人均消费支出"], unit="元", frequency=Q,
         price_basis=CUR, decimals=0, lead="统计局"),
    dict(code="construction_area", name="房屋施工面积",
         aliases=["房地产开发房屋施工面积", "商品房施工面积"], unit="万平方米", frequency=M,
         price_basis=CUR, cumulation="stock", lead="住建局"),
    dict(code="deposits_household", name="住户存款余额",
         aliases=["城乡居民储蓄存款余额", "居民储蓄存款余额", "住户存款"], unit="亿元",
         frequency=M, price_basis=CUR, cumulation="stock", first_month=1, lead="金融局"),
    dict(code="tourism_revenue", name="旅游总收入", aliases=["旅游收入", "全域旅游收入"],
         unit="亿元", frequency=M, price_basis=CUR, lead="商务局"),
    dict(code="park_industry_output", name="园区规模以上工业总产值",
         aliases=["园区规上工业总产值", "开发区规上工业总产值", "园区工业总产值"], unit="亿元",
         frequency=M, price_basis=CUR, lead="经信局"),
    dict(code="park_revenue", name="园区营业收入", aliases=["开发区营业收入", "园区企业营业收入"],
         unit="亿元", frequency=M, price_basis=CUR, lead="经信局"),
    dict(code="services_va", name="营利性服务业营业收入",
         aliases=["规上营利性服务业营业收入", "其他营利性服务业营业收入"], unit="亿元",
         frequency=M, price_basis=CUR, lead="发改局"),
    dict(code="new_market_entities", name="新增市场主体", aliases=["新登记市场主体"], unit="户",
         frequency=M, price_basis=CUR, decimals=0, rank_key="value", lead="发改局"),
    dict(code="new_above_scale", name="新增规上企业",
         aliases=["新增规模以上企业", "新增规上工业企业"], unit="家", frequency=M,
         price_basis=CUR, decimals=0, rank_key="value", lead="经信局"),
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
    """The seeded standard entries with defaults filled in (quarterly series start at 1-3月)."""
    return _filled(STANDARD_INDICATORS, start=1)


def wider_entries() -> list[dict]:
    """The wider set, filled in like the seeded one; sort orders follow the seeded ones."""
    return _filled(WIDER_INDICATORS, start=len(STANDARD_INDICATORS) + 1)


def _filled(raw_entries: list[dict], start: int) -> list[dict]:
    entries = []
    for order, raw in enumerate(raw_entries, start=start):
        entry = {**DEFAULTS, **raw, "sort_order": order * 10}
        if entry["frequency"] == Q:
            entry["first_month"] = 3
        entries.append(entry)
    return entries


def entry_names(entry: dict) -> list[str]:
    """Every name an entry is known by: its name, short name and aliases."""
    return [n for n in (entry["name"], entry.get("short_name"), *entry.get("aliases", ())) if n]
