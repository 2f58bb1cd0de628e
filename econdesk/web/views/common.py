"""What several pages share: the home region and the period the user picked."""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.ledger import queries
from econdesk.ledger.models import Indicator, Period, Region
from econdesk.web import reads


@dataclass
class Place:
    """The home region, the periods it has figures for, and the one on show."""

    home: Region | None
    periods: list[Period]
    period: Period | None

    @property
    def key(self):
        return self.period.key if self.period else None


def place_for(request, indicator: Indicator | None = None) -> Place:
    home = queries.home_region()
    periods = reads.periods_for(home, indicator)
    return Place(home, periods, reads.chosen_period(request.GET, periods))
