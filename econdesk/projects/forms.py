"""Forms of the registers. They only read input; services.py validates and writes."""

from __future__ import annotations

from django import forms

from econdesk.accounts import permissions
from econdesk.projects.models import (
    Enterprise,
    EnterpriseRequest,
    InvestmentDeal,
    MajorProject,
    ProjectProblem,
    ProjectProcedure,
    ScaleThreshold,
    UpwardFunding,
)

MONEY_STEP = {"step": "0.0001"}
MISSING_VERSION = "页面缺少版本号，请刷新后再提交。"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MonthInput(forms.DateInput):
    """<input type=month>: shows and reads 2026-03."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A month, stored as its first day."""

    widget = MonthInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m", "%Y-%m-%d", "%Y/%m", "%Y年%m月"])
        super().__init__(**kwargs)

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


def _widgets(model, months=()):
    widgets = {}
    for field in model._meta.concrete_fields:
        if field.get_internal_type() == "DateField":
            widgets[field.name] = MonthInput() if field.name in months else DateInput()
    return widgets


class VersionedForm(forms.ModelForm):
    """A model form carrying the version it was read at (optimistic locking: required when
    editing, so a POST that leaves it out is refused), whose selects offer only the objects
    the user may link to (the rule book's ``visible``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    month_fields: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound and hasattr(self.instance, "version"):
            self.initial["version"] = self.instance.version
        for name in self.month_fields:
            if name in self.fields:
                old = self.fields[name]
                self.fields[name] = MonthField(label=old.label, required=old.required,
                                               help_text=old.help_text)  # fmt: skip
        if user is not None:
            # Only what the user may link to (a clerk: their own department, its projects and
            # enterprises); the door checks it again when saving.
            for field in self.fields.values():
                if isinstance(field, forms.ModelChoiceField):
                    field.queryset = permissions.visible(user, "projects.edit", field.queryset)
        dept = self.fields.get("lead_department")
        if dept is not None:
            dept.queryset = dept.queryset.filter(is_active=True)
            if user is not None and permissions.scope_label(user):
                # A department-scoped user files rows for their own department (the object
                # rule); a problem's 责任单位 on the API may still name another.
                dept.queryset = dept.queryset.filter(pk=user.department_id)
                dept.initial = user.department_id

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("version") is None:  # the lost-update check is required
            raise forms.ValidationError(MISSING_VERSION, code="stale")
        return data

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version") if self.instance.pk else None

    def _post_clean(self):
        # Build the instance from the form but leave model validation to the service, which
        # reports every problem in one place (and the same way for the API and imports).
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields,
                                                        opts.exclude)  # fmt: skip


class ProjectForm(VersionedForm):
    month_fields = ("enrolment_month", "expected_enrolment_month")

    class Meta:
        model = MajorProject
        fields = [
            "name", "code", "category", "industry_chain", "content", "owner", "total_investment",
            "plan_year", "annual_plan", "completed_before_year", "stage", "planned_start",
            "actual_start", "planned_completion", "actual_completion", "leader",
            "lead_department", "enrolment", "enrolment_month", "expected_enrolment_month",
            "enrolment_probability", "image_progress", "note",
        ]  # fmt: skip
        widgets = {**_widgets(MajorProject), "content": forms.Textarea(attrs={"rows": 3})}


class ProblemForm(VersionedForm):
    class Meta:
        model = ProjectProblem
        fields = ["description", "lead_department", "responsible_person", "raised_on",
                  "deadline", "status", "handling", "resolved_on"]  # fmt: skip
        widgets = {**_widgets(ProjectProblem), "description": forms.Textarea(attrs={"rows": 3}),
                   "handling": forms.Textarea(attrs={"rows": 3})}  # fmt: skip


class DealForm(VersionedForm):
    class Meta:
        model = InvestmentDeal
        fields = ["name", "investor", "industry_chain", "content", "amount", "stage", "signed_on",
                  "registered_on", "registered_name", "registered_capital", "started_on",
                  "operating_on", "funds_in_place", "lead_department", "contact", "note"]  # fmt: skip
        widgets = {**_widgets(InvestmentDeal), "content": forms.Textarea(attrs={"rows": 2})}


class FundingForm(VersionedForm):
    class Meta:
        model = UpwardFunding
        fields = ["programme", "title", "project", "year", "applied_amount", "applied_on",
                  "approved_amount", "approved_on", "received_amount", "received_on", "rejected",
                  "lead_department", "note"]  # fmt: skip
        widgets = _widgets(UpwardFunding)


class EnterpriseForm(VersionedForm):
    month_fields = ("revenue_month", "expected_entry_month", "enrolled_month")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = ScaleThreshold.objects.filter(applies_to="enterprise")

    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "sector", "revenue_to_date", "revenue_month",
                  "revenue_last_year", "status", "expected_entry_month", "enrolled_month",
                  "entry_probability", "lead_department", "contact", "note"]  # fmt: skip


class RequestForm(VersionedForm):
    class Meta:
        model = EnterpriseRequest
        fields = ["enterprise", "enterprise_name", "kind", "description", "raised_on",
                  "lead_department", "deadline", "status", "outcome", "closed_on"]  # fmt: skip
        labels = {"lead_department": "承办单位"}
        widgets = {**_widgets(EnterpriseRequest),
                   "description": forms.Textarea(attrs={"rows": 3}),
                   "outcome": forms.Textarea(attrs={"rows": 3})}  # fmt: skip


def _money(label, **kwargs):
    return forms.DecimalField(label=label, required=False, min_value=0, max_digits=18,
                              decimal_places=4, widget=forms.NumberInput(attrs=MONEY_STEP),
                              **kwargs)  # fmt: skip


class MonthEntryForm(forms.Form):
    """A year of monthly investment: plan, completion and image progress per month (万元)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, months=None, **kwargs):
        super().__init__(*args, **kwargs)
        for m in range(1, 13):
            self.fields[f"planned_{m}"] = _money(f"{m}月计划投资（万元）")
            self.fields[f"completed_{m}"] = _money(f"{m}月完成投资（万元）")
            self.fields[f"progress_{m}"] = forms.CharField(
                label=f"{m}月形象进度", required=False, max_length=200
            )
        if months and not self.is_bound:
            for row in months:
                self.initial[f"planned_{row.month}"] = row.planned
                self.initial[f"completed_{row.month}"] = row.completed
                self.initial[f"progress_{row.month}"] = row.progress

    def rows(self):
        """The bound fields per month, for the template's table."""
        return [
            (m, self[f"planned_{m}"], self[f"completed_{m}"], self[f"progress_{m}"])
            for m in range(1, 13)
        ]


class ProcedureEntryForm(forms.Form):
    """The five procedures (手续) with planned and actual dates."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, procedures=None, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in ProjectProcedure.Kind.choices:
            self.fields[f"planned_{kind}"] = forms.DateField(
                label=f"{label}计划办结", required=False, widget=DateInput()
            )
            self.fields[f"actual_{kind}"] = forms.DateField(
                label=f"{label}实际办结", required=False, widget=DateInput()
            )
            self.fields[f"responsible_{kind}"] = forms.CharField(
                label=f"{label}责任单位及责任人", required=False, max_length=100
            )
        if procedures and not self.is_bound:
            for p in procedures:
                self.initial[f"planned_{p.kind}"] = p.planned_date
                self.initial[f"actual_{p.kind}"] = p.actual_date
                self.initial[f"responsible_{p.kind}"] = p.responsible

    def rows(self):
        return [
            (label, self[f"planned_{kind}"], self[f"actual_{kind}"], self[f"responsible_{kind}"])
            for kind, label in ProjectProcedure.Kind.choices
        ]
