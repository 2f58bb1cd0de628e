"""Meeting pages: the list, one meeting with its decisions and their tasks, the forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from econdesk.accounts import permissions
from econdesk.audit.changes import to_form
from econdesk.ledger.queries import home_region
from econdesk.supervision import meetings, queries
from econdesk.supervision.forms import DecisionForm, MeetingForm
from econdesk.supervision.models import Meeting


@login_required
def meeting_list(request):
    permissions.require(request.user, "supervision.read")
    rows = Meeting.objects.annotate(
        decision_count=Count("decisions", distinct=True),
        task_count=Count("decisions__tasks", distinct=True),
    )
    return render(
        request,
        "supervision/meeting_list.html",
        {"meetings": rows, "can_assign": permissions.can(request.user, "supervision.assign")},
    )


@login_required
def meeting_detail(request, pk: int, decision_form=None):
    """A meeting, its agenda and decisions; each decision with the tasks the user may see."""
    permissions.require(request.user, "supervision.read")
    meeting = get_object_or_404(Meeting, pk=pk)
    visible = set(queries.visible_tasks(request.user).values_list("pk", flat=True))
    decisions = list(meeting.decisions.select_related("lead_department").prefetch_related("tasks"))
    for decision in decisions:
        decision.visible_tasks = [t for t in decision.tasks.all() if t.pk in visible]
    context = {
        "meeting": meeting,
        "decisions": decisions,
        "can_assign": permissions.can(request.user, "supervision.assign"),
        "decision_form": decision_form or DecisionForm(),
    }
    return render(
        request,
        "supervision/meeting_detail.html",
        context,
        status=400 if decision_form is not None else 200,
    )


@login_required
def meeting_form(request, pk: int | None = None):
    """Register a meeting (with its decisions, one per line) or edit one."""
    permissions.require(request.user, "supervision.assign")
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if meeting is None:
                    meeting = meetings.create_meeting(
                        request.user,
                        title=data["title"],
                        held_on=data["held_on"],
                        host=data["host"],
                        agenda=data["agenda"],
                        region=home_region(),
                        decisions=form.decision_lines(),
                    )
                else:
                    meeting = meetings.update_meeting(
                        request.user,
                        meeting,
                        title=data["title"],
                        held_on=data["held_on"],
                        host=data["host"],
                        agenda=data["agenda"],
                        expected_version=data.get("version") or 0,
                    )
                messages.success(request, f"已保存：{meeting}")
                return redirect("supervision:meeting", pk=meeting.pk)
            except ValidationError as error:
                to_form(form, error)
    elif meeting is not None:
        form = MeetingForm(
            initial={
                "title": meeting.title,
                "held_on": meeting.held_on,
                "host": meeting.host,
                "agenda": meeting.agenda,
                "version": meeting.version,
            }
        )
    else:
        form = MeetingForm()
    if meeting is not None:
        form.fields.pop("decisions")  # decisions are added one by one on the meeting's page
    return render(
        request,
        "supervision/meeting_form.html",
        {"form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def decision_add(request, pk: int):
    permissions.require(request.user, "supervision.assign")
    meeting = get_object_or_404(Meeting, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            meetings.add_decision(
                request.user,
                meeting,
                content=form.cleaned_data["content"],
                lead_department=form.cleaned_data["lead_department"],
            )
            messages.success(request, "已添加议定事项。")
            return redirect("supervision:meeting", pk=meeting.pk)
        except ValidationError as error:
            to_form(form, error)
    return meeting_detail(request, pk, decision_form=form)
