"""Shared test fixtures: the standard catalogue, one person per role, the sample city."""

from __future__ import annotations

from pathlib import Path

import pytest

from econdesk.accounts.models import Department, Role, User
from econdesk.ledger.models import Region

REPO = Path(__file__).resolve().parent.parent
# Everything the suite reads is inside the repository: the user-facing samples ship in
# docs/samples/, the real public data the tests use is in tests/data/ (see its PROVENANCE.md).
SAMPLES = REPO / "docs" / "samples"
REAL = REPO / "tests" / "data" / "real"
SAMPLE_BULLETIN = SAMPLES / "city-bulletin-2022-02.xlsx"
SAMPLE_TARGETS = SAMPLES / "targets-2022.csv"
REAL_PROVINCES = REAL / "nbs_provinces_real_estate_investment_2017_2019.csv"
# The real NBS file trips the data checks for real (three 1-12月 totals below 1-11月 after the
# annual revision, growths of small provinces jumping dozens of points): imports confirm them.
REAL_EXPLANATION = "国家统计局公布数，年报修订与小基数波动属实"

SAMPLE_DISTRICTS = ["东城区", "西城区", "南湖区", "北山区", "临江县", "青山县", "白水县", "红岩市"]


@pytest.fixture
def system_user(db):
    from econdesk.accounts.cli_actor import command_user

    return command_user()


@pytest.fixture
def catalogue(db, system_user):
    from econdesk.ledger.services.catalogue import ensure_standard_catalogue

    return ensure_standard_catalogue(system_user)


def _dept(short: str) -> Department:
    return Department.objects.get(short_name=short)


@pytest.fixture
def people(catalogue):
    """alice 管理员, rita 统计局审核, colin 经信局填报, cora 商务局填报, leo 领导, sue 督查."""

    def make(username, role, dept=None, name=""):
        user = User.objects.create_user(
            username=username,
            password="Econdesk-test-2026",
            role=role,
            department=_dept(dept) if dept else None,
            display_name=name or username,
        )
        return user

    return {
        "admin": make("alice", Role.ADMIN, "发改局", "管理员甲"),
        "reviewer": make("rita", Role.REVIEWER, "统计局", "审核员乙"),
        "clerk": make("colin", Role.CLERK, "经信局", "经信填报员"),
        "other_clerk": make("cora", Role.CLERK, "商务局", "商务填报员"),
        "leader": make("leo", Role.LEADER, None, "区长"),
        "supervisor": make("sue", Role.SUPERVISOR, "目标绩效办", "督查员"),
    }


@pytest.fixture
def sample_city(db):
    """示范市 and its eight districts, as in the sample bulletin; 东城区 is home."""
    city = Region.objects.create(name="示范市", kind=Region.Kind.CITY)
    kinds = {"县": Region.Kind.COUNTY, "区": Region.Kind.DISTRICT, "市": Region.Kind.COUNTY_CITY}
    members = {}
    for order, name in enumerate(SAMPLE_DISTRICTS, start=1):
        members[name] = Region.objects.create(
            name=name,
            kind=kinds[name[-1]],
            parent=city,
            sort_order=order,
            is_home=(name == "东城区"),
        )
    return city, members


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 at production strength costs ~0.3 s per user; tests make many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_panel_cache():
    # Built panels are kept between requests (econdesk.analysis.panel_cache); a test starts
    # with none, whatever ids an earlier test's rolled-back rows had.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, one for the whole session (see tests/browser.py)."""
    import os
    import shutil

    from tests.browser import CHROMIUM, CHROMIUM_FLAGS

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"找不到 Chromium：{CHROMIUM}（.ci/run 会安装 Debian 的 chromium 包）")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()
