"""The home district's published value added by industry, consistent with its GDP and drivers.

Plain Python, no Django. The generator publishes GDP as the sum of 第一/第二/第三产业增加值; the
city's accounting would also tell the district each industry's value added. Here each group is
split into the industries of the GDP sector table (ledger/gdp_defaults.py):

* the smaller industries grow with their related indicator: g = α + θ·x + noise, with x the
  indicator's published year-to-date growth at comparable prices (``TRUTH`` holds α, θ);
* the largest industry of each group (农林牧渔业, 工业, 其他服务业) takes the rest, so the
  industries add up to the published group exactly, and their growth, taken against the same
  comparable base, adds up to the group's growth.

So the calibration has something real to find, and GDP stays the figure already published.
2024's weights, with no 2023 published, come from the nearest published structure.
"""

from __future__ import annotations

import random
from decimal import Decimal

from econdesk.demo.figures import Figure, growth_of, round_to
from econdesk.demo.profiles import FIRST_YEAR, HOME_NAME
from econdesk.ledger.gdp_defaults import DEFAULT_SECTORS, VALUE_ADDED

GROUPS = {
    "primary_va": ("agriculture", {}),
    "secondary_va": ("industry", {"construction": 0.17}),
    "tertiary_va": (
        "other_services",
        {
            "trade": 0.19,
            "hospitality": 0.045,
            "transport": 0.085,
            "finance": 0.15,
            "real_estate": 0.12,
        },
    ),
}
# industry -> (α, θ, noise sd): value-added growth against its driver's real growth
TRUTH = {
    "construction": (0.5, 0.8, 0.3),
    "trade": (1.0, 0.7, 0.3),
    "hospitality": (0.5, 0.8, 0.4),
    "finance": (1.5, 0.45, 0.2),
    "real_estate": (1.0, 0.35, 0.3),
}
TRANSPORT = (4.0, 0.3)  # no driver: a steady growth around the table's set 4.0%
DRIVERS = {row[0]: (row[4], row[5]) for row in DEFAULT_SECTORS}  # code -> (driver, price %)


def _real(nominal: float, price: float) -> float:
    return ((100 + nominal) / (100 + price) - 1) * 100


def value_added(city, seed: int) -> list[Figure]:
    """The home district's industry value added, 2023 (values) and every published quarter."""
    rng = random.Random(f"{seed}|value_added|{HOME_NAME}")
    out: list[Figure] = []
    for group_code, (rest, shares) in GROUPS.items():
        series = [f for f in city.series(HOME_NAME, group_code) if f.month % 3 == 0]
        levels: dict[str, dict[tuple[int, int], float]] = {c: {} for c in (rest, *shares)}
        for f in series:
            if f.year != FIRST_YEAR:
                continue
            base = float(f.base)
            for code, share in shares.items():
                levels[code][(f.year - 1, f.month)] = base * share
            levels[rest][(f.year - 1, f.month)] = base * (1 - sum(shares.values()))
        for f in series:
            last = (f.year - 1, f.month)
            factor = float(f.base) / sum(levels[c][last] for c in levels)  # the 同口径 adjustment
            taken = 0.0
            for code in shares:
                g = _growth(code, city, f.year, f.month, rng)
                level = levels[code][last] * factor * (1 + g / 100)
                levels[code][(f.year, f.month)] = level
                taken += level
            levels[rest][(f.year, f.month)] = float(f.value) - taken
        for code, by_period in levels.items():
            indicator = VALUE_ADDED[code][0]
            for (year, month), level in sorted(by_period.items()):
                if year < FIRST_YEAR:
                    continue  # the base year is never written, like the generator's
                last = by_period[(year - 1, month)] * _factor(series, year, month, levels)
                base = Decimal(repr(last))
                growth = growth_of(Decimal(repr(level)), base)
                out.append(
                    Figure(HOME_NAME, indicator, year, month, round_to(level, 2), growth, base)
                )
    return out


def _factor(series, year, month, levels) -> float:
    f = next(x for x in series if (x.year, x.month) == (year, month))
    return float(f.base) / sum(levels[c][(year - 1, month)] for c in levels)


def _growth(code: str, city, year: int, month: int, rng: random.Random) -> float:
    if code == "transport":
        mean, sd = TRANSPORT
        return mean + rng.gauss(0, sd)
    driver, price = DRIVERS[code]
    alpha, theta, sd = TRUTH[code]
    fig = city.figure(HOME_NAME, driver, year, month)
    x = _real(float(fig.growth), price) if fig is not None else 0.0
    return alpha + theta * x + rng.gauss(0, sd)
