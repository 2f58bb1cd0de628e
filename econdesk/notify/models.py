"""Channels and subscriptions (configured by the admin), mobile numbers, and the outbox:
events, the messages made from them, and every attempt to send one."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from econdesk.notify.kinds import EVENT_KINDS


class ChannelKind(models.TextChoices):
    WECOM = "wecom", "企业微信/政务微信群机器人"
    DINGTALK = "dingtalk", "钉钉群机器人"
    SMS = "sms", "短信网关"
    EMAIL = "email", "电子邮件"


GROUP_KINDS = frozenset({ChannelKind.WECOM, ChannelKind.DINGTALK})


class Channel(models.Model):
    """Where messages go. Robots post to one group; SMS and e-mail go to people.

    ``url_sealed`` and ``secret_sealed`` hold the webhook address (its key is the robot's
    password) and the signing secret / gateway key encrypted (econdesk/notify/sealing.py), or
    ``env:NAME`` to read them from the environment at send time. Never shown back in full.
    """

    name = models.CharField("名称", max_length=64, unique=True)
    kind = models.CharField("类型", max_length=16, choices=ChannelKind.choices)
    is_active = models.BooleanField("启用", default=True)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name="所属单位的群",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="设置后，督办事项与填报的消息只发该单位牵头或填报的；不设则发全部。",
    )
    url_sealed = models.TextField("地址（加密）", blank=True)
    secret_sealed = models.TextField("密钥（加密）", blank=True)
    keyword = models.CharField("自定义关键词", max_length=32, blank=True)
    request_template = models.TextField("请求模板（JSON）", blank=True)
    success_field = models.CharField("成功判断字段", max_length=64, blank=True)
    success_value = models.CharField("成功判断值", max_length=64, blank=True)
    per_minute = models.PositiveSmallIntegerField("每分钟至多", default=20)
    timeout_seconds = models.PositiveSmallIntegerField("超时（秒）", default=10)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "推送渠道"

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    @property
    def is_group(self) -> bool:
        return self.kind in GROUP_KINDS


class Subscription(models.Model):
    """One kind of event sent to one channel."""

    channel = models.ForeignKey(
        Channel, verbose_name="渠道", on_delete=models.CASCADE, related_name="subscriptions"
    )
    event_kind = models.CharField("事件", max_length=32, choices=EVENT_KINDS)

    class Meta:
        ordering = ["channel_id", "event_kind"]
        verbose_name = verbose_name_plural = "订阅"
        constraints = [
            models.UniqueConstraint(fields=["channel", "event_kind"], name="notify_sub_unique")
        ]

    def __str__(self) -> str:
        return f"{self.channel.name} ← {self.get_event_kind_display()}"


class Contact(models.Model):
    """A person's mobile number for SMS (kept here, beside the account, not in it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="notify_contact",
    )
    mobile = models.CharField("手机号", max_length=16, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "手机号"

    def __str__(self) -> str:
        return f"{self.user} {self.mobile}"


class OutboxEvent(models.Model):
    """One event, written in the transaction of the change it reports. ``dedupe_key`` (when
    set) makes events computed by the timer (due dates, red lights, digests) happen once."""

    kind = models.CharField("事件", max_length=32, choices=EVENT_KINDS)
    payload = models.JSONField("内容")
    dedupe_key = models.CharField("去重键", max_length=160, null=True, blank=True, unique=True)
    created_at = models.DateTimeField("发生时间", auto_now_add=True)
    routed_at = models.DateTimeField("分发时间", null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "待推送事件"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Message(models.Model):
    """One message for one channel (and, for SMS/e-mail, one person)."""

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENDING = "sending", "发送中"
        SENT = "sent", "已送达"
        UNCERTAIN = "uncertain", "结果不明（待确认）"
        FAILED = "failed", "发送失败"

    event = models.ForeignKey(
        OutboxEvent, verbose_name="事件", on_delete=models.PROTECT, related_name="messages"
    )
    channel = models.ForeignKey(
        Channel, verbose_name="渠道", on_delete=models.PROTECT, related_name="messages"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="收件人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField("手机号或邮箱", max_length=254, blank=True)
    idempotency_key = models.CharField("幂等键", max_length=64, unique=True)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文（markdown）")
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField("已尝试", default=0)
    next_attempt_at = models.DateTimeField("下次尝试", db_index=True)
    lease_token = models.CharField("占用标记", max_length=32, blank=True)
    lease_until = models.DateTimeField("占用至", null=True, blank=True)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    sent_at = models.DateTimeField("送达时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "推送消息"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notify_msg_due")]

    def __str__(self) -> str:
        return f"{self.title} → {self.channel.name}"


class Attempt(models.Model):
    """One try to send a message, and what the channel answered. Written before the call
    (``finished_at`` empty) and completed after it: an attempt left open means the sender
    died mid-call and the message may or may not have arrived."""

    class Outcome(models.TextChoices):
        OPEN = "open", "进行中"
        OK = "ok", "成功"
        REFUSED = "refused", "对方拒绝"
        UNREACHABLE = "unreachable", "无法连接"
        TIMEOUT = "timeout", "超时未答复"
        LOST = "lost", "中断（进程退出）"
        CONFIG = "config", "渠道配置错误"

    message = models.ForeignKey(
        Message, verbose_name="消息", on_delete=models.CASCADE, related_name="attempt_log"
    )
    channel = models.ForeignKey(
        Channel, verbose_name="渠道", on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveSmallIntegerField("第几次")
    started_at = models.DateTimeField("开始", db_index=True)
    finished_at = models.DateTimeField("结束", null=True, blank=True)
    outcome = models.CharField("结果", max_length=12, choices=Outcome.choices, default=Outcome.OPEN)
    http_status = models.PositiveSmallIntegerField("HTTP 状态", null=True, blank=True)
    answer = models.CharField("对方答复", max_length=500, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "发送记录"
        indexes = [models.Index(fields=["channel", "started_at"], name="notify_attempt_pace")]

    def __str__(self) -> str:
        return f"第{self.number}次 {self.get_outcome_display()}"


class StatusWatch(models.Model):
    """The lights and ranks last seen for one region and period, to tell a new red light or
    a fall in rank after an import or a published estimate."""

    region = models.ForeignKey("ledger.Region", on_delete=models.CASCADE, related_name="+")
    period_code = models.CharField("期别", max_length=8)
    rows = models.JSONField("各指标颜色与位次")
    seen_at = models.DateTimeField("查看时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "预警观察点"
        constraints = [
            models.UniqueConstraint(fields=["region", "period_code"], name="notify_watch_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.period_code}"
