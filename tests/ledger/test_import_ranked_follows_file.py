"""Who is ranked follows the city's file (issue #13 point 6): a functional zone the file ranks
becomes ranked; a member the file lists with "—" in every rank cell is listed, not ranked;
each change is in the import report (the preview) and in the change record; a file that ranks
no one changes nobody; a dry run changes nothing. Fictional figures, built here."""

from __future__ import annotations

import copy

import pytest

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import import_files
from econdesk.ledger.models import Region
from tests.helpers import sample_bulletin_rows, write_bulletin

MERGES = ("A1:K1", "A2:K2", "A3:A4", "B3:C3", "D3:E3", "F3:H3", "I3:K3")
ZONE = [
    "高新区",
    9.5,
    1,
    30.2,
    1,
    "—",
    8.8,
    1,
    "—",
    12.0,
    1,
]  # ranked first; its amounts are in its hosts


def sample_rows() -> list[list]:
    return sample_bulletin_rows()


def write(path, rows):
    return write_bulletin(path, rows, MERGES)


def with_zone(zone_row) -> list[list]:
    rows = copy.deepcopy(sample_rows())
    at = next(i for i, row in enumerate(rows) if row[0] == "红岩市") + 1
    rows.insert(at, list(zone_row))
    return rows


@pytest.fixture
def zone(sample_city):
    city, _ = sample_city
    return Region.objects.create(
        name="高新区", code="gaoxin", parent=city, kind=Region.Kind.FUNCTIONAL_ZONE, ranked=False,
        sort_order=99,
    )  # fmt: skip


def records_of(region) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.filter(object_type="ledger.Region", object_id=region.pk))


@pytest.mark.django_db
def test_a_zone_the_file_ranks_becomes_ranked_and_it_is_recorded(people, zone, tmp_path):
    path = write(tmp_path / "示范市-2022-02.xlsx", with_zone(ZONE))
    dry = import_files(people["admin"], [path], dry_run=True)
    assert dry.files[0].ranking_changed == ["高新区改为参与排名"]
    zone.refresh_from_db()
    assert zone.ranked is False and records_of(zone) == []  # the preview writes nothing

    report = import_files(people["admin"], [path])
    assert report.files[0].ranking_changed == ["高新区改为参与排名"]
    assert "  排名范围：高新区改为参与排名" in report.files[0].render_lines()
    zone.refresh_from_db()
    assert zone.ranked is True
    (record,) = records_of(zone)
    assert record.before["ranked"] is False and record.after["ranked"] is True
    assert "文件给出了位次，改为参与排名" in record.reason

    again = import_files(people["admin"], [path])  # the same file again: nothing to change
    assert again.files[0].ranking_changed == [] and len(records_of(zone)) == 1


@pytest.mark.django_db
def test_a_member_listed_with_dashes_in_every_rank_cell_is_no_longer_ranked(
    people, zone, sample_city, tmp_path
):
    _, members = sample_city
    rows = with_zone(["高新区", 9.5, "—", 30.2, "—", "—", 8.8, "—", "—", 12.0, "—"])
    report = import_files(people["admin"], [write(tmp_path / "a.xlsx", rows)])
    assert report.files[0].ranking_changed == []  # listed unranked, and it is unranked
    white = next(row for row in rows if row[0] == "白水县")
    for column in (2, 4, 7, 10):
        white[column] = "—"
    report = import_files(people["admin"], [write(tmp_path / "b.xlsx", rows)])
    assert report.files[0].ranking_changed == ["白水县改为列出但不参与排名"]
    members["白水县"].refresh_from_db()
    assert members["白水县"].ranked is False


@pytest.mark.django_db
def test_a_file_that_ranks_no_one_changes_nobody(people, zone, sample_city, tmp_path):
    _, members = sample_city
    rows = with_zone(ZONE)
    for row in rows[4:]:
        if row and row[0] and not str(row[0]).startswith("注"):
            for column in (2, 4, 7, 10):
                row[column] = "—"
    report = import_files(people["admin"], [write(tmp_path / "c.xlsx", rows)])
    assert report.files[0].ranking_changed == []
    zone.refresh_from_db()
    assert zone.ranked is False
    assert all(Region.objects.get(pk=m.pk).ranked for m in members.values())
