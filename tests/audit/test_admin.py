"""The back office: role 系统管理员 enters (is_staff plays no part), others do not; every save
and delete made there is in the change record with before, after and reason."""

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from econdesk.accounts.models import Department, Leader, Role, User
from econdesk.audit.admin_mixins import AuditedAdmin, is_back_office_user
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain
from econdesk.ledger.models import Indicator, Region

PASSWORD = "Econdesk-test-2026"


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def form_data(client, url, **changes):
    """The admin form's current values as POST data, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(field, forms.SplitDateTimeField):
            local = timezone.localtime(value) if value else None
            data[f"{name}_0"] = local.strftime("%Y-%m-%d") if local else ""
            data[f"{name}_1"] = local.strftime("%H:%M:%S") if local else ""
            continue
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, list | tuple):
            value = [str(getattr(v, "pk", v)) for v in value]
        data[name] = "" if value is None else value
    data.update(changes)
    return data


def last_record():
    return ChangeRecord.objects.order_by("-id").first()


def test_every_model_admin_is_audited():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in ("auth", "authtoken"):
            continue  # Django's and DRF's own screens, hidden from role admins
        assert isinstance(model_admin, AuditedAdmin), model._meta.label


# --- who enters ------------------------------------------------------------------------------


def test_a_role_admin_enters_the_back_office_without_being_staff(client, people):
    assert not people["admin"].is_staff and not people["admin"].is_superuser
    login(client, "alice")
    assert client.get("/admin/").status_code == 200
    for url in ("/admin/accounts/user/", "/admin/accounts/department/", "/admin/ledger/indicator/",
                "/admin/audit/changerecord/", "/admin/ledger/observation/"):  # fmt: skip
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["reviewer", "clerk", "leader", "supervisor"])
def test_others_are_sent_to_the_back_office_login(client, people, who):
    login(client, people[who].username)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/accounts/user/").status_code == 302


def test_being_staff_does_not_open_the_back_office(client, people):
    leo = people["leader"]
    leo.is_staff = True
    leo.save()
    login(client, "leo")
    assert client.get("/admin/").status_code == 302


def test_a_superuser_enters(client, people):
    leo = people["leader"]
    leo.is_superuser = True
    leo.save()
    assert is_back_office_user(leo)
    login(client, "leo")
    assert client.get("/admin/").status_code == 200


def test_the_back_office_login_admits_role_admins_only(client, people):
    login = {"password": PASSWORD, "next": "/admin/"}
    response = client.post("/admin/login/", {"username": "alice", **login})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    client.logout()
    response = client.post("/admin/login/", {"username": "leo", **login})
    assert response.status_code == 200
    assert "请输入系统管理员账户的" in response.content.decode()


def test_an_inactive_admin_is_refused(client, people):
    login(client, "alice")
    User.objects.filter(pk=people["admin"].pk).update(is_active=False)
    assert client.get("/admin/").status_code == 302


# --- saves and deletes are recorded -----------------------------------------------------------


def test_an_admin_edit_is_recorded_with_before_after_and_reason(client, people):
    login(client, "alice")
    dept = Department.objects.get(short_name="统计局")
    url = reverse("admin:accounts_department_change", args=[dept.pk])
    old_name = dept.name
    response = client.post(
        url, form_data(client, url, name="区统计局（更名）", audit_reason="机构改革更名")
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    rec = last_record()
    assert (rec.action, rec.object_type, rec.object_id) == (
        "update",
        "accounts.Department",
        str(dept.pk),
    )
    assert rec.before == {"name": old_name} and rec.after == {"name": "区统计局（更名）"}
    assert rec.reason == "机构改革更名"
    assert rec.user == people["admin"] and rec.source == "web" and rec.remote_addr == "127.0.0.1"
    assert verify_chain() == []


def test_an_admin_edit_without_a_reason_says_back_office(client, people):
    login(client, "alice")
    indicator = Indicator.objects.get(code="retail_sales")
    url = reverse("admin:ledger_indicator_change", args=[indicator.pk])
    assert client.post(url, form_data(client, url, decimals="1")).status_code == 302
    rec = last_record()
    assert rec.object_type == "ledger.Indicator" and rec.reason == "后台修改"
    assert rec.before == {"decimals": 2} and rec.after == {"decimals": 1}


def test_saving_without_changes_records_nothing(client, people):
    login(client, "alice")
    dept = Department.objects.get(short_name="统计局")
    url = reverse("admin:accounts_department_change", args=[dept.pk])
    before = ChangeRecord.objects.count()
    assert client.post(url, form_data(client, url)).status_code == 302
    assert ChangeRecord.objects.count() == before


def test_an_admin_create_is_recorded(client, people):
    login(client, "alice")
    response = client.post(
        reverse("admin:accounts_department_add"),
        {"name": "区数据局", "short_name": "数据局", "sort_order": "200", "is_active": "on",
         "audit_reason": "新设单位"},
    )  # fmt: skip
    assert response.status_code == 302
    dept = Department.objects.get(name="区数据局")
    rec = last_record()
    assert (rec.action, rec.object_id, rec.before) == ("create", str(dept.pk), None)
    assert rec.after["name"] == "区数据局" and rec.after["sort_order"] == 200
    assert rec.reason == "新设单位"


def test_an_admin_delete_is_recorded_with_what_was_deleted(client, people):
    leader = Leader.objects.create(name="张三", title="副区长", portfolio="工业")
    login(client, "alice")
    url = reverse("admin:accounts_leader_delete", args=[leader.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Leader.objects.filter(pk=leader.pk).exists()
    rec = last_record()
    assert (rec.action, rec.object_type, rec.object_id) == (
        "delete",
        "accounts.Leader",
        str(leader.pk),
    )
    assert rec.before["name"] == "张三" and rec.before["title"] == "副区长"
    assert rec.after is None and rec.object_repr == "副区长张三"


def test_a_bulk_delete_records_each_object(client, people):
    a = Leader.objects.create(name="甲", title="副区长")
    b = Leader.objects.create(name="乙", title="副区长")
    login(client, "alice")
    response = client.post(
        reverse("admin:accounts_leader_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk, b.pk], "post": "yes"},
    )
    assert response.status_code == 302
    deleted = ChangeRecord.objects.filter(object_type="accounts.Leader", action="delete")
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted([str(a.pk), str(b.pk)])


def test_ledger_data_is_not_deleted_in_the_back_office(client, people, sample_city):
    login(client, "alice")
    city, _members = sample_city
    url = reverse("admin:ledger_region_delete", args=[city.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Region.objects.filter(pk=city.pk).exists()


def test_a_user_edit_records_roles_but_never_the_password(client, people):
    login(client, "alice")
    colin = people["clerk"]
    url = reverse("admin:accounts_user_change", args=[colin.pk])
    data = form_data(client, url, role=Role.REVIEWER, audit_reason="调岗")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    rec = last_record()
    # (The admin's date field drops microseconds of date_joined: a true change, recorded too.)
    assert rec.before["role"] == "clerk" and rec.after["role"] == "reviewer"
    assert set(rec.after) <= {"role", "date_joined"} and rec.reason == "调岗"

    url = reverse("admin:auth_user_password_change", args=[colin.pk])
    new = "Another-pass-2026!x"
    response = client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    rec = last_record()
    assert rec.reason == "后台修改密码" and set(rec.after) == {"password"}
    colin.refresh_from_db()
    stored = colin.password
    assert stored not in str(rec.before) and stored not in str(rec.after)
    assert rec.before["password"] != rec.after["password"]
    assert rec.after["password"].startswith("已设置·")
    html = client.get(f"/audit/accounts.User/{colin.pk}/").content.decode()
    assert '<span class="label">密码：</span>' in html and "（已修改）" in html
    assert stored not in html and rec.after["password"] not in html


def test_a_user_created_in_the_back_office_keeps_no_password_in_the_record(client, people):
    login(client, "alice")
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"username": "newbie", "password1": "Xinren-pass-2026!", "password2": "Xinren-pass-2026!",
         "usable_password": "true", "display_name": "新人", "role": "clerk"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newbie")
    rec = ChangeRecord.objects.get(object_type="accounts.User", object_id=str(user.pk))
    assert rec.action == "create" and rec.after["username"] == "newbie"
    assert user.password not in str(rec.after)


def test_the_change_record_itself_is_read_only_in_the_back_office(client, people):
    login(client, "alice")
    rec = ChangeRecord.objects.order_by("id").first()
    assert client.get(reverse("admin:audit_changerecord_change", args=[rec.pk])).status_code == 200
    assert client.get(reverse("admin:audit_changerecord_delete", args=[rec.pk])).status_code == 403
    assert client.get(reverse("admin:audit_changerecord_add")).status_code == 403


def test_the_reason_field_is_on_the_form_only_where_one_may_write(client, people):
    login(client, "alice")
    dept = Department.objects.get(short_name="统计局")
    html = client.get(reverse("admin:accounts_department_change", args=[dept.pk])).content.decode()
    assert "修改原因" in html and 'name="audit_reason"' in html
    rec = ChangeRecord.objects.order_by("id").first()
    html = client.get(reverse("admin:audit_changerecord_change", args=[rec.pk])).content.decode()
    assert 'name="audit_reason"' not in html
