"""The district's GDP: published where published, else estimated and back-tested (§5).

Readers — bulletins, pages, the API — take the GDP figure from **one** function:

    gdp_statement(region, key, observations=None) -> dict

which returns, for the quarter of ``key`` (a mid-quarter month: the quarter under way):

* ``kind``: "published" (the city's unified accounting has published it: say so, never an
  estimate) or "estimate" (not yet published) or None (neither possible);
* ``growth`` (Decimal, %): the published figure, or the estimate;
* ``label``: the period in words (一季度, 上半年, 前三季度, 全年);
* ``text``: the sentence fragment to print, e.g. "增长5.5%（公布数）" or
  "测算增长5.2%左右（近8个季度平均误差±0.4个百分点）";
* ``check``: for a published quarter, "测算5.3%，公布5.5%" (the back-test's estimate beside it);
* ``mae``/``max_error``/``window``/``low``/``high``: the band from the back-test (pp, quarters);
* ``method``/``method_name``: "production" (校准生产法) or "bridge" (桥接回归);
* ``published_quarters``: the year's published quarters the estimate starts from.

A bulletin should print ``statement["text"]`` after "地区生产总值" and never re-derive the figure;
``estimate_for`` (the GDP page's full table: sectors, pulls, back-test, reverse calculation)
carries the same statement under ``"statement"`` and sets ``gdp_growth`` to the same figure.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from econdesk import phrases
from econdesk.analysis.arithmetic import gdp
from econdesk.analysis.gdp import backtest as bt
from econdesk.analysis.gdp import reverse as rv
from econdesk.analysis.gdp.ledger import load_history, sectors_for, spec_of
from econdesk.analysis.gdp.model import calibrate
from econdesk.ledger.models import GdpSector, Target
from econdesk.ledger.periods import PeriodKey, display_label

HUNDRED = Decimal(100)
GROUP_NAMES = dict(GdpSector.Group.choices)
FIT_SOURCES = {"fitted": "按历史校准", "ratio": "按历史校准（仅弹性）", "default": "默认值"}
WEIGHT_SOURCES = {
    "published": "上年同期公布的行业增加值",
    "partial": "上年同期公布的行业增加值（部分行业按默认权重）",
    "nearest": "最近一期公布的行业增加值结构（上年同期未公布）",
    "default": "默认权重（尚无公布的行业增加值）",
}

__all__ = ["estimate_for", "gdp_statement", "gdp_target_growth", "sectors_for"]


def _d(x, places: int = 6) -> Decimal | None:
    return None if x is None else Decimal(repr(round(float(x), places)))


def _one(x) -> str:
    return f"{Decimal(repr(float(x))).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


def gdp_target_growth(region, key: PeriodKey) -> tuple[Decimal | None, str]:
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


def _drivers(specs, snap, key: PeriodKey):
    """Each driver's latest growth this year up to ``key``; else last year's same quarter."""
    found, sources = {}, {}
    for s in specs:
        if not s.driver:
            continue
        this = snap.latest_growth(s.driver, key.year, key.month)
        if this:
            found[s.code] = this
            sources[s.code] = f"{key.year}年{display_label(this[1])}"
            continue
        last = snap.latest_growth(s.driver, key.year - 1, key.quarter_end().month)
        found[s.code] = last
        sources[s.code] = f"沿用{key.year - 1}年{display_label(last[1])}" if last else "暂无数据"
    return found, sources


def _share_of(snap, p, period) -> float:
    """Last year's GDP of ``p`` as a share of last year's GDP of ``period`` (else by months)."""
    a = snap.value("gdp", (p[0] - 1, p[1]))
    b = snap.value("gdp", (period[0] - 1, period[1]))
    if a and b and b > 0:
        return a / b
    return p[1] / period[1]


def _work(region, key: PeriodKey, observations=None) -> dict:
    """Everything the statement and the page need, computed once."""
    specs = [spec_of(s) for s in sectors_for(region)]
    quarter = key.quarter_end()
    period = (quarter.year, quarter.month)
    if not specs:
        return {"specs": [], "period": period}
    history = load_history(region, specs, observations)
    snap = history.snapshot()
    drivers, sources = _drivers(specs, snap, key)
    model = calibrate(specs, snap)
    published_va = snap.growth("gdp", period) is not None
    production = model.estimate(snap, period, drivers, use_published=published_va)
    test = bt.backtest(specs, history.snapshot_when_published, snap)
    chosen = test.chosen
    chosen_model = model if chosen == "production" else bt.fit("bridge", specs, snap)
    if chosen_model is None:
        chosen, chosen_model = "production", model
    raw = bt.estimate_with(chosen_model, snap, period, drivers)
    published = snap.growth("gdp", period)
    # The year's published quarters before this one: the estimate starts from the latest.
    earlier = [p for p in snap.gdp_periods(period) if p[0] == period[0]]
    shift_prod = shift = 0.0
    anchor = None
    if earlier and published is None:
        p = earlier[-1]
        share = _share_of(snap, p, period)
        pub_p = snap.growth("gdp", p)
        est_p = bt.estimate_with(chosen_model, snap, p)
        prod_p = model.estimate(snap, p).growth
        if est_p is not None:
            shift = share * (pub_p - est_p)
        if prod_p is not None:
            shift_prod = share * (pub_p - prod_p)
        anchor = {"period": p, "published": pub_p, "share": share}
    estimate = None if raw is None else raw + shift
    check = next((r for r in test.best.rows if r.period == period), None)
    return {
        "specs": specs,
        "period": period,
        "snap": snap,
        "drivers": drivers,
        "sources": sources,
        "model": model,
        "production": production,
        "backtest": test,
        "chosen": chosen,
        "estimate": estimate,
        "published": published,
        "shift": shift,
        "shift_production": shift_prod,
        "anchor": anchor,
        "check": check,
        "earlier": earlier,
    }


def _statement(work: dict) -> dict:
    year, month = work["period"]
    label = display_label(month)
    out = {
        "kind": None,
        "growth": None,
        "label": label,
        "year": year,
        "text": "暂无法测算",
        "check": "",
        "mae": None,
        "max_error": None,
        "window": 0,
        "low": None,
        "high": None,
        "method": None,
        "method_name": "",
        "published_quarters": [display_label(m) for _y, m in work.get("earlier", [])],
    }
    if not work["specs"]:
        return out
    test = work["backtest"]
    score = test.scores.get(work["chosen"])
    out["method"] = work["chosen"]
    out["method_name"] = bt.METHOD_NAMES[work["chosen"]]
    if score and score.mae is not None:
        out.update(mae=_d(score.mae), max_error=_d(score.max_error), window=score.window)
    band = (
        f"（近{score.window}个季度平均误差±{_one(score.mae)}个百分点）"
        if score and score.mae is not None
        else "（尚无可回测的季度，误差未知）"
    )
    if work["published"] is not None:
        g = work["published"]
        out.update(kind="published", growth=_d(g), text=f"{phrases.growth(g, 1)}（公布数）")
        if work["check"] is not None:
            out["check"] = f"测算{_one(work['check'].estimate)}%，公布{_one(g)}%"
        return out
    g = work["estimate"]
    if g is None:
        return out
    out.update(kind="estimate", growth=_d(g), text=f"测算{phrases.about(g, 1)}{band}")
    if score and score.max_error is not None:
        out.update(low=_d(g - score.max_error), high=_d(g + score.max_error))
    return out


def gdp_statement(region, key: PeriodKey, observations=None) -> dict:
    """Published-or-estimate GDP growth for the quarter of ``key``; see the module docstring.

    ``observations``: the versions to read (econdesk.ledger.asof), default the current ones
    (or, inside ``reading_as_of``, those of its moment).
    """
    return _statement(_work(region, key, observations))


def _ranges(work: dict, year: int):
    snap = work["snap"]
    years = range(year - rv.RANGE_YEARS, year + 1)
    va, drv = {}, {}
    for s in work["specs"]:
        va[s.code] = rv.range_of(
            [
                c[1]
                for k, c in snap.cells.items()
                if k[0] == s.va_code and k[1] in years and c[1] is not None
            ]
        )
        drv[s.code] = (
            rv.range_of(
                [
                    c[1]
                    for k, c in snap.cells.items()
                    if k[0] == s.driver and k[1] in years and c[1] is not None
                ]
            )
            if s.driver
            else None
        )
    return va, drv


def _out_of_reach(name: str, need, high, by: str, driver_name: str | None) -> str:
    what = "本行业增加值" if by == "va" else (driver_name or "推算指标")
    return f"需{phrases.growth(need, 1)}，超出近五年最高增速（{what}{_one(high)}%），不可依赖"


def estimate_for(
    region, key: PeriodKey, target_growth: Decimal | None = None, observations=None
) -> dict:
    """The GDP page's table: the statement, sectors, pulls, back-test and reverse calculation.

    `observations`: the versions to read (econdesk.ledger.asof); default the current ones.
    """
    work = _work(region, key, observations)
    statement = _statement(work)
    target_label = "目标"
    if target_growth is None:
        target_growth, target_label = gdp_target_growth(region, key)
    result = {
        "region": region.name,
        "period": key.code,
        "period_label": display_label(work["period"][1]),
        "statement": statement,
        "gdp_growth": statement["growth"],
        "missing": [],
        "missing_names": [],
        "target_growth": target_growth,
        "target_label": target_label,
        "gap_pp": None,
        "sectors": [],
        "groups": [],
        "backtest": None,
        "calibration": None,
        "combinations": [],
    }
    if not work["specs"]:
        return result
    model, production = work["model"], work["production"]
    specs = {s.code: s for s in work["specs"]}
    inputs = [
        gdp.Sector(
            p.code, specs[p.code].name, _d(p.share, 9), _d(p.growth), group=specs[p.code].group
        )
        for p in production.parts
    ]
    summed = gdp.estimate_gdp(inputs)
    result["missing"] = list(summed.missing)
    result["missing_names"] = [specs[c].name for c in summed.missing]
    if statement["growth"] is not None and target_growth is not None:
        result["gap_pp"] = max(Decimal(0), target_growth - statement["growth"])
    va_ranges, driver_ranges = _ranges(work, work["period"][0])
    needs = {}
    if target_growth is not None and production.growth is not None:
        reqs = rv.requirements(
            model,
            production,
            float(target_growth),
            work["shift_production"],
            va_ranges,
            driver_ranges,
        )
        needs = {r.code: r for r in reqs}
        gap, combos = rv.combinations(
            model,
            production,
            float(target_growth),
            work["shift_production"],
            va_ranges,
            driver_ranges,
        )
        result["combinations"] = _combos(combos, specs, production)
    for part, pull in zip(production.parts, summed.sectors, strict=True):
        s = specs[part.code]
        fit = model.fits[s.code]
        req = needs.get(s.code)
        row = {
            "code": s.code,
            "name": s.name,
            "group": s.group,
            "group_label": GROUP_NAMES.get(s.group, s.group),
            "weight": _d(s.weight),
            "driver": s.driver_name,
            "driver_growth": _d(part.driver_growth),
            "driver_source": (
                work["sources"].get(s.code, "人工设定")
                if part.source == "driver"
                else {
                    "manual": "人工设定",
                    "published": "沿用上期公布增速",
                    "published_now": "本期公布的行业增加值",
                }.get(part.source, "暂无数据")
            ),
            "growth": _d(part.growth),
            "share": pull.share * HUNDRED,
            "pull": pull.pull,
            "contribution_rate": pull.contribution_rate,
            "alpha": _d(fit.alpha, 3),
            "theta": _d(fit.theta, 3),
            "fit_n": fit.n,
            "fit_source": FIT_SOURCES[fit.source],
            "fit_rmse": _d(fit.rmse, 3),
            "required_growth": _d(req.growth) if req else None,
            "required_driver_growth": _d(req.driver_growth) if req else None,
            "reachable": req.reachable if req else None,
            "range_high": _d(req.high) if req else None,
            "verdict": "",
        }
        if req and req.growth is not None:
            if req.reachable is False:
                need = req.growth if req.judged_by == "va" else req.driver_growth
                row["verdict"] = _out_of_reach(s.name, need, req.high, req.judged_by, s.driver_name)
            elif req.reachable:
                row["verdict"] = "在近五年增速范围内"
            else:
                row["verdict"] = "无历史增速可比"
        if row["required_driver_growth"] is not None and row["driver_growth"] is not None:
            row["driver_gap_pp"] = max(
                Decimal(0), row["required_driver_growth"] - row["driver_growth"]
            )
        else:
            row["driver_gap_pp"] = None
        result["sectors"].append(row)
    for code, label in GdpSector.Group.choices:
        g = summed.groups.get(code)
        if g:
            result["groups"].append(
                {
                    "group": code,
                    "label": label,
                    "share": g.share * HUNDRED,
                    "growth": g.growth_pct,
                    "pull": g.pull,
                    "contribution_rate": g.contribution_rate,
                }
            )
    result["backtest"] = _backtest_table(work)
    result["calibration"] = {
        "weights": WEIGHT_SOURCES[production.weights.source],
        "residual": _d(production.residual, 3),
        "residual_n": model.residual_n,
        "history": len(model.history),
        "production_growth": _d(
            None if production.growth is None else production.growth + work["shift_production"]
        ),
        "shift": _d(work["shift"], 3),
        "anchor": (
            f"{work['period'][0]}年{display_label(work['anchor']['period'][1])}已公布"
            f"{_one(work['anchor']['published'])}%，本期只测算其余部分"
            if work["anchor"]
            else ""
        ),
        "defaults": all(f.source == "default" for f in model.fits.values()),
    }
    return result


def _combos(combos, specs, production) -> list[dict]:
    out = []
    for c in combos:
        items = [
            {"name": specs[code].name, "growth": _d(g), "now": _d(production.part(code).growth)}
            for code, g in c.growths.items()
        ]
        if c.label.startswith("pair:"):
            a, b = items
            delta = int(c.label.split(":")[1])
            when = (
                f"{b['name']}按测算增速"
                if delta == 0
                else f"{b['name']}{'多' if delta > 0 else '少'}增长{abs(delta)}个百分点"
            )
            text = f"{when}（{_one(b['growth'])}%），{a['name']}需{phrases.growth(a['growth'], 1)}"
        else:
            text = c.label + "：" + "，".join(f"{i['name']}{_one(i['growth'])}%" for i in items)
        out.append({"text": text, "reachable": c.reachable, "items": items})
    return out


def _backtest_table(work: dict) -> dict:
    test = work["backtest"]
    periods = sorted({r.period for s in test.scores.values() for r in s.rows})
    by = {m: {r.period: r for r in s.rows} for m, s in test.scores.items()}
    rows = []
    for p in periods:
        first = next(by[m][p] for m in by if p in by[m])
        rows.append(
            {
                "label": f"{p[0]}年{display_label(p[1])}",
                "published": _d(first.published),
                "methods": [
                    {
                        "estimate": _d(by[m][p].estimate) if p in by[m] else None,
                        "error": _d(by[m][p].error) if p in by[m] else None,
                        "in_window": p in test.window,
                    }
                    for m in bt.METHODS
                ],
            }
        )
    return {
        "methods": [
            {
                "code": m,
                "name": bt.METHOD_NAMES[m],
                "mae": _d(test.scores[m].mae),
                "max_error": _d(test.scores[m].max_error),
                "window": test.scores[m].window,
                "chosen": m == work["chosen"],
                "count": len(test.scores[m].rows),
            }
            for m in bt.METHODS
        ],
        "rows": rows,
        "chosen_name": bt.METHOD_NAMES[work["chosen"]],
    }
