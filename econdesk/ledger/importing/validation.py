"""The checks of econdesk.ledger.checks run on an import, with the ledger as neighbours.

The importers hand every figure they read to ``ImportChecks.add`` with the cells its value and
growth came from (located as the importer's error messages are: file, sheet, row, column), and
hand their writers to ``ImportChecks.defer`` instead of finishing them. Once every file has
been written (inside the import's one transaction, so the ledger already holds the file's own
figures beside the earlier ones), ``run`` checks them all; the writers are then finished with
the findings and the explanation, so the import's change record and its batch hold both.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from econdesk.ledger import checks
from econdesk.ledger.importing.errors import ImportProblem

# The findings an import keeps (in its report, batch and change record); the count is of all.
MAX_FINDINGS = 500


def current_rules() -> checks.CheckRules:
    """The thresholds in force: settings ECONDESK_CHECKS, ECONDESK_CHECK_JUMP_PP and
    ECONDESK_CHECK_SUM_TOLERANCE_PCT (docs/deploy.md)."""
    enabled = frozenset(getattr(settings, "ECONDESK_CHECKS", checks.CHECKS))
    unknown = enabled - set(checks.CHECKS)
    if unknown:
        raise ImproperlyConfigured(
            f"ECONDESK_CHECKS 含未知的校验“{'、'.join(sorted(unknown))}”"
            f"（可用：{','.join(checks.CHECKS)}）"
        )
    jump = _number("ECONDESK_CHECK_JUMP_PP", 20)
    if jump is None:
        enabled -= {"jump"}
    tolerance = _number("ECONDESK_CHECK_SUM_TOLERANCE_PCT", 1)
    return checks.CheckRules(
        enabled=enabled,
        jump_pp=jump if jump is not None else Decimal(20),
        sum_tolerance_pct=tolerance if tolerance is not None else Decimal(0),
    )


def _number(name: str, default) -> Decimal | None:
    """A non-negative number setting; empty means None (the rule off)."""
    raw = str(getattr(settings, name, default)).strip()
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise ImproperlyConfigured(f"{name} 应为不小于0的数（现为“{raw}”）")
    return number


def series_of(indicator) -> checks.Series:
    """An indicator as the checks see it."""
    return checks.Series(
        name=indicator.name,
        cumulative=indicator.cumulation == "ytd",
        current_price=indicator.price_basis == "current",
        additive=indicator.value_published and checks.is_additive(indicator.name, indicator.unit),
        quarterly=indicator.frequency == "quarterly",
        first_month=indicator.first_month,
    )


class CellPlace(NamedTuple):
    """Where a number is: file, sheet (None for CSV), row and column, as a person finds it.

    A named tuple rather than a frozen dataclass: a large file makes two a row, and a tuple is
    made several times faster."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None

    def where(self) -> str:
        return ImportProblem(self.file, self.sheet, self.row, self.column, "").where()


def finding_dict(finding: checks.Finding) -> dict:
    """A finding, JSON-ready (the preview, the batch's summary, the change record)."""
    place = finding.place
    out = {
        "check": finding.check,
        "label": finding.label,
        "field": finding.field,
        "subject": finding.subject,
        "message": finding.message,
    }
    if isinstance(place, CellPlace):
        out.update(
            file=place.file,
            sheet=place.sheet or "",
            row=place.row,
            column=place.column or "",
            where=place.where(),
        )
    else:
        out["where"] = str(place or "")
    return out


def render_finding(finding: dict) -> str:
    return f"{finding['where']}：{finding['subject']}：{finding['message']}"


def known_figures(region_ids, indicator_ids, years, *, kinds=("actual",), periods=None) -> dict:
    """(region, indicator, year, month) → checks.Known of the ledger's current figures, values
    normalised (their rounding is that of their shortest form); ``periods``: only these
    (year, month) (None: every month of the years)."""
    from econdesk.ledger.models import Observation, Period

    if not indicator_ids or not years or (periods is not None and not periods):
        return {}
    if periods is None:
        qs = Observation.objects.filter(period__year__in=years)
    else:
        # The periods first (a small table): the ledger's index on indicator and period then
        # finds the figures, and periods the ledger does not have yet cost no search at all.
        period_ids = [
            pk
            for pk, year, month in Period.objects.filter(
                year__in={year for year, _ in periods}
            ).values_list("pk", "year", "month")
            if (year, month) in periods
        ]
        if not period_ids:
            return {}
        qs = Observation.objects.filter(period_id__in=period_ids)
    qs = qs.filter(is_current=True, kind__in=kinds, indicator_id__in=indicator_ids)
    if len(region_ids) < 500:
        qs = qs.filter(region_id__in=region_ids)
    out: dict[tuple, checks.Known] = {}
    rows = qs.values_list(
        "region_id", "indicator_id", "period__year", "period__month", "kind", "value", "growth"
    )
    if len(kinds) > 1:
        # An actual figure beats an estimate of the same cell (published beats estimated).
        rows = sorted(rows, key=lambda r: r[4] == "actual")
    known = checks.Known
    for region, indicator, year, month, _kind, value, growth in rows:
        out[(region, indicator, year, month)] = known(
            value if value is None else value.normalize(),
            growth if growth is None else growth.normalize(),
        )
    return out


def _norm(x):
    return x.normalize() if isinstance(x, Decimal) else x


class ImportChecks:
    """The figures of one import (every file of it), checked once all are written."""

    def __init__(self, rules: checks.CheckRules | None = None):
        self.rules = rules or current_rules()
        # Each figure as a plain tuple of Figure's fields, its places as (file, sheet, row,
        # column), made into checks.Figure and CellPlace by run(): tuples of numbers and text
        # are dropped from the garbage collector's watch, so 100,000 figures held through the
        # import do not make every collection walk them (a fifth of a large import's time).
        self.figures: list[tuple] = []
        self.series: dict[int, checks.Series] = {}
        self.pending: list[tuple] = []  # (ctx, writer, rows_read)
        self.findings: list[checks.Finding] = []
        self.contexts: list = []  # every file's context, for the regions it created

    def add(self, ctx, row, value_cell=None, growth_cell=None) -> None:
        """One figure read from ctx's file; value_cell / growth_cell: (sheet, row, column)
        as located in the file, or None when the file gives no such number."""
        if row.value is None and row.growth is None:
            return
        self.add_read(ctx, row, row.region.pk, row.indicator.pk, value_cell, growth_cell)

    def add_read(self, ctx, row, region_pk, indicator_pk, value_cell, growth_cell) -> None:
        """add() for an importer that has the row's region and indicator keys at hand (a
        tidy file of 100,000 rows calls it once a row): the same figure, recorded the same
        way. The row has a value or a growth (or both)."""
        if not self.contexts or self.contexts[-1] is not ctx:
            self.contexts.append(ctx)
        if indicator_pk not in self.series:
            self.series[indicator_pk] = series_of(row.indicator)
        period = row.period
        self.figures.append(
            (
                region_pk,
                indicator_pk,
                period.year,
                period.month,
                row.value,
                row.growth,
                row.region.name,
                (ctx.name, *value_cell) if value_cell else None,
                (ctx.name, *growth_cell) if growth_cell else None,
                id(ctx),
            )
        )

    def defer(self, ctx, writer) -> None:
        """Finish the writer after the checks (its change record carries their findings)."""
        self.pending.append((ctx, writer, ctx.report.rows_read))

    def run(self) -> list[checks.Finding]:
        from econdesk.ledger.models import Region

        if not self.figures:
            return []
        Figure = checks.Figure
        figures = [
            Figure(
                region, series, year, month, value, growth, name,
                CellPlace(*value_place) if value_place else None,
                CellPlace(*growth_place) if growth_place else None,
                tag,
            )
            for region, series, year, month, value, growth, name, value_place, growth_place, tag
            in self.figures
        ]  # fmt: skip
        region_ids = {f.region for f in figures}
        keys = [(f.region, f.series, f.year, f.month) for f in figures]
        regions, series, periods = self._wanted(figures, keys)
        known = known_figures(regions, series, {year for year, _ in periods}, periods=periods)
        Known = checks.Known
        for key, f in zip(keys, figures, strict=True):
            value, growth = f.value, f.growth
            if value is not None and growth is not None:
                known[key] = Known(value, growth)
                continue
            stored = known.get(key)
            known[key] = Known(
                value if value is not None else (stored.value if stored else None),
                growth if growth is not None else (stored.growth if stored else None),
            )
        groups: dict[int, checks.Group] = {}
        totals = {}
        if self.rules.on("sum"):
            # A group the import itself creates members of may be partial (a file of two
            # provinces under 全国): its completeness is unknown, so it is not summed.
            created = {name for ctx in self.contexts for name in ctx.report.regions_created}
            members: dict[int, set] = {}
            ranked: dict[int, set] = {}
            partial: set[int] = set()
            for pk, parent, name, is_ranked in Region.objects.filter(
                parent_id__in=region_ids
            ).values_list("pk", "parent_id", "name", "ranked"):
                members.setdefault(parent, set()).add(pk)
                if is_ranked:
                    ranked.setdefault(parent, set()).add(pk)
                if name in created:
                    partial.add(parent)
            groups = {
                p: checks.Group(p, frozenset(m), frozenset(ranked.get(p, ())))
                for p, m in members.items()
                if p not in partial
            }
            totals = {
                r.pk: r.total_label if r.total_label != "全部" else r.name
                for r in Region.objects.filter(pk__in=groups)
            }
        self.findings = checks.check_figures(
            figures, self.series, known, groups=groups, rules=self.rules, total_names=totals
        )
        return self.findings

    def _wanted(self, figures: list, keys: list[tuple]) -> tuple[set, set, set]:
        """known_figures' regions, indicators and (year, month) periods for the ledger figures
        the checks can ask for: the neighbours of every incoming figure (its previous period,
        which is also the previous one in its year when there is one, and the same period a
        year before) and the incoming cells that lack a value or a growth (the stored one
        stands in), less the incoming cells that give both (those replace whatever the ledger
        holds). A large file's own periods are thus not read back from the ledger it has just
        been written to. ``keys``: the figures' (region, indicator, year, month)."""
        partial = [f.value is None or f.growth is None for f in figures]
        full = {key for key, lacks in zip(keys, partial, strict=True) if not lacks}
        wanted = {key for key, lacks in zip(keys, partial, strict=True) if lacks}
        neighbours: dict[tuple, tuple] = {}
        for region, series, year, month in keys:
            around = neighbours.get((series, year, month))
            if around is None:
                around = ((year - 1, month),)
                s = self.series.get(series)
                before = s.previous(year, month) if s is not None else None
                if before is not None:
                    around += (before,)
                neighbours[(series, year, month)] = around
            for y, m in around:
                key = (region, series, y, m)
                if key not in full:
                    wanted.add(key)
        regions = {k[0] for k in wanted}
        series = {k[1] for k in wanted}
        periods = {(k[2], k[3]) for k in wanted}
        return regions, series, periods

    def finish(self, explanation: str = "") -> None:
        """Finish every deferred writer, each with the findings of its own file."""
        for ctx, writer, rows_read in self.pending:
            tag = id(ctx)
            own = [f for f in self.findings if f.tag == tag]
            record = None
            if own:
                # Only the kept findings are turned into dicts (all of them are counted).
                record = {
                    "count": len(own),
                    "findings": [finding_dict(f) for f in own[:MAX_FINDINGS]],
                    "explanation": explanation,
                }
            writer.finish(rows_read=rows_read, checks=record)
        self.pending = []
