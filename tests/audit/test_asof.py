"""Any figure as it stood at a moment: the newest version created by then, before and after a
correction — in the ledger query, the panel, the GDP estimate, the page and the API."""

import threading
from datetime import datetime

import pytest
from django.utils import timezone

from econdesk.analysis.facts import load_panel_facts
from econdesk.analysis.gdp_estimate import estimate_for
from econdesk.analysis.panel import build_panel
from econdesk.ledger.asof import observations_as_of, reading_as_of
from econdesk.ledger.models import Indicator, Observation
from econdesk.ledger.periods import PeriodKey
from tests.helpers import D, write_figures

PASSWORD = "Econdesk-test-2026"
FEB = PeriodKey(2022, 2)


def local(text: str) -> datetime:
    return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d %H:%M"))


PUBLISHED = local("2022-03-15 10:00")  # the city's bulletin: 东城区 industry +8.2%
CORRECTED = local("2022-04-20 09:30")  # the revision: +9.0%


def _stamp(batch_summary, moment):
    batch_obs = Observation.objects.filter(batch__file_name=batch_summary)
    batch_obs.update(created_at=moment)


@pytest.fixture
def corrected(people, sample_city):
    """东城区 1-2月 industry growth 8.2% published 2022-03-15, corrected to 9.0% 2022-04-20;
    西城区 published once (6.5%). Creation times set to those days (only they matter here)."""
    city, members = sample_city
    admin = people["admin"]
    write_figures(
        admin,
        [
            (members["东城区"], "industry_va", "2022-02", None, "8.2", 3),
            (members["西城区"], "industry_va", "2022-02", None, "6.5", 5),
            (city, "industry_va", "2022-02", None, "7.1", None),
        ],
        file_name="bulletin-2022-02.xlsx",
    )
    _stamp("bulletin-2022-02.xlsx", PUBLISHED)
    write_figures(
        admin,
        [(members["东城区"], "industry_va", "2022-02", None, "9.0", 3)],
        file_name="bulletin-2022-02-revised.xlsx",
    )
    _stamp("bulletin-2022-02-revised.xlsx", CORRECTED)
    return members


def cell(members, name="东城区"):
    return {"region": members[name], "indicator__code": "industry_va", "period__year": 2022,
            "period__month": 2, "kind": "actual"}  # fmt: skip


def test_the_ledger_as_of_a_moment_gives_the_version_valid_then(corrected):
    here = cell(corrected)
    assert not observations_as_of(local("2022-03-01 00:00")).filter(**here).exists()
    then = observations_as_of(local("2022-04-01 12:00")).get(**here)
    assert (then.growth, then.version, then.is_current) == (D("8.2"), 1, False)
    assert then.batch.file_name == "bulletin-2022-02.xlsx"
    on_the_minute = observations_as_of(CORRECTED).get(**here)
    assert (on_the_minute.growth, on_the_minute.version) == (D("9.0"), 2)
    now = observations_as_of(timezone.now()).get(**here)
    assert now == Observation.objects.get(is_current=True, **here)


def test_it_gives_one_version_per_cell(corrected):
    rows = observations_as_of(timezone.now()).filter(indicator__code="industry_va")
    cells = [(o.region_id, o.period_id, o.kind) for o in rows]
    assert len(cells) == len(set(cells)) == 3
    # A cell never corrected reads the same before and after the other one's correction.
    west = cell(corrected, "西城区")
    assert observations_as_of(local("2022-04-01 12:00")).get(**west).growth == D("6.5")


def test_the_panel_reads_the_versions_it_is_given(corrected):
    home = corrected["东城区"]
    industry = [Indicator.objects.get(code="industry_va")]
    then = observations_as_of(local("2022-04-01 12:00"))

    facts = load_panel_facts(home, FEB, industry, observations=then)
    assert facts.own_figure(industry[0].pk, FEB).growth == D("8.2")
    assert load_panel_facts(home, FEB, industry).own_figure(industry[0].pk, FEB).growth == D("9.0")

    row_then = build_panel(home, FEB, industry, observations=then)["indicators"][0]
    row_now = build_panel(home, FEB, industry)["indicators"][0]
    assert (row_then["growth"], row_now["growth"]) == (D("8.2"), D("9.0"))


def test_the_gdp_estimate_reads_the_versions_it_is_given(corrected, system_user):
    from econdesk.ledger.services.gdp import ensure_default_gdp_sectors

    ensure_default_gdp_sectors(system_user)
    home = corrected["东城区"]
    then = estimate_for(home, FEB, observations=observations_as_of(local("2022-04-01 12:00")))
    now = estimate_for(home, FEB)
    industry = {r["code"]: r for r in then["sectors"]}["industry"]
    assert industry["driver_growth"] == D("8.2")
    assert {r["code"]: r for r in now["sectors"]}["industry"]["driver_growth"] == D("9.0")


def test_readers_given_nothing_follow_the_as_of_context_only_in_it(corrected):
    home = corrected["东城区"]
    industry = [Indicator.objects.get(code="industry_va")]
    with reading_as_of(local("2022-04-01 12:00")):
        assert build_panel(home, FEB, industry)["indicators"][0]["growth"] == D("8.2")
        with reading_as_of(None):
            assert build_panel(home, FEB, industry)["indicators"][0]["growth"] == D("9.0")
        assert build_panel(home, FEB, industry)["indicators"][0]["growth"] == D("8.2")
    assert build_panel(home, FEB, industry)["indicators"][0]["growth"] == D("9.0")


@pytest.mark.django_db(transaction=True)
def test_the_other_thread_reads_current_figures_from_its_own_connection(people, sample_city):
    """(Transactional: the thread's connection must see the committed figures.)"""
    _city, members = sample_city
    write_figures(people["admin"], [(members["东城区"], "industry_va", "2022-02", None, "8.2", 3)])
    first = timezone.now()
    write_figures(people["admin"], [(members["东城区"], "industry_va", "2022-02", None, "9.0", 3)])
    industry = [Indicator.objects.get(code="industry_va")]
    seen = []

    def other_request():
        from django.db import connection

        try:
            seen.append(build_panel(members["东城区"], FEB, industry)["indicators"][0]["growth"])
        finally:
            connection.close()

    with reading_as_of(first):
        thread = threading.Thread(target=other_request)
        thread.start()
        thread.join()
        mine = build_panel(members["东城区"], FEB, industry)["indicators"][0]["growth"]
    assert (mine, seen) == (D("8.2"), [D("9.0")])


def test_a_bulletin_collected_as_of_a_moment_reads_the_figures_of_then(corrected):
    from econdesk.bulletins.material import collect

    home = corrected["东城区"]
    then = collect(home, FEB, as_of=local("2022-04-01 12:00"))["panel"]["indicators"]
    now = collect(home, FEB)["panel"]["indicators"]
    growth = {r["code"]: r["growth"] for r in then}, {r["code"]: r["growth"] for r in now}
    assert (growth[0]["industry_va"], growth[1]["industry_va"]) == (D("8.2"), D("9.0"))


# --- the page -------------------------------------------------------------------------------


def page(client, members, at, **extra):
    params = {"region": members["东城区"].pk, "indicator": "industry_va", "period": "2022-02",
              "at": at, **extra}  # fmt: skip
    response = client.get("/audit/as-of/", params)
    assert response.status_code == 200
    return response


def test_the_page_shows_the_figure_as_it_stood_before_the_correction(client, corrected):
    assert client.login(username="leo", password=PASSWORD)  # any reader of the ledger
    response = page(client, corrected, "2022-04-01 12:00")
    then = response.context["result"].then
    assert (then.growth, then.version) == (D("8.2"), 1)
    html = response.content.decode()
    assert '<dd class="growth">8.2</dd>' in html and "第1版" in html
    assert "bulletin-2022-02.xlsx" in html  # the source batch
    assert "此后已更正：现行为第2版（增速 9.0）" in html


def test_the_page_shows_the_figure_after_the_correction_and_before_any(client, corrected):
    assert client.login(username="leo", password=PASSWORD)
    after = page(client, corrected, "2022-04-20 09:30")
    assert after.context["result"].then.version == 2
    assert "仍是现行版本" in after.content.decode()
    day = page(client, corrected, "2022-04-19")  # a date alone: as it stood at the end of it
    assert day.context["result"].then.version == 1
    before = page(client, corrected, "2022-03-14 23:59")
    assert before.context["result"].then is None
    assert "该时点尚无此数据" in before.content.decode()


def test_the_page_explains_a_moment_it_cannot_read(client, corrected):
    assert client.login(username="leo", password=PASSWORD)
    response = page(client, corrected, "上个月")
    assert "无法识别时点“上个月”" in response.content.decode()


def test_the_page_needs_a_login(client, corrected):
    response = client.get("/audit/as-of/")
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- the API --------------------------------------------------------------------------------


def test_the_api_gives_the_figures_as_of_a_moment(client, corrected):
    assert client.login(username="colin", password=PASSWORD)
    url = "/api/v1/observations/as-of/"
    then = client.get(url, {"at": "2022-04-01 12:00", "indicator": "industry_va"}).json()
    by_region = {r["region"]: r for r in then["results"]}
    assert then["count"] == 3 and by_region["东城区"]["growth"] == "8.2000"
    assert by_region["东城区"]["version"] == 1 and by_region["东城区"]["is_current"] is False
    assert by_region["东城区"]["source"] == "导入：bulletin-2022-02.xlsx"
    assert then["at"].startswith("2022-04-01T12:00:00+08:00")

    now = client.get(url, {"at": "2022-05-01", "region": "东城区", "period": "2022-02"}).json()
    assert [(r["growth"], r["version"]) for r in now["results"]] == [("9.0000", 2)]
    early = client.get(url, {"at": "2022-03-01 00:00", "indicator": "industry_va"}).json()
    assert early["count"] == 0


def test_the_api_refuses_a_missing_or_unreadable_moment(client, corrected):
    assert client.login(username="colin", password=PASSWORD)
    response = client.get("/api/v1/observations/as-of/")
    assert response.status_code == 400 and "请填写时点" in response.json()["at"]
    response = client.get("/api/v1/observations/as-of/", {"at": "2022-13-01"})
    assert response.status_code == 400 and "不是有效的日期时间" in response.json()["at"]


def test_the_api_needs_a_login(client, corrected):
    assert client.get("/api/v1/observations/as-of/", {"at": "2022-05-01"}).status_code in (401, 403)


def test_the_router_still_serves_observations_by_id(client, corrected):
    assert client.login(username="colin", password=PASSWORD)
    obs = Observation.objects.filter(is_current=True).first()
    assert client.get(f"/api/v1/observations/{obs.pk}/").json()["id"] == obs.pk
