"""A real `econdesk deliver` process killed (SIGKILL) after the robot took the message and
before the answer was recorded: the next run does not send it again, and says so."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta

from django.utils import timezone

from tests.notify.robots import RobotServer

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SETUP = """
from django.db import transaction
from econdesk.accounts.models import Role, User
from econdesk.notify import emit, services
admin = User.objects.create(username="alice", role=Role.ADMIN, display_name="管理员")
channel = services.save_channel(admin, services.ChannelDraft(
    name="发改局工作群", kind="wecom", url="{url}", timeout_seconds=5))
services.set_subscriptions(admin, channel, ["bulletin.issued"])
with transaction.atomic():
    emit("bulletin.issued", title="东城区经济运行情况通报（2026年1-10月）", number=10, year=2026,
         headline="1-10月，全区地区生产总值增长5.6%。", path="/bulletins/10/")
"""


def manage(env, *args, **kw):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True,
        text=True, timeout=300, **kw,
    )  # fmt: skip


def test_a_killed_worker_does_not_send_twice(tmp_path):
    db = tmp_path / "kill.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "ECONDESK_VAR_DIR": str(tmp_path),
        "ECONDESK_NOTIFY_KEY": "a-test-key-for-the-killed-worker-0001",
        "ECONDESK_AUDIT_KEY": "a-test-audit-key-for-the-killed-worker-0001",
    }
    robots = RobotServer().start()
    try:
        assert manage(env, "migrate", "--noinput").returncode == 0
        made = manage(env, "shell", "-c", SETUP.format(url=robots.wecom_url))
        assert made.returncode == 0, made.stderr
        robots.plan = ["hold"]
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "deliver", "--no-watch"], cwd=REPO, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert robots.holding.wait(120), "the worker never reached the robot"
        worker.kill()  # SIGKILL: no cleanup, no record of the answer
        worker.wait(30)
        robots.release.set()
        assert len(robots.texts("wecom")) == 1

        later = (timezone.now() + timedelta(minutes=10)).isoformat()
        again = manage(env, "deliver", "--no-watch", "--now", later)
        assert again.returncode == 0, again.stderr
        assert "结果不明待确认1条" in again.stdout and "收回中断的发送1条" in again.stdout
        third = manage(env, "deliver", "--no-watch", "--now", later)
        assert "送达0条" in third.stdout
        assert len(robots.texts("wecom")) == 1  # never twice

        with sqlite3.connect(db) as conn:
            status, error = conn.execute("SELECT status, last_error FROM notify_message").fetchone()
            outcomes = [r[0] for r in conn.execute("SELECT outcome FROM notify_attempt")]
        assert status == "uncertain" and "无法确定对方是否收到" in error
        assert outcomes == ["lost"]
    finally:
        robots.stop()
