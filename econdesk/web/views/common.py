"""What several pages share: the region on show (本级 unless the region picker chose another),
the periods it has figures for, and the one the user picked."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.http import urlencode

from econdesk import params as query
from econdesk.ledger import queries
from econdesk.ledger.models import Indicator, Period, Region
from econdesk.web import reads


@dataclass
class Place:
    """The region on show, the periods it has figures for, and the one on show.

    `region` is the home region (本级) unless ?region=ID picked another member of a peer
    group; `home_region` is always 本级. `groups` feeds the region picker (grouped by city).
    """

    region: Region | None
    periods: list[Period]
    period: Period | None
    home_region: Region | None = None
    groups: list[tuple[Region, list[Region]]] = field(default_factory=list)

    @property
    def home(self) -> Region | None:
        """The region on show (templates and views written before the picker call it so)."""
        return self.region

    @property
    def key(self):
        return self.period.key if self.period else None

    @property
    def is_home(self) -> bool:
        return self.region is not None and self.region.is_home

    @property
    def query(self) -> str:
        """period=…&region=… for links that keep the place (region only when not 本级)."""
        params = {}
        if self.period is not None:
            params["period"] = self.period.code
        if self.region is not None and not self.is_home:
            params["region"] = self.region.pk
        return urlencode(params)


def chosen_region(params, home: Region | None) -> Region | None:
    """The member of a peer group ?region=ID names, else the home region."""
    wanted = query.region_id(params)
    if wanted is not None:
        region = Region.objects.filter(pk=wanted, parent__isnull=False).first()
        if region is not None:
            return region
    return home


def place_for(request, indicator: Indicator | None = None) -> Place:
    home = queries.home_region()
    region = chosen_region(request.GET, home)
    periods = reads.periods_for(region, indicator)
    return Place(
        region=region,
        periods=periods,
        period=reads.chosen_period(request.GET, periods),
        home_region=home,
        groups=reads.region_groups(),
    )
