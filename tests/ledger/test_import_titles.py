"""Titles as city bulletins write them: the period before the city, a title on two lines, the
bureau's name on a line of its own — and a date line that is not the period."""

from __future__ import annotations

import pytest

from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import Observation
from tests.ledger import city_month as month
from tests.ledger.test_import_layouts import check_ledger

TITLES = [
    ["2026年1-10月霁川市各区县主要经济指标"],
    ["2026年10月霁川市各区县主要经济指标"],
    ["霁川市各区县主要经济指标（2026年1-10月）"],
    ["表1 霁川市2026年1-10月分县区主要经济指标"],
    ["附表：霁川市2026年1—10月各县（市、区）主要经济指标完成情况"],
    ["霁川市各区县主要经济指标", "（2026年1-10月）"],
    ["霁川市统计局", "2026年1-10月各区县主要经济指标"],
    ["霁川市各区县主要经济指标", "填报日期：2026年11月15日", "（2026年1-10月）"],
]


def import_titled(importer, tmp_path, lines):
    rows = [[line] for line in lines] + month.wide_rows(title=None)
    path = month._save(tmp_path / "bulletin.xlsx", {"Sheet1": rows})
    return import_files(importer, [path], accept_new=True)


@pytest.mark.django_db
@pytest.mark.parametrize("lines", TITLES, ids=lambda lines: " / ".join(lines))
def test_the_city_and_the_period_are_found_wherever_the_title_puts_them(importer, tmp_path,
                                                                         lines):  # fmt: skip
    import_titled(importer, tmp_path, lines)
    check_ledger()


@pytest.mark.django_db
def test_a_date_line_is_not_taken_for_the_period(importer, tmp_path):
    with pytest.raises(ImportFailed) as failed:
        import_titled(importer, tmp_path, ["霁川市各区县主要经济指标", "制表日期：2026年11月15日"])
    (problem,) = failed.value.problems
    assert "未写明年份和期别" in problem.message and problem.row == 1
    assert not Observation.objects.exists()
