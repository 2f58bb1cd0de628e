"""Headers of one row or of three, as county bulletins print them, read as the usual two.

Each case rewrites the header of tests/ledger/city_month.py's wide table and expects the very
ledger the plain file gives (check_ledger), so a header read wrong shows as a wrong figure.
"""

from __future__ import annotations

import pytest

from econdesk.ledger.importing import import_files
from econdesk.ledger.models import Observation
from tests.ledger import city_month as month
from tests.ledger.test_import_layouts import check_ledger

NAMES, MEASURES = 2, 3  # row indexes of the two header rows in month.wide_rows()


def import_rows(importer, tmp_path, rows, merges=()):
    path = month._save(tmp_path / "bulletin.xlsx", {"县区指标": rows}, {"县区指标": merges})
    return import_files(importer, [path], accept_new=True)


def groups(rows) -> list[tuple[int, int]]:
    """(first, last) column index of each indicator's group."""
    starts = [i for i, text in enumerate(rows[NAMES]) if i and text]
    ends = [*(s - 1 for s in starts[1:]), len(rows[MEASURES]) - 1]
    return list(zip(starts, ends, strict=True))


@pytest.mark.django_db
def test_one_header_row_with_the_measure_in_the_name(importer, tmp_path):
    """地区 | 规模以上工业增加值增速(%) | 位次 | 固定资产投资（亿元） | 增速(%) | 位次 …"""
    rows = month.wide_rows()
    one = ["地区"]
    for first, last in groups(rows):
        name, measures = rows[NAMES][first], rows[MEASURES][first : last + 1]
        if measures[0] == "绝对值":
            one += [name, *measures[1:]]
        else:
            one += [f"{name}{measures[0]}", *measures[1:]]
    assert one[1:3] == ["规模以上工业增加值增速(%)", "位次"]
    rows[NAMES : MEASURES + 1] = [one]
    import_rows(importer, tmp_path, rows)
    check_ledger()


@pytest.mark.django_db
def test_three_header_rows_with_the_period_between(importer, tmp_path):
    """指标 / 1-10月 (merged over its measures) / 绝对值 增速 位次 — and a 10月 group beside
    it holding the single month."""
    rows = month.wide_rows()
    first, last = groups(rows)[1]  # 固定资产投资: 绝对值, 增速, 位次
    period = [None] * len(rows[MEASURES])
    for start, _ in groups(rows):
        period[start] = "1-10月"
    for n, row in enumerate(rows):
        if n == NAMES:
            row[last + 1 : last + 1] = [None, None]
        elif n == MEASURES:
            row[last + 1 : last + 1] = ["绝对值", "增速(%)"]
            period[last + 1 : last + 1] = ["10月", None]
        elif n > MEASURES and len(row) > 1:
            row[last + 1 : last + 1] = [80.25, 1.5] if row[0] == "霁东区" else [None, None]
    rows.insert(MEASURES, period)
    merges = [f"B{MEASURES + 1}:C{MEASURES + 1}"]
    import_rows(importer, tmp_path, rows, merges)
    check_ledger()
    one = Observation.objects.get(indicator__name="固定资产投资", region__name="霁东区")
    assert (one.month_value, one.month_growth) == (pytest.approx(80.25), pytest.approx(1.5))


@pytest.mark.django_db
def test_the_period_under_the_measures(importer, tmp_path):
    rows = month.wide_rows()
    rows.insert(MEASURES + 1, [None] + ["1-10月"] * (len(rows[MEASURES]) - 1))
    import_rows(importer, tmp_path, rows)
    check_ledger()


@pytest.mark.django_db
def test_a_row_of_units_under_the_measures(importer, tmp_path):
    """绝对值 over 万元 (the unit only there, not in the indicator's name), 增速 over %."""
    rows = month.wide_rows()
    word = {"绝对值": None, "增速(%)": "%", "位次": "位"}
    unit_row = [None] + [word[m] for m in rows[MEASURES][1:]]
    for first, _ in groups(rows):
        name = rows[NAMES][first].split("（")[0]
        if rows[MEASURES][first] == "绝对值":
            unit_row[first] = month.FIGURES[name][0]
        rows[NAMES][first] = name
    assert "万元" in unit_row and not any("（" in (t or "") for t in rows[NAMES])
    rows.insert(MEASURES + 1, unit_row)
    rows[MEASURES] = [m.replace("(%)", "") if m else m for m in rows[MEASURES]]
    import_rows(importer, tmp_path, rows)
    check_ledger()


@pytest.mark.django_db
def test_a_numbered_one_row_header_with_each_column_naming_its_indicator(importer, tmp_path):
    """序号 | 县区 | 规上工业同比% | 规上工业排名 | 固投1-10月累计（亿元） | 固投同比% | 固投排名 …:
    a line-number column first, and every column saying its indicator (in the short names
    people use) and its measure — read without a mapping, every name known."""
    rows = month.flat_rows()
    header = rows[2]
    assert header[:2] == ["序号", "区划"]
    header[1] = "县区"
    for column, _indicator, measure, unit in month.flat_columns():
        if measure == "value":
            header[column] = f"{header[column]}（{unit}）"
    rows[1] = ["单位：%"]
    report = import_rows(importer, tmp_path, rows)
    check_ledger()
    assert report.files[0].indicators_created == []


@pytest.mark.django_db
def test_indicators_as_rows_with_a_numbered_first_column(importer, tmp_path):
    rows = month.turned_rows()
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "指标")
    number = 0
    for i, row in enumerate(rows):
        if i == header_at:
            rows[i] = ["序号", *row]
        elif i > header_at and row and row[0] in month.FIGURES:
            number += 1
            rows[i] = [number, *row]
        elif i > header_at and len(row) > 1:
            rows[i] = [None, *row]
    assert number == len(month.FIGURES)
    path = month._save(tmp_path / "turned.xlsx", {"主要指标": rows})
    import_files(importer, [path], accept_new=True)
    check_ledger()


@pytest.mark.django_db
@pytest.mark.parametrize("corner", ["指标\\地区", "项目 地区", "地区/指标"])
def test_a_corner_cell_naming_both_ways_is_decided_by_the_other_cells(importer, tmp_path,
                                                                       corner):  # fmt: skip
    """Indicators as rows under a diagonal corner cell (Word draws 指标\\地区): the header's
    other cells are 全市 and districts, so the table is read turned; the wide table under the
    same corner is read as wide."""
    rows = month.turned_rows()
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "指标")
    rows[header_at][0] = corner
    path = month._save(tmp_path / "turned.xlsx", {"主要指标": rows})
    import_files(importer, [path], accept_new=True)
    check_ledger()


@pytest.mark.django_db
def test_a_corner_cell_over_indicators_is_the_wide_table(importer, tmp_path):
    rows = month.wide_rows()
    rows[NAMES][0] = "地区\\指标"
    import_rows(importer, tmp_path, rows)
    check_ledger()


@pytest.mark.django_db
def test_two_header_rows_with_the_region_word_in_both(importer, tmp_path):
    """地区 over 地区 (a merged cell a program wrote into both rows) is still two header rows."""
    rows = month.wide_rows()
    rows[MEASURES][0] = "地区"
    import_rows(importer, tmp_path, rows)
    check_ledger()
