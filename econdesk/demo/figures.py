"""The demo city's figures as records, and the arithmetic bulletins use on them (no Django).

A figure carries its comparable base (同口径上年同期数) beside the published value and growth:
the ledger stores only the latter, the generator's tests check one against the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from econdesk.demo.profiles import FIRST_YEAR, LAST_PERIOD, MemberProfile

GROWTH_STEP = Decimal("0.1")
BASE_STEP = Decimal("0.000001")  # the base is internal: keep it fine, like the model's value

Period = tuple[int, int]


@dataclass(frozen=True)
class Figure:
    """One published (or estimated) figure; ``base`` is the comparable base behind its growth."""

    region: str
    indicator: str
    year: int
    month: int
    value: Decimal
    growth: Decimal
    base: Decimal
    rank: int | None = None


@dataclass(frozen=True)
class TargetFigure:
    """A goal for one region, indicator, period and level (city/district/stretch)."""

    region: str
    indicator: str
    year: int
    month: int
    level: str
    growth: Decimal | None
    value: Decimal | None = None
    rank_goal: int | None = None


@dataclass
class DemoCity:
    """Everything the loader writes: the places, the actual figures, estimates and targets."""

    name: str
    seed: int
    members: list[MemberProfile]
    actuals: list[Figure]
    estimates: list[Figure]
    targets: list[TargetFigure]
    value_added: list[Figure] = field(default_factory=list)  # the home district's, by industry
    _index: dict[tuple, Figure] = field(default_factory=dict, repr=False)

    def figure(self, region: str, indicator: str, year: int, month: int) -> Figure | None:
        if not self._index:
            self._index = {(f.region, f.indicator, f.year, f.month): f for f in self.actuals}
        return self._index.get((region, indicator, year, month))

    def series(self, region: str, indicator: str) -> list[Figure]:
        """One region's actual figures for one indicator, oldest first."""
        found = [f for f in self.actuals if f.region == region and f.indicator == indicator]
        return sorted(found, key=lambda f: (f.year, f.month))


def periods_of(entry: dict, last: Period = LAST_PERIOD) -> list[Period]:
    """The periods an indicator publishes from FIRST_YEAR to ``last`` (no 1月 for 1-2月 series)."""
    if entry["frequency"] == "quarterly":
        months = (3, 6, 9, 12)
    else:
        months = tuple(range(entry["first_month"], 13))
    return [(y, m) for y in range(FIRST_YEAR, last[0] + 1) for m in months if (y, m) <= last]


def growth_of(value: Decimal, base: Decimal) -> Decimal:
    """Published growth in percent, rounded half up to 0.1 as bulletins do."""
    return ((value / base - 1) * 100).quantize(GROWTH_STEP, rounding=ROUND_HALF_UP)


def round_to(x: float | Decimal, decimals: int) -> Decimal:
    return Decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
