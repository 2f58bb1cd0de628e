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


class LoginAttempt(models.Model):
    """Failed logins counted per user name and per client address, shared by every process.

    One row per (scope, key). Failures inside a window add up; at the limit the key is locked
    until `locked_until`. An administrator unlocks by clearing the row (admin action 解除锁定).
    The rules live in econdesk/accounts/security.py.
    """

    class Scope(models.TextChoices):
        USERNAME = "username", "用户名"
        ADDRESS = "address", "来源地址"

    scope = models.CharField("类别", max_length=8, choices=Scope.choices)
    key = models.CharField("用户名或地址", max_length=150)
    failures = models.PositiveIntegerField("窗口内失败次数", default=0)
    window_started_at = models.DateTimeField("计数开始", null=True, blank=True)
    last_failure_at = models.DateTimeField("最近失败", null=True, blank=True)
    last_address = models.CharField("最近失败地址", max_length=64, blank=True)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True, db_index=True)
    lock_count = models.PositiveIntegerField("累计锁定次数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败与锁定"
        ordering = ["-last_failure_at"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="login_attempt_scope_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key}"

    def is_locked(self, now=None) -> bool:
        from django.utils import timezone

        return self.locked_until is not None and self.locked_until > (now or timezone.now())
