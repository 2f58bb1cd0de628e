"""A built panel is reused between requests until the ledger changes, never across a change."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from econdesk.analysis.panel import build_panel
from econdesk.ledger.models import Indicator, Target
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.catalogue import period_for
from tests.helpers import SAMPLE_INDUSTRY, write_figures

pytestmark = pytest.mark.django_db(transaction=True)
FEB = PeriodKey(2022, 2)


@pytest.fixture
def home(people, sample_city):
    city, members = sample_city
    rows = [
        (members[n], "industry_va", "2022-02", None, g, r) for n, (g, r) in SAMPLE_INDUSTRY.items()
    ]
    write_figures(people["admin"], rows)
    return members["东城区"]


def industry(panel):
    return next(r for r in panel["indicators"] if r["code"] == "industry_va")


def test_it_reuses_a_panel_while_nothing_changes(home):
    first = build_panel(home, FEB)
    with CaptureQueriesContext(connection) as queries:
        again = build_panel(home, FEB)
    assert again == first
    assert len(queries) == 1  # only the ledger stamp


def test_it_builds_afresh_after_a_correction(home, people):
    assert industry(build_panel(home, FEB))["growth"] == Decimal("8.2")
    write_figures(people["admin"], [(home, "industry_va", "2022-02", None, "9.0", None)])
    row = industry(build_panel(home, FEB))
    assert row["growth"] == Decimal("9.0") and row["rank"] == 3


def test_it_builds_afresh_after_a_target_is_set(home):
    assert industry(build_panel(home, FEB))["targets"] == []
    Target.objects.create(region=home, indicator=Indicator.objects.get(code="industry_va"),
                          period=period_for(2022, 3), level="city", growth=Decimal("7.0"))  # fmt: skip
    assert [t["growth"] for t in industry(build_panel(home, FEB))["targets"]] == [Decimal("7.0")]


def test_a_reader_changing_its_copy_changes_nobody_elses(home):
    mine = build_panel(home, FEB)
    industry(mine)["growth"] = Decimal("99")
    mine["indicators"].clear()
    assert industry(build_panel(home, FEB))["growth"] == Decimal("8.2")
