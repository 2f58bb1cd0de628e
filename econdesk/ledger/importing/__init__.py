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
from econdesk.ledger.importing.mapped import read_with
from econdesk.ledger.importing.mapped import sample as mapped_sample
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
from econdesk.ledger.services.layouts import known_mappings, mapping_named

__all__ = [
    "FindingsUnexplained",
    "ImportFailed",
    "ImportProblem",
    "ImportReport",
    "FileReport",
    "file_grid",
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
    layout: str | None = None,
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
    layout: the name of a saved layout (版式, importing.mapped) every file is read with; without
    it, a sheet whose header has a saved layout's fingerprint is read with that one.
    Raises ImportFailed or FindingsUnexplained (nothing written) or PermissionDenied.
    """
    explanation = (explanation or "").strip()
    permissions.require(user, "ledger.import")
    options = ImportOptions(
        region=(region or "").strip() or None,
        period=_period_option(period),
        total=(total or "").strip() or None,
        parent=(parent or "").strip() or None,
        layout=(layout or "").strip() or None,
    )
    mappings = _mappings(options.layout)
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
                _import_item(
                    user, item, options, problems, report, indicators, names, checks, mappings
                )
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


def file_grid(item, sheet: int = 0) -> tuple[list[str], list[list]]:
    """The names of a file's sheets (or tables) and the first rows of sheet number `sheet` as
    text, [row number, cell texts…] each: what the mapping form shows. FileRefused if the
    file cannot be read at all."""
    names: list[str] = []
    grid: list[list] = []
    with open_source(item) as source:
        for index, rows in enumerate(read_sheets(source, inspect(source))):
            names.append(rows.name or source.name)
            if index == sheet:
                grid = mapped_sample(rows.rows)
    return names, grid


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


def _mappings(name: str | None) -> tuple:
    """(the layout named by --layout or None, every saved layout by fingerprint)."""
    if name is None:
        return None, known_mappings()
    forced = mapping_named(name)
    if forced is None:
        saved = "、".join(m.name for m in known_mappings().values()) or "尚无"
        raise ImportFailed(
            [
                ImportProblem(
                    "--layout", None, None, None, f"没有名为“{name}”的版式（已有：{saved}）"
                )
            ]
        )
    return forced, {}


def _import_item(user, item, options, problems, report, indicators, names, checks, mappings):
    name = str(getattr(item, "name", item))
    file_report = FileReport(file=name.replace("\\", "/").rsplit("/", 1)[-1])
    report.files.append(file_report)
    try:
        with open_source(item) as source:
            file_report.file = source.name
            info = inspect(source)
            used = file_report.layouts
            sheets = read_with(read_sheets(source, info), *mappings, used)
            kind, sheets = _classify(sheets)
            if used:  # a mapped layout is rewritten as the wide bulletin (importing.mapped)
                kind = ImportBatch.Kind.BULLETIN
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
