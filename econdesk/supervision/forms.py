"""Forms of the supervision pages: they read what users type; the services decide the rest."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from econdesk.accounts.models import Department, Leader
from econdesk.supervision.models import Decision, TaskSource
from econdesk.supervision.schemes import bands_text, parse_bands
from econdesk.supervision.services import TaskDraft

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_NODE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})\s+(.+?)\s*$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _departments():
    return Department.objects.filter(is_active=True)


class TaskForm(forms.Form):
    """交办 or edit a task. Milestones are typed one per line: "2026-05-31 完成企业走访"."""

    title = forms.CharField(label="事项名称", max_length=120)
    content = forms.CharField(label="督办内容", widget=forms.Textarea(attrs={"rows": 5}))
    source = forms.ChoiceField(label="来源", choices=TaskSource.choices)
    decision = forms.ModelChoiceField(
        label="议定事项",
        queryset=Decision.objects.select_related("meeting").order_by("-meeting__held_on", "number"),
        required=False,
    )
    lead_department = forms.ModelChoiceField(label="牵头单位", queryset=_departments())
    cooperating = forms.ModelMultipleChoiceField(
        label="配合单位",
        queryset=_departments(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leader = forms.ModelChoiceField(
        label="分管区领导", queryset=Leader.objects.all(), required=False
    )
    deadline = forms.DateField(label="办结时限", widget=DATE)
    milestones = forms.CharField(
        label="节点（每行一个：日期 内容）",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2026-05-31 完成重点企业走访"}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_milestones(self) -> list[dict]:
        nodes = []
        for line in (self.cleaned_data.get("milestones") or "").splitlines():
            if not line.strip():
                continue
            match = _NODE.match(line)
            try:
                due = date.fromisoformat(_pad(match.group(1))) if match else None
            except ValueError:
                due = None
            if due is None:
                raise ValidationError(f"“{line.strip()}”应写成“2026-05-31 节点内容”。")
            nodes.append({"title": match.group(2), "due": due.isoformat()})
        return nodes

    def draft(self, **extra) -> TaskDraft:
        data = self.cleaned_data
        return TaskDraft(
            title=data["title"],
            content=data["content"],
            source=data["source"],
            decision=data.get("decision"),
            lead_department=data["lead_department"],
            cooperating=list(data.get("cooperating") or []),
            leader=data.get("leader"),
            deadline=data["deadline"],
            milestones=data["milestones"],
            **extra,
        )

    @staticmethod
    def initial_of(task) -> dict:
        return {
            "title": task.title,
            "content": task.content,
            "source": task.source,
            "decision": task.decision_id,
            "lead_department": task.lead_department_id,
            "cooperating": [d.pk for d in task.cooperating_departments.all()],
            "leader": task.leader_id,
            "deadline": task.deadline,
            "milestones": "\n".join(f"{m['due']} {m['title']}" for m in task.milestones),
            "version": task.version,
        }


def _pad(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


class MeetingForm(forms.Form):
    title = forms.CharField(label="会议名称", max_length=120)
    held_on = forms.DateField(label="召开日期", widget=DATE)
    host = forms.CharField(label="主持人", max_length=64, required=False)
    agenda = forms.CharField(label="议程", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    decisions = forms.CharField(
        label="议定事项（每行一项）", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def decision_lines(self) -> list[str]:
        text = self.cleaned_data.get("decisions") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class DecisionForm(forms.Form):
    content = forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 3}))
    lead_department = forms.ModelChoiceField(
        label="建议牵头单位", queryset=_departments(), required=False
    )


class ReportForm(forms.Form):
    """报送进展 (or 申请办结 with the same fields)."""

    text = forms.CharField(label="办理情况", widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label="附件")
    done_milestones = forms.MultipleChoiceField(
        label="已完成节点", required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = task.milestones if task is not None else []
        self.fields["done_milestones"].choices = [
            (str(i), f"{m['due']} {m['title']}")
            for i, m in enumerate(nodes)
            if not m.get("done_on")
        ]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="退回原因", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CloseForm(forms.Form):
    text = forms.CharField(label="审核意见", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RemindForm(forms.Form):
    note = forms.CharField(label="催办说明", max_length=150, required=False)


class RulesForm(forms.Form):
    yellow_days = forms.IntegerField(label="临近时限天数（黄色）", min_value=0, max_value=60)
    warning_deadline_days = forms.IntegerField(
        label="预警一键立项的办理天数", min_value=1, max_value=365
    )
    remind_cooperating = forms.BooleanField(label="同时催办配合单位", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class IndicatorChoice(forms.MultipleChoiceField):
    """Indicators ticked by name; the scheme stores their codes. An empty value is none."""

    def to_python(self, value):
        return [v for v in super().to_python(value) if v]


def indicator_choices(kept=()) -> list[tuple[str, str]]:
    """The active indicators by name (catalogue order), and any the scheme still names."""
    from econdesk.ledger.models import Indicator

    rows = Indicator.objects.filter(is_active=True).order_by("sort_order", "id")
    choices = [(i.code, i.name) for i in rows.only("code", "name")]
    known = {code for code, _ in choices}
    gone = dict(Indicator.objects.filter(code__in=set(kept) - known).values_list("code", "name"))
    choices += [(c, f"{gone.get(c, '已删除的指标')}（已停用）") for c in kept if c not in known]
    return choices


class SchemeForm(forms.Form):
    """A year's scheme; bands typed as "1-3:5, 4-6:3"."""

    name = forms.CharField(label="方案名称", max_length=120)
    rank_bands = forms.CharField(label="位次计分（名次:分值）", required=False)
    bottom_bands = forms.CharField(label="倒数位次扣分（倒数名次:分值）", required=False)
    tie_cancels = forms.BooleanField(label="并列不计位次分", required=False)
    completion_weight = forms.DecimalField(label="目标完成分值（完成率×分值）", decimal_places=2)
    completion_cap = forms.DecimalField(label="目标完成封顶分", decimal_places=2, required=False)
    on_time_points = forms.DecimalField(label="每项按期办结加分", decimal_places=2)
    overdue_points = forms.DecimalField(label="每项逾期扣分（填负数）", decimal_places=2)
    indicator_codes = IndicatorChoice(
        label="考核指标（不选为全部指标）",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["indicator_codes"]
        field.choices = indicator_choices(scheme.indicator_codes if scheme else ())

    def chosen_indicators(self) -> str:
        """The indicators of the scheme by name, for a reader who may not change it."""
        names = dict(self.fields["indicator_codes"].choices)
        codes = self["indicator_codes"].value() or []
        return "、".join(names.get(c, "已删除的指标") for c in codes) or "全部指标"

    def clean_rank_bands(self):
        return parse_bands(self.cleaned_data.get("rank_bands"))

    def clean_bottom_bands(self):
        return parse_bands(self.cleaned_data.get("bottom_bands"))

    def clean_indicator_codes(self):
        return list(self.cleaned_data.get("indicator_codes") or [])

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data

    @staticmethod
    def initial_of(scheme) -> dict:
        return {
            "name": scheme.name,
            "rank_bands": bands_text(scheme.rank_bands),
            "bottom_bands": bands_text(scheme.bottom_bands),
            "tie_cancels": scheme.tie_cancels,
            "completion_weight": scheme.completion_weight,
            "completion_cap": scheme.completion_cap,
            "on_time_points": scheme.on_time_points,
            "overdue_points": scheme.overdue_points,
            "indicator_codes": list(scheme.indicator_codes or []),
            "version": scheme.version,
        }
