"""Import files into the ledger: the city bulletin, tidy tables and targets.

    report = import_files(user, ["city-bulletin.xlsx"], dry_run=False)
    print(report.render())

The whole import, every file of it, runs in one transaction: any problem in any file raises
ImportFailed with every problem found (up to errors.MAX_PROBLEMS) and nothing is written. A dry
run does the real writes and rolls them back, so it reports exactly what would change.
Imports are serialised: each takes the ledger write lock (econdesk.ledger.locks) for its whole
transaction (on PostgreSQL a transaction-level advisory lock; SQLite's IMMEDIATE transactions
already admit one writer at a time), so two corrections of the same bulletin imported at once are applied one after the
other, each reading the versions the other wrote.
Every figure read is checked against its neighbours in the ledger (importing.validation,
econdesk.ledger.checks): the findings are warnings listed in the report at their cells, but an
import that would change the ledger and has findings is written only with an explanation
(FindingsUnexplained otherwise, nothing written); the explanation is kept on the batch and in
the change record with the findings.
The kind of each file is read from its content: a header with level → targets; a header with
region/indicator/period… → tidy; anything else is read as a bulletin.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from django.db import transaction

from econdesk.accounts import permissions
from econdesk.ledger.importing.bulletin import import_bulletin
from econdesk.ledger.importing.errors import (
    FileRefused,
    FindingsUnexplained,
    ImportFailed,
    ImportProblem,
    ProblemList,
    TooManyProblems,
)
from econdesk.ledger.importing.names import AnswerError, NameResolver, read_answers
from econdesk.ledger.importing.readers import SheetRows, inspect, is_blank, open_source, read_sheets
from econdesk.ledger.importing.report import FileContext, FileReport, ImportOptions, ImportReport
from econdesk.ledger.importing.targets import import_targets
from econdesk.ledger.importing.tidy import detect_kind, import_tidy
from econdesk.ledger.importing.validation import ImportChecks, finding_dict
from econdesk.ledger.locks import lock_ledger_writes
from econdesk.ledger.lookups import IndicatorIndex
from econdesk.ledger.models import ImportBatch
from econdesk.ledger.periods import PeriodKey, parse_period

__all__ = [
    "FindingsUnexplained",
    "ImportFailed",
    "ImportProblem",
    "ImportReport",
    "FileReport",
    "import_files",
    "import_one",
]

# pg_advisory_xact_lock key shared by every import: "econdesk" read as ASCII, a signed bigint.

_IMPORTERS = {
    ImportBatch.Kind.BULLETIN: import_bulletin,
    ImportBatch.Kind.TIDY: import_tidy,
    ImportBatch.Kind.TARGETS: import_targets,
}


def import_files(
    user,
    paths_or_uploads: Iterable,
    *,
    dry_run: bool = False,
    region: str | None = None,
    period: str | PeriodKey | None = None,
    total: str | None = None,
    parent: str | None = None,
    accept_new: bool = False,
    answers=None,
    explanation: str | None = None,
    refuse_unexplained: bool = True,
) -> ImportReport:
    """Import paths or uploaded file objects (anything with .name, .read and .seek) as one unit.

    region / period: the city and period of a bulletin whose title lacks them; total: the name
    of a total row besides 全市/全省/全国; parent: the region under which missing members are
    created. Names the ledger lacks are proposed (importing.names): accept_new applies every
    proposal, answers (a dict, JSON text or file, see names.read_answers) decide named ones; a
    dry run applies the proposals too, so that it shows what the confirmed import would do.
    The checks' findings are in report.findings; an import that changes the ledger and has
    findings needs ``explanation`` (the person's written reason for keeping the figures), unless
    refuse_unexplained is False (a caller that rolls the import back itself: a preview).
    Raises ImportFailed or FindingsUnexplained (nothing written) or PermissionDenied.
    """
    explanation = (explanation or "").strip()
    permissions.require(user, "ledger.import")
    options = ImportOptions(
        region=(region or "").strip() or None,
        period=_period_option(period),
        total=(total or "").strip() or None,
        parent=(parent or "").strip() or None,
    )
    try:
        answer_map = read_answers(answers)
    except AnswerError as exc:
        raise ImportFailed([ImportProblem("--answers", None, None, None, str(exc))]) from None
    problems = ProblemList()
    report = ImportReport(dry_run=dry_run, accepted=accept_new)
    indicators = IndicatorIndex()
    names = NameResolver(user, indicators, answer_map, accept=accept_new or dry_run)
    checks = ImportChecks()
    with transaction.atomic():
        lock_imports()
        try:
            for item in paths_or_uploads:
                _import_item(user, item, options, problems, report, indicators, names, checks)
        except TooManyProblems:
            pass
        report.proposals = names.listed
        if problems:
            # Raising inside atomic() rolls back whatever earlier files wrote.
            raise ImportFailed(problems.items, problems.truncated, names.listed)
        report.findings = [finding_dict(f) for f in checks.run()]
        unexplained = report.findings and report.changed and not explanation
        if unexplained and not dry_run and refuse_unexplained:
            raise FindingsUnexplained(report.findings)
        report.explanation = explanation if report.findings else ""
        checks.finish(report.explanation)
        if dry_run:
            transaction.set_rollback(True)
    return report


def lock_imports() -> None:
    """Wait for any other import or estimate being published (econdesk.ledger.locks)."""
    lock_ledger_writes()


def import_one(user, upload, **options) -> ImportReport:
    """One uploaded file (a Django UploadedFile or any named binary file object)."""
    return import_files(user, [upload], **options)


def _period_option(period) -> PeriodKey | None:
    if period is None or period == "" or isinstance(period, PeriodKey):
        return period or None
    try:
        key = parse_period(str(period))
    except ValueError:
        key = None
    if key is None:
        raise ImportFailed(
            [
                ImportProblem(
                    "--period",
                    None,
                    None,
                    None,
                    f"“{period}”不是期别（应如 2022-02 或 2022年1-2月）",
                )
            ]
        )
    return key


def _import_item(user, item, options, problems, report, indicators, names, checks) -> None:
    name = str(getattr(item, "name", item))
    file_report = FileReport(file=name.replace("\\", "/").rsplit("/", 1)[-1])
    report.files.append(file_report)
    try:
        with open_source(item) as source:
            file_report.file = source.name
            info = inspect(source)
            kind, sheets = _classify(read_sheets(source, info))
            file_report.kind = kind
            ctx = FileContext(
                user=user,
                name=source.name,
                sha256=info.sha256,
                options=options,
                problems=problems,
                report=file_report,
                indicators=indicators,
                names=names,
                checks=checks,
            )
            _IMPORTERS[kind](ctx, sheets)
    except FileRefused as exc:
        problems.add(file_report.file, exc.sheet, exc.row, exc.column, exc.message)


def _classify(sheets: Iterator[SheetRows]) -> tuple[str, Iterator[SheetRows]]:
    """The file's kind from its first non-empty row, and the sheets with that row put back."""
    consumed: list[SheetRows] = []
    for sheet in sheets:
        rows = iter(sheet.rows)
        for number, cells in rows:
            if any(not is_blank(c) for c in cells):
                first = SheetRows(sheet.name, chain([(number, cells)], rows), sheet.locate)
                return detect_kind(cells), chain(consumed, [first], sheets)
        consumed.append(SheetRows(sheet.name, iter(()), sheet.locate))
    return ImportBatch.Kind.BULLETIN, iter(consumed)
