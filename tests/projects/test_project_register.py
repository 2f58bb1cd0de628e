"""A major project's life cycle through the services: validation, audit, rights, versions."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from econdesk.audit.models import ChangeRecord
from econdesk.projects.models import (
    MajorProject,
    ProjectMonth,
    ProjectProblem,
    size_class_of,
)
from econdesk.projects.services import (
    STALE_PROJECT,
    MonthInput,
    ProcedureInput,
    StaleEdit,
    save_months,
    save_problem,
    save_procedures,
    save_project,
)
from tests.projects.conftest import dept

D = Decimal
TODAY = date(2026, 11, 27)


def records(obj):
    return ChangeRecord.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk))


def test_it_follows_a_project_from_planning_to_operating(people, make_project):
    clerk = people["clerk"]  # 经信局, which leads the project
    p = make_project(stage="planning", actual_start=None, planned_start=date(2026, 3, 1),
                     user=clerk)  # fmt: skip
    assert p.version == 1 and p.get_size_class_display() == "十亿级"
    create = records(p).get()
    assert create.action == "create" and create.user == clerk and create.before is None

    for stage in ("reserve", "signed", "preparation", "to_start"):
        p.stage = stage
        save_project(clerk, p, expected_version=p.version)
    save_procedures(clerk, p, [ProcedureInput("approval", date(2026, 1, 10), date(2026, 1, 8)),
                               ProcedureInput("permit", date(2026, 2, 20))],
                    expected_version=p.version)  # fmt: skip
    p.refresh_from_db()
    p.stage, p.actual_start = "construction", date(2026, 3, 5)
    save_project(clerk, p, expected_version=p.version)
    save_months(clerk, p, 2026, [MonthInput(3, D(2000), D(1800), "基础开挖"),
                                 MonthInput(4, D(2500), D(2600))],
                expected_version=p.version, today=TODAY)  # fmt: skip
    p.refresh_from_db()
    p.enrolment, p.enrolment_month = "enrolled", date(2026, 4, 15)
    save_project(clerk, p, expected_version=p.version)
    p.stage, p.actual_completion = "completed", date(2026, 10, 30)
    save_project(clerk, p, expected_version=p.version)
    p.stage = "operating"
    save_project(clerk, p, expected_version=p.version)

    p.refresh_from_db()
    assert p.stage == "operating" and p.enrolment_month == date(2026, 4, 1)
    assert p.version == 11  # create, 4 stages, procedures, start, months, enrol, finish, operate
    updates = records(p).filter(action="update")
    assert updates.count() == 8
    last = updates.last()
    assert (last.before["stage"], last.before["version"]) == ("completed", 10)
    assert (last.after["stage"], last.after["version"]) == ("operating", 11)
    assert set(last.after) == {"stage", "version"}  # updated_at says nothing of its own
    months = ProjectMonth.objects.filter(project=p).order_by("month")
    assert [(m.month, m.completed) for m in months] == [(3, D(1800)), (4, D(2600))]
    assert records(months[0]).get().after["progress"] == "基础开挖"


@pytest.mark.parametrize(
    ("total", "label"),
    [("9999.99", "亿元以下"), ("10000", "亿元级"), ("99999", "亿元级"), ("100000", "十亿级"),
     ("1000000", "百亿级")],
)  # fmt: skip
def test_it_classes_projects_by_total_investment(total, label):
    from econdesk.projects.models import SizeClass

    assert SizeClass(size_class_of(D(total))).label == label


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"stage": "construction", "actual_start": None}, "actual_start", "须填写实际开工日期"),
        ({"stage": "preparation"}, "stage", "阶段应为在建"),
        ({"stage": "completed"}, "actual_completion", "须填写实际竣工日期"),
        ({"enrolment": "enrolled"}, "enrolment_month", "须填写入库月份"),
        ({"planned_start": date(2026, 5, 1), "planned_completion": date(2026, 4, 1)},
         "planned_completion", "早于计划开工"),
    ],
)  # fmt: skip
def test_it_refuses_an_inconsistent_project(make_project, fields, field, words):
    with pytest.raises(ValidationError) as refusal:
        make_project(**fields)
    assert words in " ".join(refusal.value.message_dict[field])
    assert not MajorProject.objects.exists() and not ChangeRecord.objects.filter(
        object_type="projects.MajorProject").exists()  # fmt: skip


def test_it_enrols_only_projects_of_500_wan_or_more(make_project):
    with pytest.raises(ValidationError, match="低于入库标准500万元"):
        make_project(total_investment=D("499.99"), enrolment="enrolled",
                     enrolment_month=date(2026, 3, 1))  # fmt: skip
    p = make_project(
        total_investment=D(500), enrolment="enrolled", enrolment_month=date(2026, 3, 1)
    )
    assert p.is_enrolled


def test_it_refuses_a_stale_save(people, make_project):
    p = make_project()
    mine = MajorProject.objects.get(pk=p.pk)
    theirs = MajorProject.objects.get(pk=p.pk)
    theirs.image_progress = "主体封顶"
    save_project(people["reviewer"], theirs, expected_version=1)
    mine.image_progress = "基础施工"
    with pytest.raises(StaleEdit) as refusal:
        save_project(people["clerk"], mine, expected_version=1)
    assert refusal.value.message == STALE_PROJECT == "该项目已被他人修改，请刷新后再提交"
    assert MajorProject.objects.get(pk=p.pk).image_progress == "主体封顶"


def test_it_lets_a_department_edit_only_its_own_projects(people, make_project):
    p = make_project()  # led by 经信局
    p.image_progress = "设备安装"
    save_project(people["clerk"], p, expected_version=p.version)
    p.image_progress = "试生产"
    with pytest.raises(PermissionDenied, match="由区经济和信息化局牵头，区商务局无权修改"):
        save_project(people["other_clerk"], p, expected_version=p.version)
    # Nor can another department take the project over by naming itself as lead.
    p.lead_department = dept("商务局")
    with pytest.raises(PermissionDenied):
        save_project(people["other_clerk"], p, expected_version=p.version)
    with pytest.raises(PermissionDenied, match="领导"):
        save_project(people["leader"], p, expected_version=p.version)
    assert MajorProject.objects.get(pk=p.pk).lead_department == dept("经信局")


def test_it_refuses_completed_investment_for_a_month_not_yet_begun(people, make_project):
    p = make_project()
    with pytest.raises(ValidationError, match="2026年12月尚未到来"):
        save_months(people["clerk"], p, 2026, [MonthInput(12, None, D(1))], today=TODAY)
    save_months(people["clerk"], p, 2026, [MonthInput(12, D(3000), None)], today=TODAY)
    assert ProjectMonth.objects.get(project=p).planned == D(3000)


def test_it_removes_an_emptied_month_and_records_what_it_held(people, make_project):
    p = make_project()
    save_months(people["clerk"], p, 2026, [MonthInput(5, D(100), D(90))], today=TODAY)
    changed = save_months(people["clerk"], p, 2026, [MonthInput(5), MonthInput(6)], today=TODAY)
    assert changed == 1 and not ProjectMonth.objects.filter(project=p).exists()
    deleted = ChangeRecord.objects.get(object_type="projects.ProjectMonth", action="delete")
    assert deleted.before["completed"] == "90.0000" and deleted.after is None


def test_it_bumps_the_project_version_with_each_monthly_entry(people, make_project):
    p = make_project()
    save_months(people["clerk"], p, 2026, [MonthInput(3, D(1))], expected_version=1, today=TODAY)
    with pytest.raises(StaleEdit):
        save_months(people["clerk"], p, 2026, [MonthInput(3, D(2))], expected_version=1,
                    today=TODAY)  # fmt: skip
    with pytest.raises(PermissionDenied):
        save_months(people["other_clerk"], p, 2026, [MonthInput(3, D(2))], today=TODAY)
    assert MajorProject.objects.get(pk=p.pk).version == 2


def test_it_tracks_a_problem_until_it_is_resolved(people, make_project):
    p = make_project()
    problem = ProjectProblem(project=p, description="用地指标不足", raised_on=date(2026, 9, 1),
                             lead_department=dept("发改局"), deadline=date(2026, 10, 31))  # fmt: skip
    save_problem(people["clerk"], problem)
    problem.status = "resolved"
    with pytest.raises(ValidationError) as refusal:
        save_problem(people["clerk"], problem)
    assert set(refusal.value.message_dict) == {"handling", "resolved_on"}
    problem.handling, problem.resolved_on = "市自然资源局调剂指标30亩", date(2026, 10, 20)
    save_problem(people["clerk"], problem)
    assert records(problem).count() == 2
    assert ProjectProblem.objects.get().status == "resolved"
