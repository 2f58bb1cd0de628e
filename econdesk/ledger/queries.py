"""Read helpers over the ledger for pages and the API (no writes here)."""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.ledger.models import Indicator, Observation, Period, Region
from econdesk.ledger.periods import parse_period


def home_region() -> Region | None:
    """The region this installation serves (本区); else the first ranked district."""
    return (
        Region.objects.filter(is_home=True).first()
        or Region.objects.filter(parent__isnull=False, ranked=True).order_by("id").first()
    )


def active_indicators():
    return Indicator.objects.filter(is_active=True)


def periods_with_data(indicator: Indicator | None):
    qs = Observation.objects.filter(is_current=True, kind=Observation.Kind.ACTUAL)
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    ids = qs.values_list("period_id", flat=True).distinct()
    return Period.objects.filter(pk__in=ids).order_by("-year", "-month")


def latest_period(indicator: Indicator | None = None) -> Period | None:
    qs = Observation.objects.filter(is_current=True, kind=Observation.Kind.ACTUAL)
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    period_id = qs.order_by("-period__year", "-period__month").values_list("period_id", flat=True)
    first = period_id.first()
    return Period.objects.get(pk=first) if first else None


@dataclass
class PeerChoice:
    """Which peer group, indicator and period a peer table shows."""

    group: Region | None
    indicator: Indicator | None
    period: Period | None

    @classmethod
    def from_query(cls, params) -> PeerChoice:
        home = home_region()
        group = home.parent if home and home.parent_id else None
        if params.get("group"):
            group = Region.objects.filter(pk=params["group"]).first() or group
        indicator = None
        if params.get("indicator"):
            indicator = Indicator.objects.filter(code=params["indicator"]).first()
        if indicator is None:
            indicator = Indicator.objects.filter(is_active=True).first()
        period = None
        key = parse_period(params.get("period", "")) if params.get("period") else None
        if key:
            period = Period.objects.filter(year=key.year, month=key.month).first()
        if period is None:
            period = latest_period(indicator)
        return cls(group=group, indicator=indicator, period=period)

    def total(self) -> Observation | None:
        if not (self.group and self.indicator and self.period):
            return None
        return Observation.objects.filter(
            region=self.group,
            indicator=self.indicator,
            period=self.period,
            kind=Observation.Kind.ACTUAL,
            is_current=True,
        ).first()
