"""Read a district's GDP history from the ledger, every version of every figure, once.

The figures as they stood at a moment follow econdesk.ledger.asof's rule — for each cell the
newest version created by then — applied in memory, so the back-test can look at the ledger as
of each quarter's publication without one query per quarter.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from econdesk.analysis.gdp.model import Period, SectorSpec, Snapshot
from econdesk.ledger.asof import reading_moment
from econdesk.ledger.gdp_defaults import VALUE_ADDED
from econdesk.ledger.models import GdpSector, Indicator, Observation, Region


def va_code(sector_code: str) -> str:
    return VALUE_ADDED.get(sector_code, (f"va_{sector_code}", ""))[0]


def _f(x) -> float | None:
    return None if x is None else float(x)


def spec_of(sector: GdpSector) -> SectorSpec:
    driver = sector.driver
    return SectorSpec(
        code=sector.code,
        name=sector.name,
        group=sector.group,
        weight=float(sector.weight),
        va_code=va_code(sector.code),
        driver=driver.code if driver else None,
        driver_name=driver.name if driver else None,
        current_price=bool(driver and driver.price_basis == Indicator.PriceBasis.CURRENT),
        price_change=float(sector.price_change or 0),
        elasticity=float(sector.elasticity),
        above_share=_f(sector.above_scale_share),
        below_growth=_f(sector.below_scale_growth),
        manual_growth=_f(sector.manual_growth),
    )


@dataclass
class LedgerHistory:
    """Every version of the figures the estimate reads, for one region."""

    # (code, year, month) -> [(created_at, version, is_current, value, growth, batch)], by version
    versions: dict[tuple[str, int, int], list[tuple]] = field(default_factory=dict)
    moment: datetime | None = None  # read as of this moment (None: the current versions)
    batch_end: dict[int, datetime] = field(default_factory=dict)  # batch -> its last version

    def snapshot(self, moment: datetime | None = None) -> Snapshot:
        moment = moment if moment is not None else self.moment
        cells = {}
        for key, rows in self.versions.items():
            if moment is None:
                chosen = next((r for r in reversed(rows) if r[2]), None)
            else:
                chosen = next((r for r in reversed(rows) if r[0] <= moment), None)
            if chosen is not None:
                cells[key] = (chosen[3], chosen[4])
        return Snapshot(cells)

    def first_published(self, code: str, period: Period) -> datetime | None:
        """When the figure first came in: the end of the import batch that first carried it
        (what came in with it was known with it)."""
        rows = self.versions.get((code, *period))
        if not rows:
            return None
        first = min(rows, key=lambda r: r[0])
        return self.batch_end.get(first[5], first[0]) if first[5] is not None else first[0]

    def snapshot_when_published(self, period: Period) -> Snapshot:
        """The figures as they stood when ``period``'s GDP first came out (the back-test's view)."""
        moment = self.first_published("gdp", period)
        if moment is None:
            return self.snapshot()
        if self.moment is not None:
            moment = min(moment, self.moment)
        return self.snapshot(moment)


def sectors_for(region: Region) -> list[GdpSector]:
    own = list(GdpSector.objects.filter(region=region).select_related("driver"))
    return own or list(GdpSector.objects.filter(region__isnull=True).select_related("driver"))


def load_history(region: Region, specs: list[SectorSpec], observations=None) -> LedgerHistory:
    """All versions (or those of ``observations``) of GDP, value added and the drivers."""
    codes = {"gdp"} | {s.va_code for s in specs} | {s.driver for s in specs if s.driver}
    moment = reading_moment()
    qs = Observation.objects.all() if observations is None else observations
    if moment is not None and observations is None:
        qs = qs.filter(created_at__lte=moment)
    rows = qs.filter(region=region, kind=Observation.Kind.ACTUAL, indicator__code__in=codes)
    versions: dict[tuple[str, int, int], list[tuple]] = defaultdict(list)
    batch_end: dict[int, datetime] = {}
    for code, y, m, version, current, created, value, growth, batch in rows.values_list(
        "indicator__code",
        "period__year",
        "period__month",
        "version",
        "is_current",
        "created_at",
        "value",
        "growth",
        "batch_id",
    ):
        if observations is not None:
            current = True  # the versions given are the ones to read
        versions[(code, y, m)].append((created, version, current, _f(value), _f(growth), batch))
        if batch is not None and (batch not in batch_end or batch_end[batch] < created):
            batch_end[batch] = created
    for rows_ in versions.values():
        rows_.sort(key=lambda r: r[1])
    return LedgerHistory(dict(versions), moment if observations is None else None, batch_end)
