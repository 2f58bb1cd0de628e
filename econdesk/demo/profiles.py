"""What the demo city is made of: places, magnitudes, trends, the speech's story, targets, people.

Plain data, no Django. Magnitudes are 2023 annual levels (flows), December balances (stocks) or
annual per-capita amounts (incomes) for a member of size 1.0; the generator scales them by each
member's size and a little noise, then grows them period by period. Trends are single-period
year-on-year growth in percent. The numbers are invented but sized like a mid-size city's
districts (GDP 300–900 亿元, 社消零 100–400, 一般公共预算收入 20–60, 固投 150–500).
"""

from __future__ import annotations

from dataclasses import dataclass

# The value added by industry the GDP estimate is calibrated on (ledger/gdp_defaults.py).
VALUE_ADDED_CODES = ("agri_va", "industry_va_total", "construction_va", "va_trade",
                     "va_hospitality", "va_transport", "va_finance", "va_real_estate",
                     "va_other_services")  # fmt: skip

CITY_NAME = "示例市"
HOME_NAME = "锦江区"
DEFAULT_SEED = 2026
BASE_YEAR = 2023  # simulated only as the base of 2024's growth; never written
FIRST_YEAR = 2024
LAST_PERIOD = (2026, 10)
STORY_YEAR = 2026
BATCH_NAME = "示例数据（自动生成）"
DEMO_PASSWORD = "econdesk-demo"


@dataclass(frozen=True)
class MemberProfile:
    """One district, county, county-level city or functional zone of the demo city."""

    name: str
    kind: str  # a Region.Kind value
    size: float  # economic weight relative to an average member
    population: float  # 常住人口, 万人: weights the per-capita incomes
    urban_share: float
    ranked: bool = True
    is_home: bool = False

    @property
    def rural(self) -> bool:
        """Counties carry more farming and less finance than urban districts."""
        return self.kind in ("county", "county_city")


MEMBERS: list[MemberProfile] = [
    MemberProfile("锦江区", "district", 1.20, 78, 0.86, is_home=True),
    MemberProfile("青龙区", "district", 1.30, 96, 0.90),
    MemberProfile("凤山区", "district", 1.10, 70, 0.82),
    MemberProfile("云溪区", "district", 0.95, 64, 0.78),
    MemberProfile("柳湾区", "district", 0.80, 55, 0.74),
    MemberProfile("石桥县", "county", 0.68, 62, 0.46),
    MemberProfile("白鹭县", "county", 0.60, 58, 0.42),
    MemberProfile("梅岭县", "county", 0.55, 51, 0.40),
    MemberProfile("安澜市", "county_city", 0.85, 70, 0.58),
    # A functional zone is listed beside the districts and counted in the city total, but
    # it is not ranked among them (docs/methodology.md §4).
    MemberProfile("示例高新区", "zone", 0.85, 30, 0.92, ranked=False),
]


@dataclass(frozen=True)
class SeriesProfile:
    """How one indicator behaves in the demo city."""

    urban: float  # level for a size-1.0 urban district (see module docstring)
    rural: float  # level for a size-1.0 county
    trend: float  # city-wide trend of single-period yoy growth, %
    spread: float  # sd of the members' persistent deviation from the trend, pp
    noise: float  # sd of the AR(1) innovation of single-period growth, pp
    season: str = "general"
    adjust: float = 1.5  # max |同口径 base adjustment|, % (constant within a year)
    zone: float = 1.0  # multiplier for the functional zone (exports, FDI, industry)
    per_capita: bool = False  # incomes: not scaled by size
    share_sd: float = 0.15  # sd of the member's log deviation from its size-scaled level


P = SeriesProfile
# fmt: off
SERIES: dict[str, SeriesProfile] = {
    "primary_va": P(11, 95, 3.6, 0.6, 0.5, "agri", adjust=0.5, zone=0.4),
    "secondary_va": P(190, 230, 5.2, 1.4, 0.9, "gdp", adjust=0.5, zone=1.3, share_sd=0.08),
    "tertiary_va": P(300, 225, 5.6, 0.9, 0.6, "gdp", adjust=0.5, share_sd=0.08),
    "industry_va": P(150, 175, 6.2, 1.8, 1.0, zone=1.4),
    "industry_output": P(540, 620, 4.8, 1.8, 1.0, zone=1.4),
    "power_use": P(380_000, 450_000, 6.5, 1.4, 0.8),
    "industry_power_use": P(225_000, 290_000, 5.8, 1.8, 1.0, zone=1.3),
    "fai": P(300, 320, 3.0, 2.8, 1.3, "investment"),
    "re_investment": P(95, 48, -7.5, 3.5, 1.5, "investment"),
    "re_investment_residential": P(68, 35, -6.5, 3.5, 1.5, "investment"),
    "house_sales_area": P(85, 58, -5.0, 3.0, 1.5),
    "house_sales_value": P(112, 42, -7.0, 3.0, 1.5),
    "construction_output": P(220, 125, 4.5, 2.2, 1.0, "construction"),
    "retail_sales": P(255, 185, 5.2, 1.1, 0.7, "retail"),
    "wholesale_sales": P(420, 150, 4.0, 1.8, 1.0),
    "retail_trade_sales": P(120, 62, 4.6, 1.4, 0.8, "retail"),
    "accommodation_revenue": P(9.0, 5.0, 6.5, 2.2, 1.0),
    "catering_revenue": P(18, 10, 7.5, 1.8, 1.0, "retail"),
    "services_revenue": P(180, 48, 7.0, 2.2, 1.0),
    "agri_output": P(19, 158, 4.0, 0.6, 0.5, "agri", adjust=0.5, zone=0.4),
    "fiscal_revenue": P(41, 38, 3.5, 2.2, 0.9, "fiscal"),
    "tax_revenue": P(30, 26, 2.8, 2.2, 0.9, "fiscal"),
    "deposits": P(1_100, 620, 8.5, 1.4, 0.4, "stock", adjust=0.3),
    "loans": P(950, 460, 7.5, 1.4, 0.4, "stock", adjust=0.3),
    "trade": P(70, 24, 3.0, 3.5, 1.5, zone=4.0),
    "fdi": P(9_000, 3_000, -4.0, 5.0, 1.8, zone=4.0),
    "income_urban": P(47_000, 39_500, 4.7, 0.4, 0.25, "income_urban", 0.0, per_capita=True),
    "income_rural": P(30_000, 22_500, 6.3, 0.5, 0.3, "income_rural", 0.0, per_capita=True),
}
# fmt: on

# Series computed from others, so that GDP is the sum of its three sectors and the all-resident
# income is the population-weighted mean of the urban and rural ones.
GDP_PARTS = ("primary_va", "secondary_va", "tertiary_va")
INCOME_PARTS = ("income_urban", "income_rural")
DERIVED = ("gdp", "income_all")

# Shares of the year falling in each month (Jan–Feb together below two average months,
# December the largest) or quarter. The generator normalises them.
# fmt: off
SEASONS: dict[str, tuple[float, ...]] = {
    "general": (.068, .060, .083, .080, .083, .088, .080, .081, .086, .088, .090, .113),
    "investment": (.035, .045, .085, .085, .090, .110, .080, .080, .100, .080, .090, .120),
    "retail": (.085, .075, .078, .077, .082, .083, .078, .080, .083, .090, .088, .101),
    "fiscal": (.095, .065, .085, .095, .085, .090, .085, .065, .075, .085, .070, .105),
    "gdp": (.220, .245, .250, .285),
    "agri": (.140, .240, .280, .340),
    "construction": (.170, .250, .250, .330),
    "income_urban": (.270, .230, .240, .260),
    "income_rural": (.310, .190, .250, .250),
}
# fmt: on


@dataclass(frozen=True)
class Anchor:
    """Where the home district's figures are steered in the story year (the 开门红 meeting the demo tells).

    The home district's single-period growth in ``months`` is set so that its published YTD
    growth lands at ``ref`` of the other ranked members plus ``offset``: "fixed" (offset is the
    growth itself), "mean", "median" or "nth" (the nth highest). With ``single`` the value is
    the single-period growth itself, for a month that continues an anchored start of year.
    """

    months: tuple[int, ...]
    ref: str
    offset: float = 0.0
    nth: int = 1
    single: bool = False


STORY: dict[str, list[Anchor]] = {
    # 规上工业增加值 below the city; 固投 about −6% in 1-2月; 社消零 mid-table.
    "industry_va": [Anchor((1, 2), "mean", -3.0), Anchor((3,), "mean", -2.2, single=True)],
    "fai": [Anchor((1, 2), "fixed", -6.0), Anchor((3,), "fixed", -3.5, single=True)],
    "retail_sales": [Anchor((1, 2), "median", 0.0)],
    # 一般公共预算收入 among the indicators "增速排位靠后".
    "fiscal_revenue": [Anchor((1, 2), "mean", -3.5), Anchor((3,), "mean", -3.0, single=True)],
    # Doing well, "力争进入全市前列": just behind the leaders.
    "primary_va": [Anchor((3,), "nth", -0.1, nth=2)],
    "income_rural": [Anchor((3,), "nth", -0.1, nth=2)],
    "income_urban": [Anchor((3,), "nth", -0.1, nth=2)],
    # 服务业 and 建筑业 short of target, which keeps GDP short of the 开门红 goal.
    "tertiary_va": [Anchor((3,), "mean", -1.2)],
    "secondary_va": [Anchor((3,), "mean", -1.5)],
    "construction_output": [Anchor((3,), "mean", -0.6)],
}

# 市下达 growth targets (%) for 一季度 and 全年; 区级 adds LEVEL_STEP, 奋斗 adds it again.
# fmt: off
TARGETS: dict[int, dict[str, tuple[float, float]]] = {
    2025: {"gdp": (6.5, 6.5), "industry_va": (7.5, 8.0), "fai": (6.0, 7.0),
           "retail_sales": (7.0, 7.0), "fiscal_revenue": (5.5, 5.5), "tertiary_va": (6.5, 7.0),
           "construction_output": (7.0, 7.5), "agri_output": (4.0, 4.0),
           "income_urban": (5.5, 5.5), "income_rural": (7.0, 7.0)},
    2026: {"gdp": (6.0, 6.0), "industry_va": (7.0, 7.5), "fai": (5.0, 6.0),
           "retail_sales": (6.0, 6.5), "fiscal_revenue": (5.0, 5.0), "tertiary_va": (6.0, 6.5),
           "construction_output": (6.0, 7.0), "agri_output": (4.0, 4.0),
           "income_urban": (5.0, 5.0), "income_rural": (6.5, 6.5)},
}
# fmt: on
LEVEL_STEP: dict[str, float] = {"fai": 1.0}  # others: 0.5 pp per level
AMOUNT_TARGETS = {("fiscal_revenue", 3), ("fiscal_revenue", 12), ("fai", 12)}
RANK_GOALS: dict[tuple[str, int, str], int] = {
    ("retail_sales", 12, "district"): 3,  # 进入全市前3
    ("retail_sales", 12, "stretch"): 2,
    ("agri_output", 12, "district"): 3,
    ("income_rural", 12, "district"): 3,
    ("income_rural", 12, "stretch"): 1,
}

# Department estimates (预计) for the home district's 一季度 made in late March: a fixed growth,
# or the growth later published plus an offset (departments guessed a little low).
ESTIMATE_PERIOD = (2026, 3)
ESTIMATES: dict[str, tuple[str, float]] = {
    "fai": ("fixed", -5.0),
    "tertiary_va": ("actual", -0.4),
    "gdp": ("actual", -0.3),
    "retail_sales": ("actual", -0.5),
}


@dataclass(frozen=True)
class LeaderProfile:
    """A 分管区领导 as in the speech's reporting order, with the indicators they answer for."""

    name: str
    title: str
    portfolio: str
    indicators: tuple[str, ...]


# fmt: off
LEADERS: list[LeaderProfile] = [
    LeaderProfile("王海峰", "副区长", "财政、金融：一般公共预算收入",
                  ("fiscal_revenue", "tax_revenue", "deposits", "loans")),
    LeaderProfile("李晓梅", "副区长", "工业、服务业、商贸：规上工业、服务业、社消零",
                  ("secondary_va", "tertiary_va", "industry_va", "industry_output", "power_use",
                   "industry_power_use", "retail_sales", "wholesale_sales", "retail_trade_sales",
                   "accommodation_revenue", "catering_revenue", "services_revenue", "trade")),
    LeaderProfile("赵文涛", "副区长", "人社、民政：城镇居民人均可支配收入",
                  ("income_urban", "income_all")),
    LeaderProfile("孙建国", "副区长", "住房城乡建设：建筑业、房地产",
                  ("construction_output", "re_investment", "re_investment_residential",
                   "house_sales_area", "house_sales_value")),
    LeaderProfile("陈立群", "常务副区长",
                  "发展改革、农业农村、投资促进：地区生产总值、农业指标、固定资产投资、"
                  "对上争取、重点项目、招商引资",
                  ("gdp", "primary_va", "agri_output", "income_rural", "fai", "fdi",
                   *VALUE_ADDED_CODES)),
]
# fmt: on


@dataclass(frozen=True)
class DemoLogin:
    """One demo account per role; the leader account is 陈立群's."""

    username: str
    role: str
    department: str | None  # short name of a standard department
    display_name: str
    leader: str | None = None


DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin("admin", "admin", "发改局", "演示管理员"),
    DemoLogin("reviewer", "reviewer", "统计局", "统计局审核员"),
    DemoLogin("clerk", "clerk", "经信局", "经信局填报员"),
    DemoLogin("clerk2", "clerk", "发改局", "发改局填报员"),
    DemoLogin("leader", "leader", None, "陈立群", leader="陈立群"),
    DemoLogin("supervisor", "supervisor", "目标绩效办", "目标绩效办督查员"),
]
