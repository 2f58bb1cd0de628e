"""econdesk/params.py: the one parsing layer for query parameters (no Django needed)."""

import pytest

from econdesk import params
from econdesk.ledger.periods import PeriodKey
from econdesk.params import BadParameter


def test_a_period_is_year_dash_month():
    assert params.period({"period": "2026-03"}) == PeriodKey(2026, 3)
    assert params.period({"period": "2026-3"}) == PeriodKey(2026, 3)
    assert params.period({}) is None and params.period({"period": ""}) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-13", "月份应在 1 到 12 之间，不能是 13"),
        ("2026-00", "月份应在 1 到 12 之间，不能是 0"),
        ("abc", "期别应写作“年-月”"),
        ("２０２６-０３", "期别应写作“年-月”"),
        ("0001-03", "年份应在"),
    ],
)
def test_a_bad_period_is_refused_naming_the_parameter(value, reason):
    with pytest.raises(BadParameter) as refusal:
        params.period({"period": value})
    assert refusal.value.message.startswith("地址中的参数 period=")
    assert reason in refusal.value.message


@pytest.mark.parametrize("value", ["²", "١٢", "１２", "1.5", "1e9", "abc", "12 3"])
def test_ids_take_ascii_digits_only(value):
    with pytest.raises(BadParameter, match="地区编号应为数字"):
        params.region_id({"region": value})


def test_ids_have_bounds():
    assert params.region_id({"region": "12"}) == 12
    with pytest.raises(BadParameter, match="太大"):
        params.object_id({"project": "1" * 25}, "project")
    with pytest.raises(BadParameter, match="不能小于 1"):
        params.object_id({"project": "-1"}, "project")
    with pytest.raises(BadParameter, match="不能大于"):
        params.object_id({"project": str(2**63)}, "project")
    with pytest.raises(BadParameter, match="年份不能大于 2200"):
        params.year({"year": "9999"})


def test_control_characters_and_long_values_are_refused():
    with pytest.raises(BadParameter, match="控制字符"):
        params.text({"q": "a\x00b"}, "q")
    with pytest.raises(BadParameter, match="太长"):
        params.text({"q": "x" * 201}, "q")
    assert params.text({"q": "  东城区 "}, "q") == "东城区"


def test_a_limit_is_capped_not_refused():
    assert params.limit({"limit": str(10**22)}, cap=10_000) == 10_000
    assert params.limit({"limit": "500"}, cap=10_000) == 500
    assert params.limit({}, cap=10_000, default=200) == 200
    with pytest.raises(BadParameter, match="条数"):
        params.limit({"limit": "0"}, cap=10_000)
    with pytest.raises(BadParameter, match="条数"):
        params.limit({"limit": "²"}, cap=10_000)


def test_choices_and_dates():
    assert params.choice({"kind": "actual"}, "kind", ["actual", "estimate"]) == "actual"
    with pytest.raises(BadParameter, match="可选的值为 actual、estimate"):
        params.choice({"kind": "x"}, "kind", ["actual", "estimate"])
    assert str(params.iso_date({"today": "2026-03-31"}, "today")) == "2026-03-31"
    with pytest.raises(BadParameter, match="日期应写作"):
        params.iso_date({"today": "2026-02-30"}, "today")


def test_a_request_id_is_kept_to_64_printable_characters():
    assert params.request_id("a" * 500) == "a" * 64
    assert params.request_id("ab\x00c\nd 东") == "abcd"
    assert params.request_id(None) == ""
