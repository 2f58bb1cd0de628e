"""Concurrent imports are serialised: two corrections of one bulletin at once lose nothing.

PostgreSQL: import_files takes pg_advisory_xact_lock(LEDGER_WRITE_LOCK) at the start of its
transaction, so the second import waits and then reads the version the first one wrote.
These tests run in CI's PostgreSQL pass and are skipped on SQLite, whose in-memory test
database cannot host two connections that write; test_sqlite_writers covers SQLite.
"""

from __future__ import annotations

import copy
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import ImportBatch, Observation
from econdesk.ledger.services.observations import ObservationWriter
from tests.conftest import SAMPLE_BULLETIN
from tests.ledger.conftest import write_xlsx
from tests.ledger.test_import_variants import MERGES

pytestmark = pytest.mark.django_db(transaction=True)

CELL = ("东城区", "规模以上工业增加值")


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (runs in CI's PostgreSQL pass)")


def correction(tmp_path, bulletin_rows, growth: float, name: str):
    rows = copy.deepcopy(bulletin_rows)
    assert rows[5][0] == "东城区" and rows[5][1] == 8.2
    rows[5][1] = growth
    return write_xlsx(tmp_path / name, rows, merges=MERGES)


def run_together(jobs, pause: float = 0.4):
    """Run each job in its own thread (own connection), released at the same instant.

    Every ObservationWriter.add sleeps `pause` first, so an import that got in holds its
    transaction open long enough for the other to arrive. Returns (results, write windows).
    """
    windows: list[tuple[float, float, str]] = []
    original = ObservationWriter.add

    def slow_add(self, rows):
        start = time.monotonic()
        time.sleep(pause)
        original(self, rows)
        windows.append((start, time.monotonic(), threading.current_thread().name))

    ObservationWriter.add = slow_add
    barrier = threading.Barrier(len(jobs))
    results: dict[str, object] = {}
    calls: dict[str, tuple[float, float]] = {}

    def work(name, job):
        try:
            barrier.wait()
            begun = time.monotonic()
            results[name] = job()
            calls[name] = (begun, time.monotonic())
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            results[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=work, args=(name, job), name=name) for name, job in jobs.items()
    ]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        ObservationWriter.add = original
    return results, windows, calls


def test_two_corrections_at_once_are_applied_one_after_the_other(
    importer, sample_city, bulletin_rows, tmp_path
):
    import_files(importer, [SAMPLE_BULLETIN])
    a = correction(tmp_path, bulletin_rows, 8.3, "correction-a.xlsx")
    b = correction(tmp_path, bulletin_rows, 8.4, "correction-b.xlsx")

    results, windows, calls = run_together(
        {"A": lambda: import_files(importer, [a]), "B": lambda: import_files(importer, [b])}
    )

    assert not [r for r in results.values() if isinstance(r, BaseException)], results
    # The two calls overlapped in time, but their writes did not: the second waited.
    (a0, a1), (b0, b1) = calls["A"], calls["B"]
    assert a0 < b1 and b0 < a1
    first, second = sorted(windows)
    assert first[1] <= second[0]

    versions = list(
        Observation.objects.filter(
            region__name=CELL[0], indicator__name=CELL[1], period__year=2022, period__month=2
        )
        .order_by("version")
        .values_list("version", "growth", "is_current")
    )
    assert [v for v, _, _ in versions] == [1, 2, 3]
    assert [c for _, _, c in versions] == [False, False, True]
    assert Observation.objects.filter(is_current=True).count() == 36

    # Each correction is its own batch naming its cell; the second's "before" is the first's
    # "after": no revision was lost.
    batches = list(ImportBatch.objects.order_by("pk"))
    assert [b.revised_count for b in batches] == [0, 1, 1]
    records = [
        ChangeRecord.objects.get(object_type="ledger.ImportBatch", object_id=str(b.pk))
        for b in batches[1:]
    ]
    befores = [r.before["revised"] for r in records]
    afters = [r.after["revised"] for r in records]
    cell = f"{CELL[0]}|{CELL[1]}|2022-02|actual"
    assert all(len(x) == 1 and x[0]["cell"] == cell for x in befores + afters)
    assert Decimal(str(befores[0][0]["growth"])) == Decimal("8.2")
    assert Decimal(str(befores[1][0]["growth"])) == Decimal(str(afters[0][0]["growth"]))
    assert Decimal(str(afters[1][0]["growth"])) == versions[-1][1]
    assert {Decimal(str(afters[0][0]["growth"])), versions[-1][1]} == {
        Decimal("8.3"),
        Decimal("8.4"),
    }


def test_a_refused_import_does_not_block_the_next(importer, sample_city, bulletin_rows, tmp_path):
    """The lock ends with the transaction, also when the import is refused."""
    rows = copy.deepcopy(bulletin_rows)
    rows[5][1] = "八点二"
    bad = write_xlsx(tmp_path / "bad.xlsx", rows, merges=MERGES)
    good = correction(tmp_path, bulletin_rows, 8.3, "good.xlsx")

    results, _, _ = run_together(
        {
            "bad": lambda: import_files(importer, [bad]),
            "good": lambda: import_files(importer, [good]),
        },
        pause=0.1,
    )
    assert isinstance(results["bad"], ImportFailed)
    assert not isinstance(results["good"], BaseException), results["good"]
    assert Observation.objects.filter(is_current=True).count() == 36
