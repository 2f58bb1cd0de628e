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
class PeerRow:
    region: Region
    value: object
    growth: object
    published_rank: int | None
    rank: int | None
    tied: bool


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

    def table(self) -> list[PeerRow]:
        if not (self.group and self.indicator and self.period):
            return []
        from econdesk.analysis.arithmetic.ranking import competition_rank

        members = list(Region.objects.filter(parent=self.group))
        obs = {
            o.region_id: o
            for o in Observation.objects.filter(
                region__in=members,
                indicator=self.indicator,
                period=self.period,
                kind=Observation.Kind.ACTUAL,
                is_current=True,
            )
        }
        key_field = "value" if self.indicator.rank_key == Indicator.RankKey.VALUE else "growth"
        values = {r.pk: getattr(obs[r.pk], key_field) if r.pk in obs else None for r in members}
        ranked = {r.pk: r.ranked for r in members}
        ranks = competition_rank(
            values,
            ranked=ranked,
            decimals=self.indicator.growth_decimals
            if key_field == "growth"
            else self.indicator.decimals,
        )
        rows = []
        for region in members:
            o = obs.get(region.pk)
            r = ranks.get(region.pk)
            rows.append(
                PeerRow(
                    region=region,
                    value=o.value if o else None,
                    growth=o.growth if o else None,
                    published_rank=o.rank if o else None,
                    rank=r.rank if r else None,
                    tied=bool(r and r.tied),
                )
            )
        rows.sort(key=lambda row: (row.rank is None, row.rank or 0, row.region.sort_order))
        return rows
