"""The district's GDP estimate from its sector drivers, and the reverse calculation (§5).

For each industry of the GDP sector table: its driver's year-to-date growth in the ledger
(deflated when at current prices, times the elasticity), or a growth set by hand; then the
weighted sum, pulls (拉动) and contribution rates (贡献率); and for a GDP target, the growth
each industry — and its driver — would need.
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.analysis.arithmetic import gdp
from econdesk.ledger.asof import current_observations
from econdesk.ledger.models import GdpSector, Indicator, Observation, Region, Target
from econdesk.ledger.periods import PeriodKey, display_label

HUNDRED = Decimal(100)


def sectors_for(region: Region) -> list[GdpSector]:
    own = list(GdpSector.objects.filter(region=region).select_related("driver"))
    return own or list(GdpSector.objects.filter(region__isnull=True).select_related("driver"))


def _driver_growth(region: Region, indicator: Indicator, key: PeriodKey, observations=None):
    """The driver's latest growth up to `key` this year; else last year's same quarter."""
    if observations is None:
        observations = current_observations()
    base = observations.filter(
        region=region, indicator=indicator, kind=Observation.Kind.ACTUAL
    ).exclude(growth__isnull=True)
    this_year = (
        base.filter(period__year=key.year, period__month__lte=key.month)
        .order_by("-period__month")
        .values_list("growth", "period__year", "period__month")
        .first()
    )
    if this_year:
        return this_year[0], f"{this_year[1]}年{display_label(this_year[2])}"
    last = (
        base.filter(period__year=key.year - 1, period__month__lte=key.quarter_end().month)
        .order_by("-period__month")
        .values_list("growth", "period__year", "period__month")
        .first()
    )
    if last:
        return last[0], f"沿用{last[1]}年{display_label(last[2])}"
    return None, "暂无数据"


def _real_growth(sector: GdpSector, nominal):
    if nominal is None:
        return None
    real = nominal
    if sector.driver and sector.driver.price_basis == Indicator.PriceBasis.CURRENT:
        real = gdp.deflate(nominal, sector.price_change)
    real = real * sector.elasticity
    if sector.above_scale_share is not None and sector.below_scale_growth is not None:
        real = gdp.industry_growth_from_above_and_below(
            real, sector.below_scale_growth, sector.above_scale_share
        )
    return real


def _driver_needed(sector: GdpSector, required):
    """Translate an industry's required growth back to its driver's published terms."""
    if required is None or sector.driver is None:
        return None
    need = required
    if sector.above_scale_share is not None and sector.below_scale_growth is not None:
        need = gdp.required_above_scale_growth(
            need, sector.below_scale_growth, sector.above_scale_share
        )
    if need is None or not sector.elasticity:
        return None
    need = need / sector.elasticity
    if sector.driver.price_basis == Indicator.PriceBasis.CURRENT:
        need = ((HUNDRED + need) * (HUNDRED + sector.price_change) / HUNDRED) - HUNDRED
    return need


def gdp_target_growth(region: Region, key: PeriodKey) -> tuple[Decimal | None, str]:
    """The GDP growth target for the quarter of `key` (市下达 first), with its label."""
    quarter = key.quarter_end()
    targets = Target.objects.filter(
        region=region,
        indicator__code="gdp",
        period__year=quarter.year,
        period__month=quarter.month,
        growth__isnull=False,
    )
    order = {"city": 0, "district": 1, "stretch": 2}
    best = min(targets, key=lambda t: order.get(t.level, 9), default=None)
    if best is None:
        return None, ""
    return best.growth, f"{best.get_level_display()}{display_label(quarter.month)}目标"


def estimate_for(
    region: Region, key: PeriodKey, target_growth: Decimal | None = None, observations=None
) -> dict:
    """`observations`: the versions to read (econdesk.ledger.asof); default the current ones."""
    if observations is None:
        observations = current_observations()
    rows = []
    inputs = []
    sectors = sectors_for(region)
    for sector in sectors:
        if sector.driver is not None:
            nominal, source = _driver_growth(region, sector.driver, key, observations)
        else:
            nominal, source = None, "人工设定"
        growth = _real_growth(sector, nominal) if nominal is not None else sector.manual_growth
        if nominal is None and sector.manual_growth is not None:
            source = "人工设定"
        inputs.append(
            gdp.Sector(sector.code, sector.name, sector.weight, growth, group=sector.group)
        )
        rows.append(
            {
                "code": sector.code,
                "name": sector.name,
                "group": sector.group,
                "group_label": sector.get_group_display(),
                "weight": sector.weight,
                "driver": sector.driver.name if sector.driver else None,
                "driver_growth": nominal,
                "driver_source": source,
                "growth": growth,
            }
        )
    result = gdp.estimate_gdp(inputs) if inputs else None
    target_label = "目标"
    if target_growth is None:
        target_growth, target_label = gdp_target_growth(region, key)
    for row, sector in zip(rows, sectors, strict=True):
        pull = result.sector(row["code"]) if result else None
        row["share"] = pull.share * HUNDRED if pull else None
        row["pull"] = pull.pull if pull else None
        row["contribution_rate"] = pull.contribution_rate if pull else None
        required = None
        if target_growth is not None:
            required = gdp.required_sector_growth(inputs, row["code"], target_growth)
        row["required_growth"] = required
        row["required_driver_growth"] = _driver_needed(sector, required)
        if row["required_driver_growth"] is not None and row["driver_growth"] is not None:
            row["driver_gap_pp"] = max(
                Decimal(0), row["required_driver_growth"] - row["driver_growth"]
            )
        else:
            row["driver_gap_pp"] = None
    groups = []
    if result:
        for code, label in GdpSector.Group.choices:
            g = result.groups.get(code)
            if g:
                groups.append(
                    {
                        "group": code,
                        "label": label,
                        "share": g.share * HUNDRED,
                        "growth": g.growth_pct,
                        "pull": g.pull,
                        "contribution_rate": g.contribution_rate,
                    }
                )
    return {
        "region": region.name,
        "period": key.code,
        "period_label": display_label(key.month),
        "gdp_growth": result.gdp_growth if result else None,
        "missing": list(result.missing) if result else [],
        "target_growth": target_growth,
        "target_label": target_label,
        "gap_pp": (
            max(Decimal(0), target_growth - result.gdp_growth)
            if result and result.gdp_growth is not None and target_growth is not None
            else None
        ),
        "sectors": rows,
        "groups": groups,
    }
