"""Every page every demo role can reach from the navigation reads as a Chinese user expects: no
server error, no raw database decimal (4042.510000), no code identifier (start_overdue) and no
English word outside a short list (econdesk, Excel, GDP …), in the visible text.

The demo city is loaded once; each role logs in with its demo password and follows links from
the overview two clicks deep (each address shape read once: a few hundred pages in all).
Each failure names the address and quotes the line; one per word and page.
"""

from __future__ import annotations

import re
from datetime import date

from django.test import Client, TestCase, override_settings

from econdesk.accounts.cli_actor import command_user
from econdesk.accounts.models import Department, User
from econdesk.audit.models import ChangeRecord
from econdesk.demo import profiles
from econdesk.demo.loader import load_demo
from econdesk.projects.models import EnterpriseRequest
from econdesk.projects.services.registers import save_request
from econdesk.supervision import services as tasks
from econdesk.supervision.models import SupervisedTask, TaskStatus
from tests.web.crawl import crawl, problems_in, read_page

CARD = re.compile(r'<article class="card ind[^"]*" id="ind-([^"]+)">.*?</article>', re.S)
PROJECTION = re.compile(r'<p class="proj">([^<]+)</p>')
ESTIMATE = re.compile(r'<p class="muted proj-estimate">([^<]+)</p>')

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ROLES = [login.username for login in profiles.DEMO_LOGINS]
LIMIT = 90  # pages per role: the navigation and one page of each kind behind it


class ReaderTests(TestCase):
    """The checks themselves, on text written to fail them."""

    def test_it_reads_visible_text_without_scripts(self):
        text, links = read_page(
            '<p>增长6.0%</p><script>var raw_value = "4042.510000";</script>'
            '<a href="/peers/?period=2026-10" title="全市对比">对比</a>'
        )
        self.assertEqual(problems_in(text), [])
        self.assertEqual(links, ["/peers/?period=2026-10"])

    def test_it_flags_decimals_identifiers_and_english(self):
        found = problems_in("累计值 4042.510000\n字段 start_overdue\nEnterpriseRequest 已更新")
        self.assertEqual(len(found), 3, found)
        self.assertIn("4042.510000", found[0])
        self.assertIn("start_overdue", found[1])
        self.assertIn("EnterpriseRequest", found[2])
        self.assertEqual(problems_in("econdesk · 导出Excel · GDP测算 · 增长6.0%"), [])


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class CrawlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(user=command_user())

    def _crawl(self, username: str):
        client = Client()
        self.assertTrue(client.login(username=username, password=profiles.DEMO_PASSWORD))
        return crawl(client, "/", depth=2, limit=LIMIT)

    def test_every_role_reads_every_page_in_chinese(self):
        failures, visited = [], 0
        for username in ROLES:
            with self.subTest(role=username):
                result = self._crawl(username)
                visited += len(result.visited)
                # Each role reaches more than the overview: the navigation is followed.
                self.assertGreater(len(result.visited), 10, username)
                failures.extend(f"[{username}] {line}" for line in result.failures)
        self.assertLess(visited, 1000)
        unique = list(dict.fromkeys(failures))
        self.assertEqual(unique, [], f"{len(unique)} 处问题：\n" + "\n".join(unique[:300]))

    def test_the_change_log_reads_in_chinese_after_real_changes(self):
        """A clerk reports on a task, the supervisor adds cooperating departments, a request is
        taken up: /audit/, its filters and every object's history read in Chinese."""
        supervisor = User.objects.get(username="supervisor")
        task = SupervisedTask.objects.filter(status=TaskStatus.PENDING).order_by("id")[0]
        clerk = User.objects.create_user(
            username="clerk_task", password=profiles.DEMO_PASSWORD, role="clerk",
            department=task.lead_department, display_name="牵头单位填报员",
        )  # fmt: skip
        tasks.report_progress(
            clerk, task, text="已召开专题会，逐项落实。", expected_version=task.version,
            today=date(2026, 11, 25),
        )  # fmt: skip
        task.refresh_from_db()
        others = list(Department.objects.exclude(pk=task.lead_department_id).order_by("id")[:2])
        draft = tasks.TaskDraft(
            title=task.title, content=task.content, lead_department=task.lead_department,
            deadline=task.deadline, leader=task.leader, cooperating=others, source=task.source,
            decision=task.decision, region=task.region, assigned_on=task.assigned_on,
            milestones=[{"title": m["title"], "due": m["due"]} for m in task.milestones],
        )  # fmt: skip
        tasks.update_task(supervisor, task, draft, expected_version=task.version)
        request = EnterpriseRequest.objects.filter(status="open").order_by("id")[0]
        request.status = EnterpriseRequest.Status.IN_PROGRESS
        save_request(User.objects.get(username="admin"), request, expected_version=request.version)

        client = Client()
        self.assertTrue(client.login(username="admin", password=profiles.DEMO_PASSWORD))
        text, _ = read_page(client.get("/audit/").content.decode())
        self.assertIn(f"督办事项 {task.number} {task.title}：状态 待办→办理中", text)
        self.assertIn(f"企业诉求 {request}：办理状态 待办理→办理中", text)
        history, _ = read_page(
            client.get(f"/audit/supervision.SupervisedTask/{task.pk}/").content.decode()
        )
        self.assertIn("配合单位：\n—\n→\n" + "、".join(str(d) for d in others), history)
        self.assertIn(f"督办事项 {task.number} {task.title}：配合单位 —→", history)
        # The log's filters by type, then each object's history behind the first page's links.
        kinds = sorted(set(ChangeRecord.objects.values_list("object_type", flat=True)))
        failures, visited = [], 0
        for start in ["/audit/"] + [f"/audit/?type={kind}" for kind in kinds]:
            result = crawl(client, start, depth=1, limit=60)
            visited += len(result.visited)
            # The change log's own pages; the navigation's others are the crawl above's.
            failures.extend(f for f in result.failures if f.startswith("/audit/"))
        self.assertGreater(visited, len(kinds) * 5)
        unique = list(dict.fromkeys(failures))
        self.assertEqual(unique, [], f"{len(unique)} 处问题：\n" + "\n".join(unique[:100]))

    def test_the_overview_card_quotes_the_projection_its_indicator_page_quotes(self):
        client = Client()
        self.assertTrue(client.login(username="leader", password=profiles.DEMO_PASSWORD))
        overview = client.get("/").content.decode()
        cards = {code: PROJECTION.search(html) for code, html in
                 ((m.group(1), m.group(0)) for m in CARD.finditer(overview))}  # fmt: skip
        quoted = {code: m.group(1) for code, m in cards.items() if m}
        self.assertGreater(len(quoted), 5)
        self.assertTrue(any("（综合部门预计）" in words for words in quoted.values()))
        period = re.search(r'href="/indicators/[^"?]+/\?([^"]+)"', overview).group(1)
        for code, words in quoted.items():
            page = client.get(f"/indicators/{code}/?{period.replace('&amp;', '&')}")
            html = page.content.decode()
            self.assertIn(f'<p class="proj">{words}</p>', html, code)
            said = ESTIMATE.findall(html)
            self.assertFalse([line for line in said if line.startswith("部门预计：")], code)
            if "（综合部门预计）" in words:
                self.assertTrue(any("综合后" in line for line in said), (code, said))
