"""`econdesk analyze` on the imported sample bulletin and targets, against hand calculations."""

import json
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import SAMPLE_BULLETIN, SAMPLE_TARGETS


def r(x, places="0.1"):
    return Decimal(str(x)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@pytest.fixture
def imported(people, sample_city):
    call_command("import", str(SAMPLE_BULLETIN), user="rita", stdout=StringIO())
    call_command("import", str(SAMPLE_TARGETS), user="rita", stdout=StringIO())


def analyze(*args) -> str:
    out = StringIO()
    call_command("analyze", *args, stdout=out)
    return out.getvalue()


def rows(region="东城区"):
    panel = json.loads(analyze("--region", region, "--period", "2022-02", "--json"))
    assert panel["period_label"] == "1-2月" and panel["region"] == region
    return {row["code"]: row for row in panel["indicators"]}


def test_it_compares_growth_with_the_city_and_ranks(imported):
    row = rows()["industry_va"]
    assert (row["growth"], row["total_growth"]) == (8.2, 7.1)
    assert r(row["vs_total_pp"]) == Decimal("1.1")
    assert (row["rank"], row["rank_of"], row["tied"]) == (3, 8, False)
    fai = rows()["fai"]
    assert (fai["growth"], fai["total_growth"], r(fai["vs_total_pp"])) == (
        -6.0,
        5.6,
        Decimal("-11.6"),
    )
    assert (fai["rank"], fai["rank_of"]) == (7, 8)


def test_it_gives_tied_regions_the_same_rank(imported):
    west, north = rows("西城区")["industry_va"], rows("北山区")["industry_va"]
    assert (west["rank"], west["tied"], west["tied_with"]) == (5, True, ["北山区"])
    assert (north["rank"], north["tied"], north["tied_with"]) == (5, True, ["西城区"])
    assert rows("青山县")["industry_va"]["rank"] == 7  # the 6th place is skipped


def test_it_gives_the_gaps_to_zero_growth_and_to_the_targets(imported):
    fiscal = rows()["fiscal_revenue"]
    base = Decimal("8.61") / Decimal("0.968")  # 8.8946…
    assert r(fiscal["base"], "0.0001") == r(base, "0.0001")
    assert (
        r(fiscal["gap_zero_growth"], "0.01") == r(base - Decimal("8.61"), "0.01") == Decimal("0.28")
    )
    year = next(t for t in fiscal["targets"] if t["period"] == "2022-12")
    assert (year["level"], year["value"]) == ("city", 30.5)
    assert r(year["remaining"], "0.01") == Decimal("21.89")  # 30.5 − 8.61
    assert r(year["task_progress"]) == Decimal("28.2")  # 8.61 / 30.5
    assert r(year["time_progress"]) == Decimal("16.7")  # 2 of 12 months

    fai_targets = {(t["level"], t["period"]): t for t in rows()["fai"]["targets"]}
    assert r(fai_targets[("city", "2022-03")]["gap_pp"]) == Decimal("14.0")  # 8.0 − (−6.0)
    assert r(fai_targets[("district", "2022-03")]["gap_pp"]) == Decimal("16.0")

    industry = {t["period"]: t for t in rows()["industry_va"]["targets"]}
    assert industry["2022-03"]["gap_pp"] == 0  # 8.2 already above 7.0
    # March must grow (7.0 − 2/3 × 8.2) / (1/3) = 4.6% with 1-2月 as two thirds of the quarter
    assert r(industry["2022-03"]["required_growth_rest"]) == Decimal("4.6")


def test_it_prints_a_readable_table(imported):
    text = analyze("--region", "东城区", "--period", "2022-02")
    assert text.splitlines()[0] == "东城区 · 2022年1-2月 指标面板"
    line = next(x for x in text.splitlines() if x.startswith("规上工业增加值"))
    assert "8.2" in line and "7.1" in line and "1.1" in line and "第3位/8" in line
    assert "实现正增长缺口0.28亿元" in text


def test_it_refuses_an_unknown_region_in_chinese(imported):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到地区“西湖区”"):
        analyze("--region", "西湖区", "--period", "2022-02")
