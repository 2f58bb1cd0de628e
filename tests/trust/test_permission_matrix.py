"""Every address × every role × the objects of two departments: the answer the rule book gives.

The expected answers are the table in tests/trust/matrix.py (also docs/permissions.md). A new
address without a row there fails the first test. A refused write must leave every table as it
was — the figures, registers, tasks and the change records (audit.ChangeRecord) — and a role
refused outright is refused whatever it sends (an empty body gets the same refusal).
"""

from __future__ import annotations

import functools
import io
import json
import logging
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from econdesk.accounts.models import Role
from econdesk.audit.models import ChangeRecord
from tests.conftest import REPO, SAMPLE_TARGETS
from tests.trust.matrix import ANSWERS, CASES, ROLE_SHORT, ROLES, WRITES
from tests.trust.world import BODIES, build

APP_LABELS = frozenset(
    {"accounts", "audit", "ledger", "analysis", "reporting", "bulletins", "projects", "api",
     "web", "supervision", "authtoken"}
)  # fmt: skip
CJK = re.compile(r"[\u4e00-\u9fff]")
REASON = re.compile(r'<p class="refusal-reason">(.*?)</p>', re.S)
OBJECT_RULE_ROLES = frozenset({Role.CLERK})  # the rule book's object rules are for clerks only


# --- the table covers the site ---------------------------------------------------------------


def _names(resolver, namespace=""):
    """Every URL pattern's name ("namespace:name"; its route when unnamed), /admin/ left out."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from _names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or str(pattern.pattern)
            yield f"{namespace}:{name}" if namespace else name


def test_every_address_has_a_row_in_the_matrix():
    site = set(_names(get_resolver()))
    listed = {c.name for c in CASES if not c.name.startswith("admin:")}
    missing = sorted(site - listed)
    assert not missing, "未登记权限的地址: " + "、".join(missing)
    gone = sorted(listed - site)
    assert not gone, "矩阵中已不存在的地址: " + "、".join(gone)
    keys = [c.key for c in CASES]
    assert len(keys) == len(set(keys)), "矩阵中有重复的行"
    for case in CASES:
        assert set(case.answers.values()) <= ANSWERS, case.key
    writes = {c.key for c in CASES if c.method != "GET"}
    assert writes - set(BODIES) == set(), "这些写操作缺少请求体: " + "、".join(writes - set(BODIES))
    assert set(BODIES) - writes == set(), "多余的请求体: " + "、".join(set(BODIES) - writes)


# --- each role gets its answer ----------------------------------------------------------------


@pytest.fixture
def world(people, sample_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return build(people, sample_city)


class _Undo(Exception):
    """Raised to roll a request's writes back, so every request meets the same world."""


@functools.cache
def _tables() -> tuple[str, ...]:
    tables = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in APP_LABELS and meta.managed and not meta.proxy:
            if meta.db_table not in tables:
                tables.append(meta.db_table)
    return tuple(tables)


def snapshot() -> dict[str, list]:
    """Every row of every table of the project's apps (raw SQL: this runs ~1000 times)."""
    rows = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            rows[table] = cursor.fetchall()
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    return [
        f"{label}（{len(before[label])}→{len(after[label])}行）"
        for label in before
        if before[label] != after[label]
    ]


def url_of(case, world) -> str:
    url = reverse(case.name, args=[world.args[a] for a in case.args])
    return f"{url}?{case.query}" if case.query else url


def send(client, case, url, body):
    if case.method == "GET":
        return client.get(url)
    if body.kind == "json":
        return client.generic(
            case.method, url, json.dumps(body.data, ensure_ascii=False),
            content_type="application/json",
        )  # fmt: skip
    return client.post(url, body.data)


def answer_of(response, case) -> str:
    if response.status_code == 302:
        login = "/admin/login/" if case.section == "admin" else reverse("login")
        if urlsplit(response["Location"]).path == login:
            return "L"
    return str(response.status_code)


def refusal_problem(text: str, response, case) -> str | None:
    """A 403 must say why, in Chinese: the refusal page, or JSON with a "detail"."""
    if case.section == "api" and response["Content-Type"].startswith("application/json"):
        detail = json.loads(text).get("detail", "")
        return None if CJK.search(str(detail)) else f"403 的 detail 不是中文：{detail!r}"
    if case.section == "api":  # the schema (YAML) and its HTML viewers render the refusal
        return None if "无权" in text or "身份认证信息未提供" in text else "403 没有中文说明"
    reason = REASON.search(text)
    if "无权访问" not in text or reason is None:
        return "403 不是中文拒绝页"
    if not CJK.search(reason.group(1)) or reason.group(1).strip() == "您无权访问此页面。":
        return f"拒绝页没有说明原因：{reason.group(1).strip()!r}"
    return None


# A request to these ends the session (or, rolled back, leaves it pointing at a password that is
# no longer stored): the role logs in again after it.
SESSION_ENDING = frozenset({"logout", "password_change"})


class Trial:
    """One role going through the matrix, logged in on `client` (anonymous: user None).

    Each request runs in a savepoint that is rolled back, so every request meets the world as
    built; `base` is the world's every row, against which each refused write is compared."""

    def __init__(self, client, role, user, world):
        self.client, self.role, self.user, self.world = client, role, user, world
        self.log_in()

    def log_in(self):
        self.client.logout()
        if self.user is not None:
            self.client.force_login(self.user)  # sets last_login: a new base
        self.base = snapshot()

    def attempt(self, case, url, body, expected) -> list[str]:
        where = f"{case.method} {url} {case.label}".strip()
        # refused, hidden, turned away, or refused by validation: nothing may change
        refused_write = case.method != "GET" and expected not in WRITES
        problems = []
        try:
            with transaction.atomic():
                response = send(self.client, case, url, body)
                if response.streaming:  # read a file to its end, as a server would: closes it
                    text = b"".join(response.streaming_content).decode(errors="replace")
                else:
                    text = response.content.decode(errors="replace")
                got = answer_of(response, case)
                if got != expected:
                    problems.append(f"{where}: 应为 {expected}，实为 {got} {text[:300]}")
                elif got == "403" and (problem := refusal_problem(text, response, case)):
                    problems.append(f"{where}: {problem}")
                if refused_write and (diff := changed_tables(self.base, snapshot())):
                    problems.append(f"{where}: 答复 {got} 却改动了 " + "、".join(diff))
                raise _Undo
        except _Undo:
            pass
        except Exception as exc:  # noqa: BLE001 - a crash is one more wrong answer, listed too
            problems.append(f"{where}: 应为 {expected}，实为异常 {type(exc).__name__}: {exc}")
        if case.name in SESSION_ENDING and case.method != "GET":
            self.log_in()
        return problems

    def run(self) -> list[str]:
        """Every row of the matrix tried as this role; the rows where the answer differs."""
        problems = []
        for case in CASES:
            expected = case.answers[self.role]
            url = url_of(case, self.world)
            body = BODIES[case.key](self.world) if case.method != "GET" else None
            problems += self.attempt(case, url, body, expected)
            # Refused outright (object rules apply to clerks only, and anonymous visitors are
            # turned away before any view runs): an empty body gets the same refusal.
            if (
                case.method != "GET"
                and expected == "403"
                and self.user is not None
                and self.user.role not in OBJECT_RULE_ROLES
            ):
                empty = type(body)({}, body.kind)
                problems += [f"{p}（空请求体）" for p in self.attempt(case, url, empty, expected)]
        return problems


@pytest.fixture
def quiet_refusals():
    """~900 refusals and 404s are expected here: Django need not log a traceback for each."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def test_each_role_gets_the_answer_of_the_matrix_everywhere(client, people, world, quiet_refusals):
    # One world for all seven roles: every request's writes are rolled back after it.
    report = []
    for role in ROLES:
        user = None if role == "anonymous" else people[role]
        if problems := Trial(client, role, user, world).run():
            report.append(f"{ROLE_SHORT[role]} 有{len(problems)}处不符:")
            report += [f"  {p}" for p in problems]
    assert not report, "\n".join(report)


# --- commands act as the named user -------------------------------------------------------------


def test_a_leader_importing_from_the_command_line_is_refused_and_nothing_is_written(people):
    before = snapshot()
    with pytest.raises(CommandError) as refusal:
        call_command("import", str(SAMPLE_TARGETS), "--user", "leo")
    assert str(refusal.value) == "您的角色（领导）无权导入数据。"
    assert snapshot() == before


def test_a_leader_issuing_a_bulletin_from_the_command_line_is_refused(
    people, sample_city, tmp_path
):
    before = ChangeRecord.objects.count()
    out = tmp_path / "通报.docx"
    with pytest.raises(CommandError, match="您的角色（领导）无权印发通报。"):
        call_command("bulletin", "--region", "东城区", "--period", "2022-02", "--issue",
                     "-o", str(out), "--user", "leo")  # fmt: skip
    assert not out.exists() and ChangeRecord.objects.count() == before


def test_a_reviewer_imports_from_the_command_line_in_her_own_name(people, sample_city):
    call_command("import", str(SAMPLE_TARGETS), "--user", "rita")
    assert ChangeRecord.objects.filter(user=people["reviewer"]).exists()


def test_a_leader_reads_the_panel_from_the_command_line_and_a_disabled_user_cannot(
    people, sample_city
):
    out = io.StringIO()
    call_command(
        "analyze", "--region", "东城区", "--period", "2022-02", "--user", "leo", stdout=out
    )
    assert "东城区" in out.getvalue()
    people["clerk"].is_active = False
    people["clerk"].save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="用户“colin”不存在或已停用。"):
        call_command("analyze", "--region", "东城区", "--period", "2022-02", "--user", "colin")


def test_an_unknown_command_user_is_refused_in_chinese(db):
    with pytest.raises(CommandError, match="用户“nobody”不存在或已停用。"):
        call_command("import", str(SAMPLE_TARGETS), "--user", "nobody")


# --- the documentation is the table -----------------------------------------------------------


def test_docs_permissions_md_is_generated_from_the_matrix():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "permission_matrix.py"), "--check"],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


# --- the rule book as people read it ----------------------------------------------------------


def test_every_role_of_the_rule_book_has_a_column_in_the_matrix(people):
    """A role added to RULES without a persona here would go untested: this fails first."""
    from econdesk.accounts.permissions import RULES

    played = {people[r].role for r in ROLES if r != "anonymous"}
    assert played == set(RULES)


def test_the_settings_page_shows_the_rule_book(client, people, monkeypatch):
    from econdesk.accounts.permissions import RULES, role_table

    client.force_login(people["admin"])
    page = client.get(reverse("settings")).content.decode()
    table = page[page.index('id="role-table"') :]
    table = table[: table.index("</section>")]
    header = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert header == ["操作", "系统管理员", "数据审核", "单位填报", "领导", "督查"]
    rows = {
        label: cells
        for label, cells in re.findall(r'<th scope="row">(.*?)</th>((?:<td>.*?</td>)+)', table)
    }
    assert re.findall(r"<td>(.*?)</td>", rows["导入数据"]) == ["可", "可", "—", "—", "—"]
    assert re.findall(r"<td>(.*?)</td>", rows["修改项目台账"]) == ["可", "可", "本单位", "—", "—"]
    assert len(rows) == len(role_table().rows)
    # Taking 导入数据 from 数据审核 in the rule book takes it off the page.
    reviewer = RULES["reviewer"]
    fewer = type(reviewer)(reviewer.actions - {"ledger.import"}, reads_drafts=True)
    monkeypatch.setitem(RULES, "reviewer", fewer)
    page = client.get(reverse("settings")).content.decode()
    table = page[page.index('id="role-table"') :]
    row = re.search(r'<th scope="row">导入数据</th>((?:<td>.*?</td>)+)', table).group(1)
    assert re.findall(r"<td>(.*?)</td>", row) == ["可", "—", "—", "—", "—"]
