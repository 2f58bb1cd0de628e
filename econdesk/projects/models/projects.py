"""Major projects (重大项目): the ledger row, its procedures, monthly investment and problems."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from econdesk.projects.fields import MoneyField
from econdesk.projects.models.base import Register, month_start

WAN_PER_YI = Decimal(10_000)


class Stage(models.TextChoices):
    """A major project's stage, in order: 谋划 → 储备 → 签约 → 前期 → 拟开工 → 在建 → 竣工 → 投产."""

    PLANNING = "planning", "谋划"
    RESERVE = "reserve", "储备"
    SIGNED = "signed", "签约"
    PREPARATION = "preparation", "前期"
    TO_START = "to_start", "拟开工"
    CONSTRUCTION = "construction", "在建"
    COMPLETED = "completed", "竣工"
    OPERATING = "operating", "投产"


STAGE_ORDER = {value: index for index, value in enumerate(Stage.values)}


def stage_at_least(stage: str, floor: str) -> bool:
    return STAGE_ORDER[stage] >= STAGE_ORDER[floor]


class Enrolment(models.TextChoices):
    """Statistical enrolment (入库) of a project in the FAI register (先入库，后有数)."""

    NOT_ENROLLED = "not_enrolled", "未入库"
    APPLYING = "applying", "申报中"
    ENROLLED = "enrolled", "已入库"
    INELIGIBLE = "ineligible", "不具备入库条件"


class SizeClass(models.TextChoices):
    """Size by total investment: 亿元级 (1–10亿), 十亿级 (10–100亿), 百亿级 (≥100亿)."""

    SMALL = "small", "亿元以下"
    YI = "yi", "亿元级"
    TEN_YI = "ten_yi", "十亿级"
    HUNDRED_YI = "hundred_yi", "百亿级"


def size_class_of(total_wan: Decimal | None) -> str:
    """The size class of a total investment in 万元 (the lower bound of each class included)."""
    yi = (total_wan or Decimal(0)) / WAN_PER_YI
    if yi >= 100:
        return SizeClass.HUNDRED_YI
    if yi >= 10:
        return SizeClass.TEN_YI
    if yi >= 1:
        return SizeClass.YI
    return SizeClass.SMALL


class MajorProject(Register):
    """A major project (重大项目) tracked by stage, procedures, monthly investment and enrolment.

    Amounts are in 万元, as project ledgers keep them (docs/formats.md §5.A1–A4). The annual plan
    and the investment completed before the year belong to ``plan_year``; the monthly rows hold
    the plan and the completion of each month.
    """

    stale_noun = "项目"

    class Category(models.TextChoices):
        INDUSTRY = "industry", "产业项目"
        INFRASTRUCTURE = "infrastructure", "基础设施"
        SOCIAL = "social", "社会民生"
        ECOLOGY = "ecology", "生态环保"
        URBAN = "urban", "城市更新"
        OTHER = "other", "其他"

    name = models.CharField("项目名称", max_length=100)
    code = models.CharField("项目代码", max_length=40, blank=True, help_text="投资项目在线审批代码")
    category = models.CharField("项目类别", max_length=16, choices=Category.choices)
    industry_chain = models.ForeignKey(
        "projects.IndustryChain",
        verbose_name="产业链",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    content = models.TextField("建设内容及规模", blank=True)
    owner = models.CharField("业主单位", max_length=100, blank=True)
    total_investment = MoneyField("总投资", unit="万元")
    size_class = models.CharField(
        "规模", max_length=12, choices=SizeClass.choices, editable=False, default=SizeClass.SMALL
    )
    plan_year = models.PositiveSmallIntegerField("计划年度")
    annual_plan = MoneyField("年度计划投资", unit="万元", default=Decimal(0))
    completed_before_year = MoneyField("开工至上年底累计完成投资", unit="万元", default=Decimal(0))
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices, default=Stage.PLANNING)
    planned_start = models.DateField("计划开工", null=True, blank=True)
    actual_start = models.DateField("实际开工", null=True, blank=True)
    planned_completion = models.DateField("计划竣工", null=True, blank=True)
    actual_completion = models.DateField("实际竣工", null=True, blank=True)
    leader = models.ForeignKey(
        "accounts.Leader",
        verbose_name="分管区领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="major_projects",
    )
    enrolment = models.CharField(
        "入库状态", max_length=16, choices=Enrolment.choices, default=Enrolment.NOT_ENROLLED
    )
    enrolment_month = models.DateField("入库月份", null=True, blank=True)
    expected_enrolment_month = models.DateField("预计入库月份", null=True, blank=True)
    enrolment_probability = models.DecimalField(
        "按期入库把握（%）",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="不填则按阶段取默认值",
    )
    image_progress = models.CharField("形象进度", max_length=200, blank=True)

    class Meta:
        ordering = ["region_id", "-total_investment", "id"]
        verbose_name = verbose_name_plural = "重大项目"
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="project_unique_name"),
            models.CheckConstraint(condition=Q(total_investment__gte=0), name="project_total_ge0"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def total_investment_yi(self) -> Decimal:
        return self.total_investment / WAN_PER_YI

    @property
    def is_enrolled(self) -> bool:
        return self.enrolment == Enrolment.ENROLLED

    def save(self, *args, **kwargs):
        self.size_class = size_class_of(self.total_investment)
        for name in ("enrolment_month", "expected_enrolment_month"):
            setattr(self, name, month_start(getattr(self, name)))
        super().save(*args, **kwargs)

    def clean(self):
        errors: dict[str, str] = {}
        built = self.stage and stage_at_least(self.stage, Stage.CONSTRUCTION)
        if built and not self.actual_start:
            errors["actual_start"] = "在建及以后阶段的项目须填写实际开工日期。"
        if self.actual_start and self.stage and not built:
            errors["stage"] = "已填写实际开工日期，阶段应为在建、竣工或投产。"
        done = self.stage and stage_at_least(self.stage, Stage.COMPLETED)
        if done and not self.actual_completion:
            errors["actual_completion"] = "竣工、投产项目须填写实际竣工日期。"
        if (
            self.actual_completion
            and self.actual_start
            and self.actual_completion < self.actual_start
        ):
            errors["actual_completion"] = "实际竣工日期早于实际开工日期。"
        if (
            self.planned_completion
            and self.planned_start
            and self.planned_completion < self.planned_start
        ):
            errors["planned_completion"] = "计划竣工日期早于计划开工日期。"
        if self.enrolment == Enrolment.ENROLLED:
            if not self.enrolment_month:
                errors["enrolment_month"] = "已入库项目须填写入库月份。"
            floor = project_threshold()
            if floor is not None and self.total_investment is not None:
                if self.total_investment < floor:
                    errors["enrolment"] = (
                        f"计划总投资{self.total_investment.normalize():f}万元低于入库标准"
                        f"{floor.normalize():f}万元，不能入库。"
                    )
        if errors:
            raise ValidationError(errors)


def project_threshold() -> Decimal | None:
    """The FAI project threshold (计划总投资 ≥ 500万元) from the threshold table."""
    from econdesk.projects.models.reference import ScaleThreshold
    from econdesk.projects.thresholds import FAI_PROJECT_CODE, standard_threshold

    row = ScaleThreshold.objects.filter(code=FAI_PROJECT_CODE).first()
    return row.amount if row is not None else standard_threshold(FAI_PROJECT_CODE).amount


class ProjectProcedure(models.Model):
    """One procedure (手续) of a project with its planned and actual completion dates."""

    class Kind(models.TextChoices):
        APPROVAL = "approval", "立项"
        LAND = "land", "用地"
        PLANNING = "planning", "规划"
        ENVIRONMENT = "environment", "环评"
        PERMIT = "permit", "施工许可"

    project = models.ForeignKey(
        MajorProject, verbose_name="项目", on_delete=models.CASCADE, related_name="procedures"
    )
    kind = models.CharField("手续", max_length=16, choices=Kind.choices)
    planned_date = models.DateField("计划办结", null=True, blank=True)
    actual_date = models.DateField("实际办结", null=True, blank=True)
    responsible = models.CharField("责任单位及责任人", max_length=100, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        ordering = ["project_id", "id"]
        verbose_name = verbose_name_plural = "项目手续"
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="procedure_unique_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.project}·{self.get_kind_display()}"


class ProjectMonth(models.Model):
    """A project's planned and completed investment in one month (月度投资), in 万元."""

    project = models.ForeignKey(
        MajorProject, verbose_name="项目", on_delete=models.CASCADE, related_name="months"
    )
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    planned = MoneyField("计划投资", unit="万元", null=True, blank=True)
    completed = MoneyField("完成投资", unit="万元", null=True, blank=True)
    progress = models.CharField("形象进度", max_length=200, blank=True)

    class Meta:
        ordering = ["project_id", "year", "month"]
        verbose_name = verbose_name_plural = "项目月度投资"
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "month"], name="project_month_one"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="project_month_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}·{self.year}年{self.month}月"


class ProjectProblem(models.Model):
    """A problem needing coordination (问题协调) and how it was handled."""

    class Status(models.TextChoices):
        OPEN = "open", "待协调"
        IN_PROGRESS = "in_progress", "协调中"
        RESOLVED = "resolved", "已解决"

    project = models.ForeignKey(
        MajorProject, verbose_name="项目", on_delete=models.CASCADE, related_name="problems"
    )
    description = models.TextField("问题描述")
    lead_department = models.ForeignKey(
        "accounts.Department",
        verbose_name="责任单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_person = models.CharField("责任人", max_length=32, blank=True)
    raised_on = models.DateField("提出日期")
    deadline = models.DateField("解决时限", null=True, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    handling = models.TextField("解决情况", blank=True)
    resolved_on = models.DateField("解决日期", null=True, blank=True)

    class Meta:
        ordering = ["project_id", "raised_on", "id"]
        verbose_name = verbose_name_plural = "项目问题协调"

    def __str__(self) -> str:
        return f"{self.project}：{self.description[:30]}"

    def clean(self):
        if self.status == self.Status.RESOLVED:
            errors = {}
            if not self.handling.strip():
                errors["handling"] = "已解决的问题须填写解决情况。"
            if not self.resolved_on:
                errors["resolved_on"] = "已解决的问题须填写解决日期。"
            if errors:
                raise ValidationError(errors)
