"""Reference data the registers point at: industry chains, size thresholds and warning rules."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from econdesk.projects.fields import MoneyField


class IndustryChain(models.Model):
    """An industry chain (产业链) the district promotes: 新能源汽车, 新材料, 智能制造 …

    Configurable: each district keeps its own list; projects and deals are counted by it in the
    speech's sentence "新能源汽车、新材料…等XX个产业项目完成签约".
    """

    name = models.CharField("名称", max_length=32, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "产业链"

    def __str__(self) -> str:
        return self.name


class ScaleThreshold(models.Model):
    """The size threshold of one sector (docs/methodology.md §6), kept as data.

    Seeded from econdesk.projects.thresholds.STANDARD_THRESHOLDS; ``amount`` empty means every
    qualified unit of the sector is counted (资质等级建筑业, 房地产开发经营业).
    """

    class AppliesTo(models.TextChoices):
        ENTERPRISE = "enterprise", "企业"
        PROJECT = "project", "投资项目"

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("行业", max_length=64)
    group = models.CharField("门类", max_length=32)
    amount = MoneyField("标准", unit="万元", null=True, blank=True)
    basis = models.CharField("口径", max_length=64)
    applies_to = models.CharField(
        "适用于", max_length=16, choices=AppliesTo.choices, default=AppliesTo.ENTERPRISE
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "规模以上标准"

    def __str__(self) -> str:
        return self.name

    @property
    def rule_text(self) -> str:
        if self.amount is None:
            return self.basis
        return f"{self.basis}≥{self.amount.normalize():f}万元"


def _pct(**kwargs):
    return models.DecimalField(
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        **kwargs,
    )


class ProjectRules(models.Model):
    """The configurable numbers behind warnings and closure plans (one row; defaults below).

    Defaults follow 银川's 红黄绿灯 (docs/formats.md §5.A): 10–30 pp behind 序时进度 is yellow, more
    is red; not started 3 months after the planned start is red; not enrolled 1 / 2 months after
    the start is yellow / red. The deal and procedure limits have no public source [K].
    """

    lag_yellow_pp = _pct(verbose_name="投资滞后黄灯（低于序时进度，百分点）", default=Decimal(10))
    lag_red_pp = _pct(verbose_name="投资滞后红灯（低于序时进度超过，百分点）", default=Decimal(30))
    start_red_months = models.PositiveSmallIntegerField("逾期未开工转红（月）", default=3)
    procedure_red_days = models.PositiveSmallIntegerField("手续逾期转红（天）", default=30)
    deal_registration_days = models.PositiveSmallIntegerField("签约后应注册（天）", default=90)
    deal_red_days = models.PositiveSmallIntegerField("签约未注册转红（天）", default=180)
    enrolment_yellow_months = models.PositiveSmallIntegerField("开工后未入库黄灯（月）", default=1)
    enrolment_red_months = models.PositiveSmallIntegerField(
        "开工后未入库红灯（超过，月）", default=2
    )
    backfill_prior_work = models.BooleanField(
        "新入库项目可报送年内入库前投资",
        default=True,
        help_text="各地规定不一（docs/methodology.md §7），请按本地统计部门口径设置",
    )
    near_threshold_share = _pct(verbose_name="升规培育对象（达到标准的%）", default=Decimal(80))
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "项目预警与闭合规则"

    def __str__(self) -> str:
        return "项目预警与闭合规则"

    @classmethod
    def current(cls) -> ProjectRules:
        """The stored rules, or the defaults (unsaved) when nobody has set any."""
        return cls.objects.order_by("id").first() or cls()
