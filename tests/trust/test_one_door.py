"""One door for every write, one rule book for every list (issue "house" items 2-3).

- the matrix's columns follow the rule book's rows (a role without a column fails here);
- no view, API, command or admin screen writes past the door, and no role is named outside
  the rule book (grep, as a reviewer would);
- a stale edit is refused on every door: 409 from the API, a Chinese form error on the pages;
- the change log names objects and fields in Chinese, with decimals as the pages write them.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from econdesk.accounts import permissions
from econdesk.accounts.models import Role
from econdesk.audit import changes
from econdesk.projects import services as project_services
from econdesk.projects.models import MajorProject
from econdesk.supervision import services as task_services
from tests.conftest import REPO
from tests.trust.matrix import ROLES
from tests.trust.world import build, dept

SOURCE = REPO / "econdesk"


@pytest.fixture
def world(people, sample_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build(people, sample_city)


# --- the rule table -------------------------------------------------------------------------------


def test_every_role_of_the_rule_book_has_a_column_of_the_matrix(people):
    columns = [people[p] for p in ROLES if p != "anonymous"]
    assert {u.role for u in columns} == set(permissions.RULES) == set(Role.values)
    for role, row in permissions.RULES.items():
        users = [u for u in columns if u.role == role]
        if row.department_scoped:  # its object rules are tried from two departments
            assert len({u.department_id for u in users}) >= 2, role
    # the per-action role lists are the table read the other way round, not a second table
    for action, roles in permissions.ROLE_RULES.items():
        assert roles == {r for r, row in permissions.RULES.items() if action in row.actions}


def test_a_new_role_is_its_row_of_rules(people, monkeypatch):
    """A role added to the table (here: a clerk-like 联络员) gets its answers from its row."""
    liaison = permissions.RoleRules(
        frozenset({"projects.read", "projects.edit"}), department_scoped=True, any_region=False
    )
    monkeypatch.setitem(permissions.RULES, "liaison", liaison)
    user = people["clerk"]
    user.role = "liaison"
    own = MajorProject(lead_department=dept("经信局"))
    other = MajorProject(lead_department=dept("商务局"))
    assert permissions.can(user, "projects.edit", own)
    assert not permissions.can(user, "projects.edit", other)
    assert not permissions.can(user, "supervision.read")
    assert permissions.visible(user, "supervision.read", MajorProject.objects.all()).count() == 0


# --- grep: one door, one rule book ------------------------------------------------------------------


WRITE = re.compile(
    r"\.save\(|objects\.create\(|\.delete\(|bulk_create|get_or_create|update_or_create"
    r"|\.objects(?:\.\w+\([^)]*\))*\.update\("
)


def _entry_points():
    for path in SOURCE.rglob("*.py"):
        rel = path.relative_to(SOURCE).as_posix()
        if "/migrations/" in rel:
            continue
        if ("/views" in rel or rel.endswith(("api.py", "admin.py", "admin_mixins.py"))
                or "/management/commands/" in rel or "/api/" in rel):  # fmt: skip
            yield rel, path.read_text(encoding="utf-8")


def test_no_view_api_command_or_admin_writes_past_the_door():
    found = []
    for rel, text in _entry_points():
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            if WRITE.search(code) and '"""' not in line:
                found.append(f"{rel}:{number}: {line.strip()}")
    assert not found, "绕过统一写入口的写操作:\n" + "\n".join(found)


ROLE_NAMES = re.compile(
    r"Role\.(ADMIN|REVIEWER|CLERK|LEADER|SUPERVISOR)\b|\.role\s*[!=]=|\brole\s*=\s*Role"
    r"|\brole(__in)?\s*=\s*[\[(]?[\"'](admin|reviewer|clerk|leader|supervisor)[\"']"
    r"|[\"'](reviewer|clerk)[\"']"
)
# The rule book itself, the role's definition, and data that makes people (the demo, the
# command-line actor) rather than decides what they may do.
ROLE_ALLOWED = frozenset({
    "accounts/permissions.py", "accounts/models.py", "accounts/cli_actor.py",
    "supervision/demo.py", "demo/loader.py", "demo/generator.py", "demo/profiles.py",
    "demo/extras.py",
})  # fmt: skip


def test_no_role_is_named_outside_the_rule_book():
    found = []
    for path in [*SOURCE.rglob("*.py"), *SOURCE.rglob("*.html")]:
        rel = path.relative_to(SOURCE).as_posix()
        if rel in ROLE_ALLOWED or "/migrations/" in rel or "/management/commands/" in rel:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ROLE_NAMES.search(line):
                found.append(f"{rel}:{number}: {line.strip()}")
    assert not found, "规则表以外按角色判断的代码:\n" + "\n".join(found)


# --- stale edits on every door ----------------------------------------------------------------------


REGISTERS = ["project", "deal", "funding", "enterprise", "request"]


@pytest.mark.parametrize("kind", REGISTERS)
def test_a_stale_api_edit_of_a_register_gets_409_and_changes_nothing(client, people, world, kind):
    obj = world.objects[f"{kind}_jx"]
    stored = type(obj).objects.get(pk=obj.pk)
    client.force_login(people["clerk"])
    response = client.patch(
        reverse(f"{kind}-detail", args=[obj.pk]),
        json.dumps({"note": "过期的修改", "version": stored.version - 1}),
        content_type="application/json",
    )
    assert response.status_code == 409
    noun = "项目" if kind == "project" else "记录"
    assert response.json()["detail"] == f"该{noun}已被他人修改，请刷新后再提交"
    assert type(obj).objects.get(pk=obj.pk).note == stored.note


def test_a_stale_api_step_of_a_task_gets_409(client, people, world):
    task = world.objects["task_sw"]
    client.force_login(people["other_clerk"])
    response = client.post(
        reverse("supervised-task-report", args=[task.pk]),
        json.dumps({"text": "进展", "version": task.version - 1}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "该事项已被他人修改，请刷新后再提交"


def test_a_stale_project_page_save_is_a_form_error(client, people, world):
    project = MajorProject.objects.get(pk=world.args["project_jx"])
    client.force_login(people["clerk"])
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(name="过期页面的修改", version=project.version - 1)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "该项目已被他人修改，请刷新后再提交" in response.content.decode()
    assert MajorProject.objects.get(pk=project.pk).name == project.name


def test_versions_count_from_one_on_every_door(people, world):
    project = MajorProject.objects.create(
        region=world.objects["region"], lead_department=dept("经信局"), name="新项目",
        category="industry", total_investment=Decimal(1000), plan_year=2026, stage="preparation",
    )  # fmt: skip
    assert project.version == 1
    assert world.objects["task_sw"].version == 1  # created, not yet changed
    project.name = "新项目（更名）"
    project_services.save_project(people["admin"], project, expected_version=1)
    assert project.version == 2
    with pytest.raises(changes.StaleEdit):
        project_services.save_project(people["admin"], project, expected_version=1)


# --- the change log in Chinese ------------------------------------------------------------------------


def test_the_change_log_names_objects_and_fields_in_chinese(client, people, world):
    sue = people["supervisor"]
    task = world.objects["task_sw"]
    draft = task_services.TaskDraft(
        title=task.title, content=task.content, lead_department=task.lead_department,
        cooperating=[dept("发改局")], leader=task.leader, deadline=date(2027, 12, 31),
        assigned_on=task.assigned_on,
    )  # fmt: skip
    task_services.update_task(sue, task, draft, expected_version=task.version)
    client.force_login(people["admin"])
    page = client.get(reverse("audit:list")).content.decode()
    text = re.sub(r"<[^>]+>", " ", page)
    assert "督办事项" in text and "配合单位" in text and "办结时限" in text
    assert "supervision.SupervisedTask" not in text and "MajorProject" not in text
    assert "cooperating_department" not in text
    assert not re.search(r"\d\.\d*0000\b", text), "原样的数据库小数"
    history = client.get(reverse("audit:history", args=["supervision.SupervisedTask", task.pk]))
    assert "督办事项第" in history.content.decode()
