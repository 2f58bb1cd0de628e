"""The period of a bulletin as its title writes it: digits or Chinese numerals, full-width or
not, 1-10月 or 前10个月 or 一至十月, 前三季度 or 1—3季度. Each is the same year-to-date period,
and what the title says after it is the subject (the indicator of a one-indicator sheet)."""

from __future__ import annotations

import pytest

from econdesk.ledger.importing import import_files
from econdesk.ledger.importing.layouts import indicator_in_title
from econdesk.ledger.models import Observation
from econdesk.ledger.periods import PeriodKey, parse_period
from tests.ledger import city_month as month
from tests.ledger.test_import_layouts import check_ledger

SPELLINGS = {
    "2026年1-10月": (2026, 10),
    "2026年1—10月": (2026, 10),
    "2026年1～10月份": (2026, 10),
    "２０２６年１－１０月": (2026, 10),
    "二〇二六年一至十月": (2026, 10),
    "二○二六年1-10月": (2026, 10),
    "2026年前10个月": (2026, 10),
    "2026年前十个月": (2026, 10),
    "2026年一季度": (2026, 3),
    "2026年第一季度": (2026, 3),
    "2026年前三个月": (2026, 3),
    "2026年上半年": (2026, 6),
    "2026年1-2季度": (2026, 6),
    "2026年前两个季度": (2026, 6),
    "2026年前三季度": (2026, 9),
    "2026年1—3季度": (2026, 9),
    "二〇二六年一至三季度": (2026, 9),
    "2026年1-11月": (2026, 11),
    "2026年十二月": (2026, 12),
    "2026年全年": (2026, 12),
    "2026-03": (2026, 3),
}


@pytest.mark.parametrize("text", list(SPELLINGS))
def test_each_spelling_is_its_year_to_date_period(text):
    assert parse_period(text) == PeriodKey(*SPELLINGS[text])


@pytest.mark.parametrize("text", ["主要经济指标", "2026年", "前13个月", "2026年1-13月", ""])
def test_words_that_name_no_period_give_none(text):
    assert parse_period(text) is None


def test_the_year_comes_from_the_default_when_the_title_has_none():
    assert parse_period("前三季度", default_year=2025) == PeriodKey(2025, 9)
    assert parse_period("前三季度") is None


@pytest.mark.parametrize(
    "title",
    [
        "青岚市二〇二六年一至十月社会消费品零售总额（万元）",
        "青岚市2026年前10个月社会消费品零售总额（万元）",
        "青岚市２０２６年１—１０月份社会消费品零售总额（万元）",
    ],
)
def test_what_the_title_says_after_its_period_is_the_indicator(title):
    assert indicator_in_title(title) == "社会消费品零售总额（万元）"


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["二〇二六年一至十月", "2026年前10个月", "２０２６年１—１０月"])
def test_a_bulletin_titled_so_is_read_as_1_10(importer, tmp_path, period):
    title = f"{month.CITY}{period}各区县主要经济指标"
    path = month._save(tmp_path / "霁川.xlsx", {"县区指标": month.wide_rows(title=title)})
    import_files(importer, [path], accept_new=True)
    check_ledger()
    periods = set(Observation.objects.values_list("period__year", "period__month"))
    assert periods == {(2026, 10)}
