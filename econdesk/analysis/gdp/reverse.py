"""The reverse calculation from the calibrated model, checked against each industry's own range.

Plain Python, no Django. For a GDP target G*, the sum of the industries must reach
G*_m = G* − r − a (r the model's residual, a the shift from the year's published quarters).
Industry k alone then needs g_k = (G*_m − Σ_{j≠k} w_j·g_j)/w_k and its driver
x_k = (g_k − α_k)/θ_k (at current prices: (1+x)(1+p) − 1). A requirement above the highest
growth of the last ``RANGE_YEARS`` years (the industry's published value added, else its
driver) is flagged as out of reach. The closure is then shown as combinations inside the
ranges: the gap shared out in proportion to each industry's headroom, and how much more the
largest industry must grow when the second largest grows less.
"""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.analysis.gdp.model import ProductionEstimate, ProductionModel

RANGE_YEARS = 5


@dataclass(frozen=True)
class Range:
    """The lowest and highest growth (%) of a series over the last years, and how many figures."""

    low: float
    high: float
    n: int


@dataclass(frozen=True)
class Requirement:
    code: str
    growth: float | None  # the industry's required growth, %
    driver_growth: float | None  # its driver's required growth as published (nominal), %
    reachable: bool | None  # None: no range to judge by
    judged_by: str  # "va" (its value added), "driver" or ""
    high: float | None  # the highest growth it is judged against


@dataclass(frozen=True)
class Combination:
    label: str
    growths: dict[str, float]  # industry code -> growth in the combination
    reachable: bool


def nominal(spec, real: float | None) -> float | None:
    if real is None:
        return None
    if spec.current_price and spec.price_change:
        return ((100 + real) * (100 + spec.price_change) / 100) - 100
    return real


def _cap(model: ProductionModel, code: str, va: Range | None, driver: Range | None):
    """The highest growth the industry has shown: its value added's, else its driver's."""
    if va is not None:
        return va.high, "va"
    spec = next(s for s in model.sectors if s.code == code)
    if driver is not None and spec.driver:
        return model.fits[code].growth(spec.real(driver.high)), "driver"
    return None, ""


def requirements(
    model: ProductionModel,
    estimate: ProductionEstimate,
    target: float,
    shift: float,
    va_ranges: dict[str, Range | None],
    driver_ranges: dict[str, Range | None],
) -> list[Requirement]:
    """What each industry alone (the others as estimated) needs for GDP to grow ``target``."""
    needed = target - estimate.residual - shift
    out = []
    for spec in model.sectors:
        part = estimate.part(spec.code)
        others = [p.pull for p in estimate.parts if p.code != spec.code]
        if part.share <= 0 or any(p is None for p in others):
            out.append(Requirement(spec.code, None, None, None, "", None))
            continue
        g = (needed - sum(others)) / part.share
        x = model.fits[spec.code].driver_needed(g) if spec.driver else None
        driver_growth = nominal(spec, x)
        va, drv = va_ranges.get(spec.code), driver_ranges.get(spec.code)
        if va is not None:
            reachable, by, high = g <= va.high, "va", va.high
        elif drv is not None and driver_growth is not None:
            reachable, by, high = driver_growth <= drv.high, "driver", drv.high
        else:
            reachable, by, high = None, "", None
        out.append(Requirement(spec.code, g, driver_growth, reachable, by, high))
    return out


def combinations(
    model: ProductionModel,
    estimate: ProductionEstimate,
    target: float,
    shift: float,
    va_ranges: dict[str, Range | None],
    driver_ranges: dict[str, Range | None],
) -> tuple[float, list[Combination]]:
    """(gap in pp of GDP, combinations that close it within the industries' ranges)."""
    current = (estimate.growth or 0.0) + shift
    gap = target - current
    if estimate.growth is None or gap <= 0:
        return gap, []
    parts = {p.code: p for p in estimate.parts}
    caps = {s.code: _cap(model, s.code, va_ranges.get(s.code), driver_ranges.get(s.code))[0]
            for s in model.sectors}  # fmt: skip
    headroom = {}
    for code, cap in caps.items():
        p = parts[code]
        if cap is not None and p.growth is not None and p.share > 0:
            headroom[code] = max(0.0, p.share * (cap - p.growth))
    combos = []
    room = sum(headroom.values())
    if room > 0:
        take = min(1.0, gap / room)
        growths = {
            c: parts[c].growth + take * h / parts[c].share for c, h in headroom.items() if h > 0
        }
        label = (
            "各行业按近五年最高增速以内的余地分摊"
            if room >= gap
            else "各行业都达到近五年最高增速仍不够"
        )
        combos.append(Combination(label, growths, room >= gap))
    driven = sorted(
        (s for s in model.sectors if s.driver and parts[s.code].growth is not None),
        key=lambda s: -parts[s.code].share,
    )
    if len(driven) >= 2:
        a, b = parts[driven[0].code], parts[driven[1].code]
        for delta in (1.0, 0.0, -1.0, -2.0):
            gb = b.growth + delta
            ga = a.growth + (gap - b.share * delta) / a.share
            ok = all(
                caps[c] is None or g <= caps[c] + 1e-9 for c, g in ((a.code, ga), (b.code, gb))
            )
            combos.append(Combination(f"pair:{delta:+.0f}", {a.code: ga, b.code: gb}, ok))
    return gap, combos


def range_of(values: list[float]) -> Range | None:
    return Range(min(values), max(values), len(values)) if values else None
