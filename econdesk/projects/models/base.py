"""What every register row shares: its place, its version (optimistic locking) and timestamps."""

from __future__ import annotations

from datetime import date

from django.db import models

from econdesk.audit.changes import Versioned


class Register(Versioned):
    """A row of one of the registers: where it is, who answers for it, and its version.

    ``version`` (from :class:`~econdesk.audit.changes.Versioned`) is 1 for a new row and grows
    by one with every saved change; a form or API call based on an older version is refused, so
    two people never overwrite each other silently.
    """

    region = models.ForeignKey(
        "ledger.Region", verbose_name="所在地区", on_delete=models.PROTECT, related_name="+"
    )
    lead_department = models.ForeignKey(
        "accounts.Department",
        verbose_name="牵头部门",
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField("备注", max_length=500, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


def month_start(value: date | None) -> date | None:
    """The first day of the value's month: months are stored as dates (2026-03-01 = 2026年3月)."""
    return None if value is None else value.replace(day=1)


def month_label(value: date | None) -> str:
    return "" if value is None else f"{value.year}年{value.month}月"
