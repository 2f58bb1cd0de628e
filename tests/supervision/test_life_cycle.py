"""A task's life: 待办 → 办理中 → 申请办结 → 退回 → 申请办结 → 已办结, and what is refused."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain
from econdesk.supervision import services
from econdesk.supervision.models import SupervisedTask, TaskAttachment, TaskStatus
from tests.supervision.conftest import dept

DAY = date(2026, 11, 20)


def test_it_takes_a_task_from_assignment_through_one_return_to_closure(people, make_task):
    sue, colin = people["supervisor"], people["clerk"]
    task = make_task(deadline=date(2026, 12, 15))
    assert (task.number, task.status, task.version) == ("督〔2026〕1号", TaskStatus.PENDING, 1)

    task = services.report_progress(
        colin, task, text="已走访重点企业5家", expected_version=1, today=DAY
    )
    assert (task.status, task.last_report_on) == (TaskStatus.IN_PROGRESS, DAY)
    task = services.request_closure(
        colin, task, text="两家企业已复产", expected_version=2, today=DAY
    )
    assert (task.status, task.finished_on) == (TaskStatus.CLOSURE_REQUESTED, DAY)

    task = services.return_task(
        sue, task, reason="缺少复产佐证材料", expected_version=3, today=date(2026, 11, 25)
    )
    assert (task.status, task.finished_on, task.return_count) == (TaskStatus.IN_PROGRESS, None, 1)
    assert task.return_reason == "缺少复产佐证材料"

    later = date(2026, 12, 2)
    task = services.request_closure(colin, task, text="附电费单", expected_version=4, today=later)
    task = services.close_task(sue, task, expected_version=5, today=date(2026, 12, 3))
    assert (task.status, task.finished_on, task.closed_on, task.closed_by) == (
        TaskStatus.CLOSED, later, date(2026, 12, 3), sue,
    )  # fmt: skip
    assert task.closed_on_time is True
    steps = [(e.action, e.user_name) for e in task.events.order_by("id")]
    assert steps == [
        ("create", "督查员"),
        ("report", "经信填报员"),
        ("request_close", "经信填报员"),
        ("return", "督查员"),
        ("request_close", "经信填报员"),
        ("close", "督查员"),
    ]
    assert "按期办结" in task.events.last().text


def test_it_records_who_changed_what_in_the_audit_chain(people, make_task):
    task = make_task()
    services.report_progress(people["clerk"], task, text="进展", expected_version=1, today=DAY)
    records = ChangeRecord.objects.filter(
        object_type="supervision.SupervisedTask", object_id=task.pk
    )
    assert [r.action for r in records] == ["create", "update"]
    update = records.last()
    assert update.user_name == "经信填报员"
    assert update.before["status"] == "pending" and update.after["status"] == "in_progress"
    assert update.before["version"] == 1 and update.after["version"] == 2
    assert verify_chain() == []


def test_it_refuses_a_clerk_closing_a_task(people, make_task):
    task = make_task()
    colin = people["clerk"]
    services.request_closure(colin, task, text="完成", expected_version=1, today=DAY)
    with pytest.raises(PermissionDenied, match="单位填报.*无权审核办结"):
        services.close_task(colin, task, expected_version=2)
    assert SupervisedTask.objects.get(pk=task.pk).status == TaskStatus.CLOSURE_REQUESTED


def test_it_refuses_a_department_reporting_on_another_departments_task(people, make_task):
    task = make_task()
    with pytest.raises(PermissionDenied) as refusal:
        services.report_progress(people["other_clerk"], task, text="x", expected_version=1)
    assert "区经济和信息化局牵头" in str(refusal.value)
    assert "区商务局不是牵头或配合单位，无权报送督办进展" in str(refusal.value)
    assert SupervisedTask.objects.get(pk=task.pk).version == 1


def test_it_lets_a_cooperating_department_report_but_not_ask_to_close(people, make_task):
    task = make_task(cooperating=("商务局",))
    cora = people["other_clerk"]
    task = services.report_progress(cora, task, text="配合走访", expected_version=1, today=DAY)
    assert task.status == TaskStatus.IN_PROGRESS
    with pytest.raises(PermissionDenied, match="只有牵头单位可以申请办结"):
        services.request_closure(cora, task, text="完成", expected_version=2)


def test_it_refuses_leaders_and_reviewers_any_supervision_write(people, make_task):
    task = make_task()
    for who in ("leader", "reviewer"):
        with pytest.raises(PermissionDenied):
            services.report_progress(people[who], task, text="x", expected_version=1)
        with pytest.raises(PermissionDenied):
            services.create_task(people[who], services.TaskDraft("a", "b", dept("经信局"), DAY))


def test_it_refuses_a_stale_update(people, make_task):
    task = make_task()
    services.report_progress(people["clerk"], task, text="第一次", expected_version=1, today=DAY)
    with pytest.raises(ValidationError, match="该事项已被他人修改，请刷新后再提交"):
        services.report_progress(people["clerk"], task, text="旧页面", expected_version=1)
    assert SupervisedTask.objects.get(pk=task.pk).events.count() == 2


def test_it_refuses_steps_out_of_order_and_a_return_without_reason(people, make_task):
    sue, colin = people["supervisor"], people["clerk"]
    task = make_task()
    with pytest.raises(ValidationError, match="不在申请办结状态"):
        services.close_task(sue, task, expected_version=1)
    services.request_closure(colin, task, text="完成", expected_version=1, today=DAY)
    with pytest.raises(ValidationError, match="请填写退回原因"):
        services.return_task(sue, task, reason="  ", expected_version=2)
    with pytest.raises(ValidationError, match="不能报送进展"):
        services.report_progress(colin, task, text="再报", expected_version=2)
    services.close_task(sue, task, expected_version=2, today=DAY)
    with pytest.raises(ValidationError, match="已办结（销号）的事项不能修改"):
        draft = services.TaskDraft("新名称", "内容", dept("经信局"), DAY)
        services.update_task(sue, task, draft, expected_version=3)


def test_it_validates_what_the_supervisor_assigns(people):
    sue = people["supervisor"]
    draft = services.TaskDraft(
        "", "", dept("经信局"), date(2026, 10, 1), cooperating=[dept("经信局")],
        assigned_on=date(2026, 11, 1), milestones=[{"title": "节点", "due": "2026-12-31"}],
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.create_task(sue, draft)
    assert error.value.message_dict == {
        "title": ["请填写事项名称。"],
        "content": ["请填写督办内容。"],
        "cooperating": ["牵头单位不必再列为配合单位。"],
        "deadline": ["办结时限不能早于交办日期（2026-11-01）。"],
        "milestones": ["节点“节点”的日期晚于办结时限。"],
    }


def test_it_numbers_tasks_per_year_and_keeps_milestones_done_on_edit(people, make_task):
    first = make_task(milestones=[{"title": "走访", "due": "2026-11-30"}])
    second = make_task()
    assert (first.number, second.number) == ("督〔2026〕1号", "督〔2026〕2号")
    task = services.report_progress(
        people["clerk"], first, text="走访完成", done_milestones=[0], expected_version=1, today=DAY
    )
    assert task.milestones == [{"title": "走访", "due": "2026-11-30", "done_on": "2026-11-20"}]
    draft = services.TaskDraft(
        "新名称", "内容", dept("经信局"), date(2026, 12, 31),
        milestones=[{"title": "走访", "due": "2026-11-30"}, {"title": "总结", "due": "2026-12-20"}],
    )  # fmt: skip
    task = services.update_task(people["supervisor"], task, draft, expected_version=2)
    assert [m["done_on"] for m in task.milestones] == ["2026-11-20", None]
    assert task.events.last().text == "修改了事项名称、督办内容、分管区领导、办结时限、节点。"


def test_it_keeps_attachments_under_media_root_with_their_names(people, make_task, settings):
    task = make_task()
    upload = SimpleUploadedFile("复产情况说明.pdf", b"%PDF-1.4 demo", "application/pdf")
    services.report_progress(
        people["clerk"], task, text="见附件", files=[upload], expected_version=1, today=DAY
    )
    saved = TaskAttachment.objects.get()
    assert saved.name == "复产情况说明.pdf" and saved.size == 13
    assert saved.file.path.startswith(str(settings.MEDIA_ROOT))
    assert open(saved.file.path, "rb").read() == b"%PDF-1.4 demo"


def test_it_refuses_an_attachment_above_the_size_limit(people, make_task, settings):
    settings.ECONDESK_MAX_UPLOAD_BYTES = 10
    task = make_task()
    upload = SimpleUploadedFile("大文件.xlsx", b"x" * 11)
    with pytest.raises(ValidationError, match="附件“大文件.xlsx”超过大小限制"):
        services.report_progress(
            people["clerk"], task, text="x", files=[upload], expected_version=1
        )
    assert TaskAttachment.objects.count() == 0
    assert SupervisedTask.objects.get(pk=task.pk).version == 1


def test_a_stale_meeting_scheme_or_rule_edit_names_what_changed(people):
    """One stale-edit exception (the door's StaleEdit), worded by the row's own noun."""
    from econdesk.audit.changes import StaleEdit
    from econdesk.supervision import meetings, schemes

    sue = people["supervisor"]
    meeting = meetings.create_meeting(sue, title="经济运行调度会", held_on=DAY)
    with pytest.raises(StaleEdit, match="该会议已被他人修改，请刷新后再提交"):
        meetings.update_meeting(sue, meeting, title="改", held_on=DAY, expected_version=7)
    with pytest.raises(StaleEdit, match="该考核方案已被他人修改，请刷新后再提交"):
        schemes.save_scheme(sue, 2022, expected_version=3, name="2022年度考核")
    with pytest.raises(StaleEdit, match="该督办规则已被他人修改，请刷新后再提交"):
        schemes.save_rules(sue, yellow_days=3, warning_deadline_days=10,
                           remind_cooperating=True, expected_version=5)  # fmt: skip
