"""Departments (单位), leaders in charge (分管区领导) and users with one role each."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Department(models.Model):
    """A government unit (单位) that leads indicators, projects and tasks: 发改局, 统计局 …"""

    name = models.CharField("名称", max_length=64, unique=True)
    short_name = models.CharField("简称", max_length=32, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = verbose_name_plural = "单位"

    def __str__(self) -> str:
        return self.name


class Leader(models.Model):
    """A district leader in charge (分管区领导) who answers for a set of indicators."""

    name = models.CharField("姓名", max_length=32)
    title = models.CharField("职务", max_length=64, help_text="如：副区长")
    portfolio = models.CharField("分管领域", max_length=200, blank=True)
    user = models.OneToOneField(
        "accounts.User",
        verbose_name="登录账户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leader_profile",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = "分管区领导"

    def __str__(self) -> str:
        return f"{self.title}{self.name}"


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    REVIEWER = "reviewer", "数据审核"
    CLERK = "clerk", "单位填报"
    LEADER = "leader", "领导"
    SUPERVISOR = "supervisor", "督查"


class User(AbstractUser):
    """A person who logs in. One role; clerks belong to the department they report for."""

    display_name = models.CharField("姓名", max_length=32, blank=True)
    role = models.CharField("角色", max_length=16, choices=Role.choices, default=Role.LEADER)
    department = models.ForeignKey(
        Department,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label
