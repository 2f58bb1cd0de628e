"""`econdesk analyze --json` prints the panel exactly as econdesk/analysis/rows.py declares it,
and keeps the field names readers already use."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from econdesk.analysis.rows import IndicatorRow, MoveUp, Panel, Projection, Status, TargetEntry
from econdesk.ledger.models import Indicator, Target
from econdesk.ledger.services.catalogue import period_for
from tests.helpers import write_figures

# The names `analyze --json` printed before the panel had a declared contract: none may go.
PANEL_FIELDS = {"region", "region_id", "group", "total_label", "period", "period_label",
                "period_display", "year", "indicators"}  # fmt: skip
ROW_FIELDS = {
    "code", "name", "short_name", "unit", "cumulation", "frequency", "decimals",
    "growth_decimals", "value_published", "lead_department", "leader", "value", "growth",
    "published_rank", "total_value", "total_growth", "vs_total_pp", "rank", "rank_of", "tied",
    "tied_with", "prev_period", "prev_period_label", "rank_prev", "rank_yoy",
    "rank_change_prev", "rank_change_yoy", "base", "gap_zero_growth", "time_progress",
    "observation_id", "projection", "projection_year", "targets", "move_up", "lowest_rank",
    "status",
}  # fmt: skip
TARGET_FIELDS = {
    "level", "level_label", "period", "period_label", "growth", "value", "rank", "gap_amount",
    "gap_pp", "met", "remaining", "required_growth_rest", "required_amount_per_month",
    "task_progress", "time_progress", "seasonal_benchmark", "expected_value", "expected_growth",
    "expected_gap_amount", "expected_gap_zero_growth", "expected_gap_pp", "rank_gap",
}  # fmt: skip
PROJECTION_FIELDS = {"period", "period_label", "value", "growth", "low", "high", "low_growth",
                     "high_growth", "mape", "method", "base", "estimate_value",
                     "estimate_growth"}  # fmt: skip
MOVE_FIELDS = {"target_rank", "peer", "peer_growth", "growth_needed", "pp_needed",
               "amount_needed", "tied_after"}  # fmt: skip


def declared(kind) -> tuple[set, set]:
    return set(kind.__required_keys__), set(kind.__optional_keys__)


@pytest.fixture
def panel_json(people, sample_city):
    """东城区 fixed-asset investment with last year's figures (so there is a projection), its
    peers (ranks, a place to move up to) and two targets; printed by `analyze --json`."""
    city, m = sample_city
    home = m["东城区"]
    rows = [
        (home, "fai", "2019-02", "14.0", "2.0", None),
        (home, "fai", "2019-03", "27.0", "2.0", None),
        (home, "fai", "2020-02", "15.0", "2.0", None),
        (home, "fai", "2020-03", "29.0", "2.0", None),
        (home, "fai", "2021-02", "15.9", "3.0", None),
        (home, "fai", "2021-03", "35.2", "4.0", None),
        (home, "fai", "2022-02", "16.5", "-1.8", None),
        (city, "fai", "2022-02", "150.0", "4.0", None),
    ]
    growths = {"西城区": "4.0", "南湖区": "12.0", "北山区": "8.0", "临江县": "20.0",
               "青山县": "1.0", "白水县": "2.0", "红岩市": "7.0"}  # fmt: skip
    rows += [(m[n], "fai", "2022-02", None, g, None) for n, g in growths.items()]
    write_figures(people["admin"], rows)
    fai = Indicator.objects.get(code="fai")
    for month, growth in ((3, "8.0"), (12, "9.0")):
        Target.objects.create(region=home, indicator=fai, period=period_for(2022, month),
                              level="city", growth=Decimal(growth), rank_goal=3)  # fmt: skip
    out = StringIO()
    call_command("analyze", "--region", "东城区", "--period", "2022-02", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_json_has_exactly_the_declared_fields(panel_json):
    required, optional = declared(Panel)
    assert set(panel_json) == required and not optional
    (row,) = panel_json["indicators"]
    assert set(row) == set(IndicatorRow.__required_keys__)
    assert row["targets"] and row["projection"] and row["move_up"]
    for entry in row["targets"]:
        assert set(entry) == set(TargetEntry.__required_keys__)
    required, optional = declared(Projection)
    for projection in filter(None, (row["projection"], row["projection_year"])):
        assert required <= set(projection) <= required | optional
    for move in row["move_up"].values():
        assert set(move) == set(MoveUp.__required_keys__)
    assert set(row["status"]) == set(Status.__required_keys__)


def test_the_json_keeps_the_field_names_readers_use(panel_json):
    (row,) = panel_json["indicators"]
    assert PANEL_FIELDS <= set(panel_json)
    assert ROW_FIELDS <= set(row)
    assert TARGET_FIELDS <= set(row["targets"][0])
    assert PROJECTION_FIELDS <= set(row["projection"])
    assert MOVE_FIELDS <= set(row["move_up"]["next"])


def test_the_figures_are_those_the_contract_describes(panel_json):
    (row,) = panel_json["indicators"]
    # 1-2月: −1.8% is 8th of 8 (青山县 1.0% is 7th); the base is 16.5 / 0.982.
    assert (row["growth"], row["total_growth"], row["rank"], row["rank_of"]) == (-1.8, 4.0, 8, 8)
    assert row["vs_total_pp"] == pytest.approx(-5.8)
    assert row["base"] == pytest.approx(16.802444, abs=1e-6)
    assert row["time_progress"] == pytest.approx(100 * 2 / 12, abs=1e-6)
    assert (
        row["projection"]["period"] == "2022-03" and row["projection"]["period_label"] == "一季度"
    )
    assert row["move_up"]["next"] == {**row["move_up"]["next"], "target_rank": 7, "peer": "青山县"}
    assert row["status"]["color"] == "red"
