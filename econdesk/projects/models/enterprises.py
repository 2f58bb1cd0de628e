"""Enterprise cultivation (升规入统) and enterprise requests (企业诉求)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from econdesk.projects.credit_code import credit_code_problem, normalise
from econdesk.projects.fields import MoneyField
from econdesk.projects.models.base import Register, month_start


def validate_credit_code(value: str) -> None:
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(problem)


class Enterprise(Register):
    """An enterprise cultivated toward its sector's threshold (升规入统) or already above it.

    Revenue is year-to-date in 万元 through ``revenue_month``; last year's same months give the
    base it will bring into the statistics once enrolled (docs/methodology.md §6).
    """

    class Status(models.TextChoices):
        CULTIVATING = "cultivating", "培育中"
        APPLYING = "applying", "已申报"
        ENROLLED = "enrolled", "已入库"
        DROPPED = "dropped", "退出培育"

    name = models.CharField("企业名称", max_length=100)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    sector = models.ForeignKey(
        "projects.ScaleThreshold",
        verbose_name="行业",
        on_delete=models.PROTECT,
        related_name="enterprises",
        limit_choices_to={"applies_to": "enterprise"},
    )
    revenue_to_date = MoneyField("本年累计营业收入", unit="万元", null=True, blank=True)
    revenue_month = models.DateField("营收截至月份", null=True, blank=True)
    revenue_last_year = MoneyField("上年同期营业收入", unit="万元", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=Status.choices, default=Status.CULTIVATING
    )
    expected_entry_month = models.DateField("预计入库月份", null=True, blank=True)
    enrolled_month = models.DateField("入库月份", null=True, blank=True)
    entry_probability = models.DecimalField(
        "按期入库把握（%）",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    contact = models.CharField("联系人", max_length=64, blank=True)

    class Meta:
        ordering = ["region_id", "status", "-revenue_to_date", "id"]
        verbose_name = verbose_name_plural = "升规培育企业"

    def __str__(self) -> str:
        return self.name

    @property
    def months_reported(self) -> int | None:
        return self.revenue_month.month if self.revenue_month else None

    def save(self, *args, **kwargs):
        self.credit_code = normalise(self.credit_code)
        for name in ("revenue_month", "expected_entry_month", "enrolled_month"):
            setattr(self, name, month_start(getattr(self, name)))
        super().save(*args, **kwargs)

    def clean(self):
        self.credit_code = normalise(self.credit_code)
        errors = {}
        if self.revenue_to_date is not None and not self.revenue_month:
            errors["revenue_month"] = "填写了累计营业收入，须填写截至月份。"
        if self.status == self.Status.ENROLLED and not self.enrolled_month:
            errors["enrolled_month"] = "已入库企业须填写入库月份。"
        if self.sector_id and self.sector.applies_to != "enterprise":
            errors["sector"] = "请选择企业所属行业。"
        if errors:
            raise ValidationError(errors)


class EnterpriseRequest(Register):
    """A problem an enterprise asks the government to solve (企业诉求), tracked to its outcome.

    ``lead_department`` is the department handling it (承办单位).
    """

    class Kind(models.TextChoices):
        FINANCING = "financing", "融资"
        LAND = "land", "用地"
        APPROVAL = "approval", "审批"
        POLICY = "policy", "政策兑现"
        LABOUR = "labour", "用工"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        OPEN = "open", "待办理"
        IN_PROGRESS = "in_progress", "办理中"
        RESOLVED = "resolved", "已办结"
        UNRESOLVABLE = "unresolvable", "无法解决"

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="企业（已登记）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    enterprise_name = models.CharField("企业名称", max_length=100, blank=True)
    kind = models.CharField("诉求类别", max_length=16, choices=Kind.choices)
    description = models.TextField("诉求内容")
    raised_on = models.DateField("提出日期")
    deadline = models.DateField("办理时限", null=True, blank=True)
    status = models.CharField("办理状态", max_length=16, choices=Status.choices, default="open")
    outcome = models.TextField("办理结果", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        ordering = ["region_id", "-raised_on", "id"]
        verbose_name = verbose_name_plural = "企业诉求"

    def __str__(self) -> str:
        return f"{self.enterprise_name}：{self.get_kind_display()}"

    def clean(self):
        if self.enterprise_id and not self.enterprise_name:
            self.enterprise_name = self.enterprise.name
        errors = {}
        if not self.enterprise_name.strip():
            errors["enterprise_name"] = "请填写提出诉求的企业。"
        closed = self.status in (self.Status.RESOLVED, self.Status.UNRESOLVABLE)
        if closed and not self.outcome.strip():
            errors["outcome"] = "办结或无法解决的诉求须填写办理结果。"
        if closed and not self.closed_on:
            errors["closed_on"] = "办结或无法解决的诉求须填写办结日期。"
        if self.closed_on and self.raised_on and self.closed_on < self.raised_on:
            errors["closed_on"] = "办结日期早于提出日期。"
        if errors:
            raise ValidationError(errors)
