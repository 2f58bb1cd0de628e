"""The demo district's registers (锦江区, 示例市, 2026): plain data, no Django.

Sized for a district whose fixed-asset investment is about 360 亿元 a year: some forty major
projects across every stage and the promoted industry chains, the 3月28日 ceremonies of the speech
(集中开工, 集中签约), deals, upward funding, scale-up candidates and enterprise requests. The
figures are invented; a few are set so that each warning and each closure line shows up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

YEAR = 2026
DATA_MONTH = 10  # monthly completions are entered through 10月
DEMO_TODAY = date(2026, 11, 20)  # the day the demo's entries are made
CEREMONY = date(2026, 3, 28)  # 一季度重大项目集中开工、重点招商项目集中签约
# Investment by month (the demo city's "investment" season), normalised over active months.
SEASON = (0.035, 0.045, 0.085, 0.085, 0.090, 0.110, 0.080, 0.080, 0.100, 0.080, 0.090, 0.120)


@dataclass(frozen=True)
class DemoProject:
    """One major project; amounts in 亿元 here (stored in 万元), pace = completion ÷ plan."""

    name: str
    category: str
    chain: str | None
    total: str
    stage: str
    dept: str
    plan: str = "0"
    start: date | None = None
    planned_start: date | None = None
    finish: date | None = None
    enrolled: date | None = None
    expected: date | None = None
    probability: int | None = None
    pace: float = 1.05
    leader: str | None = None
    applying: bool = False
    owner: str = ""
    progress: str = ""


P = DemoProject
d = date
# fmt: off
PROJECTS: list[DemoProject] = [
    # 在建
    P("锦江新能源汽车零部件产业园（一期）", "industry", "新能源汽车", "85", "construction", "经信局",
      "26", d(2025, 4, 18), d(2025, 4, 1), enrolled=d(2025, 5, 1), leader="李晓梅",
      owner="锦江汽车零部件产业发展有限公司", progress="6栋厂房主体封顶，设备进场"),
    P("年产20GWh动力电池项目", "industry", "新能源汽车", "120", "construction", "投促局", "38",
      d(2025, 10, 28), d(2025, 10, 1), enrolled=d(2025, 11, 1), leader="陈立群",
      owner="锦江储能科技有限公司", progress="一期厂房钢结构吊装"),
    P("高性能碳纤维复合材料项目", "industry", "新材料", "32", "construction", "经信局", "12",
      d(2026, 3, 28), d(2026, 3, 28), enrolled=d(2026, 4, 1), owner="锦江碳纤维材料有限公司"),
    P("锂电池正极材料一体化项目", "industry", "新材料", "46", "construction", "经信局", "16",
      d(2025, 6, 10), d(2025, 6, 1), enrolled=d(2025, 7, 1), leader="李晓梅"),
    P("智能制造装备产业园", "industry", "智能制造", "28", "construction", "经信局", "9",
      d(2026, 3, 28), d(2026, 3, 28), enrolled=d(2026, 5, 1)),
    P("工业机器人整机及核心部件项目", "industry", "智能制造", "15", "construction", "投促局", "4",
      d(2026, 5, 20), d(2026, 4, 30), expected=d(2026, 11, 1), probability=90, applying=True),
    P("锦江数据中心（一期）", "industry", "数字经济", "22", "construction", "发改局", "10",
      d(2025, 9, 1), d(2025, 9, 1), enrolled=d(2025, 10, 1)),
    P("工业互联网创新中心", "industry", "数字经济", "6.5", "construction", "经信局", "2",
      d(2026, 3, 28), d(2026, 3, 28), enrolled=d(2026, 4, 1)),
    P("锦江大道快速化改造工程", "infrastructure", "城市基础设施", "18", "construction", "住建局",
      "9", d(2025, 3, 1), d(2025, 3, 1), enrolled=d(2025, 4, 1), leader="孙建国"),
    P("城东片区老旧小区改造", "urban", "城市基础设施", "4.8", "construction", "住建局", "2.4",
      d(2026, 3, 15), d(2026, 3, 1), enrolled=d(2026, 4, 1)),
    P("区人民医院新院区", "social", "社会事业", "12", "construction", "发改局", "5",
      d(2025, 8, 1), d(2025, 8, 1), enrolled=d(2025, 9, 1)),
    P("锦江实验学校新建工程", "social", "社会事业", "3.2", "construction", "发改局", "1.6",
      d(2026, 3, 28), d(2026, 3, 28), enrolled=d(2026, 4, 1)),
    P("锦江冷链物流园", "industry", "现代物流", "9.5", "construction", "商务局", "3",
      d(2026, 2, 26), d(2026, 2, 20), enrolled=d(2026, 3, 1), pace=0.5,
      progress="冷库主体施工，受资金影响进度滞后"),
    P("生物医药创新产业园（一期）", "industry", "生物医药", "26", "construction", "投促局", "6",
      d(2025, 12, 18), d(2025, 12, 1), enrolled=d(2026, 1, 1), pace=0.75),
    P("锦江河生态治理工程", "ecology", "城市基础设施", "7.8", "construction", "住建局", "2.5",
      d(2026, 4, 10), d(2026, 4, 1), enrolled=d(2026, 5, 1)),
    P("茶叶示范园区建设项目", "industry", "现代农业", "3.6", "construction", "农业农村局", "1.2",
      d(2026, 3, 28), d(2026, 3, 28), enrolled=d(2026, 4, 1)),
    P("蔬菜基地标准化建设项目", "industry", "现代农业", "0.9", "construction", "农业农村局", "0.5",
      d(2026, 4, 1), d(2026, 4, 1), enrolled=d(2026, 5, 1)),
    # 竣工、投产
    P("电子元器件生产线技改项目", "industry", "智能制造", "4.5", "operating", "经信局", "1.5",
      d(2025, 5, 8), d(2025, 5, 1), finish=d(2026, 6, 30), enrolled=d(2025, 6, 1)),
    P("农机装备产业园（一期）", "industry", "智能制造", "6", "completed", "经信局", "2",
      d(2025, 3, 20), d(2025, 3, 1), finish=d(2026, 9, 30), enrolled=d(2025, 4, 1)),
    P("区档案馆新馆", "social", "社会事业", "1.8", "completed", "发改局", "0.6",
      d(2025, 6, 18), d(2025, 6, 1), finish=d(2026, 8, 20), enrolled=d(2025, 7, 1)),
    # 拟开工
    P("新能源汽车电驱系统项目", "industry", "新能源汽车", "25.5", "to_start", "投促局", "3",
      planned_start=d(2026, 11, 28), expected=d(2026, 12, 1), probability=70),
    P("5G智慧园区项目", "industry", "数字经济", "8", "to_start", "经信局", "1.5",
      planned_start=d(2026, 9, 15), expected=d(2026, 12, 1), probability=50),
    P("古镇保护与文旅综合体", "industry", "文化旅游", "35", "to_start", "商务局", "2",
      planned_start=d(2026, 6, 30), expected=d(2026, 12, 1), probability=30),
    P("保障性租赁住房项目", "social", "社会事业", "6", "to_start", "住建局", "1",
      planned_start=d(2026, 12, 10), expected=d(2026, 12, 1), probability=60),
    P("高端装备精密铸件项目", "industry", "智能制造", "5.2", "to_start", "投促局", "0.8",
      planned_start=d(2026, 12, 1), expected=d(2027, 1, 1)),
    P("城北污水处理厂提标改造", "ecology", "城市基础设施", "2.8", "to_start", "住建局", "0.6",
      planned_start=d(2026, 10, 20), expected=d(2026, 12, 1), probability=60),
    # 前期
    P("氢能产业园", "industry", "新能源汽车", "60", "preparation", "发改局",
      planned_start=d(2027, 3, 1), leader="陈立群"),
    P("新型显示材料项目", "industry", "新材料", "18", "preparation", "投促局",
      planned_start=d(2027, 4, 1)),
    P("锦江公铁联运物流枢纽", "infrastructure", "现代物流", "42", "preparation", "发改局",
      planned_start=d(2027, 6, 1)),
    P("算力调度中心", "industry", "数字经济", "12", "preparation", "经信局",
      planned_start=d(2027, 3, 1)),
    P("锦江体育公园", "social", "社会事业", "4", "preparation", "住建局",
      planned_start=d(2027, 2, 1)),
    P("西街片区城市更新", "urban", "城市基础设施", "15", "preparation", "住建局",
      planned_start=d(2027, 5, 1)),
    # 签约
    P("半导体封测项目", "industry", "数字经济", "30", "signed", "投促局"),
    P("储能电池回收利用项目", "industry", "新材料", "8", "signed", "投促局"),
    P("预制菜产业园", "industry", "现代农业", "5", "signed", "商务局"),
    P("跨境电商产业园", "industry", "现代物流", "3", "signed", "商务局"),
    # 储备、谋划
    P("低空经济产业园", "industry", "智能制造", "50", "reserve", "发改局"),
    P("区域医疗中心", "social", "社会事业", "20", "reserve", "发改局"),
    P("农产品冷链集配中心", "industry", "现代农业", "2.5", "reserve", "农业农村局"),
    P("新能源整车项目（二期）", "industry", "新能源汽车", "150", "planning", "投促局"),
    P("智慧城市运行中心", "infrastructure", "数字经济", "6", "planning", "发改局"),
    P("锦江湾片区综合开发", "urban", "城市基础设施", "80", "planning", "发改局"),
]

# (project, procedure kind, planned, actual); the 用地 of 氢能产业园 is long overdue.
PROCEDURES = [
    ("氢能产业园", "approval", d(2026, 5, 30), d(2026, 5, 26)),
    ("氢能产业园", "land", d(2026, 8, 30), None),
    ("氢能产业园", "environment", d(2026, 12, 30), None),
    ("新型显示材料项目", "approval", d(2026, 9, 30), d(2026, 10, 12)),
    ("新型显示材料项目", "planning", d(2026, 11, 10), None),
    ("锦江公铁联运物流枢纽", "approval", d(2026, 10, 31), None),
    ("5G智慧园区项目", "approval", d(2026, 6, 30), d(2026, 6, 20)),
    ("5G智慧园区项目", "permit", d(2026, 9, 10), None),
    ("古镇保护与文旅综合体", "land", d(2026, 5, 31), d(2026, 7, 15)),
    ("古镇保护与文旅综合体", "permit", d(2026, 6, 20), None),
    ("新能源汽车电驱系统项目", "approval", d(2026, 7, 31), d(2026, 7, 28)),
    ("新能源汽车电驱系统项目", "land", d(2026, 9, 30), d(2026, 9, 25)),
    ("新能源汽车电驱系统项目", "permit", d(2026, 11, 25), None),
]
# (project, problem, department, deadline, resolved handling or "")
PROBLEMS = [
    ("锦江冷链物流园", "业主融资未到位，冷库设备采购延后", "金融局", d(2026, 10, 31), ""),
    ("生物医药创新产业园（一期）", "园区110千伏变电站配套滞后", "发改局", d(2026, 12, 15), ""),
    ("氢能产业园", "用地指标不足，需市级调剂约300亩", "发改局", d(2026, 9, 30), ""),
    ("古镇保护与文旅综合体", "文物保护方案待省文物局审批", "商务局", d(2026, 8, 31), ""),
    ("年产20GWh动力电池项目", "施工用水用电接入", "住建局", d(2026, 4, 30),
     "已协调供电公司临时接电，4月20日通电"),
]

# Investment deals: (name, investor, chain, 亿元, stage, signed, registered, started, funds 亿元,
# department, project it became)
DEALS = [
    ("年产20GWh动力电池项目", "某动力电池集团", "新能源汽车", "120", "started", d(2025, 6, 18),
     d(2025, 8, 2), d(2025, 10, 28), "38", "投促局", "年产20GWh动力电池项目"),
    ("高性能碳纤维复合材料项目", "某新材料股份公司", "新材料", "32", "started", d(2025, 12, 20),
     d(2026, 1, 22), d(2026, 3, 28), "9.6", "投促局", "高性能碳纤维复合材料项目"),
    ("工业机器人整机及核心部件项目", "某机器人科技集团", "智能制造", "15", "started",
     d(2026, 1, 15), d(2026, 3, 6), d(2026, 5, 20), "4.2", "投促局", "工业机器人整机及核心部件项目"),
    ("新能源汽车电驱系统项目", "某汽车零部件集团", "新能源汽车", "25.5", "registered", CEREMONY,
     d(2026, 5, 12), None, "2.5", "投促局", "新能源汽车电驱系统项目"),
    ("智能网联汽车测试场", "某智能网联科技公司", "新能源汽车", "12", "registered", CEREMONY,
     d(2026, 4, 20), None, "1.2", "投促局", None),
    ("半导体封测项目", "某半导体封装测试公司", "数字经济", "30", "signed", CEREMONY, None, None,
     "0", "投促局", "半导体封测项目"),
    ("储能电池回收利用项目", "某环保科技集团", "新材料", "8", "registered", CEREMONY,
     d(2026, 6, 18), None, "0.8", "投促局", "储能电池回收利用项目"),
    ("预制菜产业园", "某食品集团", "现代农业", "5", "signed", CEREMONY, None, None, "0", "商务局",
     "预制菜产业园"),
    ("数字文创产业园", "某文化传媒集团", "数字经济", "6.8", "registered", CEREMONY,
     d(2026, 5, 30), None, "0.5", "商务局", None),
    ("跨境电商产业园", "某供应链管理公司", "现代物流", "3", "signed", d(2026, 8, 20), None, None,
     "0", "商务局", "跨境电商产业园"),
    ("低空经济无人机研发制造基地", "某航空科技公司", "智能制造", "18", "signed", d(2026, 10, 10),
     None, None, "0", "投促局", None),
    ("氢燃料电池系统项目", "某氢能科技公司", "新能源汽车", "40", "negotiating", None, None, None,
     "0", "投促局", None),
    ("新型储能电站", "某能源投资公司", "新材料", "10", "negotiating", None, None, None, "0",
     "发改局", None),
    ("生物医药CXO基地", "某医药研发服务公司", "生物医药", "22", "negotiating", None, None, None,
     "0", "投促局", None),
]

# Upward funding, 万元: (title, programme, project, applied, applied_on, approved, approved_on,
# received, received_on, rejected, department)
FUNDING = [
    ("区人民医院新院区", "central_budget", "区人民医院新院区", 10000, d(2025, 11, 10), 8000,
     d(2026, 3, 5), 8000, d(2026, 5, 20), False, "发改局"),
    ("新能源汽车产业园基础设施", "special_bonds", "锦江新能源汽车零部件产业园（一期）", 50000,
     d(2025, 12, 1), 40000, d(2026, 2, 26), 30000, d(2026, 6, 30), False, "发改局"),
    ("城东片区老旧小区改造", "special_bonds", "城东片区老旧小区改造", 15000, d(2025, 12, 1),
     15000, d(2026, 2, 26), 15000, d(2026, 4, 18), False, "住建局"),
    ("锦江大道快速化改造", "ultra_long_bonds", "锦江大道快速化改造工程", 30000, d(2026, 1, 20),
     20000, d(2026, 4, 28), 20000, d(2026, 7, 10), False, "发改局"),
    ("城北污水处理厂提标改造", "special_bonds", "城北污水处理厂提标改造", 12000, d(2026, 5, 10),
     10000, d(2026, 8, 12), 4000, d(2026, 10, 15), False, "住建局"),
    ("锦江实验学校新建工程", "ultra_long_bonds", "锦江实验学校新建工程", 8000, d(2026, 6, 1),
     None, None, 0, None, False, "发改局"),
    ("茶叶示范园区建设", "provincial", "茶叶示范园区建设项目", 2000, d(2026, 2, 15), 1500,
     d(2026, 5, 8), 1500, d(2026, 6, 28), False, "农业农村局"),
    ("工业互联网创新中心", "provincial", "工业互联网创新中心", 3000, d(2026, 7, 1), None, None,
     0, None, False, "经信局"),
    ("冷链物流园建设补助", "municipal", "锦江冷链物流园", 1000, d(2026, 4, 2), 800,
     d(2026, 6, 15), 0, None, False, "商务局"),
    ("锦江体育公园", "central_budget", "锦江体育公园", 5000, d(2026, 3, 1), None, None, 0, None,
     True, "发改局"),
]

# Scale-up enterprises: (name, sector, revenue through 10月 万元, last year same months 万元,
# status, expected entry, enrolled month, department)
ENTERPRISES = [
    ("锦江精密模具有限公司", "industry", 1780, 1500, "applying", d(2026, 11, 1), None, "经信局"),
    ("锦江电子科技有限公司", "industry", 2100, 1300, "applying", d(2026, 11, 1), None, "经信局"),
    ("锦江新材科技有限公司", "industry", 1560, 1100, "cultivating", d(2026, 12, 1), None, "经信局"),
    ("锦江智能装备有限公司", "industry", 1420, 900, "cultivating", d(2026, 12, 1), None, "经信局"),
    ("锦江包装材料有限公司", "industry", 1700, None, "cultivating", d(2026, 12, 1), None, "经信局"),
    ("锦江食品加工有限公司", "industry", 1100, 1050, "cultivating", None, None, "经信局"),
    ("锦江汽车配件有限公司", "industry", 2600, 2100, "enrolled", None, d(2026, 6, 1), "经信局"),
    ("锦江绿色建材有限公司", "industry", 2350, 1900, "enrolled", None, d(2026, 3, 1), "经信局"),
    ("锦江商贸有限公司", "wholesale", 1850, 1600, "applying", d(2026, 11, 1), None, "商务局"),
    ("锦江大酒店管理有限公司", "accommodation", 190, 170, "cultivating", d(2026, 12, 1), None,
     "商务局"),
    ("锦江餐饮管理有限公司", "catering", 150, 140, "cultivating", d(2026, 12, 1), None, "商务局"),
    ("锦江软件科技有限公司", "it_services", 1400, 1000, "cultivating", d(2026, 12, 1), None,
     "经信局"),
    ("锦江物业服务有限公司", "property_management", 700, 640, "cultivating", None, None, "住建局"),
    ("锦江家政服务有限公司", "resident_services", 300, 280, "cultivating", None, None, "商务局"),
    ("锦江建设工程有限公司", "construction", None, None, "applying", d(2026, 11, 1), None,
     "住建局"),
]

# Enterprise requests: (enterprise, kind, request, raised, deadline, department, status, outcome,
# closed)
REQUESTS = [
    ("锦江精密模具有限公司", "financing", "扩产流动资金贷款2000万元", d(2026, 3, 30), d(2026, 4, 30),
     "金融局", "resolved", "协调本地农商行授信2000万元", d(2026, 4, 22)),
    ("锦江新材科技有限公司", "land", "二期扩产需新增工业用地40亩", d(2026, 5, 12), d(2026, 8, 31),
     "发改局", "in_progress", "", None),
    ("锦江电子科技有限公司", "policy", "兑现2025年度技改奖补资金", d(2026, 4, 8), d(2026, 6, 30),
     "经信局", "resolved", "奖补资金120万元已拨付", d(2026, 6, 18)),
    ("锦江包装材料有限公司", "approval", "新建厂房施工许可办理", d(2026, 9, 1), d(2026, 9, 30),
     "住建局", "in_progress", "", None),
    ("锦江商贸有限公司", "policy", "限上入库一次性奖励兑现", d(2026, 10, 15), d(2026, 12, 15),
     "商务局", "open", "", None),
    ("锦江智能装备有限公司", "labour", "招聘数控技工30名", d(2026, 7, 6), d(2026, 8, 6),
     "经信局", "resolved", "组织专场招聘会，已到岗26人", d(2026, 8, 2)),
    ("锦江冷链物流有限公司", "financing", "冷库设备融资租赁对接", d(2026, 8, 10), d(2026, 9, 10),
     "金融局", "in_progress", "", None),
    ("锦江食品加工有限公司", "approval", "食品生产许可证延续", d(2026, 2, 20), d(2026, 3, 20),
     "商务局", "unresolvable", "企业主体资格不符，已告知补充材料后重新申请", d(2026, 3, 18)),
    ("锦江软件科技有限公司", "policy", "软件企业房租补贴申请", d(2026, 10, 20), d(2026, 11, 20),
     "经信局", "open", "", None),
]
# fmt: on
