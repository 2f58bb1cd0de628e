"""Gap-closure pages (缺口闭合), warnings (预警), and the ledger's Excel import and export."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.projects import gapclosure
from econdesk.projects import warnings as project_warnings
from econdesk.projects.excel import ImportRefused, export_ledger, import_ledger
from econdesk.projects.models import MajorProject, ProjectRules
from econdesk.projects.views.common import region_for
from econdesk.projects.views.projects import filtered_projects

MAX_UPLOAD = 10 * 1024 * 1024


@login_required
def fai_closure(request):
    """The FAI gap beside enrolled projects' scheduled work and the pipeline's potential."""
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    result = gapclosure.fai_closure(region, choice=request.GET.get("gap"))
    context = {"region": region, "c": result, "kind": "fai", "coverage": _coverage(result),
               "backfill": ProjectRules.current().backfill_prior_work}  # fmt: skip
    return render(request, "projects/closure.html", context)


def _coverage(result):
    """The share of the gap the registers cover, in % (None without a gap)."""
    plan = result.plan
    if plan is None or not plan.gap:
        return None
    return min(plan.covered / plan.gap * 100, 100)


@login_required
def output_closure(request):
    """The industrial-output gap beside the scale-up candidates (升规入统)."""
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    result = gapclosure.output_closure(region, choice=request.GET.get("gap"))
    context = {"region": region, "c": result, "kind": "output", "coverage": _coverage(result)}
    return render(request, "projects/closure.html", context)


def _today(request) -> date:
    try:
        return date.fromisoformat(request.GET.get("today", ""))
    except ValueError:
        return timezone.localdate()


@login_required
def warning_list(request):
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    today = _today(request)
    found = project_warnings.warnings(region, today)
    department = query.object_id(request.GET, "department")
    if department is not None:
        found = [w for w in found if w.department_id == department]
    departments = sorted({(w.department_id, w.department) for w in found}, key=lambda d: d[1])
    context = {
        "region": region,
        "today": today,
        "warnings": found,
        "red": sum(w.color == "red" for w in found),
        "yellow": sum(w.color == "yellow" for w in found),
        "departments": departments,
        "chosen": str(department) if department is not None else "",
        "rules": ProjectRules.current(),
    }
    return render(request, "projects/warning_list.html", context)


@login_required
def ledger_export(request):
    """The (filtered) project ledger as .xlsx."""
    permissions.require(request.user, "projects.read")
    region = region_for(request)
    qs, _ = filtered_projects(request, region)
    year = timezone.localdate().year
    data = export_ledger(qs.order_by("id"), year, f"{region.name}重大项目台账")
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"{region.name}重大项目台账-{year}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
def ledger_import(request):
    """Upload a ledger: every row is checked first; nothing is written unless all pass."""
    permissions.require(request.user, "projects.import")
    region = region_for(request)
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = ["请选择要导入的台账文件（.xlsx）。"]
        elif upload.size > MAX_UPLOAD:
            errors = ["文件超过10MB，请拆分后导入。"]
        else:
            try:
                result = import_ledger(request.user, region, upload.read(), upload.name)
            except ImportRefused as exc:
                errors = exc.errors
            else:
                messages.success(
                    request,
                    f"导入完成：新增项目{result.created}个，更新{result.updated}个，"
                    f"月度投资变动{result.months}条。",
                )
                return redirect("projects:list")
    context = {"region": region, "errors": errors,
               "count": MajorProject.objects.filter(region=region).count()}  # fmt: skip
    return render(request, "projects/ledger_import.html", context, status=400 if errors else 200)
