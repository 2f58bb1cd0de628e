"""Major-project pages: list with filters, detail, edit, monthly investment, procedures, problems."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.accounts.models import Department
from econdesk.audit.changes import to_form
from econdesk.projects import warnings as project_warnings
from econdesk.projects.forms import MonthEntryForm, ProblemForm, ProcedureEntryForm, ProjectForm
from econdesk.projects.models import (
    Enrolment,
    IndustryChain,
    MajorProject,
    ProjectMonth,
    ProjectProblem,
    SizeClass,
    Stage,
)
from econdesk.projects.services import (
    MonthInput,
    ProcedureInput,
    save_months,
    save_problem,
    save_procedures,
    save_project,
)
from econdesk.projects.views.common import get_for_user, region_for, save_form

FILTERS = ("stage", "chain", "department", "enrolment", "size", "q")


def filtered_projects(request, region):
    qs = permissions.visible(
        request.user, "projects.read", MajorProject.objects.filter(region=region)
    ).select_related("industry_chain", "lead_department", "leader")
    f = {name: query.text(request.GET, name) for name in FILTERS}
    if f["stage"]:
        qs = qs.filter(stage=f["stage"])
    if query.object_id(request.GET, "chain") is not None:
        qs = qs.filter(industry_chain_id=f["chain"])
    if query.object_id(request.GET, "department") is not None:
        qs = qs.filter(lead_department_id=f["department"])
    if f["enrolment"]:
        qs = qs.filter(enrolment=f["enrolment"])
    if f["size"]:
        qs = qs.filter(size_class=f["size"])
    if f["q"]:
        qs = qs.filter(Q(name__contains=f["q"]) | Q(owner__contains=f["q"]))
    return qs, f


@login_required
def project_list(request):
    """The register with filters by stage, industry chain, department; totals by stage."""
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    qs, chosen = filtered_projects(request, region)
    year = timezone.localdate().year
    projects = list(qs)
    done = dict(
        ProjectMonth.objects.filter(project__in=projects, year=year)
        .values("project_id")
        .annotate(total=Sum("completed"))
        .values_list("project_id", "total")
    )
    for p in projects:
        p.ytd = done.get(p.pk) or Decimal(0)
        p.plan_share = (
            p.ytd / p.annual_plan * 100 if p.annual_plan and p.plan_year == year else None
        )
    by_stage = {
        row["stage"]: row
        for row in MajorProject.objects.filter(region=region)
        .values("stage")
        .annotate(n=Count("id"), total=Sum("total_investment"))
    }
    context = {
        "region": region,
        "projects": projects,
        "chosen": chosen,
        "year": year,
        "stages": [(s, label, by_stage.get(s)) for s, label in Stage.choices],
        "chains": IndustryChain.objects.filter(is_active=True),
        "departments": Department.objects.filter(is_active=True),
        "enrolments": Enrolment.choices,
        "sizes": SizeClass.choices,
        "total": sum((p.total_investment for p in projects), Decimal(0)),
    }
    return render(request, "projects/project_list.html", context)


@login_required
def project_detail(request, pk):
    project = get_for_user(request, MajorProject, pk)
    today = timezone.localdate()
    context = {
        "project": project,
        "months": project.months.filter(year=project.plan_year),
        "procedures": project.procedures.all(),
        "problems": project.problems.select_related("lead_department"),
        "funding": project.funding.all(),
        "deal": getattr(project, "deal", None),
        "warnings": [
            w
            for w in project_warnings.warnings(project.region, today)
            if w.subject == "project" and w.subject_id == project.pk
        ],
    }
    return render(request, "projects/project_detail.html", context)


@login_required
def project_edit(request, pk=None):
    """Create (no pk) or edit a project; the version field refuses stale saves."""
    region = region_for(request)
    if pk is None:
        permissions.require(request.user, "projects.edit")
        project = MajorProject(region=region, plan_year=timezone.localdate().year)
    else:
        project = get_for_user(request, MajorProject, pk, "projects.edit")
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    context = {"project": project if pk else None, "title": "编辑项目" if pk else "新增重大项目"}
    if request.method != "POST":
        return render(request, "projects/project_form.html", {**context, "form": form})

    def save(f):
        return save_project(request.user, f.instance, expected_version=f.expected_version)

    return save_form(request, form, save, "/projects/{pk}/", "projects/project_form.html", context)


@login_required
def project_months(request, pk):
    """Monthly investment entry (月度投资) for the project's plan year."""
    project = get_for_user(request, MajorProject, pk, "projects.edit")
    year = query.year(request.GET) or project.plan_year
    rows = list(ProjectMonth.objects.filter(project=project, year=year))
    form = MonthEntryForm(request.POST or None, months=rows,
                          initial={"version": project.version})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        entries = [
            MonthInput(m, d[f"planned_{m}"], d[f"completed_{m}"], d[f"progress_{m}"])
            for m in range(1, 13)
        ]
        try:
            changed = save_months(request.user, project, year, entries,
                                  expected_version=d["version"])  # fmt: skip
        except ValidationError as exc:
            to_form(form, exc)
        else:
            messages.success(request, f"已保存{year}年月度投资（{changed}个月有变动）。")
            return redirect("projects:detail", pk=project.pk)
    context = {"project": project, "year": year, "form": form}
    return render(
        request, "projects/project_months.html", context, status=400 if form.errors else 200
    )


@login_required
def project_procedures(request, pk):
    project = get_for_user(request, MajorProject, pk, "projects.edit")
    form = ProcedureEntryForm(request.POST or None, procedures=project.procedures.all(),
                              initial={"version": project.version})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        entries = [
            ProcedureInput(
                kind, d[f"planned_{kind}"], d[f"actual_{kind}"], d[f"responsible_{kind}"]
            )  # fmt: skip
            for kind in project.procedures.model.Kind.values
        ]
        try:
            save_procedures(request.user, project, entries, expected_version=d["version"])
        except ValidationError as exc:
            to_form(form, exc)
        else:
            messages.success(request, "已保存项目手续。")
            return redirect("projects:detail", pk=project.pk)
    context = {"project": project, "form": form}
    return render(request, "projects/project_procedures.html", context,
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
def problem_edit(request, pk, problem_pk=None):
    """Add or handle a problem needing coordination (问题协调)."""
    project = get_for_user(request, MajorProject, pk, "projects.edit")
    if problem_pk is None:
        problem = ProjectProblem(project=project, raised_on=timezone.localdate())
    else:
        problem = get_object_or_404(ProjectProblem, pk=problem_pk, project=project)
    form = ProblemForm(request.POST or None, instance=problem, user=request.user,
                       initial={"version": project.version})  # fmt: skip
    form.fields["lead_department"].queryset = Department.objects.filter(is_active=True)
    context = {"project": project, "title": "问题协调"}
    if request.method != "POST":
        return render(request, "projects/problem_form.html", {**context, "form": form})

    def save(f):
        return save_problem(request.user, f.instance, expected_version=f.cleaned_data["version"])

    return save_form(request, form, save, f"/projects/{project.pk}/", "projects/problem_form.html",
                     context)  # fmt: skip
