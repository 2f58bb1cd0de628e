"""The indicator ledger: regions, indicators, periods, observations (versioned) and targets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from econdesk.audit.changes import Versioned
from econdesk.ledger.periods import PeriodKey, display_label, span_label


class Region(models.Model):
    """A place in a tree: country → provinces, city → districts/counties (地区).

    The children of one region are a peer group; the parent's own figures are the group's
    total (全市 / 全省 / 全国), shown beside the members and never ranked.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", "国家"
        PROVINCE = "province", "省"
        CITY = "city", "市"
        DISTRICT = "district", "区"
        COUNTY = "county", "县"
        COUNTY_CITY = "county_city", "县级市"
        FUNCTIONAL_ZONE = "zone", "功能区"
        OTHER = "other", "其他"

    name = models.CharField("名称", max_length=64)
    code = models.CharField("行政区划代码", max_length=12, blank=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    ranked = models.BooleanField("参与排名", default=True, help_text="功能区列出但不参与排名")
    aliases = models.JSONField("别名", default=list, blank=True)
    is_home = models.BooleanField(
        "本级", default=False, help_text="本系统服务的地区（如本区），总览默认显示它"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "地区"
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
            models.UniqueConstraint(
                fields=["is_home"], condition=Q(is_home=True), name="region_one_home"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def total_label(self) -> str:
        """How the group total is written: 全市, 全省, 全国."""
        return {"city": "全市", "province": "全省", "country": "全国"}.get(self.kind, "全部")


class Indicator(models.Model):
    """A statistical series (指标) with its conventions (docs/methodology.md §1)."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "月度"
        QUARTERLY = "quarterly", "季度"

    class PriceBasis(models.TextChoices):
        COMPARABLE = "comparable", "可比价"
        CURRENT = "current", "现价"

    class Cumulation(models.TextChoices):
        YTD = "ytd", "累计"
        STOCK = "stock", "时点（期末余额）"

    class RankKey(models.TextChoices):
        GROWTH = "growth", "增速"
        VALUE = "value", "总量"

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=64, unique=True)
    short_name = models.CharField("简称", max_length=32, blank=True)
    aliases = models.JSONField("别名", default=list, blank=True)
    unit = models.CharField(
        "单位", max_length=16, blank=True, help_text="亿元、万元、元、万千瓦时…"
    )
    frequency = models.CharField("频率", max_length=16, choices=Frequency.choices)
    first_month = models.PositiveSmallIntegerField(
        "每年首期截止月", default=2, help_text="2 表示每年从1-2月开始，不设1月期"
    )
    price_basis = models.CharField("价格口径", max_length=16, choices=PriceBasis.choices)
    value_published = models.BooleanField("公布绝对值", default=True)
    cumulation = models.CharField("累计方式", max_length=8, choices=Cumulation.choices)
    rank_key = models.CharField("排名依据", max_length=8, choices=RankKey.choices, default="growth")
    decimals = models.PositiveSmallIntegerField("绝对值小数位", default=2)
    growth_decimals = models.PositiveSmallIntegerField("增速小数位", default=1)
    lead_department = models.ForeignKey(
        "accounts.Department",
        verbose_name="牵头部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    leader = models.ForeignKey(
        "accounts.Leader",
        verbose_name="分管区领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    gdp_sector = models.CharField("GDP核算行业", max_length=32, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "指标"

    def __str__(self) -> str:
        return self.name

    @property
    def growth_only(self) -> bool:
        return not self.value_published

    def has_period(self, month: int) -> bool:
        if self.frequency == self.Frequency.QUARTERLY:
            return month % 3 == 0
        return month >= self.first_month


class Period(models.Model):
    """A year-to-date period: a year and its end month (2022-03 = 1-3月 = 一季度)."""

    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("截止月")

    class Meta:
        ordering = ["year", "month"]
        verbose_name = verbose_name_plural = "期别"
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="period_unique"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="period_month_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{span_label(self.month)}"

    @property
    def key(self) -> PeriodKey:
        return PeriodKey(self.year, self.month)

    @property
    def code(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return span_label(self.month)

    @property
    def display_label(self) -> str:
        return display_label(self.month)


class ImportBatch(models.Model):
    """One import of one file: who, when, which file (by hash) and what it changed."""

    class Kind(models.TextChoices):
        BULLETIN = "bulletin", "市统计月报（宽表）"
        TIDY = "tidy", "规整数据表"
        TARGETS = "targets", "目标表"
        REPORT = "report", "部门填报"
        DEMO = "demo", "演示数据"

    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    file_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("文件哈希", max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user_name = models.CharField("导入人姓名", max_length=64)
    created_at = models.DateTimeField("导入时间", auto_now_add=True)
    rows_read = models.PositiveIntegerField("读取行数", default=0)
    created_count = models.PositiveIntegerField("新增", default=0)
    revised_count = models.PositiveIntegerField("更正（新版本）", default=0)
    unchanged_count = models.PositiveIntegerField("未变", default=0)
    summary = models.JSONField("摘要", default=dict, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "导入批次"

    def __str__(self) -> str:
        # Local time, as every page writes times (created_at is stored in UTC).
        at = timezone.localtime(self.created_at) if self.created_at else None
        return f"{self.file_name}（{at:%Y-%m-%d %H:%M}）" if at else self.file_name


class Observation(models.Model):
    """One figure: region × indicator × period × kind, as published (实绩) or estimated (预计).

    Growth is stored exactly as published and never recomputed (docs/methodology.md §2). A
    correction adds a new version; the old one stays, no longer current.
    """

    class Kind(models.TextChoices):
        ACTUAL = "actual", "实绩"
        ESTIMATE = "estimate", "预计"

    class Vintage(models.TextChoices):
        FLASH = "flash", "快报"
        MONTHLY = "monthly", "月报"
        ANNUAL = "annual", "年报"
        CENSUS = "census", "普查修订"
        ESTIMATE = "estimate", "部门预计"

    region = models.ForeignKey(Region, verbose_name="地区", on_delete=models.PROTECT)
    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.PROTECT)
    period = models.ForeignKey(Period, verbose_name="期别", on_delete=models.PROTECT)
    kind = models.CharField("类别", max_length=8, choices=Kind.choices, default=Kind.ACTUAL)
    value = models.DecimalField("累计值", max_digits=24, decimal_places=6, null=True, blank=True)
    growth = models.DecimalField("增速(%)", max_digits=12, decimal_places=4, null=True, blank=True)
    rank = models.PositiveSmallIntegerField("公布位次", null=True, blank=True)
    # The 总量 rank where the file prints it as such (总量位次 / 规模位次 …), beside ``rank``
    # (the rank by the indicator's rank_key); never computed. See importing.readers.published_ranks.
    value_rank = models.PositiveSmallIntegerField("公布总量位次", null=True, blank=True)
    # The single month's figures (当月) where the file prints them beside the year-to-date ones
    # (当月值 / 当月增速 sub-columns, month_value / month_growth columns); never computed.
    month_value = models.DecimalField(
        "当月值", max_digits=24, decimal_places=6, null=True, blank=True
    )
    month_growth = models.DecimalField(
        "当月增速", max_digits=12, decimal_places=4, null=True, blank=True
    )
    version = models.PositiveIntegerField("版本", default=1)
    is_current = models.BooleanField("当前版本", default=True)
    vintage = models.CharField("数据版本", max_length=8, choices=Vintage.choices, default="monthly")
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name="导入批次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_ref = models.CharField(
        "来源位置", max_length=120, blank=True, help_text="工作表、行、列"
    )
    note = models.CharField("备注", max_length=200, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标数据"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "period", "kind", "version"],
                name="observation_unique_version",
            ),
            models.UniqueConstraint(
                fields=["region", "indicator", "period", "kind"],
                condition=Q(is_current=True),
                name="observation_one_current",
            ),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "period", "kind", "is_current"], name="obs_peer_lookup"
            ),
            models.Index(fields=["region", "kind", "is_current"], name="obs_region_lookup"),
        ]

    def __str__(self) -> str:
        return f"{self.region}·{self.indicator}·{self.period}（{self.get_kind_display()}）"


class Target(models.Model):
    """A goal for a region, indicator and period at one level: growth, amount and/or rank."""

    class Level(models.TextChoices):
        CITY = "city", "市下达"
        DISTRICT = "district", "区级"
        STRETCH = "stretch", "奋斗"

    region = models.ForeignKey(Region, verbose_name="地区", on_delete=models.PROTECT)
    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.PROTECT)
    period = models.ForeignKey(Period, verbose_name="期别", on_delete=models.PROTECT)
    level = models.CharField("层级", max_length=8, choices=Level.choices)
    growth = models.DecimalField(
        "目标增速(%)", max_digits=12, decimal_places=4, null=True, blank=True
    )
    value = models.DecimalField("目标值", max_digits=24, decimal_places=6, null=True, blank=True)
    rank_goal = models.PositiveSmallIntegerField(
        "位次目标", null=True, blank=True, help_text="如 3 表示进入全市前3"
    )
    note = models.CharField("备注", max_length=200, blank=True)
    batch = models.ForeignKey(
        ImportBatch, verbose_name="导入批次", null=True, blank=True, on_delete=models.PROTECT
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["indicator__sort_order", "period__year", "period__month", "level"]
        verbose_name = verbose_name_plural = "目标"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "period", "level"], name="target_unique"
            ),
            models.CheckConstraint(
                condition=Q(growth__isnull=False)
                | Q(value__isnull=False)
                | Q(rank_goal__isnull=False),
                name="target_has_goal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}·{self.indicator}·{self.period}·{self.get_level_display()}"


class GdpSector(models.Model):
    """An industry in the GDP estimate by the production approach (docs/methodology.md §5).

    Its weight is last year's same-period value added (amount or share); its growth comes from
    a driver indicator (deflated by a price change, times an elasticity), or is set by hand.
    Rows with no region apply to every region without rows of its own.
    """

    class Group(models.TextChoices):
        PRIMARY = "primary", "第一产业"
        SECONDARY = "secondary", "第二产业"
        TERTIARY = "tertiary", "第三产业"

    region = models.ForeignKey(
        Region, verbose_name="地区", null=True, blank=True, on_delete=models.CASCADE
    )
    code = models.SlugField("代码", max_length=32)
    name = models.CharField("行业", max_length=32)
    group = models.CharField("产业", max_length=16, choices=Group.choices)
    weight = models.DecimalField(
        "权重（上年同期增加值）", max_digits=16, decimal_places=4, help_text="金额或占比均可"
    )
    driver = models.ForeignKey(
        Indicator,
        verbose_name="推算指标",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    elasticity = models.DecimalField("弹性系数", max_digits=8, decimal_places=4, default=1)
    price_change = models.DecimalField(
        "价格变动(%)", max_digits=8, decimal_places=3, default=0, help_text="现价指标的缩减用"
    )
    above_scale_share = models.DecimalField(
        "规上占比θ", max_digits=5, decimal_places=4, null=True, blank=True, help_text="仅工业"
    )
    below_scale_growth = models.DecimalField(
        "规下增速(%)", max_digits=8, decimal_places=3, null=True, blank=True, help_text="仅工业"
    )
    manual_growth = models.DecimalField(
        "人工设定增速(%)", max_digits=8, decimal_places=3, null=True, blank=True
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "GDP测算行业"
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="gdp_sector_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class StatusRuleSet(Versioned):
    """The indicators' 红/黄/绿 rules as the district set them (one row; defaults until saved).

    Each field is a threshold of econdesk.analysis.arithmetic.status.StatusRules; an empty
    threshold switches its rule off. Saved through econdesk.ledger.services.status_rules.
    """

    class NoData(models.TextChoices):
        YELLOW = "yellow", "黄灯"
        GREEN = "green", "绿灯"

    red_when_behind_target = models.BooleanField("落后同期目标亮红灯", default=True)
    red_when_last = models.BooleanField("排名末位亮红灯", default=True)
    red_below_total_pp = models.DecimalField(
        "增速低于全市超过（百分点）亮红灯", max_digits=6, decimal_places=2, null=True, blank=True
    )
    yellow_below_total_pp = models.DecimalField(
        "增速低于全市超过（百分点）亮黄灯",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        default=0,
    )
    bottom_part = models.PositiveSmallIntegerField(
        "排名后N分之一亮黄灯", null=True, blank=True, default=3, help_text="3 即后三分之一"
    )
    yellow_rank_fell_by = models.PositiveSmallIntegerField(
        "位次较上期后退N位及以上亮黄灯", null=True, blank=True, default=1
    )
    yellow_when_declining = models.BooleanField("增速为负亮黄灯", default=True)
    yellow_behind_benchmark_pp = models.DecimalField(
        "落后序时进度超过（百分点）亮黄灯",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        default=0,
    )
    no_data_color = models.CharField(
        "暂无数据时", max_length=8, choices=NoData.choices, default=NoData.YELLOW
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    stale_noun = "指标亮灯规则"

    class Meta:
        verbose_name = verbose_name_plural = "指标亮灯规则"

    def __str__(self) -> str:
        return "指标亮灯规则"

    @classmethod
    def current(cls) -> StatusRuleSet:
        return cls.objects.order_by("id").first() or cls(version=0)


class Layout(Versioned):
    """A file layout mapped once by a person (版式): its header's fingerprint, the header row,
    the region column and what each column holds (importing.mapped). A file whose header has
    the same fingerprint is read with it; saved through econdesk.ledger.services.layouts."""

    name = models.CharField("版式名称", max_length=60, unique=True)
    fingerprint = models.CharField("表头指纹", max_length=32, unique=True)
    header_row = models.PositiveIntegerField("表头行")
    region_column = models.PositiveSmallIntegerField("地区列")
    # [{"column": 2, "indicator": "社会消费品零售总额", "measure": "value", "unit": "万元"}, …]
    columns = models.JSONField("各列含义", default=list)
    header = models.JSONField("表头文字", default=list)  # the header row's texts, for messages
    sample = models.JSONField("样例行", default=list)  # the file's first rows, to edit it again
    sample_file = models.CharField("样例文件", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="建立人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("建立时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    stale_noun = "版式"

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "导入版式"

    def __str__(self) -> str:
        return f"版式“{self.name}”"
