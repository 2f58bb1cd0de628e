"""Supervision over DRF: the same services and rules as the pages.

Reading needs supervision.read (a clerk sees only the tasks their department leads or
cooperates on); each write calls the service that the page calls. A write must carry the
``version`` it read: a stale one gets 409 "该事项已被他人修改，请刷新后再提交". Validation
problems come back as 400 with Chinese messages; refusals as 403 with the rule book's reason.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a non-numeric id is a 404
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from econdesk.accounts import permissions
from econdesk.accounts.models import Department, Leader
from econdesk.ledger.queries import home_region
from econdesk.supervision import meetings, queries, reminders, scores, services
from econdesk.supervision.models import Decision, Meeting, Reminder, SupervisedTask, TaskSource


class SupervisionReadPermission(BasePermission):
    message = "您无权查看督办事项，请先登录。"

    def has_permission(self, request, view) -> bool:
        return permissions.can(request.user, "supervision.read")


def _require_object(data) -> None:
    """A JSON body that is a list or a bare value is a 400, not an AttributeError."""
    if not hasattr(data, "get"):
        raise serializers.ValidationError({"non_field_errors": ["请求内容应为 JSON 对象。"]})


class MilestoneSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=100)
    due = serializers.DateField()
    done_on = serializers.DateField(required=False, allow_null=True, read_only=True)


class TaskSerializer(serializers.ModelSerializer):
    lead_department_name = serializers.CharField(source="lead_department.name", read_only=True)
    leader_name = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    colour = serializers.SerializerMethodField()

    class Meta:
        model = SupervisedTask
        fields = [
            "id", "number", "title", "content", "source", "source_label", "decision",
            "source_ref", "source_figures", "lead_department", "lead_department_name",
            "cooperating_departments", "leader", "leader_name", "assigned_on", "deadline",
            "milestones", "status", "status_label", "finished_on", "closed_on", "return_reason",
            "return_count", "colour", "version",
        ]  # fmt: skip
        read_only_fields = fields

    def get_leader_name(self, task) -> str:
        return str(task.leader) if task.leader else ""

    def get_colour(self, task) -> dict:
        colour = queries.colour_of(task, timezone.localdate(), self.context.get("rules"))
        return {"color": colour.color, "reasons": list(colour.reasons)}


class TaskInput(serializers.Serializer):
    """What 交办 and 修改 take; ids for departments, leader and decision."""

    title = serializers.CharField(max_length=120)
    content = serializers.CharField()
    source = serializers.ChoiceField(choices=TaskSource.choices, default=TaskSource.INSTRUCTION)
    decision = serializers.PrimaryKeyRelatedField(
        queryset=Decision.objects.all(), required=False, allow_null=True
    )
    lead_department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
    cooperating_departments = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(), many=True, required=False
    )
    leader = serializers.PrimaryKeyRelatedField(
        queryset=Leader.objects.all(), required=False, allow_null=True
    )
    deadline = serializers.DateField()
    milestones = MilestoneSerializer(many=True, required=False)
    version = serializers.IntegerField(required=False, help_text="修改时须回传读取时的版本")

    def draft(self, **extra) -> services.TaskDraft:
        data = self.validated_data
        return services.TaskDraft(
            title=data["title"],
            content=data["content"],
            source=data["source"],
            decision=data.get("decision"),
            lead_department=data["lead_department"],
            cooperating=list(data.get("cooperating_departments") or []),
            leader=data.get("leader"),
            deadline=data["deadline"],
            milestones=[
                {"title": m["title"], "due": m["due"].isoformat()}
                for m in data.get("milestones") or []
            ],
            **extra,
        )


class ReportInput(serializers.Serializer):
    text = serializers.CharField()
    version = serializers.IntegerField()
    done_milestones = serializers.ListField(child=serializers.IntegerField(), required=False)


class ReturnInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField()


class CloseInput(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField()


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """督办事项: list (?status= ?department= ?leader= ?q=), read, 交办, 修改, and the steps."""

    permission_classes = [SupervisionReadPermission]
    serializer_class = TaskSerializer

    def get_queryset(self):
        tasks = queries.visible_tasks(self.request.user)
        return queries.filter_tasks(tasks, self.request.query_params).order_by("deadline", "id")

    def get_object(self):
        task = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        permissions.require(self.request.user, "supervision.read", task)
        return task

    def _done(self, task, code=status.HTTP_200_OK) -> Response:
        task = SupervisedTask.objects.get(pk=task.pk)
        return Response(TaskSerializer(task, context=self.get_serializer_context()).data, code)

    def create(self, request):
        permissions.require(request.user, "supervision.assign")
        given = TaskInput(data=request.data)
        given.is_valid(raise_exception=True)
        task = services.create_task(request.user, given.draft())
        return self._done(task, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        permissions.require(request.user, "supervision.assign")
        task = self.get_object()
        _require_object(request.data)
        base = {
            "title": task.title,
            "content": task.content,
            "source": task.source,
            "decision": task.decision_id,
            "lead_department": task.lead_department_id,
            "cooperating_departments": sorted(d.pk for d in task.cooperating_departments.all()),
            "leader": task.leader_id,
            "deadline": task.deadline,
            "milestones": [{"title": m["title"], "due": m["due"]} for m in task.milestones],
        }
        given = TaskInput(data={**base, **{k: request.data[k] for k in request.data}})
        given.is_valid(raise_exception=True)
        version = request.data.get("version")
        if version is None:
            raise serializers.ValidationError({"version": "修改时须回传读取时的版本号。"})
        draft = given.draft(
            region=task.region,
            source_ref=task.source_ref,
            source_figures=task.source_figures,
            assigned_on=task.assigned_on,
        )
        task = services.update_task(request.user, task, draft, expected_version=version)
        return self._done(task)

    def _report(self, request, fn, action_name, **extra):
        task = self.get_object()
        permissions.require(request.user, action_name, task)
        given = ReportInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        files = request.FILES.getlist("files")
        task = fn(request.user, task, text=data["text"], files=files,
                     expected_version=data["version"], **extra)  # fmt: skip
        return self._done(task)

    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """报送进展 (multipart with files, or JSON)."""
        _require_object(request.data)
        if hasattr(request.data, "getlist"):
            done = request.data.getlist("done_milestones")
        else:
            done = request.data.get("done_milestones") or []
        return self._report(
            request, services.report_progress, "supervision.report", done_milestones=done
        )

    @action(detail=True, methods=["post"], url_path="request-closure")
    def request_closure(self, request, pk=None):
        """申请办结 (the lead department only)."""
        return self._report(request, services.request_closure, "supervision.request_close")

    @action(detail=True, methods=["post"], url_path="return")
    def return_task(self, request, pk=None):
        """退回 a closure request with a reason (the supervisor)."""
        task = self.get_object()
        permissions.require(request.user, "supervision.close", task)
        given = ReturnInput(data=request.data)
        given.is_valid(raise_exception=True)
        task = services.return_task(request.user, task,
                     reason=given.validated_data["reason"],
                     expected_version=given.validated_data["version"])  # fmt: skip
        return self._done(task)

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """办结销号 (the supervisor)."""
        task = self.get_object()
        permissions.require(request.user, "supervision.close", task)
        given = CloseInput(data=request.data)
        given.is_valid(raise_exception=True)
        task = services.close_task(request.user, task,
                     text=given.validated_data["text"],
                     expected_version=given.validated_data["version"])  # fmt: skip
        return self._done(task)

    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        """催办 the lead department now (once per person and day)."""
        task = self.get_object()
        _require_object(request.data)
        run = reminders.remind(request.user, task, note=request.data.get("note", ""))
        return Response({"created": len(run.created), "emailed": run.emailed,
                         "skipped": run.skipped})  # fmt: skip

    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        """The timeline: each step with who, when, text and attachment ids."""
        task = self.get_object()
        rows = task.events.prefetch_related("attachments").order_by("at", "id")
        return Response(
            [
                {
                    "action": e.action,
                    "action_label": e.get_action_display(),
                    "user": e.user_name,
                    "on": e.on,
                    "at": e.at,
                    "text": e.text,
                    "attachments": [
                        {
                            "id": a.pk,
                            "name": a.name,
                            "size": a.size,
                            "url": f"/supervision/attachments/{a.pk}/",
                        }
                        for a in e.attachments.all()
                    ],  # fmt: skip
                }
                for e in rows
            ]
        )


class DecisionSerializer(serializers.ModelSerializer):
    tasks = serializers.SerializerMethodField()

    def get_tasks(self, decision) -> list[int]:
        """The ids of the decision's tasks that the caller may read (the rule book's list)."""
        request = self.context.get("request")
        user = getattr(request, "user", None)
        shown = permissions.visible(user, "supervision.read", decision.tasks.all())
        return sorted(shown.values_list("pk", flat=True))

    class Meta:
        model = Decision
        fields = ["id", "number", "content", "lead_department", "tasks"]


class MeetingSerializer(serializers.ModelSerializer):
    decisions = DecisionSerializer(many=True, read_only=True)
    new_decisions = serializers.ListField(
        child=serializers.CharField(), write_only=True, required=False
    )

    class Meta:
        model = Meeting
        fields = ["id", "title", "held_on", "host", "agenda", "decisions", "new_decisions",
                  "version"]  # fmt: skip
        read_only_fields = ["version"]


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """会议 with their decisions; 登记 with new_decisions; add one with POST …/decisions/."""

    permission_classes = [SupervisionReadPermission]
    serializer_class = MeetingSerializer
    queryset = Meeting.objects.prefetch_related("decisions__tasks")

    def create(self, request):
        permissions.require(request.user, "supervision.assign")
        given = MeetingSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        meeting = meetings.create_meeting(request.user, title=data["title"],
                        held_on=data["held_on"], host=data.get("host", ""),
                        agenda=data.get("agenda", ""), region=home_region(),
                        decisions=data.get("new_decisions", []))  # fmt: skip
        shown = MeetingSerializer(meeting, context=self.get_serializer_context())
        return Response(shown.data, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        permissions.require(request.user, "supervision.assign")
        meeting = self.get_object()
        _require_object(request.data)
        lead = request.data.get("lead_department")
        department = Department.objects.filter(pk=lead).first() if lead else None
        meetings.add_decision(request.user, meeting,
              content=request.data.get("content", ""), lead_department=department)  # fmt: skip
        fresh = Meeting.objects.get(pk=meeting.pk)
        return Response(MeetingSerializer(fresh, context=self.get_serializer_context()).data)


YEAR_PARAM = OpenApiParameter("year", int, description="考核年度，缺省为本年")


class ScoreViewSet(viewsets.ViewSet):
    """考核得分 of ?year= (this year by default): the table; one department's lines by its id."""

    permission_classes = [SupervisionReadPermission]

    def _assessment(self, request):
        today = timezone.localdate()
        year = request.query_params.get("year", "")
        if not (year.isascii() and year.isdigit()):
            return scores.assess(today.year, today=today, viewer=request.user)
        if not 1900 <= int(year) <= 2999:  # year 0 or 10**30 were a ValueError/OverflowError
            raise serializers.ValidationError({"year": "考核年度应为 1900 到 2999 之间的年份。"})
        return scores.assess(int(year), today=today, viewer=request.user)

    @extend_schema(
        operation_id="v1_scores_list",
        parameters=[YEAR_PARAM],
        responses=OpenApiTypes.OBJECT,
        summary="考核得分表",
    )
    def list(self, request):
        found = self._assessment(request)
        return Response(
            {
                "year": found.year,
                "scheme": found.scheme.name,
                "period": found.period.code if found.period else None,
                "as_of": found.as_of,
                "departments": [
                    {
                        "department": s.department_id,
                        "name": s.department,
                        "rank": s.rank,
                        "total": s.total,
                    }
                    for s in found.table
                ],  # fmt: skip
            }
        )

    @extend_schema(
        parameters=[
            YEAR_PARAM,
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="单位编号"),
        ],
        responses=OpenApiTypes.OBJECT,
        summary="某单位的考核得分明细",
    )
    def retrieve(self, request, pk=None):
        found = self._assessment(request)
        score = found.score_of(int(pk)) if str(pk).isdigit() else None
        if score is None:
            return Response({"detail": "该单位本年度没有考核得分。"}, status.HTTP_404_NOT_FOUND)
        return Response(
            {
                "department": score.department_id,
                "name": score.department,
                "rank": score.rank,
                "total": score.total,
                "lines": [
                    {
                        "rule": line.rule,
                        "rule_label": line.rule_label,
                        "subject": line.subject,
                        "figure": line.figure,
                        "points": line.points,
                    }
                    for line in score.lines
                ],  # fmt: skip
            }
        )


class ReminderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reminder
        fields = ["id", "task", "kind", "sent_on", "color", "text", "read_at", "emailed_at"]


class ReminderViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own reminders (催办), newest first; POST …/read/ marks them read."""

    permission_classes = [SupervisionReadPermission]
    serializer_class = ReminderSerializer

    def get_queryset(self):
        return Reminder.objects.filter(recipient=self.request.user)

    @action(detail=False, methods=["post"])
    def read(self, request):
        _require_object(request.data)
        pk = request.data.get("id")
        count = reminders.mark_read(request.user, int(pk) if str(pk).isdigit() else None)
        return Response({"marked": count})
