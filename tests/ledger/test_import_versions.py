"""Re-imports and corrections: nothing changes twice, a corrected cell gets a new version."""

from __future__ import annotations

import copy
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import import_files
from econdesk.ledger.models import ImportBatch, Observation
from tests.conftest import SAMPLE_BULLETIN
from tests.ledger.conftest import write_xlsx
from tests.ledger.test_import_variants import MERGES


@pytest.fixture
def first(importer, sample_city):
    return import_files(importer, [SAMPLE_BULLETIN])


@pytest.fixture
def corrected(bulletin_rows, tmp_path):
    """The sample with one cell corrected: 东城区 规模以上工业增加值 增速 8.2 → 8.3."""
    rows = copy.deepcopy(bulletin_rows)
    assert rows[5][0] == "东城区" and rows[5][1] == 8.2
    rows[5][1] = 8.3
    return write_xlsx(tmp_path / "city-bulletin-2022-02-corrected.xlsx", rows, merges=MERGES)


@pytest.mark.django_db
def test_it_changes_nothing_when_the_same_file_comes_again(first, importer, counts):
    before = counts()
    report = import_files(importer, [SAMPLE_BULLETIN])
    assert not report.changed and report.unchanged == 36
    assert report.render().endswith("无变化")
    assert counts() == before


@pytest.mark.django_db
def test_it_prints_no_change_on_the_command_line(first):
    out = io.StringIO()
    call_command("import", str(SAMPLE_BULLETIN), stdout=out)
    assert "无变化" in out.getvalue()


@pytest.mark.django_db
def test_it_adds_one_version_for_one_corrected_cell(first, importer, corrected, sample_city):
    _, members = sample_city
    observations = Observation.objects.count()
    report = import_files(importer, [corrected])
    assert Observation.objects.count() == observations + 1
    assert report.created == 0 and report.unchanged == 35 and len(report.revisions) == 1
    versions = Observation.objects.filter(
        region=members["东城区"], indicator__name="规模以上工业增加值"
    ).order_by("version")
    old, new = versions
    assert (old.version, old.is_current, old.growth) == (1, False, Decimal("8.2"))
    assert (new.version, new.is_current, new.growth) == (2, True, Decimal("8.3"))
    assert old.rank == new.rank == 3
    text = report.render()
    assert "更正（新版本）1条" in text
    assert report.revisions[0].describe() in text
    assert "东城区·规模以上工业增加值·2022-02：增速" in text and "→ 8.3" in text
    batch = ImportBatch.objects.latest("id")
    assert batch.revised_count == 1 and new.batch == batch and old.batch != batch


@pytest.mark.django_db
def test_it_records_the_correction_with_before_and_after(first, importer, corrected):
    import_files(importer, [corrected])
    record = ChangeRecord.objects.filter(action=ChangeRecord.Action.IMPORT).latest("id")
    assert record.after["created"] == 0
    (before,) = record.before["revised"]
    (after,) = record.after["revised"]
    assert before["cell"] == after["cell"] == "东城区|规模以上工业增加值|2022-02|actual"
    assert Decimal(before["growth"]) == Decimal("8.2")
    assert Decimal(after["growth"]) == Decimal("8.3")


@pytest.mark.django_db
def test_it_shows_what_a_dry_run_would_change_and_writes_nothing(
    first, importer, corrected, counts
):
    before = counts()
    report = import_files(importer, [corrected], dry_run=True)
    assert counts() == before
    assert len(report.revisions) == 1
    text = report.render()
    assert text.startswith("【试导入】") and "更正（新版本）1条" in text
    assert Observation.objects.get(
        region__name="东城区", indicator__name="规模以上工业增加值", is_current=True
    ).growth == Decimal("8.2")


@pytest.mark.django_db
def test_it_dry_runs_a_first_import_from_the_command_line(importer, sample_city, counts):
    before = counts()
    out = io.StringIO()
    call_command("import", str(SAMPLE_BULLETIN), "--dry-run", stdout=out)
    assert "新增36条" in out.getvalue() and "试导入" in out.getvalue()
    assert counts() == before
