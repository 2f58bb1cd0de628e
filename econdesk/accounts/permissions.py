"""Who may do what, and which rows: the one rule book that pages, the API, commands and the back
office ask.

- ``RULES`` has one row per role: the actions it may take and the attributes that narrow them
  (scoped to a department, may read other departments' drafts, enters the back office, files
  register rows for any region). Adding a role is: the role (accounts.models.Role), its row
  here; the permission matrix's column follows from it.
- ``can`` / ``require`` answer for one object; ``visible(user, action, queryset)`` narrows a
  list, a select or a change log to the rows the same rules allow (in the spirit of NetBox's
  ``restrict``); ``require_links`` refuses a foreign key to an object the user may not link to.
- ``BACK_OFFICE`` maps each app's back-office screens to the actions above.

Rules follow from roles and attributes (a clerk edits what their department leads), not from
stored grants, so nothing needs re-syncing when a lead department changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from econdesk.accounts.models import Role

ACTION_LABELS = {
    "ledger.read": "查看数据",
    "ledger.import": "导入数据",
    "ledger.edit_target": "维护目标",
    "ledger.edit_catalogue": "维护指标目录",
    "ledger.report_estimate": "填报预计数",
    "ledger.review_estimate": "审核填报",
    "reporting.read": "查看预计数填报",
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

READ_ALL = frozenset(
    {"ledger.read", "reporting.read", "projects.read", "bulletins.read", "supervision.read"}
)


@dataclass(frozen=True)
class RoleRules:
    """One role's row of the rule book."""

    actions: frozenset[str]
    # Object rules: only what the user's department leads (or cooperates on, for tasks).
    department_scoped: bool = False
    # Sees every department's unpublished reports (drafts, submitted, returned).
    reads_drafts: bool = False
    # Enters the back office (/admin/).
    back_office: bool = False
    # Files register rows (projects, deals …) for any region, not only the home district.
    any_region: bool = True


RULES: dict[str, RoleRules] = {
    Role.ADMIN: RoleRules(
        READ_ALL
        | {
            "ledger.import",
            "ledger.edit_target",
            "ledger.edit_catalogue",
            "ledger.report_estimate",
            "ledger.review_estimate",
            "org.manage",
            "audit.read",
            "projects.edit",
            "projects.import",
            "projects.configure",
            "bulletins.issue",
            "bulletins.edit_template",
            "supervision.assign",
            "supervision.score",
        },
        reads_drafts=True,
        back_office=True,
    ),  # fmt: skip
    Role.REVIEWER: RoleRules(
        READ_ALL
        | {
            "ledger.import",
            "ledger.edit_target",
            "ledger.report_estimate",
            "ledger.review_estimate",
            "audit.read",
            "projects.edit",
            "projects.import",
            "bulletins.issue",
            "bulletins.edit_template",
        },
        reads_drafts=True,
    ),  # fmt: skip
    Role.CLERK: RoleRules(
        READ_ALL
        | {
            "ledger.report_estimate",
            "projects.edit",
            "projects.import",
            "supervision.report",
            "supervision.request_close",
        },
        department_scoped=True,
        any_region=False,
    ),  # fmt: skip
    Role.LEADER: RoleRules(READ_ALL | {"audit.read"}),
    Role.SUPERVISOR: RoleRules(
        READ_ALL | {"audit.read", "supervision.assign", "supervision.close", "supervision.score"}
    ),  # fmt: skip
}

# action -> roles allowed, before object rules (derived from RULES, for the matrix and docs)
ROLE_RULES: dict[str, frozenset[str]] = {
    action: frozenset(role for role, row in RULES.items() if action in row.actions)
    for action in ACTION_LABELS
}


@dataclass(frozen=True)
class RoleTableRow:
    action: str
    label: str
    cells: tuple[str, ...]  # per role in RoleTable.roles order: "可", "本单位", or ""


@dataclass(frozen=True)
class RoleTable:
    roles: tuple[tuple[str, str], ...]  # (role, its Chinese name)
    rows: tuple[RoleTableRow, ...]
    notes: tuple[str, ...]  # the attributes that narrow a role, in words


def role_table() -> RoleTable:
    """What each role may do, read off RULES: the 设置 page and docs/permissions.md show it,
    so the table people read is the table the code obeys."""
    roles = tuple((role, Role(role).label) for role in RULES)
    rows = []
    for action, label in ACTION_LABELS.items():
        cells = []
        for role, _ in roles:
            row = RULES[role]
            allowed = action in row.actions
            scoped = allowed and row.department_scoped and action not in READ_ALL
            cells.append("本单位" if scoped else "可" if allowed else "")
        rows.append(RoleTableRow(action, label, tuple(cells)))
    notes = []
    for role, name in roles:
        row = RULES[role]
        words = []
        if row.department_scoped:
            words.append("只能办理本单位牵头（或配合）的对象")
        if not row.any_region:
            words.append("项目等台账只登记本区")
        if row.reads_drafts:
            words.append("可看各单位未发布的填报")
        if row.back_office:
            words.append("可进入后台管理")
        if words:
            notes.append(f"{name}：{'，'.join(words)}。")
    return RoleTable(roles, tuple(rows), tuple(notes))


# The roles whose rights are their department's (who gets a department's notices).
DEPARTMENT_ROLES = frozenset(role for role, row in RULES.items() if row.department_scoped)

# app label -> (action to see its back-office screens, action to add / change / delete there)
BACK_OFFICE = {
    "accounts": ("org.manage", "org.manage"),
    "ledger": ("ledger.read", "ledger.edit_catalogue"),
    "audit": ("audit.read", "org.manage"),
    "projects": ("projects.read", "projects.configure"),
    "supervision": ("supervision.read", "supervision.score"),
}
BACK_OFFICE_DEFAULT = ("org.manage", "org.manage")

NO_RULES = RoleRules(frozenset())


def rules_of(user) -> RoleRules:
    """The user's row of the rule book (no row, no rights: logged out or deactivated)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_RULES
    if user.is_superuser:  # Django's own superuser: the back office's full row
        return RULES[Role.ADMIN]
    return RULES.get(getattr(user, "role", None), NO_RULES)


def enters_back_office(user) -> bool:
    """A role with the back-office attribute, or a superuser; active and logged in."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or rules_of(user).back_office)


def back_office_actions(app_label: str) -> tuple[str, str]:
    return BACK_OFFICE.get(app_label, BACK_OFFICE_DEFAULT)


def scope_label(user) -> str:
    """What a department-scoped user's lists are narrowed to ("经信局"), else ""."""
    if rules_of(user).department_scoped and user.department_id:
        return str(user.department)
    return ""


# --- object rules (department-scoped roles) ------------------------------------------------------


def _leads(user, obj) -> bool | None:
    if not hasattr(obj, "lead_department_id"):
        return None
    return obj.lead_department_id is not None and obj.lead_department_id == user.department_id


def _task_of(obj):
    task = getattr(obj, "supervised_task", obj)
    return task if hasattr(task, "department_ids") else None


def _on_task(user, obj) -> bool | None:
    task = _task_of(obj)
    if task is None:
        return None
    return user.department_id is not None and user.department_id in task.department_ids()


def _leads_task(user, obj) -> bool | None:
    task = _task_of(obj)
    return None if task is None else _leads(user, task)


def _reads_report(user, obj) -> bool | None:
    if not hasattr(obj, "approved_at") or not hasattr(obj, "indicator_id"):
        return None
    if obj.approved_at is not None:
        return True
    mine = user.department_id is not None
    return mine and (
        obj.department_id == user.department_id
        or obj.indicator.lead_department_id == user.department_id
    )


# action -> rule on one object for a department-scoped user (None: the rule does not apply)
OBJECT_RULES: dict[str, Callable] = {
    "projects.edit": _leads,
    "projects.import": _leads,
    "ledger.report_estimate": _leads,
    "supervision.read": _on_task,
    "supervision.report": _on_task,
    "supervision.request_close": _leads_task,
    "reporting.read": _reads_report,
}


def _unpublished_report(user, obj) -> bool | None:
    """Who does not read drafts and is not scoped (a leader, a supervisor) reads published ones."""
    if not hasattr(obj, "approved_at") or not hasattr(obj, "indicator_id"):
        return None
    return obj.approved_at is not None


def can(user, action: str, obj=None) -> bool:
    """True when `user` may do `action` (on `obj`, where the rule depends on it)."""
    if action not in ACTION_LABELS:
        raise KeyError(f"unknown action {action!r}")
    rules = rules_of(user)
    if action not in rules.actions:
        return False
    if obj is None:
        return True
    if action == "reporting.read" and not rules.reads_drafts and not rules.department_scoped:
        answer = _unpublished_report(user, obj)
        return True if answer is None else answer
    if rules.department_scoped and (rule := OBJECT_RULES.get(action)) is not None:
        answer = rule(user, obj)
        return True if answer is None else answer
    return True


def refusal_message(user, action: str, obj=None) -> str:
    what = ACTION_LABELS.get(action, action)
    if user is None or not getattr(user, "is_authenticated", False):
        return f"请先登录后再{what}。"
    rules = rules_of(user)
    if action in rules.actions and obj is not None and not can(user, action, obj):
        mine = user.department or "您的单位"
        if action == "supervision.request_close":
            task = _task_of(obj)
            return f"“{task}”由{task.lead_department}牵头，只有牵头单位可以申请办结，{mine}不能。"
        if action in ("supervision.read", "supervision.report"):
            task = _task_of(obj)
            return f"“{task}”由{task.lead_department}牵头，{mine}不是牵头或配合单位，无权{what}。"
        if action == "reporting.read":
            return f"“{obj}”尚未审核发布，只有填报单位和审核人员可以查看。"
        lead = getattr(obj, "lead_department", None)
        verb = "填报" if action == "ledger.report_estimate" else "修改"
        return f"“{obj}”由{lead or '其他单位'}牵头，{mine}无权{verb}。"
    label = Role(user.role).label if user.role in Role.values else user.role
    return f"您的角色（{label}）无权{what}。"


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied with a Chinese reason unless `user` may do `action`."""
    if not can(user, action, obj):
        raise PermissionDenied(refusal_message(user, action, obj))


# --- lists: which rows ------------------------------------------------------------------------------


def _home_region_q(user, qs):
    from econdesk.ledger.queries import home_region

    home = home_region()
    return qs.filter(pk=home.pk) if home is not None else qs.none()


def _lead_q(user, qs):
    return qs.filter(lead_department_id=user.department_id)


def _task_q(user, qs):
    tasks = apps.get_model("supervision", "SupervisedTask")
    mine = Q(lead_department_id=user.department_id) | Q(
        cooperating_departments__id=user.department_id
    )
    return qs.filter(pk__in=tasks.objects.filter(mine).values("pk"))


def _report_q(user, qs):
    own = Q(department_id=user.department_id) | Q(indicator__lead_department_id=user.department_id)
    return qs.filter(own | Q(approved_at__isnull=False))


REGISTER_MODELS = ("MajorProject", "InvestmentDeal", "UpwardFunding", "Enterprise",
                   "EnterpriseRequest", "ProjectProblem")  # fmt: skip

# (action, model label) -> the narrowing for a department-scoped user. Models not listed are
# not narrowed for that action (every active user with the action sees them all).
SCOPES: dict[tuple[str, str], Callable] = {
    **{("projects.edit", f"projects.{m}"): _lead_q for m in REGISTER_MODELS},
    **{("projects.import", f"projects.{m}"): _lead_q for m in REGISTER_MODELS},
    ("projects.edit", "ledger.Region"): _home_region_q,
    ("ledger.report_estimate", "ledger.Indicator"): _lead_q,
    ("supervision.read", "supervision.SupervisedTask"): _task_q,
    ("supervision.report", "supervision.SupervisedTask"): _task_q,
    ("reporting.read", "reporting.EstimateReport"): _report_q,
}

# A change record is shown to whoever may read the object it is about: the record of a model
# listed here needs that action on the object; other records need audit.read only.
RECORD_READS = {
    "reporting.EstimateReport": "reporting.read",
    "supervision.SupervisedTask": "supervision.read",
}


def _published_q(user, qs):
    return qs.filter(approved_at__isnull=False)


def visible(user, action: str, queryset):
    """The rows of `queryset` that `user` may `action`: none without the action, all for an
    unscoped role, the department's own for a department-scoped one."""
    if action not in ACTION_LABELS:
        raise KeyError(f"unknown action {action!r}")
    rules = rules_of(user)
    if action not in rules.actions:
        return queryset.none()
    label = queryset.model._meta.label
    if label == "audit.ChangeRecord":
        return _visible_records(user, queryset)
    if action == "reporting.read" and not rules.reads_drafts and not rules.department_scoped:
        return _published_q(user, queryset) if label == "reporting.EstimateReport" else queryset
    if rules.department_scoped and (scope := SCOPES.get((action, label))) is not None:
        if user.department_id is None:  # in no department: what is everyone's, else nothing
            return _published_q(user, queryset) if scope is _report_q else queryset.none()
        return scope(user, queryset)
    return queryset


def _narrowed(rules: RoleRules, action: str, label: str) -> bool:
    if action not in rules.actions:
        return True
    if action == "reporting.read" and not rules.reads_drafts and not rules.department_scoped:
        return label == "reporting.EstimateReport"
    return rules.department_scoped and (action, label) in SCOPES


def _visible_records(user, records):
    rules = rules_of(user)
    for label, action in RECORD_READS.items():
        if not _narrowed(rules, action, label):
            continue  # every object of the kind is readable, so is every record of it
        model = apps.get_model(label)
        everything = model._default_manager.all()
        shown = visible(user, action, everything).values("pk")
        hidden = [str(pk) for pk in everything.exclude(pk__in=shown).values_list("pk", flat=True)]
        if hidden:
            records = records.exclude(object_type=label, object_id__in=hidden)
    return records


def may_read_record(user, record) -> bool:
    """One change record: audit.read, and the object it is about readable (see RECORD_READS)."""
    if not can(user, "audit.read"):
        return False
    return _visible_records(user, type(record).objects.filter(pk=record.pk)).exists()


# --- links: the foreign keys a user sets -----------------------------------------------------------


def link_refusal(user, action: str, field, target) -> str | None:
    """Why `user` may not point `field` at `target` under `action` (None: they may)."""
    label = target._meta.label
    if not rules_of(user).department_scoped or (action, label) not in SCOPES:
        return None
    if visible(user, action, type(target)._default_manager.filter(pk=target.pk)).exists():
        return None
    name = field.verbose_name
    mine = user.department or "您的单位"
    if label == "ledger.Region":
        return f"{name}“{target}”不是本区，{mine}只能在本区的台账中登记。"
    lead = getattr(target, "lead_department", None)
    owner = f"由{lead}牵头" if lead is not None else "不属于您的单位"
    return f"{name}“{target}”{owner}，{mine}不能关联。"


def link_problems(user, action: str, obj, before: dict | None = None) -> dict[str, str]:
    """Each foreign key of `obj` that is new or changed since `before` (the stored row's
    snapshot, by attname) and points at an object `user` may not link to, by field name."""
    problems = {}
    if not rules_of(user).department_scoped:
        return problems
    for field in obj._meta.concrete_fields:
        if not field.is_relation or not (field.many_to_one or field.one_to_one):
            continue
        value = getattr(obj, field.attname)
        if value is None or (before is not None and before.get(field.attname) == value):
            continue
        target = field.related_model._default_manager.filter(pk=value).first()
        if target is None:
            continue
        if text := link_refusal(user, action, field, target):
            problems[field.name] = text
    return problems


def require_links(user, action: str, obj, before: dict | None = None) -> None:
    """Raise PermissionDenied (the reasons in Chinese) if a foreign key of `obj` points at an
    object the user may not link to."""
    if problems := link_problems(user, action, obj, before):
        raise PermissionDenied("；".join(problems.values()))
