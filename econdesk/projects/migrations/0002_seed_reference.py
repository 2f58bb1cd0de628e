"""Seed the size thresholds of docs/methodology.md §6 and a starting list of industry chains.

Reference data, like periods: seeded once, then edited through the configuration service.
The rows are copied here (not imported) so that later edits of the code cannot change history.
"""

from decimal import Decimal

from django.db import migrations

S = "年营业收入"
THRESHOLDS = [
    ("industry", "规模以上工业", "工业", 2000, "年主营业务收入", "enterprise"),
    ("construction", "资质等级建筑业", "建筑业", None, "具有总承包或专业承包资质（不含劳务分包）", "enterprise"),
    ("wholesale", "限额以上批发业", "批发和零售业", 2000, "年主营业务收入", "enterprise"),
    ("retail", "限额以上零售业", "批发和零售业", 500, "年主营业务收入", "enterprise"),
    ("accommodation", "限额以上住宿业", "住宿和餐饮业", 200, "年主营业务收入", "enterprise"),
    ("catering", "限额以上餐饮业", "住宿和餐饮业", 200, "年主营业务收入", "enterprise"),
    ("real_estate", "房地产开发经营业", "房地产业", None, "有开发经营活动的法人单位", "enterprise"),
    ("transport", "交通运输、仓储和邮政业", "服务业", 2000, S, "enterprise"),
    ("it_services", "信息传输、软件和信息技术服务业", "服务业", 2000, S, "enterprise"),
    ("water_environment", "水利、环境和公共设施管理业", "服务业", 2000, S, "enterprise"),
    ("health", "卫生", "服务业", 2000, S, "enterprise"),
    ("leasing_business", "租赁和商务服务业", "服务业", 1000, S, "enterprise"),
    ("research", "科学研究和技术服务业", "服务业", 1000, S, "enterprise"),
    ("education", "教育", "服务业", 1000, S, "enterprise"),
    ("property_management", "物业管理", "服务业", 1000, S, "enterprise"),
    ("real_estate_agency", "房地产中介服务", "服务业", 1000, S, "enterprise"),
    ("real_estate_leasing", "房地产租赁经营", "服务业", 1000, S, "enterprise"),
    ("real_estate_other", "其他房地产业", "服务业", 1000, S, "enterprise"),
    ("resident_services", "居民服务、修理和其他服务业", "服务业", 500, S, "enterprise"),
    ("culture_sports", "文化、体育和娱乐业", "服务业", 500, S, "enterprise"),
    ("social_work", "社会工作", "服务业", 500, S, "enterprise"),
    ("fai_project", "固定资产投资项目（500万元及以上）", "固定资产投资", 500, "计划总投资", "project"),
]
CHAINS = ["新能源汽车", "新材料", "智能制造", "数字经济", "生物医药", "现代物流",
          "文化旅游", "现代农业", "城市基础设施", "社会事业"]  # fmt: skip


def seed(apps, schema_editor):
    ScaleThreshold = apps.get_model("projects", "ScaleThreshold")
    IndustryChain = apps.get_model("projects", "IndustryChain")
    for order, (code, name, group, amount, basis, applies) in enumerate(THRESHOLDS, start=1):
        ScaleThreshold.objects.get_or_create(
            code=code,
            defaults=dict(name=name, group=group, basis=basis, applies_to=applies,
                          amount=None if amount is None else Decimal(amount),
                          sort_order=order * 10),
        )  # fmt: skip
    for order, name in enumerate(CHAINS, start=1):
        IndustryChain.objects.get_or_create(name=name, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
