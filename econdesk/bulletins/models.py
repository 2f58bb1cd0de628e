"""Bulletins kept as issued (the archive), their Word templates, and readers' notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["Bulletin", "BulletinKind", "BulletinTemplate", "Notification"]


class BulletinKind(models.TextChoices):
    MONTHLY = "monthly", "经济运行通报"
    MEETING = "meeting", "经济运行分析会会议材料"


class BulletinTemplate(models.Model):
    """A Word template uploaded for one kind of bulletin; the newest active one is used.

    Kept as bytes with its hash, so an issued bulletin can say which template it was filled
    into. Checked on upload by rendering it with the demo document.
    """

    kind = models.CharField("类型", max_length=16, choices=BulletinKind.choices)
    file_name = models.CharField("文件名", max_length=255)
    content = models.BinaryField("模板文件")
    sha256 = models.CharField("文件哈希", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_by_name = models.CharField("上传人姓名", max_length=64)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = verbose_name_plural = "通报模板"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}模板 {self.file_name}"


class Bulletin(models.Model):
    """An issued bulletin (已印发), kept with the data version it was written from.

    ``snapshot`` is the material the document was composed from (the panel with exact
    Decimals, the ids behind each figure, notes, leaders), so regenerating gives the same
    figures after later corrections; ``observation_ids`` lists every observation version the
    panel read, and ``issued_at`` allows re-reading the ledger as it stood then.
    """

    kind = models.CharField("类型", max_length=16, choices=BulletinKind.choices)
    region = models.ForeignKey("ledger.Region", verbose_name="地区", on_delete=models.PROTECT)
    period = models.ForeignKey("ledger.Period", verbose_name="期别", on_delete=models.PROTECT)
    number = models.PositiveIntegerField("期号", help_text="当年同类通报的第几期")
    title = models.CharField("标题", max_length=200)
    issued_at = models.DateTimeField("印发时间")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="印发人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_by_name = models.CharField("印发人姓名", max_length=64)
    snapshot = models.JSONField("生成依据（指标面板快照）")
    observation_ids = models.JSONField("所用数据编号", default=list)
    template_sha256 = models.CharField("模板哈希", max_length=64)
    file_name = models.CharField("文件名", max_length=255)
    content = models.BinaryField("印发文件（.docx）")
    sha256 = models.CharField("文件哈希", max_length=64)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = verbose_name_plural = "已印发通报"
        indexes = [models.Index(fields=["region", "period", "kind"], name="bulletin_lookup")]

    def __str__(self) -> str:
        return self.title  # the title already carries the period and 第N期


class Notification(models.Model):
    """A message to one reader, e.g. that a new bulletin was issued; read once opened."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="bulletin_notifications",
    )
    text = models.CharField("内容", max_length=300)
    link = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "通知"
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text
