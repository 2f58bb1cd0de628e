"""The change record: one append-only, hash-chained row per change to business data."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ChangeRecord(models.Model):
    """Who changed what, when, from where, before and after, and why.

    Rows are only ever added. Each carries a keyed hash (HMAC, key outside the database) of
    itself and of the one before it, so an edited or removed row breaks the chain
    (`econdesk audit verify`); database triggers refuse UPDATE and
    DELETE (migration 0002), and AuditHead counts the rows so a removed last one shows too.
    """

    class Action(models.TextChoices):
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        IMPORT = "import", "导入"

    at = models.DateTimeField("时间", db_index=True)
    # No database constraint and nothing done on delete: the row must never change, and the
    # user id is part of its hash. A removed user's entries keep their id and user_name.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    user_name = models.CharField("操作人姓名", max_length=64)
    source = models.CharField("来源", max_length=16, default="web")
    remote_addr = models.CharField("地址", max_length=64, blank=True)
    request_id = models.CharField("请求编号", max_length=64, blank=True)
    action = models.CharField("操作", max_length=8, choices=Action.choices)
    object_type = models.CharField("对象类型", max_length=64, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, db_index=True)
    object_repr = models.CharField("对象", max_length=200)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    reason = models.CharField("原因", max_length=500, blank=True)
    prev_hash = models.CharField("前一条哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)
    # 0: plain SHA-256 (entries written before the audit key, upgraded chains only);
    # 1: HMAC-SHA256 with the key kept outside the database (econdesk/audit/chain.py).
    key_version = models.PositiveSmallIntegerField("签名版本", default=1)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "变更记录"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.get_action_display()} {self.object_repr}"


class AuditHead(models.Model):
    """The checkpoint of the chain: how many entries there are and the last one's hash.

    One row (pk 1), updated in the transaction of every entry. The chain alone cannot show
    that its newest entries were cut off; the checkpoint can. Triggers refuse to delete it or
    to move its count back.
    """

    entries = models.PositiveBigIntegerField("记录条数", default=0)
    last_id = models.BigIntegerField("最后一条编号", default=0)
    last_hash = models.CharField("最后一条哈希", max_length=64, blank=True)
    updated_at = models.DateTimeField("更新时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "变更记录检查点"

    def __str__(self) -> str:
        return f"共{self.entries}条，最后一条第{self.last_id}条"
