"""The plans around the figures: department estimates (预计) and targets (目标), no Django.

Targets are set the way a city sets them, from last year's published figures: a growth for
every member (市下达), and for the home district its own higher levels (区级, 奋斗), some with an
amount or a rank goal. Estimates are what departments reported for 一季度 in late March.
"""

from __future__ import annotations

import random
from decimal import Decimal

from econdesk.demo.figures import DemoCity, Figure, TargetFigure, growth_of, round_to
from econdesk.demo.profiles import (
    AMOUNT_TARGETS,
    ESTIMATE_PERIOD,
    ESTIMATES,
    LEVEL_STEP,
    MEMBERS,
    RANK_GOALS,
    TARGETS,
)


def estimates(city: DemoCity, entries: dict[str, dict]) -> list[Figure]:
    home = next(m.name for m in MEMBERS if m.is_home)
    found = []
    for code, (how, offset) in ESTIMATES.items():
        actual = city.figure(home, code, *ESTIMATE_PERIOD)
        wanted = offset if how == "fixed" else float(actual.growth) + offset
        value = round_to(actual.base * Decimal(1 + wanted / 100), entries[code]["decimals"])
        growth = growth_of(value, actual.base)
        found.append(Figure(home, code, *ESTIMATE_PERIOD, value, growth, actual.base))
    return found


def targets(city: DemoCity, entries: dict[str, dict]) -> list[TargetFigure]:
    """市下达 targets for every member; the home district also gets 区级 and 奋斗 levels."""
    found = []
    for year, table in TARGETS.items():
        for m in MEMBERS:
            rng = random.Random(f"{city.seed}|target|{m.name}|{year}")
            for code, (q1, full) in table.items():
                # The city assigns each member its own figure around the headline one.
                shift = 0.0 if m.is_home else rng.choice((-0.5, 0.0, 0.0, 0.5))
                step = LEVEL_STEP.get(code, 0.5)
                levels = ("city", "district", "stretch") if m.is_home else ("city",)
                for month, headline in ((3, q1), (12, full)):
                    prior = city.figure(m.name, code, year - 1, month)
                    for i, level in enumerate(levels):
                        growth = Decimal(str(headline + shift + i * step))
                        value = None
                        if (code, month) in AMOUNT_TARGETS and prior is not None:
                            value = round_to(
                                prior.value * (1 + growth / 100), entries[code]["decimals"]
                            )
                        rank_goal = RANK_GOALS.get((code, month, level)) if m.is_home else None
                        found.append(
                            TargetFigure(m.name, code, year, month, level, growth, value, rank_goal)
                        )
    return found
