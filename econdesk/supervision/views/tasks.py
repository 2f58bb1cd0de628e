"""Task pages: the list, one task with its timeline and actions, the form, reminders, files.

Each view checks access first (the rule book), then calls a service and renders. A refusal
becomes the site's Chinese 403 page; a validation problem shows on the form.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.accounts.models import Department, Leader
from econdesk.audit.changes import to_form
from econdesk.supervision import queries, reminders, services
from econdesk.supervision.forms import CloseForm, RemindForm, ReportForm, ReturnForm, TaskForm
from econdesk.supervision.models import (
    Decision,
    Reminder,
    TaskAttachment,
    TaskRules,
    TaskSource,
    TaskStatus,
)
from econdesk.supervision.views.common import task_for_user


@login_required
def index(request):
    """The tasks the user may see, with their colours; filters by status, department, leader."""
    permissions.require(request.user, "supervision.read")
    today = timezone.localdate()
    visible = queries.visible_tasks(request.user)
    tasks = queries.with_colours(queries.filter_tasks(visible, request.GET), today)
    tasks.sort(key=lambda t: (t.status == TaskStatus.CLOSED, t.deadline, t.pk))  # open first
    if (colour := request.GET.get("colour")) in ("red", "yellow", "green"):
        tasks = [t for t in tasks if t.colour.color == colour and t.status != TaskStatus.CLOSED]
    context = {
        "tasks": tasks,
        "today": today,
        "counts": queries.status_counts(visible),
        "statuses": TaskStatus.choices,
        "departments": Department.objects.filter(is_active=True),
        "leaders": Leader.objects.all(),
        "params": request.GET,
        "unread": reminders.unread_count(request.user),
        "can_assign": permissions.can(request.user, "supervision.assign"),
        "scope": permissions.scope_label(request.user),  # "经信局" for a department-scoped role
    }
    return render(request, "supervision/index.html", context)


@login_required
def detail(request, pk: int):
    task = task_for_user(request, pk)
    return _render_detail(request, task)


def _render_detail(request, task, *, report_form=None, return_form=None, status=200):
    user = request.user
    today = timezone.localdate()
    events = task.events.prefetch_related("attachments").order_by("at", "id")
    can_report = task.is_open and permissions.can(user, "supervision.report", task)
    requested = task.status == TaskStatus.CLOSURE_REQUESTED
    context = {
        "task": task,
        "colour": queries.colour_of(task, today),
        "today": today,
        "events": events,
        "can_report": can_report,
        "can_request_close": can_report
        and permissions.can(user, "supervision.request_close", task),
        "can_close": requested and permissions.can(user, "supervision.close", task),
        "can_assign": permissions.can(user, "supervision.assign")
        and task.status != TaskStatus.CLOSED,
        "report_form": report_form or ReportForm(task=task, initial={"version": task.version}),
        "return_form": return_form or ReturnForm(initial={"version": task.version}),
        "close_form": CloseForm(initial={"version": task.version}),
        "remind_form": RemindForm(),
        "max_upload_mb": settings.ECONDESK_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "supervision/task_detail.html", context, status=status)


@login_required
def task_form(request, pk: int | None = None):
    """交办 a new task (optionally from ?decision=<id>) or edit one."""
    permissions.require(request.user, "supervision.assign")
    task = task_for_user(request, pk) if pk else None
    if request.method == "POST":
        form = TaskForm(request.POST)
        if form.is_valid():
            try:
                if task is None:
                    task = services.create_task(request.user, form.draft())
                    messages.success(request, f"已交办：{task.number}")
                else:
                    task = services.update_task(
                        request.user,
                        task,
                        form.draft(
                            region=task.region,
                            source_ref=task.source_ref,
                            source_figures=task.source_figures,
                            assigned_on=task.assigned_on,
                        ),
                        expected_version=form.cleaned_data.get("version"),
                    )
                    messages.success(request, "已保存修改。")
                return redirect("supervision:task", pk=task.pk)
            except ValidationError as error:
                to_form(form, error)
    elif task is not None:
        form = TaskForm(initial=TaskForm.initial_of(task))
    else:
        form = TaskForm(initial=_initial_from_decision(query.object_id(request.GET, "decision")))
    status = 400 if form.errors else 200
    return render(
        request, "supervision/task_form.html", {"form": form, "task": task}, status=status
    )


def _initial_from_decision(decision_id) -> dict:
    initial = {"source": TaskSource.INSTRUCTION}
    if decision_id and str(decision_id).isdigit():
        decision = Decision.objects.select_related("meeting").filter(pk=decision_id).first()
        if decision is not None:
            initial.update(
                source=TaskSource.DECISION,
                decision=decision.pk,
                title=decision.content[:60],
                content=f"{decision.meeting}议定：{decision.content}",
                lead_department=decision.lead_department_id,
            )
    return initial


@login_required
@require_POST
def act(request, pk: int):
    """报送进展 or 申请办结 (the button pressed), with the same text and files."""
    closing = request.POST.get("action") == "request_close"
    task = task_for_user(
        request, pk, "supervision.request_close" if closing else "supervision.report"
    )
    form = ReportForm(request.POST, request.FILES, task=task)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if closing:
                services.request_closure(
                    request.user,
                    task,
                    text=data["text"],
                    files=data["files"],
                    expected_version=data["version"],
                )
                messages.success(request, "已申请办结，等待督查审核。")
            else:
                services.report_progress(
                    request.user,
                    task,
                    text=data["text"],
                    files=data["files"],
                    done_milestones=data["done_milestones"],
                    expected_version=data["version"],
                )
                messages.success(request, "进展已报送。")
            return redirect("supervision:task", pk=task.pk)
        except ValidationError as error:
            to_form(form, error)
    return _render_detail(request, task, report_form=form, status=400)


@login_required
@require_POST
def return_task(request, pk: int):
    task = task_for_user(request, pk, "supervision.close")
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_task(
                request.user,
                task,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, "已退回，请牵头单位继续办理。")
            return redirect("supervision:task", pk=task.pk)
        except ValidationError as error:
            to_form(form, error)
    return _render_detail(request, task, return_form=form, status=400)


@login_required
@require_POST
def close(request, pk: int):
    task = task_for_user(request, pk, "supervision.close")
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_task(
                request.user,
                task,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, "已办结销号。")
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    return redirect("supervision:task", pk=task.pk)


@login_required
@require_POST
def remind(request, pk: int):
    permissions.require(request.user, "supervision.assign")
    task = task_for_user(request, pk)
    form = RemindForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    run = reminders.remind(request.user, task, note=note)
    if run.created:
        names = "、".join(str(r.recipient) for r in run.created)
        messages.success(
            request, f"已催办：{names}" + (f"（邮件{run.emailed}封）" if run.emailed else "")
        )
    elif run.skipped:
        messages.info(request, "今天已催办过，未重复发送。")
    else:
        messages.error(request, "牵头单位没有可接收催办的填报账户。")
    return redirect("supervision:task", pk=task.pk)


@login_required
def attachment(request, pk: int):
    """A file of a task, to those who may read the task, under its original name."""
    found = get_object_or_404(TaskAttachment.objects.select_related("task"), pk=pk)
    permissions.require(request.user, "supervision.read", found)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件不存在") from None
    return FileResponse(handle, as_attachment=True, filename=found.name)


@login_required
def reminder_list(request):
    """The user's reminders (催办), newest first; opening the page does not mark them read."""
    permissions.require(request.user, "supervision.read")
    items = Reminder.objects.filter(recipient=request.user).select_related("task")[:200]
    return render(
        request,
        "supervision/reminders.html",
        {"reminders": items, "unread": reminders.unread_count(request.user)},
    )


@login_required
@require_POST
def reminders_read(request):
    permissions.require(request.user, "supervision.read")
    pk = request.POST.get("reminder")
    reminders.mark_read(request.user, int(pk) if pk and pk.isdigit() else None)
    return redirect("supervision:reminders")


@login_required
def rules(request):
    """The colour and reminder rules."""
    from econdesk.supervision import schemes
    from econdesk.supervision.forms import RulesForm

    current = TaskRules.current()
    can_edit = permissions.can(request.user, "supervision.assign")
    permissions.require(request.user, "supervision.read")
    form = RulesForm(
        initial={
            "yellow_days": current.yellow_days,
            "warning_deadline_days": current.warning_deadline_days,
            "remind_cooperating": current.remind_cooperating,
            "version": current.version,
        }
    )
    if request.method == "POST":
        permissions.require(request.user, "supervision.assign")
        form = RulesForm(request.POST)
        if form.is_valid():
            try:
                schemes.save_rules(request.user, **_rules_args(form.cleaned_data))
                messages.success(request, "督办规则已保存。")
                return redirect("supervision:rules")
            except ValidationError as error:
                to_form(form, error)
    return render(
        request,
        "supervision/rules.html",
        {"form": form, "rules": current, "can_edit": can_edit},
        status=400 if form.errors else 200,
    )


def _rules_args(data: dict) -> dict:
    return {
        "yellow_days": data["yellow_days"],
        "warning_deadline_days": data["warning_deadline_days"],
        "remind_cooperating": data["remind_cooperating"],
        "expected_version": data["version"],
    }
