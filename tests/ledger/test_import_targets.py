"""Targets in tidy form: loaded once, unchanged on re-import, changes recorded before/after."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import ImportBatch, Target
from tests.conftest import SAMPLE_TARGETS

D = Decimal
# Copied from targets-2022.csv: (indicator, period, level) → (growth, value)
EXPECTED = {
    ("规模以上工业增加值", "2022-03", "市下达"): (D("7.0"), None),
    ("固定资产投资", "2022-03", "市下达"): (D("8.0"), None),
    ("社会消费品零售总额", "2022-03", "市下达"): (D("6.0"), None),
    ("一般公共预算收入", "2022-03", "市下达"): (D("5.0"), None),
    ("地区生产总值", "2022-03", "市下达"): (D("6.0"), None),
    ("固定资产投资", "2022-03", "区级"): (D("10.0"), None),
    ("规模以上工业增加值", "2022-12", "市下达"): (D("7.5"), None),
    ("固定资产投资", "2022-12", "市下达"): (D("9.0"), None),
    ("社会消费品零售总额", "2022-12", "市下达"): (D("6.5"), None),
    ("一般公共预算收入", "2022-12", "市下达"): (None, D("30.5")),
}


def stored_targets():
    return {
        (t.indicator.name, t.period.code, t.get_level_display()): (t.growth, t.value)
        for t in Target.objects.select_related("indicator", "period")
    }


@pytest.fixture
def loaded(importer, sample_city):
    return import_files(importer, [SAMPLE_TARGETS])


@pytest.mark.django_db
def test_it_loads_the_ten_sample_targets_with_levels_and_values(loaded, sample_city):
    assert stored_targets() == EXPECTED
    _, members = sample_city
    assert set(Target.objects.values_list("region", flat=True)) == {members["东城区"].pk}
    assert len(loaded.files[0].targets_created) == 10
    batch = ImportBatch.objects.get(kind=ImportBatch.Kind.TARGETS)
    assert Target.objects.filter(batch=batch).count() == 10 and batch.created_count == 10
    assert ChangeRecord.objects.filter(object_type="ledger.Target").count() == 10


@pytest.mark.django_db
def test_it_changes_nothing_when_the_same_targets_come_again(loaded, importer, counts):
    before = counts()
    report = import_files(importer, [SAMPLE_TARGETS])
    assert not report.changed
    assert report.files[0].targets_unchanged == 10
    assert "无变化" in report.render()
    assert counts() == before


def _changed_copy(tmp_path, growth="8.5"):
    with SAMPLE_TARGETS.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    for row in rows:
        if row[1:4] == ["固定资产投资", "2022-03", "市下达"]:
            row[4] = growth
    path = tmp_path / "targets-2022-revised.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.mark.django_db
def test_it_updates_a_changed_target_and_records_before_and_after(loaded, importer, tmp_path):
    records = ChangeRecord.objects.count()
    report = import_files(importer, [_changed_copy(tmp_path)])
    file_report = report.files[0]
    assert len(file_report.targets_updated) == 1 and file_report.targets_unchanged == 9
    assert "固定资产投资·2022-03·市下达：目标增速 8 → 8.5" in report.render()
    target = Target.objects.get(indicator__name="固定资产投资", period__month=3, level="city")
    assert target.growth == Decimal("8.5")
    assert Target.objects.count() == 10
    assert ChangeRecord.objects.count() == records + 1
    record = ChangeRecord.objects.latest("id")
    assert record.action == ChangeRecord.Action.UPDATE and record.object_id == str(target.pk)
    assert Decimal(record.before["growth"]) == Decimal("8.0")
    assert Decimal(record.after["growth"]) == Decimal("8.5")


@pytest.mark.django_db
def test_it_refuses_targets_with_an_unknown_level(importer, sample_city, tmp_path, counts):
    path = tmp_path / "bad-targets.csv"
    path.write_text(
        "region,indicator,period,level,growth,value\n东城区,固定资产投资,2022-03,省下达,8.0,\n",
        encoding="utf-8",
    )
    before = counts()
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path])
    assert "bad-targets.csv 第2行 D列：“省下达”不是目标层级" in failed.value.render()
    assert counts() == before


@pytest.mark.django_db
def test_it_needs_the_right_to_edit_targets(people, sample_city):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_files(people["clerk"], [SAMPLE_TARGETS])
    assert Target.objects.count() == 0
