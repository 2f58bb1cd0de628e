"""The tidy form with its columns named in Chinese as people name them, and a bulletin whose
one header row holds measures standing alone (地区 | 增速 | 位次) not taken for the tidy form."""

from __future__ import annotations

import csv

import pytest

from econdesk.ledger.importing import import_files
from econdesk.ledger.models import Observation
from tests.conftest import SAMPLES
from tests.ledger import city_month as month
from tests.ledger.conftest import write_csv
from tests.ledger.test_import_layouts import check_ledger

CHINESE = {"region": "区县", "indicator": "指标名称", "period": "报告期", "value": "累计",
           "growth": "同比增长(%)"}  # fmt: skip


def sample_rows() -> list[list[str]]:
    with (SAMPLES / "tidy-2022-03.csv").open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


@pytest.mark.django_db
def test_a_tidy_file_with_chinese_column_names_reads_as_the_sample(importer, sample_city,
                                                                    tmp_path):  # fmt: skip
    import_files(importer, [SAMPLES / "tidy-2022-03.csv"])
    english = {(o.region_id, o.indicator_id, o.value, o.growth)
               for o in Observation.objects.filter(is_current=True)}  # fmt: skip
    Observation.objects.all().delete()
    rows = sample_rows()
    assert rows[0] == list(CHINESE)
    rows[0] = [CHINESE[name] for name in rows[0]]
    import_files(importer, [write_csv(tmp_path / "规整.csv", rows)])
    chinese = {(o.region_id, o.indicator_id, o.value, o.growth)
               for o in Observation.objects.filter(is_current=True)}  # fmt: skip
    assert len(chinese) == len(rows) - 1 and chinese == english


@pytest.mark.django_db
def test_a_one_row_bulletin_header_without_a_title_is_a_bulletin(importer, tmp_path):
    """地区 | 规模以上工业增加值增速(%) | 位次 | 固定资产投资（亿元）| 增速(%) | 位次 …, the first
    line of the file (city and period given on the import page)."""
    rows = month.wide_rows(title=None)[1:]  # no title, no 单位 line
    one = ["地区"]
    for i, name in enumerate(rows[0][1:], start=1):
        measure = rows[1][i]
        if name:
            one.append(name if measure == "绝对值" else f"{name}{measure}")
        else:
            one.append(measure)
    rows[0:2] = [one]
    path = month._save(tmp_path / "bulletin.xlsx", {"县区指标": rows})
    import_files(importer, [path], accept_new=True, region=month.CITY, period=month.PERIOD)
    check_ledger()
