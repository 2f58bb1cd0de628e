"""The arithmetic of docs/methodology.md (增速、缺口、序时进度、位次、GDP测算、预计、红黄绿灯).

Plain functions on ``Decimal``, with no Django import, so the panel service, the bulletins and
the tests can all call them. Growth and rates are in percent as published, amounts in the
indicator's unit; a figure that does not apply is ``None``. The modules:

* :mod:`.growth` — 增速 and the comparable base (同口径上年同期数), §2
* :mod:`.gaps` — 缺口, 序时进度, 任务进度, §3
* :mod:`.ranking` — 位次 (competition ranking), rank change, what it takes to move up, §4
* :mod:`.gdp` — GDP estimate by industry, 拉动, 贡献率 and the reverse calculation, §5
* :mod:`.projection` — 预计: seasonal share projection with a back-tested error, §8
* :mod:`.status` — the red/yellow/green light with reasons
"""

from __future__ import annotations

from .gaps import (
    gap_pp,
    gap_to_target,
    gap_to_target_amount,
    gap_to_zero_growth,
    pp_gap_to_amount,
    progress_gap,
    required_amount_per_month,
    required_growth_rest,
    required_growth_rest_growth_only,
    seasonal_benchmark,
    target_amount,
    task_progress,
    time_progress_by_day,
    time_progress_by_month,
)
from .gdp import (
    GdpEstimate,
    GroupPull,
    Sector,
    SectorPull,
    deflate,
    estimate_gdp,
    industry_growth_from_above_and_below,
    required_above_scale_growth,
    required_sector_growth,
)
from .growth import (
    base_adjustment,
    growth_pct,
    implied_base,
    implied_base_band,
    implied_deflator,
    round_half_up,
    single_month_growth,
    to_decimal,
)
from .projection import (
    Projection,
    blend_with_estimate,
    choose_method,
    growth_only_projection,
    last_year_share_projection,
    recent_single_month_average,
    seasonal_share_projection,
)
from .ranking import (
    MoveUp,
    RankedMember,
    competition_rank,
    rank_change,
    ranked_count,
    what_it_takes,
)
from .status import IndicatorFacts, Status, StatusRules, evaluate_status, format_number

__all__ = [
    "GdpEstimate",
    "GroupPull",
    "IndicatorFacts",
    "MoveUp",
    "Projection",
    "RankedMember",
    "Sector",
    "SectorPull",
    "Status",
    "StatusRules",
    "base_adjustment",
    "blend_with_estimate",
    "choose_method",
    "competition_rank",
    "deflate",
    "estimate_gdp",
    "evaluate_status",
    "format_number",
    "gap_pp",
    "gap_to_target",
    "gap_to_target_amount",
    "gap_to_zero_growth",
    "growth_only_projection",
    "growth_pct",
    "implied_base",
    "implied_base_band",
    "implied_deflator",
    "industry_growth_from_above_and_below",
    "last_year_share_projection",
    "pp_gap_to_amount",
    "progress_gap",
    "rank_change",
    "ranked_count",
    "recent_single_month_average",
    "required_above_scale_growth",
    "required_amount_per_month",
    "required_growth_rest",
    "required_growth_rest_growth_only",
    "required_sector_growth",
    "round_half_up",
    "seasonal_benchmark",
    "seasonal_share_projection",
    "single_month_growth",
    "target_amount",
    "task_progress",
    "time_progress_by_day",
    "time_progress_by_month",
    "to_decimal",
    "what_it_takes",
]
