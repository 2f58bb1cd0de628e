"""Investment deals (招商引资) and upward funding (对上争取)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from econdesk.projects.fields import MoneyField
from econdesk.projects.models.base import Register


class DealStage(models.TextChoices):
    """An investment deal's stage: 洽谈 → 签约 → 注册 → 开工 → 投产 (docs/formats.md §5.B1)."""

    NEGOTIATING = "negotiating", "洽谈"
    SIGNED = "signed", "签约"
    REGISTERED = "registered", "注册"
    STARTED = "started", "开工"
    OPERATING = "operating", "投产"


DEAL_ORDER = {value: index for index, value in enumerate(DealStage.values)}
# The date each stage needs, in stage order.
DEAL_DATES = (
    (DealStage.SIGNED, "signed_on", "签约日期"),
    (DealStage.REGISTERED, "registered_on", "注册日期"),
    (DealStage.STARTED, "started_on", "开工日期"),
    (DealStage.OPERATING, "operating_on", "投产日期"),
)


class InvestmentDeal(Register):
    """A project being attracted (招商引资项目), from the first talks to production.

    Amounts in 亿元 as deal ledgers keep them, except the registered capital (万元, B1). Once the
    deal becomes a major project, ``project`` links the two.
    """

    name = models.CharField("项目名称", max_length=100)
    investor = models.CharField("投资方", max_length=100)
    industry_chain = models.ForeignKey(
        "projects.IndustryChain",
        verbose_name="产业链",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deals",
    )
    content = models.TextField("建设内容", blank=True)
    amount = MoneyField("签约（拟）投资额", unit="亿元")
    stage = models.CharField(
        "阶段", max_length=16, choices=DealStage.choices, default=DealStage.NEGOTIATING
    )
    signed_on = models.DateField("签约日期", null=True, blank=True)
    registered_on = models.DateField("注册日期", null=True, blank=True)
    registered_name = models.CharField("注册企业名称", max_length=100, blank=True)
    registered_capital = MoneyField("注册资本", unit="万元", null=True, blank=True)
    started_on = models.DateField("开工日期", null=True, blank=True)
    operating_on = models.DateField("投产日期", null=True, blank=True)
    funds_in_place = MoneyField("到位资金", unit="亿元", default=Decimal(0))
    contact = models.CharField("联系人", max_length=64, blank=True)
    project = models.OneToOneField(
        "projects.MajorProject",
        verbose_name="转化项目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deal",
    )

    class Meta:
        ordering = ["region_id", "-signed_on", "id"]
        verbose_name = verbose_name_plural = "招商引资项目"

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        reached = DEAL_ORDER.get(self.stage, 0)
        previous = None
        for stage, field, label in DEAL_DATES:
            value = getattr(self, field)
            if DEAL_ORDER[stage] <= reached and value is None:
                errors[field] = f"{DealStage(self.stage).label}阶段的项目须填写{label}。"
            if value is not None and previous is not None and value < previous[0]:
                errors[field] = f"{label}早于{previous[1]}。"
            if value is not None:
                previous = (value, label)
        if DEAL_ORDER.get(self.stage, 0) >= DEAL_ORDER[DealStage.REGISTERED]:
            if not self.registered_name.strip():
                errors["registered_name"] = "已注册的项目须填写注册企业名称。"
        if errors:
            raise ValidationError(errors)


class Programme(models.TextChoices):
    """The channel of money from higher governments (对上争取)."""

    CENTRAL_BUDGET = "central_budget", "中央预算内投资"
    SPECIAL_BONDS = "special_bonds", "地方政府专项债券"
    ULTRA_LONG_BONDS = "ultra_long_bonds", "超长期特别国债"
    PROVINCIAL = "provincial", "省级专项资金"
    MUNICIPAL = "municipal", "市级专项资金"
    OTHER = "other", "其他"


class UpwardFunding(Register):
    """Money applied for from higher governments (对上争取), from application to receipt, in 万元."""

    programme = models.CharField("资金渠道", max_length=20, choices=Programme.choices)
    title = models.CharField("申报项目名称", max_length=100)
    project = models.ForeignKey(
        "projects.MajorProject",
        verbose_name="关联重大项目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding",
    )
    year = models.PositiveSmallIntegerField("年度")
    applied_amount = MoneyField("申报金额", unit="万元")
    applied_on = models.DateField("申报日期", null=True, blank=True)
    approved_amount = MoneyField("批复金额", unit="万元", null=True, blank=True)
    approved_on = models.DateField("批复日期", null=True, blank=True)
    received_amount = MoneyField("到位金额", unit="万元", default=Decimal(0))
    received_on = models.DateField("最近到位日期", null=True, blank=True)
    rejected = models.BooleanField("未获批", default=False)

    class Meta:
        ordering = ["region_id", "-year", "programme", "id"]
        verbose_name = verbose_name_plural = "对上争取"

    def __str__(self) -> str:
        return f"{self.title}（{self.get_programme_display()}）"

    @property
    def status_label(self) -> str:
        if self.rejected:
            return "未获批"
        if self.received_amount and self.approved_amount:
            return "全部到位" if self.received_amount >= self.approved_amount else "部分到位"
        if self.approved_amount is not None:
            return "已批复"
        if self.applied_on:
            return "已申报"
        return "谋划中"

    def clean(self):
        errors = {}
        if self.approved_amount is not None:
            if not self.applied_on:
                errors["applied_on"] = "已批复的资金须填写申报日期。"
            if not self.approved_on:
                errors["approved_on"] = "填写了批复金额，须填写批复日期。"
            if self.rejected:
                errors["rejected"] = "已批复的资金不能同时标为未获批。"
            if self.applied_amount is not None and self.approved_amount > self.applied_amount:
                errors["approved_amount"] = "批复金额超过申报金额。"
        if self.received_amount:
            if self.approved_amount is None:
                errors["received_amount"] = "资金未批复，不能登记到位金额。"
            elif self.received_amount > self.approved_amount:
                errors["received_amount"] = "到位金额超过批复金额。"
            if not self.received_on:
                errors["received_on"] = "登记了到位金额，须填写到位日期。"
        if self.approved_on and self.applied_on and self.approved_on < self.applied_on:
            errors["approved_on"] = "批复日期早于申报日期。"
        if errors:
            raise ValidationError(errors)
