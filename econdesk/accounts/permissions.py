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
    "projects.read": frozenset(Role.values),
    "projects.edit": frozenset({Role.ADMIN, Role.REVIEWER, Role.CLERK}),
    "projects.import": frozenset({Role.ADMIN, Role.REVIEWER, Role.CLERK}),
    "projects.configure": frozenset({Role.ADMIN}),
    "bulletins.read": frozenset(Role.values),
    "bulletins.issue": frozenset({Role.ADMIN, Role.REVIEWER}),
    "bulletins.edit_template": frozenset({Role.ADMIN, Role.REVIEWER}),
    "supervision.read": frozenset(Role.values),
    "supervision.assign": frozenset({Role.ADMIN, Role.SUPERVISOR}),
    "supervision.report": frozenset({Role.CLERK}),
    "supervision.request_close": frozenset({Role.CLERK}),
    "supervision.close": frozenset({Role.SUPERVISOR}),
    "supervision.score": frozenset({Role.ADMIN, Role.SUPERVISOR}),
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
    "projects.read": "查看项目台账",
    "projects.edit": "修改项目台账",
    "projects.import": "导入项目台账",
    "projects.configure": "维护产业链、入统标准与预警规则",
    "bulletins.read": "查看通报",
    "bulletins.issue": "印发通报",
    "bulletins.edit_template": "维护通报模板",
    "supervision.read": "查看督办事项",
    "supervision.assign": "交办督办事项",
    "supervision.report": "报送督办进展",
    "supervision.request_close": "申请办结",
    "supervision.close": "审核办结（销号）",
    "supervision.score": "维护考核方案",
}

# --- projects: a clerk edits only the rows their department leads (obj.lead_department_id);
# without an object (e.g. to show a 新增 button) the role alone decides.
PROJECT_OBJECT_ACTIONS = frozenset({"projects.edit", "projects.import"})


def _project_rule(user, action: str, obj) -> bool | None:
    """The object rule of the projects actions; None when it does not apply."""
    if action not in PROJECT_OBJECT_ACTIONS or user.role != Role.CLERK or obj is None:
        return None
    lead = getattr(obj, "lead_department_id", None)
    return lead is not None and lead == user.department_id


def _project_refusal(user, action: str, obj) -> str | None:
    if _project_rule(user, action, obj) is not False:
        return None
    lead = getattr(obj, "lead_department", None)
    return f"“{obj}”由{lead or '其他单位'}牵头，{user.department or '您的单位'}无权修改。"


# --- end projects

# --- supervision: a clerk sees and reports only the tasks their department leads or cooperates
# on, and only the lead department asks to close one. Other roles read every task; without an
# object the role alone decides. `obj` is a task (or has .supervised_task) with department_ids().
SUPERVISION_DEPARTMENT_ACTIONS = frozenset({"supervision.read", "supervision.report"})


def _supervision_rule(user, action: str, obj) -> bool | None:
    """The object rule of the supervision actions; None when it does not apply."""
    if not action.startswith("supervision.") or user.role != Role.CLERK or obj is None:
        return None
    task = getattr(obj, "supervised_task", obj)
    if not hasattr(task, "department_ids"):
        return None
    if action == "supervision.request_close":
        lead = task.lead_department_id
        return lead is not None and lead == user.department_id
    if action in SUPERVISION_DEPARTMENT_ACTIONS:
        return user.department_id is not None and user.department_id in task.department_ids()
    return None


def _supervision_refusal(user, action: str, obj) -> str | None:
    if _supervision_rule(user, action, obj) is not False:
        return None
    task = getattr(obj, "supervised_task", obj)
    mine = user.department or "您的单位"
    if action == "supervision.request_close":
        return f"“{task}”由{task.lead_department}牵头，只有牵头单位可以申请办结，{mine}不能。"
    what = ACTION_LABELS[action]
    return f"“{task}”由{task.lead_department}牵头，{mine}不是牵头或配合单位，无权{what}。"


# --- end supervision


def can(user, action: str, obj=None) -> bool:
    """True when `user` may do `action` (on `obj`, where the rule depends on it)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    allowed = ROLE_RULES.get(action)
    if allowed is None:
        raise KeyError(f"unknown action {action!r}")
    if user.role not in allowed:
        return False
    if (project_rule := _project_rule(user, action, obj)) is not None:
        return project_rule
    if (supervision_rule := _supervision_rule(user, action, obj)) is not None:
        return supervision_rule
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
    if user.role in ROLE_RULES.get(action, ()) and (text := _project_refusal(user, action, obj)):
        return text
    if user.role in ROLE_RULES.get(action, ()) and (
        text := _supervision_refusal(user, action, obj)
    ):
        return text
    return f"您的角色（{Role(user.role).label}）无权{what}。"


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied with a Chinese reason unless `user` may do `action`."""
    if not can(user, action, obj):
        raise PermissionDenied(refusal_message(user, action, obj))
