"""Units as bulletins write them: exact conversion by powers of ten, never across quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from econdesk.ledger import units
from econdesk.ledger.importing import import_files
from tests.ledger import city_month as month
from tests.ledger.test_import_layouts import check_ledger

D = Decimal


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        ("623518", "万元", "亿元", "62.3518"),
        ("3", "亿元人民币", "万元", "30000"),
        ("12345", "万吨", "亿吨", "1.2345"),
        ("1500", "公斤", "吨", "1.5"),
        ("2.5", "兆瓦", "万千瓦", "0.25"),
        ("8.6", "万吨标煤", "吨标准煤", "86000"),
        ("402132", "万千瓦时", "亿千瓦时", "40.2132"),
        ("35", "万人次", "人次", "350000"),
    ],
)
def test_conversions_move_the_decimal_point_exactly(value, source, target, expected):
    assert units.convert(D(value), source, target) == D(expected)


@pytest.mark.parametrize(("a", "b"), [("万人", "万人次"), ("吨", "吨标准煤"), ("万元", "万美元"),
                                      ("%", "‰"), ("千瓦", "千瓦时")])  # fmt: skip
def test_different_quantities_are_never_converted(a, b):
    assert not units.compatible(a, b)
    with pytest.raises(units.UnitError, match="无法换算"):
        units.shift(a, b)


@pytest.mark.django_db
def test_a_unit_line_naming_other_quantities_is_read(importer, tmp_path):
    """单位：亿元、万千瓦时、万美元、万吨 — a unit the file's indicators do not use (万吨, for a
    产品产量 column of another table) no longer refuses the file."""
    rows = month.wide_rows()
    rows[1] = ["单位：万元、亿元、万千瓦时、万美元、万吨、万人次"]
    path = month._save(tmp_path / "bulletin.xlsx", {"县区指标": rows})
    import_files(importer, [path], accept_new=True)
    check_ledger()
