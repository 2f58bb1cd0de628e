"""Generate the demo city's figures from a seed: plain Python, no Django.

For every member and indicator the generator grows last year's monthly (or quarterly) amounts
by a single-period growth that follows the city's cycle plus the member's own AR(1) path, so
that the published YTD growth moves smoothly from period to period. Published figures are then
derived as the bulletins derive them (docs/methodology.md §2, §4):

* a YTD value is the sum of the year's amounts so far (a stock is its month-end balance);
* growth = value / base − 1, where the base is last year's same-period value times a small
  同口径 adjustment, rounded half up to 0.1;
* 全市 is the sum of the members (incomes: the population-weighted mean), its growth computed
  from the summed value and summed base;
* ranks are competition ranks of the rounded growth among the ranked members.

The home district is steered to tell the speech's story (profiles.STORY), and the output also
carries targets and department estimates (预计).
"""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from econdesk.analysis.arithmetic.ranking import competition_rank
from econdesk.demo import gdp_history, plans
from econdesk.demo.figures import (
    BASE_STEP,
    DemoCity,
    Figure,
    Period,
    growth_of,
    periods_of,
    round_to,
)
from econdesk.demo.profiles import (
    BASE_YEAR,
    CITY_NAME,
    DEFAULT_SEED,
    DERIVED,
    FIRST_YEAR,
    GDP_PARTS,
    INCOME_PARTS,
    LAST_PERIOD,
    MEMBERS,
    SEASONS,
    SERIES,
    STORY,
    STORY_YEAR,
    Anchor,
    MemberProfile,
    SeriesProfile,
)
from econdesk.ledger.catalogue import catalogue_entries

CITY_PHI = 0.9  # the city's cycle changes slowly …
MEMBER_PHI = 0.85  # … and each member drifts around it a little faster
YEARS = tuple(range(FIRST_YEAR, LAST_PERIOD[0] + 1))
Cells = dict[Period, tuple[Decimal, Decimal]]  # period -> (value, comparable base)


@dataclass(frozen=True)
class _Draw:
    """A member's random parameters for one indicator, drawn once so a steered rerun matches."""

    level: float
    offset: float
    adjust: dict[int, float]
    x0: float
    shocks: list[float]


def _draw(seed: int, code: str, spec: SeriesProfile, member: MemberProfile, n: int) -> _Draw:
    # One generator per (seed, indicator, member): adding a member or an indicator leaves
    # everyone else's figures unchanged. String seeds are hashed stably by `random`.
    rng = random.Random(f"{seed}|{code}|{member.name}")
    level = spec.rural if member.rural else spec.urban
    if spec.per_capita:
        level *= math.exp(rng.gauss(0, 0.04))  # incomes differ less than output
    else:
        level *= member.size * math.exp(rng.gauss(0, spec.share_sd))
        if member.kind == "zone":
            level *= spec.zone
    offset = rng.gauss(0, spec.spread)
    adjust = {year: rng.uniform(-spec.adjust, spec.adjust) for year in YEARS}
    x0 = rng.gauss(0, spec.noise / math.sqrt(1 - MEMBER_PHI**2))
    return _Draw(level, offset, adjust, x0, [rng.gauss(0, spec.noise) for _ in range(n)])


def _city_cycle(seed: int, code: str, spec: SeriesProfile, n: int) -> list[float]:
    rng = random.Random(f"{seed}|{code}|city")
    sigma = 0.5 * spec.noise
    x = rng.gauss(0, sigma / math.sqrt(1 - CITY_PHI**2))
    path = []
    for _ in range(n):
        x = CITY_PHI * x + rng.gauss(0, sigma)
        path.append(x)
    return path


def _step(entry: dict, month: int) -> int:
    """Index of a period's end within the year: month−1, or quarter−1 for quarterly series."""
    return month // 3 - 1 if entry["frequency"] == "quarterly" else month - 1


def _run(
    spec: SeriesProfile,
    entry: dict,
    draw: _Draw,
    city: list[float],
    overrides: dict[int, float],
) -> Cells:
    """Grow one member's amounts year by year and derive its published value and base."""
    weights = SEASONS.get(spec.season, SEASONS["general"])  # stocks have no season of their own
    steps = 4 if entry["frequency"] == "quarterly" else 12
    weights = [w / sum(weights[:steps]) for w in weights[:steps]]
    stock = entry["cumulation"] == "stock"
    if stock:  # balances creep up through the year towards December's level
        amounts = [draw.level * (0.955 + 0.00375 * (s + 1)) for s in range(steps)]
    else:
        amounts = [draw.level * w for w in weights]
    decimals = entry["decimals"]

    def published(row: list[float]) -> list[Decimal]:
        running = row if stock else [sum(row[: s + 1]) for s in range(steps)]
        return [round_to(v, decimals) for v in running]

    values = {BASE_YEAR: published(amounts)}
    x = draw.x0
    for yi, year in enumerate(YEARS):
        grown = []
        for s in range(steps):
            t = yi * steps + s
            x = MEMBER_PHI * x + draw.shocks[t]
            g = spec.trend + draw.offset + city[t] + x
            if t in overrides:
                # Steered: the AR state restarts from here, so later periods drift back smoothly.
                g = overrides[t]
                x = g - spec.trend - draw.offset - city[t]
            grown.append(amounts[s] * (1 + g / 100))
        values[year] = published(grown)
        amounts = grown
    cells: Cells = {}
    for year, month in periods_of(entry):
        s = _step(entry, month)
        factor = Decimal(1 + draw.adjust[year] / 100)
        base = (values[year - 1][s] * factor).quantize(BASE_STEP, rounding=ROUND_HALF_UP)
        cells[(year, month)] = (values[year][s], base)
    return cells


def _reference(anchor: Anchor, others: list[Decimal]) -> float:
    grow = sorted((float(g) for g in others), reverse=True)
    if anchor.ref == "fixed":
        return anchor.offset
    if anchor.ref == "mean":
        return statistics.fmean(grow) + anchor.offset
    if anchor.ref == "median":
        return statistics.median(grow) + anchor.offset
    return grow[anchor.nth - 1] + anchor.offset


def _simulate(seed: int, code: str, spec: SeriesProfile, entry: dict) -> dict[str, Cells]:
    """All members' cells for one indicator; the home district last, steered by the story."""
    steps = 4 if entry["frequency"] == "quarterly" else 12
    n = steps * len(YEARS)
    city = _city_cycle(seed, code, spec, n)
    draws = {m.name: _draw(seed, code, spec, m, n) for m in MEMBERS}
    cells = {m.name: _run(spec, entry, draws[m.name], city, {}) for m in MEMBERS if not m.is_home}
    for home in (m for m in MEMBERS if m.is_home):
        cells[home.name] = _steer_home(spec, entry, draws[home.name], city, cells, code)
    return cells


def _steer_home(
    spec: SeriesProfile,
    entry: dict,
    draw: _Draw,
    city: list[float],
    peers: dict[str, Cells],
    code: str,
) -> Cells:
    """The home district's cells with its story-year growth pinned by profiles.STORY."""
    steps = 4 if entry["frequency"] == "quarterly" else 12
    adjust = draw.adjust[STORY_YEAR]
    overrides: dict[int, float] = {}
    aims: list[tuple[Period, float, list[int]]] = []
    for anchor in STORY.get(code, []):
        period = (STORY_YEAR, anchor.months[-1])
        others = [growth_of(*peers[m.name][period]) for m in MEMBERS if m.ranked and not m.is_home]
        target = _reference(anchor, others)
        at = [(STORY_YEAR - FIRST_YEAR) * steps + _step(entry, month) for month in anchor.months]
        if anchor.single:
            overrides.update(dict.fromkeys(at, target))
            continue
        # A YTD growth G built from one single-period growth g needs (1+g) = (1+G)(1+adjust):
        # the base carries the 同口径 adjustment.
        overrides.update(dict.fromkeys(at, ((1 + target / 100) * (1 + adjust / 100) - 1) * 100))
        aims.append((period, target, at))
    result = _run(spec, entry, draw, city, overrides)
    for _ in range(2):
        # Rounding small values to 0.01 moves their growth by tenths: correct and rerun.
        misses = [(target - float(growth_of(*result[p])), at) for p, target, at in aims]
        if all(abs(miss) < 0.05 for miss, _ in misses):
            break
        for miss, at in misses:
            for t in at:
                overrides[t] += miss
        result = _run(spec, entry, draw, city, overrides)
    return result


def _sum_cells(parts: list[Cells]) -> Cells:
    return {p: (sum(c[p][0] for c in parts), sum(c[p][1] for c in parts)) for p in parts[0]}


def _income_all(urban: Cells, rural: Cells, member: MemberProfile) -> Cells:
    pu = Decimal(str(member.population * member.urban_share))
    pr = Decimal(str(member.population)) - pu
    total = pu + pr
    return {
        p: (
            round_to((urban[p][0] * pu + rural[p][0] * pr) / total, 0),
            ((urban[p][1] * pu + rural[p][1] * pr) / total).quantize(BASE_STEP),
        )
        for p in urban
    }


def _weight(code: str, member: MemberProfile) -> Decimal | None:
    """Population weight of a per-capita series (None: the series is additive)."""
    if code == "income_urban":
        return Decimal(str(member.population * member.urban_share))
    if code == "income_rural":
        return Decimal(str(member.population * (1 - member.urban_share)))
    if code == "income_all":
        return Decimal(str(member.population))
    return None


def _ensure_tie(cells: dict[str, dict[str, Cells]], entries: dict[str, dict]) -> None:
    """Make sure 1-2月 of the story year shows a tie (并列), nudging one value if none arose."""
    period = (STORY_YEAR, 2)
    ranked = [m.name for m in MEMBERS if m.ranked]
    candidates = [c for c in entries if c in cells and period in cells[c][ranked[0]]]
    for code in candidates:
        growths = [growth_of(*cells[code][name][period]) for name in ranked]
        if len(set(growths)) < len(growths):
            return
    code = next(c for c in candidates if c not in STORY and c not in DERIVED)
    others = [m.name for m in MEMBERS if m.ranked and not m.is_home]
    grow = sorted(others, key=lambda name: growth_of(*cells[code][name][period]))
    low, high = min(
        zip(grow, grow[1:], strict=False),
        key=lambda pair: (
            growth_of(*cells[code][pair[1]][period]) - growth_of(*cells[code][pair[0]][period])
        ),
    )
    _, base = cells[code][low][period]
    wanted = growth_of(*cells[code][high][period])
    cells[code][low][period] = (
        round_to(base * (1 + wanted / 100), entries[code]["decimals"]),
        base,
    )


def _figures(code: str, entry: dict, member_cells: dict[str, Cells]) -> list[Figure]:
    figures = []
    by_value = entry["rank_key"] == "value"
    for period in periods_of(entry):
        growth = {name: growth_of(*c[period]) for name, c in member_cells.items()}
        keys = {
            m.name: member_cells[m.name][period][0] if by_value else growth[m.name]
            for m in MEMBERS
            if m.ranked
        }
        ranks = {k: m.rank for k, m in competition_rank(keys, decimals=None).items()}
        for m in MEMBERS:
            value, base = member_cells[m.name][period]
            figures.append(
                Figure(m.name, code, *period, value, growth[m.name], base, ranks.get(m.name))
            )
        figures.append(_total(code, entry, member_cells, period))
    return figures


def _total(code: str, entry: dict, member_cells: dict[str, Cells], period: Period) -> Figure:
    """全市: the members' sum (per-capita series: their population-weighted mean)."""
    rows = [(member_cells[m.name][period], _weight(code, m)) for m in MEMBERS]
    if rows[0][1] is None:
        value = sum(cell[0] for cell, _ in rows)
        base = sum(cell[1] for cell, _ in rows)
    else:
        weight = sum(w for _, w in rows)
        value = round_to(sum(cell[0] * w for cell, w in rows) / weight, entry["decimals"])
        base = (sum(cell[1] * w for cell, w in rows) / weight).quantize(BASE_STEP)
    return Figure(CITY_NAME, code, *period, value, growth_of(value, base), base)


def generate(seed: int = DEFAULT_SEED) -> DemoCity:
    """The whole demo city for ``seed``: same seed, same figures, on any machine."""
    entries = {e["code"]: e for e in catalogue_entries()}
    cells = {code: _simulate(seed, code, spec, entries[code]) for code, spec in SERIES.items()}
    cells["gdp"] = {m.name: _sum_cells([cells[p][m.name] for p in GDP_PARTS]) for m in MEMBERS}
    urban, rural = (cells[code] for code in INCOME_PARTS)
    cells["income_all"] = {m.name: _income_all(urban[m.name], rural[m.name], m) for m in MEMBERS}
    _ensure_tie(cells, entries)
    actuals = [f for code, entry in entries.items() for f in _figures(code, entry, cells[code])]
    city = DemoCity(CITY_NAME, seed, list(MEMBERS), actuals, [], [])
    city.estimates = plans.estimates(city, entries)
    city.targets = plans.targets(city, entries)
    city.value_added = gdp_history.value_added(city, seed)
    return city
