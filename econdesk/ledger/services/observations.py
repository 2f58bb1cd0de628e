"""Write figures into the ledger as new versions, never overwriting (docs/methodology.md §2).

The writer is fed in chunks so that a large file streams through in flat memory, inside the
caller's transaction: a failure anywhere rolls back the whole import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from econdesk.accounts import permissions
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, user_label
from econdesk.ledger.locks import lock_ledger_writes
from econdesk.ledger.models import ImportBatch, Indicator, Observation, Period, Region
from econdesk.ledger.periods import PeriodKey

# Columns written by ObservationWriter._insert, in the order _new builds them.
_INSERT_FIELDS = (
    "region", "indicator", "period", "kind", "value", "growth", "rank", "version", "is_current",
    "vintage", "batch", "entered_by", "source_ref", "note", "created_at", "value_rank",
    "month_value", "month_growth",
)  # fmt: skip

# The figures of a cell a file gives, compared field by field on re-import (a change in any of
# them is a correction, i.e. a new version), with their names in the import report.
FIGURES = ("value", "growth", "rank", "value_rank", "month_value", "month_growth")
_BLANK = (None,) * len(FIGURES)
FIGURE_LABELS = (
    ("value", "累计值"),
    ("growth", "增速"),
    ("rank", "位次"),
    ("value_rank", "总量位次"),
    ("month_value", "当月值"),
    ("month_growth", "当月增速"),
)

# A revised cell keeps its before/after in the change record up to this many; beyond it the
# record says how many more there were (all of them stay readable as observation versions).
MAX_LISTED_REVISIONS = 2000


@dataclass(frozen=True)
class ObservationInput:
    """One figure read from a file or a form, matched to ledger objects."""

    region: Region
    indicator: Indicator
    period: PeriodKey
    value: Decimal | None
    growth: Decimal | None
    rank: int | None = None  # the published rank by the indicator's rank_key
    kind: str = Observation.Kind.ACTUAL
    vintage: str = Observation.Vintage.MONTHLY
    source_ref: str = ""
    value_rank: int | None = None  # the published 总量 rank, where the file prints one as such
    month_value: Decimal | None = None  # the single month's amount (当月值), as printed
    month_growth: Decimal | None = None  # the single month's growth (当月增速), percent

    @property
    def key(self) -> tuple:
        return (self.region.pk, self.indicator.pk, self.period, self.kind)


_DEFAULTS = {f.name: f.default for f in fields(ObservationInput)}
# input_row() fills an instance's fields directly, which is what the dataclass's own __init__
# does (it has no __post_init__, and these are all its fields).
assert not hasattr(ObservationInput, "__post_init__")
assert list(_DEFAULTS) == [
    "region", "indicator", "period", "value", "growth", "rank", "kind", "vintage",
    "source_ref", "value_rank", "month_value", "month_growth",
]  # fmt: skip


def input_row(
    region, indicator, period, value, growth, rank, value_rank, month_value, month_growth,
    source_ref,
) -> ObservationInput:  # fmt: skip
    """ObservationInput(region=…, …, source_ref=…) of an actual monthly figure (the default
    kind and vintage), for a reader that makes one a row: a frozen dataclass's __init__ sets
    its twelve fields one by one through object.__setattr__, a third of the cost of a row in
    a large tidy file. The instance is the same (equal, same fields, still frozen)."""
    row = _new_object(ObservationInput)
    row.__dict__.update(
        region=region,
        indicator=indicator,
        period=period,
        value=value,
        growth=growth,
        rank=rank,
        kind=_DEFAULTS["kind"],
        vintage=_DEFAULTS["vintage"],
        source_ref=source_ref,
        value_rank=value_rank,
        month_value=month_value,
        month_growth=month_growth,
    )
    return row


_new_object = object.__new__


@dataclass
class Revision:
    """A figure that changed: what it was and what it becomes."""

    region: str
    indicator: str
    period: str
    kind: str
    before: dict
    after: dict
    source_ref: str

    def describe(self) -> str:
        parts = []
        for name, label in FIGURE_LABELS:
            if self.before.get(name) != self.after.get(name):
                parts.append(
                    f"{label} {_fmt(self.before.get(name))} → {_fmt(self.after.get(name))}"
                )
        return f"{self.region}·{self.indicator}·{self.period}：" + "，".join(parts)


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        # The database hands back 8.2000 for a stored 8.2; show the figure as published.
        return format(value.normalize(), "f")
    return str(value)


def _norm(value):
    """Compare decimals by value (8.2 == 8.20), keep None distinct."""
    if isinstance(value, Decimal):
        return value.normalize()
    return value


@dataclass
class WriteSummary:
    created: int = 0
    revised: list[Revision] = field(default_factory=list)
    unchanged: int = 0
    kept_blank: int = 0  # cells blank in the file where the ledger has a figure: kept as is

    @property
    def changed(self) -> bool:
        return bool(self.created or self.revised)


class ObservationWriter:
    """Adds figures chunk by chunk; call finish() to write the change record.

    Must be used inside transaction.atomic(); the caller decides to commit or roll back.
    """

    def __init__(self, user, batch: ImportBatch):
        permissions.require(user, "ledger.import")
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("ObservationWriter must run inside a transaction")
        lock_ledger_writes()
        self.user = user
        self.batch = batch
        self.summary = WriteSummary()
        self._periods: dict[PeriodKey, Period] = {}

    def _period(self, key: PeriodKey) -> Period:
        period = self._periods.get(key)
        if period is None:
            period, _ = Period.objects.get_or_create(year=key.year, month=key.month)
            self._periods[key] = period
        return period

    def add(self, rows: Iterable[ObservationInput]) -> None:
        rows = list(rows)
        if not rows:
            return
        # Each row's cell key, computed once: Model.pk is a property, and at 100,000 rows
        # its repeated calls were a tenth of the import's time. So are the rows' figures, read
        # once as a tuple in FIGURES' order.
        periods = self._periods
        keyed = []
        for row in rows:
            period = periods.get(row.period) or self._period(row.period)
            key = (row.region.pk, row.indicator.pk, period.pk, row.kind)
            figures = (
                row.value, row.growth, row.rank, row.value_rank, row.month_value, row.month_growth
            )  # fmt: skip
            keyed.append((row, period, key, figures))
        current = self._current_for(keyed)
        to_retire: list[int] = []
        to_create: list[tuple] = []
        new = self._new
        summary = self.summary
        for row, period, key, figures in keyed:
            old = current.get(key) if current else None
            blank = figures == _BLANK
            if old is None:
                if blank:
                    continue
                to_create.append(new(row, key, version=1))
                summary.created += 1
                continue
            old_state = {name: getattr(old, name) for name in FIGURES}
            if blank:
                summary.kept_blank += 1
                continue
            # A figure a file leaves blank (a column it lacks, a "—") is not a correction to
            # nothing: the ledger keeps what it had for that field. So a file without a 总量位次
            # keeps the stored one; a changed 总量位次 is a revision like a changed growth (and so
            # for the 当月 figures).
            new_state = {
                name: figure if figure is not None else old_state[name]
                for name, figure in zip(FIGURES, figures, strict=True)
            }
            if all(_norm(old_state[k]) == _norm(new_state[k]) for k in old_state):
                summary.unchanged += 1
                continue
            row = replace(row, **new_state)
            to_retire.append(old.pk)
            to_create.append(new(row, key, version=old.version + 1))
            summary.revised.append(
                Revision(
                    region=row.region.name,
                    indicator=row.indicator.name,
                    period=period.code,
                    kind=row.kind,
                    before=old_state,
                    after=new_state,
                    source_ref=row.source_ref,
                )
            )
        if to_create and self.batch.pk is None:
            self.batch.save()
        if to_retire:
            # Retire before inserting: only one current version may exist per cell.
            Observation.objects.filter(pk__in=to_retire).update(is_current=False)
        self._insert(to_create)

    def _current_for(self, keyed: list[tuple]) -> dict[tuple, Observation]:
        region_ids = {entry[2][0] for entry in keyed}
        indicator_ids = {entry[2][1] for entry in keyed}
        period_ids = {entry[2][2] for entry in keyed}
        kinds = {entry[2][3] for entry in keyed}
        qs = Observation.objects.filter(
            is_current=True,
            kind__in=kinds,
            indicator_id__in=indicator_ids,
            period_id__in=period_ids,
        ).only("id", "region_id", "indicator_id", "period_id", "kind", *FIGURES,
               "version")  # fmt: skip
        if len(region_ids) < 500:
            qs = qs.filter(region_id__in=region_ids)
        batch_id = self.batch.pk
        if batch_id is None:
            return {(o.region_id, o.indicator_id, o.period_id, o.kind): o for o in qs.iterator()}
        # The versions this writer has already written (a large file's earlier chunks) come
        # back by the chunk's periods too, but they are rarely this chunk's cells: their keys
        # are read first, and only the ones the chunk names are read in full.
        current = {
            (o.region_id, o.indicator_id, o.period_id, o.kind): o
            for o in qs.exclude(batch_id=batch_id).iterator()
        }
        wanted = {entry[2] for entry in keyed}
        own = [
            pk
            for pk, *key in qs.filter(batch_id=batch_id)
            .values_list("pk", "region_id", "indicator_id", "period_id", "kind")
            .iterator()
            if tuple(key) in wanted
        ]
        if own:
            current.update(
                ((o.region_id, o.indicator_id, o.period_id, o.kind), o)
                for o in qs.filter(pk__in=own).iterator()
            )
        return current

    def _new(self, row: ObservationInput, key: tuple, version: int) -> tuple:
        """The new version as a row of _INSERT_FIELDS (the batch id is filled in on insert).

        Building model instances and going through bulk_create cost three quarters of a large
        import's time; the values below are what Observation(...).save() would store.
        """
        estimate = row.kind == Observation.Kind.ESTIMATE
        return (
            key[0],
            key[1],
            key[2],
            row.kind,
            row.value,
            row.growth,
            row.rank,
            version,
            True,
            row.vintage,
            None,
            self.user.pk if estimate and getattr(self.user, "pk", None) else None,
            row.source_ref[:120],
            "",
            None,
            row.value_rank,
            row.month_value,
            row.month_growth,
        )

    def _insert(self, rows: list[tuple]) -> None:
        """Insert new versions with one prepared statement (executemany), field by field
        adapted exactly as Django adapts them for this database."""
        if not rows:
            return
        connection = transaction.get_connection()
        fields = [Observation._meta.get_field(name) for name in _INSERT_FIELDS]
        value_field, growth_field = fields[4], fields[5]
        month_value_field, month_growth_field = fields[16], fields[17]
        created_at = fields[14].get_db_prep_save(timezone.now(), connection)
        batch_id = self.batch.pk

        def prep(field, number):
            # DecimalField passes a finite Decimal through unchanged on every backend Django
            # ships (to_python and adapt_decimalfield_value are identities for it); skipping
            # the call for those saves a third of the insert time. Anything else goes through it.
            if number is None or (number.__class__ is Decimal and number.is_finite()):
                return number
            return field.get_db_prep_save(number, connection)

        params = [
            (
                *r[:4],
                prep(value_field, r[4]),
                prep(growth_field, r[5]),
                *r[6:10],
                batch_id,
                r[11],
                r[12],
                r[13],
                created_at,
                r[15],
                prep(month_value_field, r[16]),
                prep(month_growth_field, r[17]),
            )
            for r in rows
        ]
        quote = connection.ops.quote_name
        table = quote(Observation._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY is several times faster than row-by-row INSERT on PostgreSQL.
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in params:
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", params)

    def finish(self, rows_read: int, checks: dict | None = None) -> WriteSummary:
        """Store the counts on the batch and append one change record for the import.

        ``checks``: the findings of the validation (econdesk.ledger.checks) on these figures and
        the explanation they were confirmed with, kept on the batch and in the record.
        """
        s = self.summary
        if not s.changed:
            return s
        batch = self.batch
        batch.rows_read = rows_read
        batch.created_count = s.created
        batch.revised_count = len(s.revised)
        batch.unchanged_count = s.unchanged
        batch.summary = {"kept_blank": s.kept_blank}
        if checks:
            batch.summary["checks"] = checks
        batch.save()
        listed = s.revised[:MAX_LISTED_REVISIONS]
        record(
            user=self.user,
            action=ChangeRecord.Action.IMPORT,
            object_type="ledger.ImportBatch",
            object_id=batch.pk,
            object_repr=str(batch)[:200],
            before={
                "revised": [
                    {"cell": f"{r.region}|{r.indicator}|{r.period}|{r.kind}", **r.before}
                    for r in listed
                ]
            },
            after={
                "file": batch.file_name,
                "sha256": batch.sha256,
                "created": s.created,
                "revised": [
                    {"cell": f"{r.region}|{r.indicator}|{r.period}|{r.kind}", **r.after}
                    for r in listed
                ],
                "revised_not_listed": max(0, len(s.revised) - len(listed)),
                "unchanged": s.unchanged,
                **({"checks": checks} if checks else {}),
            },
            reason=f"导入{batch.get_kind_display()}" + _checks_reason(checks),
        )
        return s


def _checks_reason(checks: dict | None) -> str:
    if not checks:
        return ""
    return f"（校验提示{checks['count']}处，说明：{checks.get('explanation') or '—'}）"


def new_batch(user, *, kind: str, file_name: str, sha256: str) -> ImportBatch:
    """An unsaved batch; the writer saves it only if the import changes something."""
    return ImportBatch(
        kind=kind,
        file_name=file_name[:255],
        sha256=sha256,
        user=user if getattr(user, "pk", None) else None,
        user_name=user_label(user),
    )
