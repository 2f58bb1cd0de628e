"""Department reports (填报) of estimates (预计) with problems and plans, their review trail,
and files staged for import (数据导入) between preview and confirmation.

A report moves draft → submitted → returned / approved; approval publishes the estimate into
the ledger (services.approve). Every step leaves a ReportEvent (the page's timeline) and a
ChangeRecord (the audit chain).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from econdesk.audit.changes import Versioned

__all__ = ["EstimateReport", "ReportEvent", "StagedImport"]


class EstimateReport(Versioned):
    """One department's estimate (预计) for one indicator, region and period, with its notes.

    `version` is the optimistic lock: every change adds one, and a change made from a stale
    page (an older version) is refused. The published_* fields keep what was last approved,
    so reopening an approved report for correction does not unpublish its notes.
    """

    stale_noun = "填报"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待审核"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已发布"

    department = models.ForeignKey(
        "accounts.Department",
        verbose_name="填报单位",
        on_delete=models.PROTECT,
        related_name="estimate_reports",
    )
    indicator = models.ForeignKey(
        "ledger.Indicator", verbose_name="指标", on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "ledger.Region", verbose_name="地区", on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        "ledger.Period", verbose_name="期别", on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(
        "预计累计值", max_digits=24, decimal_places=6, null=True, blank=True
    )
    growth = models.DecimalField(
        "预计增速(%)", max_digits=12, decimal_places=4, null=True, blank=True
    )
    problems = models.TextField("存在问题", blank=True)
    plans = models.TextField("下阶段工作打算", blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default="draft")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_reason = models.CharField("退回原因", max_length=500, blank=True)
    approved_at = models.DateTimeField("发布时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_value = models.DecimalField(
        "已发布预计值", max_digits=24, decimal_places=6, null=True, blank=True
    )
    published_growth = models.DecimalField(
        "已发布预计增速(%)", max_digits=12, decimal_places=4, null=True, blank=True
    )
    published_problems = models.TextField("已发布存在问题", blank=True)
    published_plans = models.TextField("已发布工作打算", blank=True)
    observation = models.ForeignKey(
        "ledger.Observation",
        verbose_name="台账预计数",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["period__year", "period__month", "indicator__sort_order", "id"]
        verbose_name = verbose_name_plural = "预计数填报"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "period"], name="estimate_report_unique"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="estimate_report_status")]

    def __str__(self) -> str:
        return f"{self.department}·{self.indicator}·{self.period}预计"

    @property
    def is_published(self) -> bool:
        return self.approved_at is not None


class ReportEvent(models.Model):
    """One step in a report's life (保存、提交、退回、审核发布), shown as its timeline.

    Rows are only added. before/after hold the report's business fields around the step.
    """

    class Action(models.TextChoices):
        SAVE = "save", "保存草稿"
        SUBMIT = "submit", "提交审核"
        RETURN = "return", "退回修改"
        APPROVE = "approve", "审核通过并发布"

    report = models.ForeignKey(
        EstimateReport, verbose_name="填报", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("操作", max_length=8, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    user_name = models.CharField("操作人姓名", max_length=64)
    at = models.DateTimeField("时间", db_index=True)
    reason = models.CharField("原因", max_length=500, blank=True)
    before = models.JSONField("操作前", null=True, blank=True)
    after = models.JSONField("操作后", null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "填报记录"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.get_action_display()}"


class StagedImport(models.Model):
    """An uploaded file waiting between its preview and the reviewer's confirmation.

    The bytes live once in MEDIA_ROOT/uploads/<sha256>; confirming imports exactly those bytes,
    never a second upload. `preview` holds what the dry run found, and `preview_digest` what
    it would change: the confirmation is refused (and previewed again) if that has moved.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "待确认"
        FAILED = "failed", "有错误"
        IMPORTED = "imported", "已导入"

    file_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("文件哈希", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    options = models.JSONField("导入选项", default=dict, blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices)
    preview = models.JSONField("预览", default=dict, blank=True)
    preview_digest = models.CharField("预览摘要", max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    previewed_at = models.DateTimeField("预览时间", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间", null=True, blank=True)
    batch_ids = models.JSONField("导入批次", default=list, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "待确认导入"

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"
