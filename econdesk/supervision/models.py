"""Meetings (会议) and their decisions (议定事项), supervised tasks (督办事项) with their events,
attachments and reminders (催办), the colour rules and the yearly assessment scheme (考核方案).

Writes go through econdesk.supervision.services (permission, validation, change record, save in
one transaction, econdesk.audit.changes). A task's `version` is its optimistic lock: each change
adds one, and a change made from a stale page is refused.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models

from econdesk.audit.changes import Versioned

__all__ = [
    "AssessmentScheme",
    "Decision",
    "Meeting",
    "Reminder",
    "SupervisedTask",
    "TaskAttachment",
    "TaskEvent",
    "TaskRules",
    "TaskSource",
    "TaskStatus",
]


class Meeting(Versioned):
    """An analysis or dispatch meeting (经济运行分析会、调度会) with its agenda."""

    stale_noun = "会议"

    title = models.CharField("会议名称", max_length=120)
    held_on = models.DateField("召开日期")
    host = models.CharField("主持人", max_length=64, blank=True)
    agenda = models.TextField("议程", blank=True)
    region = models.ForeignKey(
        "ledger.Region",
        verbose_name="地区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = verbose_name_plural = "会议"

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """One item a meeting decided (会议议定事项); it becomes one or more supervised tasks."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.PositiveSmallIntegerField("序号")
    content = models.TextField("议定事项")
    lead_department = models.ForeignKey(
        "accounts.Department",
        verbose_name="建议牵头单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = verbose_name_plural = "议定事项"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}议定事项第{self.number}项"


class TaskSource(models.TextChoices):
    DECISION = "decision", "会议议定事项"
    INSTRUCTION = "instruction", "领导批示"
    INDICATOR_WARNING = "indicator", "指标预警"
    PROJECT_WARNING = "project", "项目预警"
    OTHER = "other", "其他"


class TaskStatus(models.TextChoices):
    PENDING = "pending", "待办"
    IN_PROGRESS = "in_progress", "办理中"
    CLOSURE_REQUESTED = "closure_requested", "申请办结"
    CLOSED = "closed", "已办结"


OPEN_STATUSES = (TaskStatus.PENDING, TaskStatus.IN_PROGRESS)


class SupervisedTask(Versioned):
    """A decision, instruction or warning turned into owned work (督办事项).

    `milestones` is a list of {"title", "due" (ISO date), "done_on" (ISO date or null)}.
    `finished_on` is the day the lead department asked to close it (the accepted request once
    closed): a task is closed on time when that day is not after its deadline, whenever the
    supervisor approves it.
    """

    stale_noun = "事项"

    number = models.CharField("编号", max_length=32, unique=True)
    year = models.PositiveSmallIntegerField("年度")
    seq = models.PositiveIntegerField("年度序号")
    title = models.CharField("事项名称", max_length=120)
    content = models.TextField("督办内容")
    source = models.CharField("来源", max_length=12, choices=TaskSource.choices)
    decision = models.ForeignKey(
        Decision,
        verbose_name="议定事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    source_ref = models.CharField("来源标识", max_length=80, blank=True, db_index=True)
    source_figures = models.JSONField("来源数据", default=dict, blank=True)
    region = models.ForeignKey(
        "ledger.Region",
        verbose_name="地区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_department = models.ForeignKey(
        "accounts.Department",
        verbose_name="牵头单位",
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    cooperating_departments = models.ManyToManyField(
        "accounts.Department",
        verbose_name="配合单位",
        blank=True,
        related_name="cooperating_tasks",
    )
    leader = models.ForeignKey(
        "accounts.Leader",
        verbose_name="分管区领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_tasks",
    )
    assigned_on = models.DateField("交办日期")
    deadline = models.DateField("办结时限")
    milestones = models.JSONField("节点", default=list, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=TaskStatus.choices, default=TaskStatus.PENDING
    )
    finished_on = models.DateField("申请办结日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="销号人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_reason = models.CharField("退回原因", max_length=500, blank=True)
    return_count = models.PositiveSmallIntegerField("退回次数", default=0)
    last_report_on = models.DateField("最近报送", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="交办人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = verbose_name_plural = "督办事项"
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="task_unique_seq"),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="task_status_deadline")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def department_ids(self) -> set[int]:
        """The lead and cooperating departments' ids (who sees and reports this task)."""
        cooperating = {d.pk for d in self.cooperating_departments.all()} if self.pk else set()
        return {self.lead_department_id, *cooperating}

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def closed_on_time(self) -> bool | None:
        if self.finished_on is None:
            return None
        return self.finished_on <= self.deadline


class TaskEvent(models.Model):
    """One step in a task's life (交办、报送、申请办结、退回、销号、催办): its timeline.

    Rows are only added; the change record (audit) holds the fields before and after.
    """

    class Action(models.TextChoices):
        CREATE = "create", "交办"
        EDIT = "edit", "修改"
        REPORT = "report", "报送进展"
        REQUEST_CLOSE = "request_close", "申请办结"
        RETURN = "return", "退回"
        CLOSE = "close", "办结销号"
        REMIND = "remind", "催办"

    task = models.ForeignKey(
        SupervisedTask, verbose_name="督办事项", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("操作", max_length=16, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user_name = models.CharField("操作人姓名", max_length=64)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    on = models.DateField("日期")
    at = models.DateTimeField("时间", db_index=True)
    text = models.TextField("内容", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "办理记录"

    def __str__(self) -> str:
        return f"{self.on} {self.user_name} {self.get_action_display()}"


def attachment_path(instance: TaskAttachment, filename: str) -> str:
    """MEDIA_ROOT/supervision/<task>/<random><ext>: the original name is kept in `name`."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"supervision/{instance.task_id}/{uuid.uuid4().hex}{suffix}"


class TaskAttachment(models.Model):
    """A file sent with a progress report or a closure request; served only to its readers."""

    task = models.ForeignKey(
        SupervisedTask, verbose_name="督办事项", on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        TaskEvent, verbose_name="办理记录", on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField("文件", upload_to=attachment_path, max_length=255)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("文件哈希", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name

    @property
    def supervised_task(self) -> SupervisedTask:
        """For the rule book: an attachment is readable by whoever may read its task."""
        return self.task


class Reminder(models.Model):
    """A reminder (催办) to one person about one task, shown in the app and mailed if possible.

    Automatic reminders are sent at most once per task, person and day.
    """

    class Kind(models.TextChoices):
        AUTO = "auto", "自动催办"
        MANUAL = "manual", "人工催办"

    task = models.ForeignKey(
        SupervisedTask, verbose_name="督办事项", on_delete=models.PROTECT, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="supervision_reminders",
    )
    kind = models.CharField("方式", max_length=8, choices=Kind.choices)
    sent_on = models.DateField("催办日期")
    color = models.CharField("颜色", max_length=8, blank=True)
    text = models.CharField("内容", max_length=300)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = verbose_name_plural = "催办"
        constraints = [
            models.UniqueConstraint(
                fields=["task", "recipient", "sent_on", "kind"], name="reminder_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="reminder_unread")]

    def __str__(self) -> str:
        return self.text


class TaskRules(Versioned):
    """The colour and reminder rules (one row; defaults until someone saves it)."""

    stale_noun = "督办规则"

    yellow_days = models.PositiveSmallIntegerField(
        "临近时限天数", default=3, help_text="距办结时限（或节点）不超过该天数为黄色"
    )
    warning_deadline_days = models.PositiveSmallIntegerField(
        "预警立项办理天数", default=15, help_text="由预警一键立项时，办结时限为立项日加该天数"
    )
    remind_cooperating = models.BooleanField("同时催办配合单位", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "督办规则"

    def __str__(self) -> str:
        return f"临近{self.yellow_days}天提醒"

    @classmethod
    def current(cls) -> TaskRules:
        return cls.objects.order_by("id").first() or cls(version=0)


def default_rank_bands() -> list:
    """After docs/formats.md §5.D2: 1–3名 5分, 4–6名 3分, 7–10名 1分."""
    return [[1, 3, "5"], [4, 6, "3"], [7, 10, "1"]]


class AssessmentScheme(Versioned):
    """A year's assessment rules (考核方案); the arithmetic is econdesk.supervision.scoring.

    Bands are lists of [first, last, points]: `rank_bands` by rank from the top, `bottom_bands`
    by position from the bottom (1 = last), used when no top band applies.
    """

    stale_noun = "考核方案"

    year = models.PositiveSmallIntegerField("年度", unique=True)
    name = models.CharField("方案名称", max_length=120)
    rank_bands = models.JSONField("位次计分", default=default_rank_bands, blank=True)
    bottom_bands = models.JSONField("倒数位次扣分", default=list, blank=True)
    tie_cancels = models.BooleanField("并列不计位次分", default=False)
    completion_weight = models.DecimalField(
        "目标完成分值", max_digits=8, decimal_places=2, default=Decimal(10)
    )
    completion_cap = models.DecimalField(
        "目标完成封顶", max_digits=8, decimal_places=2, null=True, blank=True, default=Decimal(12)
    )
    on_time_points = models.DecimalField(
        "按期办结加分", max_digits=6, decimal_places=2, default=Decimal(1)
    )
    overdue_points = models.DecimalField(
        "逾期扣分", max_digits=6, decimal_places=2, default=Decimal(-1)
    )
    indicator_codes = models.JSONField(
        "考核指标", default=list, blank=True, help_text="留空表示所有设有牵头部门的指标"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "考核方案"

    def __str__(self) -> str:
        return self.name
