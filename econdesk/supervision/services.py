"""The one door for writes to supervised tasks: 待办 → 办理中 → 申请办结 → 已办结 (销号).

Each service checks permission, validates (Chinese messages), then saves the task, appends a
TaskEvent (the page's timeline) and a ChangeRecord (the audit chain), all in one transaction.
A change made from a stale page (its `expected_version` is not the task's) is refused.

    task = create_task(sue, TaskDraft(title=…, content=…, lead_department=经信局,
                                      deadline=date(2026, 12, 15)))
    task = report_progress(colin, task, text="已走访重点企业5家", expected_version=task.version)
    task = request_closure(colin, task, text="已完成", expected_version=task.version)
    task = return_task(sue, task, reason="缺少佐证材料", expected_version=task.version)
    task = close_task(sue, task, expected_version=task.version)     # 销号
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from econdesk import notify
from econdesk.accounts import permissions
from econdesk.audit import changes
from econdesk.audit.services import user_label
from econdesk.supervision import attachments
from econdesk.supervision.models import (
    OPEN_STATUSES,
    SupervisedTask,
    TaskEvent,
    TaskSource,
    TaskStatus,
)

STALE_MESSAGE = changes.stale_message("事项")
MAX_TEXT = 4000
Action = TaskEvent.Action
# What a task's row shows, joined in when it is locked for a change.
RELATED = ("lead_department", "leader")


@dataclass
class TaskDraft:
    """What the supervisor fills in when assigning (交办) or editing a task."""

    title: str
    content: str
    lead_department: object
    deadline: date
    source: str = TaskSource.INSTRUCTION
    cooperating: list = field(default_factory=list)
    leader: object | None = None
    milestones: list[dict] = field(default_factory=list)  # {"title", "due"}
    decision: object | None = None
    region: object | None = None
    source_ref: str = ""
    source_figures: dict = field(default_factory=dict)
    assigned_on: date | None = None


def today_or(day: date | None) -> date:
    return day or timezone.localdate()


# --- the life cycle ---------------------------------------------------------------------------


def create_task(user, draft: TaskDraft, *, today: date | None = None) -> SupervisedTask:
    """Assign a new task (交办); its number is 督〔year〕N号 in the order of assignment."""
    permissions.require(user, "supervision.assign")
    assigned = draft.assigned_on or today_or(today)
    _check_draft(draft, assigned)
    try:
        with transaction.atomic():
            seq = (
                SupervisedTask.objects.filter(year=assigned.year).aggregate(m=Max("seq"))["m"] or 0
            ) + 1
            task = SupervisedTask(
                number=f"督〔{assigned.year}〕{seq}号",
                year=assigned.year,
                seq=seq,
                assigned_on=assigned,
                created_by=user,
            )
            _apply(task, draft)
            changes.commit(user, "supervision.assign", task, None, reason="交办督办事项",
                           m2m={"cooperating_departments": draft.cooperating},
                           validate=False)  # fmt: skip
            text = f"交办{task.lead_department}牵头办理，办结时限{task.deadline:%Y-%m-%d}。"
            add_event(user, task, Action.CREATE, assigned, text)
            notify.emit("task.assigned", task=task)  # same transaction
    except IntegrityError:
        # Two assignments took the same number at once (PostgreSQL): the later one retries.
        raise ValidationError("编号冲突，请重新提交。") from None
    return task


def update_task(
    user, task: SupervisedTask, draft: TaskDraft, *, expected_version: int, today=None
) -> SupervisedTask:
    """Change what was assigned (content, departments, deadline, milestones) of an open task."""
    with transaction.atomic():
        with _editing(user, "supervision.assign", task, expected_version, "修改督办事项") as edit:
            task = edit.obj
            if task.status == TaskStatus.CLOSED:
                raise ValidationError("已办结（销号）的事项不能修改。")
            _check_draft(draft, task.assigned_on)
            done = {(m.get("title"), m.get("due")): m.get("done_on") for m in task.milestones}
            _apply(task, draft)
            for node in task.milestones:
                node["done_on"] = done.get((node["title"], node["due"]))
            edit.m2m["cooperating_departments"] = draft.cooperating
        labels = [_label(name) for name in edit.changed]
        add_event(user, task, Action.EDIT, today_or(today), "修改了" + "、".join(labels) + "。")
    return task


def report_progress(
    user,
    task: SupervisedTask,
    *,
    text: str,
    expected_version: int,
    files=(),
    done_milestones=(),
    today: date | None = None,
) -> SupervisedTask:
    """A department reports progress (报送进展), with attachments and milestones done."""
    permissions.require(user, "supervision.report", task)
    text = _required(text, "text", "请填写办理进展。")
    attachments.check_files(files)
    day = today_or(today)
    with transaction.atomic(), attachments.removing_files_on_error() as stored:
        with _editing(user, "supervision.report", task, expected_version, "报送督办进展") as edit:
            task = edit.obj
            _check_open(task, "报送进展")
            for index in done_milestones:
                node = task.milestones[int(index)] if 0 <= int(index) < len(task.milestones) else {}
                if node and not node.get("done_on"):
                    node["done_on"] = day.isoformat()
            task.status = TaskStatus.IN_PROGRESS
            task.last_report_on = day
        event = add_event(user, task, Action.REPORT, day, text)
        stored.extend(attachments.attach_files(user, task, event, files))
    return task


def request_closure(
    user, task: SupervisedTask, *, text: str, expected_version: int, files=(), today=None
) -> SupervisedTask:
    """The lead department asks to close the task (申请办结), saying what was done."""
    permissions.require(user, "supervision.request_close", task)
    text = _required(text, "text", "请填写办结情况。")
    attachments.check_files(files)
    day = today_or(today)
    with transaction.atomic(), attachments.removing_files_on_error() as stored:
        with _editing(user, "supervision.request_close", task, expected_version, "申请办结") as e:
            task = e.obj
            _check_open(task, "申请办结")
            task.status = TaskStatus.CLOSURE_REQUESTED
            task.finished_on = day
            task.last_report_on = day
        event = add_event(user, task, Action.REQUEST_CLOSE, day, text)
        stored.extend(attachments.attach_files(user, task, event, files))
    return task


def return_task(
    user, task: SupervisedTask, *, reason: str, expected_version: int, today=None
) -> SupervisedTask:
    """The supervisor sends a closure request back (退回) with a reason; work goes on."""
    permissions.require(user, "supervision.close", task)
    reason = _required(reason, "reason", "请填写退回原因。")
    if len(reason) > 500:
        raise ValidationError({"reason": "退回原因不能超过500字。"})
    with transaction.atomic():
        why = f"退回办结申请（{reason}）"
        with _editing(user, "supervision.close", task, expected_version, why) as edit:
            task = edit.obj
            _check_requested(task)
            task.status = TaskStatus.IN_PROGRESS
            task.finished_on = None
            task.return_reason = reason
            task.return_count += 1
        add_event(user, task, Action.RETURN, today_or(today), reason)
        notify.emit("task.returned", task=task)  # same transaction
    return task


def close_task(
    user, task: SupervisedTask, *, expected_version: int, text: str = "", today=None
) -> SupervisedTask:
    """The supervisor approves the closure request: the task is closed (办结销号)."""
    permissions.require(user, "supervision.close", task)
    day = today_or(today)
    with transaction.atomic():
        with _editing(user, "supervision.close", task, expected_version, "办结销号") as edit:
            task = edit.obj
            _check_requested(task)
            task.status = TaskStatus.CLOSED
            task.closed_on = day
            task.closed_by = user
            task.return_reason = ""
        late = (task.finished_on - task.deadline).days
        verdict = "按期办结" if late <= 0 else f"逾期{late}天办结"
        add_event(user, task, Action.CLOSE, day, f"审核通过，办结销号（{verdict}）。{text}".strip())
        notify.emit("task.closed", task=task)  # same transaction
    return task


# --- helpers ------------------------------------------------------------------------------------


def _label(name: str) -> str:
    """A changed field's name as the timeline writes it (its verbose_name: 办结时限, 配合单位)."""
    try:
        return str(SupervisedTask._meta.get_field(name.removesuffix("_id")).verbose_name)
    except Exception:  # noqa: BLE001 - a key that is no field is shown as it is
        return name


def _editing(user, action: str, task: SupervisedTask, expected_version, reason: str):
    """The door's edit of a task: locked at `expected_version` (None is stale: a page or
    client must send the version it read), saved and recorded when the block ends."""
    if expected_version is None:
        raise changes.StaleEdit(task)
    return changes.editing(user, action, task, expected_version=expected_version,
                           reason=reason, related=RELATED)  # fmt: skip


def add_event(user, task, action: str, day: date, text: str = "") -> TaskEvent:
    """Append a step to the task's timeline, stamped on `day` (the time of day is now's: a
    back-dated step, as the demo makes, still sorts by its day)."""
    now = timezone.now()
    if day != timezone.localdate():
        now = timezone.make_aware(datetime.combine(day, timezone.localtime(now).time()))
    return TaskEvent.objects.create(
        task=task,
        action=action,
        user=user if getattr(user, "pk", None) else None,
        user_name=user_label(user),
        department=getattr(user, "department", None),
        on=day,
        at=now,
        text=text,
    )


def _check_open(task: SupervisedTask, what: str) -> None:
    if task.status not in OPEN_STATUSES:
        raise ValidationError(f"该事项当前为“{task.get_status_display()}”，不能{what}。")


def _check_requested(task: SupervisedTask) -> None:
    if task.status != TaskStatus.CLOSURE_REQUESTED:
        raise ValidationError(f"该事项当前为“{task.get_status_display()}”，不在申请办结状态。")


def _required(text: str, name: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({name: message})
    if len(text) > MAX_TEXT:
        raise ValidationError({name: f"内容不能超过{MAX_TEXT}字。"})
    return text


def _apply(task: SupervisedTask, draft: TaskDraft) -> None:
    task.title = draft.title.strip()
    task.content = draft.content.strip()
    task.source = draft.source
    task.decision = draft.decision
    task.lead_department = draft.lead_department
    task.leader = draft.leader
    task.deadline = draft.deadline
    task.region = draft.region
    task.source_ref = draft.source_ref[:80]
    task.source_figures = draft.source_figures
    nodes = sorted(draft.milestones, key=lambda m: (str(m["due"]), m["title"]))
    task.milestones = [
        {"title": m["title"].strip(), "due": str(m["due"]), "done_on": None} for m in nodes
    ]


def _check_draft(draft: TaskDraft, assigned: date) -> None:
    errors: dict[str, str] = {}
    if not (draft.title or "").strip():
        errors["title"] = "请填写事项名称。"
    elif len(draft.title.strip()) > 120:
        errors["title"] = "事项名称不能超过120字。"
    if not (draft.content or "").strip():
        errors["content"] = "请填写督办内容。"
    if draft.lead_department is None:
        errors["lead_department"] = "请选择牵头单位。"
    elif any(d.pk == draft.lead_department.pk for d in draft.cooperating):
        errors["cooperating"] = "牵头单位不必再列为配合单位。"
    if draft.deadline is None:
        errors["deadline"] = "请填写办结时限。"
    elif draft.deadline < assigned:
        errors["deadline"] = f"办结时限不能早于交办日期（{assigned:%Y-%m-%d}）。"
    if draft.source not in TaskSource.values:
        errors["source"] = "来源不正确。"
    elif draft.source == TaskSource.DECISION and draft.decision is None:
        errors["decision"] = "来源为会议议定事项时，请选择议定事项。"
    for node in draft.milestones:
        if not str(node.get("title", "")).strip():
            errors["milestones"] = "每个节点都要有内容。"
        elif draft.deadline and date.fromisoformat(str(node["due"])) > draft.deadline:
            errors["milestones"] = f"节点“{node['title']}”的日期晚于办结时限。"
    if errors:
        raise ValidationError(errors)
