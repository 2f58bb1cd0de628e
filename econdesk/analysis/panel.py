"""The indicator panel (指标面板): one row per indicator for a region and period, with growth,
the total's growth, rank and its changes, base, gaps, targets, progress, projection and status.

Every reader — pages, API, bulletins, warnings, scores — takes its figures from here. The
arithmetic itself lives in econdesk.analysis.arithmetic (no Django); this module only feeds it.
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.analysis import panel_cache
from econdesk.analysis.arithmetic import gaps, growth, projection, ranking
from econdesk.analysis.arithmetic.status import IndicatorFacts, StatusRules, evaluate_status
from econdesk.analysis.facts import PanelFacts, load_panel_facts, previous_period
from econdesk.analysis.peers import rank_members
from econdesk.analysis.rows import IndicatorRow, MoveUp, Panel, Projection, Status, TargetEntry
from econdesk.ledger.models import Indicator, Region, Target
from econdesk.ledger.periods import PeriodKey, display_label, span_label
from econdesk.ledger.services.status_rules import current_rules
from econdesk.phrases import LEVEL_ORDER

ZERO = Decimal(0)


def build_panel(
    region: Region, key: PeriodKey, indicators=None, rules=None, observations=None
) -> Panel:
    """The panel of one region for one period, as a JSON-ready dict (Decimals inside); its
    fields are documented in econdesk/analysis/rows.py.
    `observations`: the versions to read (see load_panel_facts); default the current ones.
    With the defaults, a panel already built since the ledger last changed is reused."""
    if observations is not None or rules is not None or not panel_cache.usable():
        return _build_panel(region, key, indicators, rules, observations)
    if indicators is not None:
        indicators = list(indicators)
    ids = [i.pk for i in indicators] if indicators is not None else None
    cache_key = panel_cache.key_for(region.pk, key.code, ids, panel_cache.ledger_stamp())
    panel = panel_cache.get(cache_key)
    if panel is None:
        panel = _build_panel(region, key, indicators, rules, observations)
        panel_cache.put(cache_key, panel)
    return panel


def _build_panel(region: Region, key: PeriodKey, indicators, rules, observations) -> Panel:
    facts = load_panel_facts(region, key, indicators, observations)
    rules = rules or current_rules()
    rows = []
    for indicator in facts.indicators:
        if not indicator.has_period(key.month):
            continue
        if facts.own_figure(indicator.pk, key) is None and not facts.targets.get(indicator.pk):
            continue
        rows.append(indicator_row(facts, indicator, rules))
    return {
        "region": region.name,
        "region_id": region.pk,
        "group": facts.group.name if facts.group else None,
        "total_label": facts.group.total_label if facts.group else None,
        "period": key.code,
        "period_label": span_label(key.month),
        "period_display": display_label(key.month),
        "year": key.year,
        "indicators": rows,
    }


def _peer_values(facts: PanelFacts, indicator: Indicator, key: PeriodKey, field: str) -> dict:
    figures = facts.peers.get((indicator.pk, key), {})
    return {m.pk: getattr(figures[m.pk], field) if m.pk in figures else None for m in facts.members}


def _rank_in(facts: PanelFacts, indicator: Indicator, key: PeriodKey | None):
    if key is None:
        return None, {}
    members = rank_members(indicator, facts.peers.get((indicator.pk, key), {}), facts.members)
    return members.get(facts.region.pk), members


def annual_base(facts: PanelFacts, indicator: Indicator, key: PeriodKey, target: PeriodKey):
    """The comparable base of a later period T (A in docs/methodology.md §3).

    Last year's published T figure, scaled by this period's 同口径 adjustment (B_t over last
    year's published figure for t), so that A and B_t stand on the same footing.
    """
    last_t = facts.own_figure(indicator.pk, key.previous_year())
    last_T = facts.own_figure(indicator.pk, target.previous_year())
    if last_T is None or last_T.value is None:
        return None
    own = facts.own_figure(indicator.pk, key)
    base_t = growth.implied_base(own.value, own.growth) if own else None
    if base_t is not None and last_t is not None and last_t.value:
        return last_T.value * base_t / last_t.value
    return last_T.value


def _prior_shares(facts: PanelFacts, indicator: Indicator, key: PeriodKey, target: PeriodKey):
    """V_t / V_T of each prior year with both figures, oldest first."""
    shares = []
    for back in range(5, 0, -1):
        t = PeriodKey(key.year - back, key.month)
        T = PeriodKey(target.year - back, target.month)
        ft, fT = facts.own_figure(indicator.pk, t), facts.own_figure(indicator.pk, T)
        if ft and fT and ft.value is not None and fT.value:
            shares.append(ft.value / fT.value)
    return shares


def project(
    facts: PanelFacts, indicator: Indicator, key: PeriodKey, target: PeriodKey
) -> Projection | None:
    """Seasonal-share projection of T from t (docs/methodology.md §8), blended with a 预计 figure."""
    own = facts.own_figure(indicator.pk, key)
    if own is None or indicator.cumulation != Indicator.Cumulation.YTD or target == key:
        return None
    base_now = growth.implied_base(own.value, own.growth)
    base_T = annual_base(facts, indicator, key, target)
    shares = _prior_shares(facts, indicator, key, target)
    chosen = projection.choose_method(
        [
            projection.seasonal_share_projection(own.value, shares, base_T),
            projection.last_year_share_projection(own.value, base_now, base_T, shares),
        ]
    )
    estimate = facts.estimates.get((indicator.pk, target))
    result: Projection = {
        "period": target.code,
        "period_label": display_label(target.month),
        "value": None,
        "growth": None,
        "low": None,
        "high": None,
        "low_growth": None,
        "high_growth": None,
        "mape": None,
        "method": None,
        "base": base_T,
        "estimate_value": estimate.value if estimate else None,
        "estimate_growth": estimate.growth if estimate else None,
    }
    if chosen is not None:
        result.update(
            value=chosen.value,
            growth=chosen.growth,
            low=chosen.low,
            high=chosen.high,
            low_growth=chosen.low_growth,
            high_growth=chosen.high_growth,
            mape=chosen.mape,
            method=chosen.method,
        )
    if estimate and estimate.value is not None:
        blended = projection.blend_with_estimate(result["value"], estimate.value)
        result["blended_value"] = blended
        result["blended_growth"] = growth.growth_pct(blended, base_T)
    elif estimate and estimate.growth is not None and result["growth"] is None:
        result["blended_growth"] = estimate.growth
    if result["value"] is None and estimate is None:
        return None
    return result


def expected_at(proj: Projection | None) -> tuple[Decimal | None, Decimal | None]:
    """The figure the district expects for T: the department's 预计 blended in, if any."""
    if not proj:
        return None, None
    value = proj.get("blended_value", proj["value"])
    grow = proj.get("blended_growth", proj["growth"])
    return value, grow


def target_entry(facts, indicator, key, target: Target, row: IndicatorRow) -> TargetEntry:
    T = target.period.key
    g_star = target.growth
    value, base, grow = row["value"], row["base"], row["growth"]
    entry: TargetEntry = {
        "level": target.level,
        "level_label": target.get_level_display(),
        "period": T.code,
        "period_label": display_label(T.month),
        "growth": g_star,
        "value": target.value,
        "rank": target.rank_goal,
        "gap_amount": None,
        "gap_pp": None,
        "met": None,
        "remaining": None,
        "required_growth_rest": None,
        "required_amount_per_month": None,
        "task_progress": None,
        "time_progress": None,
        "seasonal_benchmark": None,
        "expected_value": None,
        "expected_growth": None,
        "expected_gap_amount": None,
        "expected_gap_zero_growth": None,
        "expected_gap_pp": None,
        "rank_gap": None,
    }
    if target.rank_goal and row["rank"]:
        entry["rank_gap"] = max(0, row["rank"] - target.rank_goal)
    if T == key:
        if g_star is not None:
            entry["gap_pp"] = gaps.gap_pp(grow, g_star)
            entry["gap_amount"] = gaps.gap_to_target(value, base, g_star)
        elif target.value is not None:
            entry["gap_amount"] = gaps.gap_to_target_amount(value, target.value)
            entry["task_progress"] = gaps.task_progress(value, target.value)
        shortfall = entry["gap_pp"] if entry["gap_pp"] is not None else entry["gap_amount"]
        if shortfall is not None:
            entry["met"] = shortfall == 0
        return entry
    if T < key:
        return entry
    A = annual_base(facts, indicator, key, T)
    amount = target.value if target.value is not None else gaps.target_amount(A, g_star)
    entry["time_progress"] = gaps.time_progress_by_month(key.month, T.month)
    if value is not None and amount is not None:
        entry["remaining"] = max(ZERO, amount - value)
        entry["task_progress"] = gaps.task_progress(value, amount)
        entry["required_amount_per_month"] = entry["remaining"] / (T.month - key.month)
    if g_star is not None:
        entry["gap_pp"] = gaps.gap_pp(grow, g_star)
        if value is not None and base is not None and A:
            entry["required_growth_rest"] = gaps.required_growth_rest(value, base, A, g_star)
        elif grow is not None:
            shares = _prior_shares(facts, indicator, key, T)
            share = shares[-1] if shares else Decimal(key.month) / Decimal(T.month)
            entry["required_growth_rest"] = gaps.required_growth_rest_growth_only(
                grow, g_star, share
            )
    if base is not None and A:
        entry["seasonal_benchmark"] = gaps.seasonal_benchmark(base, A)
    proj = (
        row["projection"] if row["projection"] and row["projection"]["period"] == T.code else None
    )
    if proj is None:
        proj = project(facts, indicator, key, T)
    exp_value, exp_growth = expected_at(proj)
    entry["expected_value"], entry["expected_growth"] = exp_value, exp_growth
    base_T = proj["base"] if proj else None
    if exp_value is not None and base_T is not None:
        entry["expected_gap_zero_growth"] = gaps.gap_to_zero_growth(exp_value, base_T)
        if g_star is not None:
            entry["expected_gap_amount"] = gaps.gap_to_target(exp_value, base_T, g_star)
    if exp_value is not None and amount is not None and entry["expected_gap_amount"] is None:
        entry["expected_gap_amount"] = gaps.gap_to_target_amount(exp_value, amount)
    if exp_growth is not None and g_star is not None:
        entry["expected_gap_pp"] = gaps.gap_pp(exp_growth, g_star)
    return entry


def indicator_row(facts: PanelFacts, indicator: Indicator, rules: StatusRules) -> IndicatorRow:
    key = facts.period
    own = facts.own_figure(indicator.pk, key)
    total = facts.total_figure(indicator.pk, key)
    value = own.value if own else None
    grow = own.growth if own else None
    total_growth = total.growth if total else None
    me, members = _rank_in(facts, indicator, key)
    prev_key = previous_period(indicator, key)
    me_prev, _ = _rank_in(facts, indicator, prev_key)
    me_yoy, _ = _rank_in(facts, indicator, key.previous_year())
    rank = me.rank if me else None
    base = growth.implied_base(value, grow)
    names = {m.pk: m.name for m in facts.members}
    row: IndicatorRow = {  # type: ignore[typeddict-item]  # the rest is added below
        "code": indicator.code,
        "name": indicator.name,
        "short_name": indicator.short_name or indicator.name,
        "unit": indicator.unit,
        "cumulation": indicator.cumulation,
        "frequency": indicator.frequency,
        "decimals": indicator.decimals,
        "growth_decimals": indicator.growth_decimals,
        "value_published": indicator.value_published,
        "lead_department": str(indicator.lead_department or ""),
        "leader": str(indicator.leader or ""),
        "value": value,
        "growth": grow,
        "published_rank": own.rank if own else None,
        "month_value": own.month_value if own else None,
        "month_growth": own.month_growth if own else None,
        "total_value": total.value if total else None,
        "total_growth": total_growth,
        "total_month_value": total.month_value if total else None,
        "total_month_growth": total.month_growth if total else None,
        "vs_total_pp": grow - total_growth
        if grow is not None and total_growth is not None
        else None,
        "rank": rank,
        "rank_of": ranking.ranked_count(members) if members else None,
        "tied": bool(me and me.tied),
        "tied_with": [names.get(k, str(k)) for k in (me.tied_with if me else ())],
        "prev_period": prev_key.code if prev_key else None,
        "prev_period_label": span_label(prev_key.month) if prev_key else None,
        "rank_prev": me_prev.rank if me_prev else None,
        "rank_yoy": me_yoy.rank if me_yoy else None,
        "rank_change_prev": ranking.rank_change(me_prev.rank if me_prev else None, rank),
        "rank_change_yoy": ranking.rank_change(me_yoy.rank if me_yoy else None, rank),
        "base": base,
        "gap_zero_growth": gaps.gap_to_zero_growth(value, base),
        "time_progress": gaps.time_progress_by_month(key.month),
        "observation_id": own.observation_id if own else None,
    }
    quarter_end = key.quarter_end()
    row["projection"] = project(
        facts, indicator, key, quarter_end if quarter_end != key else key.year_end()
    )
    row["projection_year"] = project(facts, indicator, key, key.year_end())
    targets = sorted(facts.targets.get(indicator.pk, []), key=lambda t: (t.period.month, t.level))
    row["targets"] = [target_entry(facts, indicator, key, t, row) for t in targets]
    goal = min((t.rank_goal for t in targets if t.rank_goal), default=None)
    growths = _peer_values(facts, indicator, key, "growth")
    bases = {
        m: growth.implied_base(v, growths.get(m))
        for m, v in _peer_values(facts, indicator, key, "value").items()
    }
    ranked = {m.pk: m.ranked for m in facts.members}
    move = ranking.what_it_takes(
        facts.region.pk, growths, bases=bases, ranked=ranked,
        decimals=indicator.growth_decimals, rank_goal=goal,
    )  # fmt: skip
    row["move_up"] = {
        part: _move_dict(move[part], names) for part in ("next", "goal") if move.get(part)
    }
    ranks = [m.rank for m in members.values() if m.rank is not None]
    row["lowest_rank"] = max(ranks) if ranks else None
    total_label = facts.group.total_label if facts.group else "全市"
    row["status"] = _status(row, key.code, total_label, rules)
    return row


def _move_dict(move, names) -> MoveUp:
    return {
        "target_rank": move.target_rank,
        "peer": names.get(move.peer_key, str(move.peer_key)),
        "peer_growth": move.peer_growth,
        "growth_needed": move.growth_needed,
        "pp_needed": move.pp_needed,
        "amount_needed": move.amount_needed,
        "tied_after": move.tied_after,
    }


def judged_target(row: IndicatorRow, period_code: str) -> TargetEntry | None:
    """The target an indicator is judged against: this period's if set, else the nearest later
    one; the city-assigned level before the district's and the stretch goal."""
    candidates = [t for t in row["targets"] if t["period"] >= period_code]
    candidates = [t for t in candidates if t["growth"] is not None or t["value"] is not None]
    if not candidates:
        return None
    return min(candidates, key=lambda t: (t["period"], LEVEL_ORDER.get(t["level"], 9)))


def _status(row: IndicatorRow, period_code: str, total_label: str, rules: StatusRules) -> Status:
    target = judged_target(row, period_code)
    gap_pp = gap_amount = progress_gap = None
    target_met = None
    target_label = "目标"
    if target is not None:
        target_label = f"{target['level_label']}{target['period_label']}目标"
        gap_pp = target["gap_pp"]
        if target["period"] == period_code:
            gap_amount = target["gap_amount"] if gap_pp is None else None
            target_met = target["met"]
        benchmark = target["seasonal_benchmark"] or target["time_progress"]
        if target["task_progress"] is not None and benchmark is not None:
            progress_gap = target["task_progress"] - benchmark
    facts = IndicatorFacts(
        growth=row["growth"],
        total_growth=row["total_growth"],
        rank=row["rank"],
        rank_of=row["rank_of"],
        lowest_rank=row.get("lowest_rank"),
        tied=row["tied"],
        rank_change_prev=row["rank_change_prev"],
        gap_pp=gap_pp,
        gap_amount=gap_amount,
        target_met=target_met,
        progress_gap_pp=progress_gap,
        unit=row["unit"],
        total_label=total_label,
        target_label=target_label,
        prev_label=row["prev_period_label"] or "上期",
    )
    status = evaluate_status(facts, rules)
    return {"color": status.color, "reasons": list(status.reasons)}
