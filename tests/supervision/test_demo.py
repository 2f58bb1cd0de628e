"""The demo's supervision: meetings, tasks in every state, reminders and a year's scores.

load_demo calls load_supervision_demo (through econdesk/demo/extras.py) with its DEMO_TODAY;
calling it again here finds the region's data and reports what is there.
"""

from __future__ import annotations

from django.test import Client, TestCase, override_settings

from econdesk.accounts.cli_actor import command_user
from econdesk.audit.services import verify_chain
from econdesk.demo import profiles
from econdesk.demo.loader import DEMO_TODAY, load_demo
from econdesk.ledger.models import Region
from econdesk.supervision import scores
from econdesk.supervision.demo import load_supervision_demo
from econdesk.supervision.models import Reminder, SupervisedTask

TODAY = DEMO_TODAY


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class SupervisionDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(user=command_user())
        cls.home = Region.objects.get(name=profiles.HOME_NAME, parent__name=profiles.CITY_NAME)
        # Loaded by load_demo already, unless the loader stops calling it: then this loads it.
        cls.summary = load_supervision_demo(cls.home, TODAY)

    def test_it_has_meetings_and_tasks_in_every_state(self):
        s = self.summary
        self.assertEqual(s.meetings, 3)
        self.assertGreaterEqual(s.tasks, 13)
        self.assertEqual(set(s.by_status), {"待办", "办理中", "申请办结", "已办结"})
        self.assertTrue(all(n > 0 for n in s.by_status.values()), s.by_status)
        returned = SupervisedTask.objects.filter(return_count__gt=0, status="closed")
        self.assertEqual(returned.count(), 1)
        warning = SupervisedTask.objects.get(source="indicator")
        self.assertEqual(warning.lead_department.short_name, "经信局")
        self.assertEqual(warning.status, "in_progress")

    def test_it_sends_reminders_to_the_demo_clerks(self):
        self.assertGreater(self.summary.reminders, 0)
        usernames = set(Reminder.objects.values_list("recipient__username", flat=True))
        self.assertTrue({"clerk", "clerk2"} <= usernames, usernames)

    def test_it_scores_the_year_from_the_panel_and_the_tasks(self):
        found = scores.assess(TODAY.year, region=self.home, today=TODAY)
        self.assertEqual(found.period.code, "2026-10")
        self.assertEqual(found.scheme.name, "2026年度经济工作目标考核")
        rules = {line.rule for s in found.table for line in s.lines}
        self.assertTrue({"rank", "completion", "on_time", "overdue"} <= rules, rules)

    def test_it_changes_nothing_the_second_time(self):
        count = SupervisedTask.objects.count()
        again = load_supervision_demo(self.home, TODAY)
        self.assertFalse(again.created)
        self.assertEqual(SupervisedTask.objects.count(), count)
        self.assertEqual(verify_chain(), [])

    def test_its_pages_open_for_the_demo_logins(self):
        client = Client()
        for username in ("supervisor", "clerk", "leader"):
            self.assertTrue(client.login(username=username, password=profiles.DEMO_PASSWORD))
            for path in ("/supervision/", "/supervision/stats/", "/supervision/scores/",
                         "/supervision/meetings/", "/supervision/warnings/"):  # fmt: skip
                self.assertEqual(client.get(path).status_code, 200, (username, path))
