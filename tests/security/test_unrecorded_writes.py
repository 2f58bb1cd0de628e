"""Issue #11 item 5: every path that changes accounts or business data leaves a change record;
loaddata and flush on a live database refuse unless asked, and record that they ran."""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from django.contrib.auth.management.commands import changepassword
from django.core.management import call_command

from econdesk.accounts import security
from econdesk.accounts.models import LoginAttempt, User
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain
from tests.ops.throwaway import REPO, command_env, econdesk, throwaway_database


def test_createsuperuser_is_recorded(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Chaoji-guanli-2026!")
    call_command("createsuperuser", interactive=False, username="root2", email="r@example.org",
                 verbosity=0)  # fmt: skip
    root = User.objects.get(username="root2")
    rec = ChangeRecord.objects.get(object_type="accounts.User", object_id=str(root.pk))
    assert rec.action == "create" and rec.after["is_superuser"] is True
    assert rec.user_name == "命令行" and rec.source == "cli"
    assert rec.after["password"].startswith("已设置·")
    assert verify_chain() == []


def test_changepassword_is_recorded(people, monkeypatch):
    monkeypatch.setattr(
        changepassword.Command, "_get_pass", lambda self, prompt="": "Xin-mima-2026!"
    )
    call_command("changepassword", "leo", verbosity=0)
    leo = User.objects.get(username="leo")
    assert leo.check_password("Xin-mima-2026!")
    rec = ChangeRecord.objects.get(reason="changepassword 命令修改密码")
    assert rec.object_id == str(leo.pk) and set(rec.after) == {"password"}


def test_an_admin_unlock_is_recorded(people):
    for _ in range(5):
        security.record_failure("leo", "10.0.0.9")
    assert LoginAttempt.objects.get(scope="username", key="leo").is_locked()
    assert security.unlock_users([people["leader"]], by=people["admin"]) == 1
    rec = ChangeRecord.objects.get(object_type="accounts.LoginAttempt", reason="管理员解除登录锁定")
    assert (
        rec.user == people["admin"] and rec.before["failures"] == 5 and rec.after["failures"] == 0
    )


def test_the_admin_unlock_action_records_who(admin_client_for, people):
    for _ in range(5):
        security.record_failure("leo", "")
    row = LoginAttempt.objects.get(scope="username", key="leo")
    client = admin_client_for(people["admin"])
    client.post("/admin/accounts/loginattempt/",
                {"action": "unlock", "_selected_action": [row.pk]})  # fmt: skip
    assert ChangeRecord.objects.filter(
        object_type="accounts.LoginAttempt", user=people["admin"]
    ).exists()


# --- loaddata and flush on a live database (a real one, in a subprocess) ---------------------


@contextmanager
def live_database(tmp_path):
    if urlparse(os.environ.get("DATABASE_URL", "")).scheme.startswith("postgres"):
        with throwaway_database("econdesk_bypass") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}"


def shell(env, code):
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + code],
                            env=env, cwd=REPO, capture_output=True, text=True, check=True)  # fmt: skip
    return result.stdout.strip()


def test_loaddata_and_flush_refuse_on_a_live_database_and_record_when_forced(tmp_path):
    fixture = tmp_path / "evil.json"
    with live_database(tmp_path) as url:
        env = command_env(url, tmp_path / "var")
        econdesk("setup", env=env)
        clerk = shell(env, (
            "from econdesk.accounts.models import User\n"
            "print(User.objects.create_user('colin', password='x').pk)"
        ))  # fmt: skip
        fixture.write_text(
            json.dumps(
                [
                    {
                        "model": "accounts.user",
                        "pk": int(clerk),
                        "fields": {
                            "username": "colin",
                            "password": "x",
                            "is_superuser": True,
                            "is_staff": True,
                        },
                    }
                ]
            )
        )
        refused = econdesk("loaddata", str(fixture), env=env, check=False)
        assert refused.returncode != 0
        assert "拒绝执行：loaddata 直接写表，不留逐条变更记录" in refused.stderr
        assert (
            shell(
                env,
                "from econdesk.accounts.models import User\n"
                "print(User.objects.get(username='colin').is_superuser)",
            )
            == "False"
        )
        econdesk("loaddata", str(fixture), "--i-know-this-bypasses-audit", env=env)
        entry = shell(env, (
            "from econdesk.audit.models import ChangeRecord\n"
            "r = ChangeRecord.objects.filter(object_id='loaddata').get()\n"
            "print(r.reason, r.after['objects'])"
        ))  # fmt: skip
        assert entry == "loaddata 绕过了逐条登记（--i-know-this-bypasses-audit） 1"
        assert econdesk("audit", "verify", env=env).returncode == 0

        refused = econdesk("flush", "--noinput", env=env, check=False)
        assert refused.returncode != 0 and "拒绝执行：flush" in refused.stderr
        econdesk("flush", "--noinput", "--i-know-this-bypasses-audit", env=env)
        left = shell(env, (
            "from econdesk.audit.models import ChangeRecord\n"
            "print(list(ChangeRecord.objects.values_list('object_id', flat=True)))"
        ))  # fmt: skip
        assert left == "['flush']"
        assert econdesk("audit", "verify", env=env).returncode == 0


def test_the_test_database_is_not_live(db):
    from econdesk.audit.management.bypass import is_live, is_test_database

    assert is_test_database() and not is_live()


@pytest.fixture
def admin_client_for(client):
    def login(user):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
        client.force_login(user)
        return client

    return login


def test_createsuperuser_saves_and_records_in_one_transaction(db, monkeypatch):
    from econdesk.accounts.management.commands import createsuperuser as command

    def broken_record(**kwargs):
        raise RuntimeError("the change record is unavailable")

    monkeypatch.setattr(command, "record_model_change", broken_record)
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Chaoji-guanli-2026!")
    with pytest.raises(RuntimeError):
        call_command("createsuperuser", interactive=False, username="root3",
                     email="r@example.org", verbosity=0)  # fmt: skip
    assert not User.objects.filter(username="root3").exists()


def test_createsuperuser_asks_and_records_interactively(db, monkeypatch):
    from django.contrib.auth.management.commands import createsuperuser as django_command

    answers = iter(["root4", "r4@example.org"])
    monkeypatch.setattr(django_command, "input", lambda prompt="": next(answers), raising=False)
    monkeypatch.setattr(django_command.getpass, "getpass", lambda prompt="": "Chaoji-guanli-2026!")
    monkeypatch.setattr(django_command.Command, "_get_input_message",
                        lambda self, field, default=None: f"{field.name}: ")  # fmt: skip
    call_command("createsuperuser", interactive=True, verbosity=0, stdin=FakeTTY())
    root = User.objects.get(username="root4")
    assert root.is_superuser and root.check_password("Chaoji-guanli-2026!")
    assert ChangeRecord.objects.get(object_type="accounts.User", object_id=str(root.pk))


class FakeTTY:
    def isatty(self):
        return True
