"""Statistics (督办统计, the overdue list) and the assessment (考核): the score table, a
department's lines, the Excel export and the year's scheme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from econdesk.accounts import permissions
from econdesk.audit.changes import to_form
from econdesk.supervision import excel, queries, schemes, scores, scoring
from econdesk.supervision.forms import SchemeForm
from econdesk.supervision.views.common import year_param

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def stats(request):
    """Open, due and overdue tasks by department and by leader; the overdue list."""
    permissions.require(request.user, "supervision.read")
    today = timezone.localdate()
    found = queries.statistics(queries.visible_tasks(request.user), today)
    return render(request, "supervision/stats.html", {"stats": found, "today": today})


@login_required
def overdue_export(request):
    permissions.require(request.user, "supervision.read")
    today = timezone.localdate()
    found = queries.statistics(queries.visible_tasks(request.user), today)
    return _xlsx(excel.overdue_workbook(found.overdue, today), f"逾期督办事项{today}.xlsx")


@login_required
def score_table(request):
    """The score table of ?year= (this year by default), best first."""
    permissions.require(request.user, "supervision.read")
    today = timezone.localdate()
    year = year_param(request, today.year)
    assessment = scores.assess(year, today=today, viewer=request.user)
    rows = [
        {
            "score": s,
            "rank_points": s.subtotal(scoring.RANK, scoring.BOTTOM, scoring.TIE),
            "completion_points": s.subtotal(scoring.COMPLETION),
            "task_points": s.subtotal(scoring.ON_TIME, scoring.OVERDUE),
        }
        for s in assessment.table
    ]
    context = {
        "assessment": assessment,
        "rows": rows,
        "year": year,
        "years": range(today.year + 1, today.year - 4, -1),
        "can_score": permissions.can(request.user, "supervision.score"),
    }
    return render(request, "supervision/scores.html", context)


@login_required
def score_detail(request, year: int, department: int):
    """Every line of one department's score: rule, subject, figure, points."""
    permissions.require(request.user, "supervision.read")
    assessment = scores.assess(year, today=timezone.localdate(), viewer=request.user)
    score = assessment.score_of(department)
    if score is None:
        raise Http404("该单位本年度没有考核得分")
    return render(
        request, "supervision/score_detail.html", {"assessment": assessment, "score": score}
    )


@login_required
def score_export(request, year: int):
    permissions.require(request.user, "supervision.read")
    assessment = scores.assess(year, today=timezone.localdate(), viewer=request.user)
    return _xlsx(excel.score_workbook(assessment), f"{year}年度考核得分.xlsx")


@login_required
def scheme(request, year: int):
    """The year's scheme: bands, weights and task points; saved by the supervisor or admin."""
    permissions.require(request.user, "supervision.read")
    current = schemes.scheme_for(year)
    can_score = permissions.can(request.user, "supervision.score")
    form = SchemeForm(initial=SchemeForm.initial_of(current), scheme=current)
    if request.method == "POST":
        permissions.require(request.user, "supervision.score")
        form = SchemeForm(request.POST, scheme=current)
        if form.is_valid():
            try:
                schemes.save_scheme(
                    request.user,
                    year,
                    expected_version=form.cleaned_data["version"],
                    **form.values(),
                )
                messages.success(request, f"{year}年度考核方案已保存。")
                return redirect(f"/supervision/scores/?year={year}")
            except ValidationError as error:
                to_form(form, error)
    return render(
        request,
        "supervision/scheme.html",
        {"form": form, "year": year, "scheme": current, "can_score": can_score},
        status=400 if form.errors else 200,
    )
