"""Who may do what: the one place that pages, the API and commands ask.

Rules follow from roles and attributes (a clerk edits what their department leads), not from
stored grants, so nothing needs re-syncing when a lead department changes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from econdesk.accounts.models import Role

# action -> roles allowed, before object rules
ROLE_RULES: dict[str, frozenset[str]] = {
    "ledger.read": frozenset(Role.values),
    "ledger.import": frozenset({Role.ADMIN, Role.REVIEWER}),
    "ledger.edit_target": frozenset({Role.ADMIN, Role.REVIEWER}),
    "ledger.edit_catalogue": frozenset({Role.ADMIN}),
    "ledger.report_estimate": frozenset({Role.ADMIN, Role.REVIEWER, Role.CLERK}),
    "ledger.review_estimate": frozenset({Role.ADMIN, Role.REVIEWER}),
    "org.manage": frozenset({Role.ADMIN}),
    "audit.read": frozenset({Role.ADMIN, Role.REVIEWER, Role.SUPERVISOR, Role.LEADER}),
}

ACTION_LABELS = {
    "ledger.read": "查看数据",
    "ledger.import": "导入数据",
    "ledger.edit_target": "维护目标",
    "ledger.edit_catalogue": "维护指标目录",
    "ledger.report_estimate": "填报预计数",
    "ledger.review_estimate": "审核填报",
    "org.manage": "管理单位与用户",
    "audit.read": "查看变更记录",
}


def can(user, action: str, obj=None) -> bool:
    """True when `user` may do `action` (on `obj`, where the rule depends on it)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    allowed = ROLE_RULES.get(action)
    if allowed is None:
        raise KeyError(f"unknown action {action!r}")
    if user.role not in allowed:
        return False
    if action == "ledger.report_estimate" and user.role == Role.CLERK and obj is not None:
        lead = getattr(obj, "lead_department_id", None)
        return lead is not None and lead == user.department_id
    return True


def refusal_message(user, action: str, obj=None) -> str:
    what = ACTION_LABELS.get(action, action)
    if user is None or not getattr(user, "is_authenticated", False):
        return f"请先登录后再{what}。"
    if (
        action == "ledger.report_estimate"
        and user.role == Role.CLERK
        and user.role in ROLE_RULES[action]
        and obj is not None
    ):
        lead = getattr(obj, "lead_department", None)
        return f"“{obj}”由{lead or '其他单位'}牵头，{user.department or '您的单位'}无权填报。"
    return f"您的角色（{Role(user.role).label}）无权{what}。"


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied with a Chinese reason unless `user` may do `action`."""
    if not can(user, action, obj):
        raise PermissionDenied(refusal_message(user, action, obj))
