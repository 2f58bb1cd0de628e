"""GDP calibration and back-test: one district with 10 years of quarters, and a city's 20.

Each district is generated with the default sector table (nine industries, eight drivers):
eleven years of monthly year-to-date driver growths (the first the base year), quarterly value
added by industry built from α + θ·x plus noise, and GDP as their sum; each figure carries the
moment it came in (drivers 15 days after the month, GDP and value added 25 days after the
quarter), so the back-test's as-of reading has real work to do. The last quarter (2025 全年)
is not published: it is the one estimated, from the published 前三季度 and the drivers to 11月.

Two measurements, each the median of ``--runs`` (default 5) after one warm-up:

* **in memory** — exactly the arithmetic ``econdesk.analysis.gdp_estimate`` runs for one
  district: ``calibrate`` on every published quarter, then ``backtest`` (both methods,
  refitted before each of the 36 back-tested quarters on the figures as they stood when that
  quarter's GDP came out). No database.
* **through the ledger** — ``gdp_statement(district, 2025-11)`` on a fresh database (SQLite
  file under bench/out/, or a throwaway PostgreSQL database): reading every version of the
  district's figures, then the same arithmetic and the anchoring on 前三季度.

    .venv/bin/python bench/gdp_calibration.py                   # SQLite
    .venv/bin/python bench/gdp_calibration.py --engine postgres
    .venv/bin/python bench/gdp_calibration.py --engine none     # in memory only

Prints the machine, then a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.panel import load_observations, machine, make_database, use_database  # noqa: E402

FIRST_YEAR = 2015  # the base year; 2016–2025 are the ten years of quarters
LAST_YEAR = 2025
DISTRICTS = 20
AIM_ONE_S = 2.0
# sector code -> (driver code, current prices?, price %, true α, true θ, base level 亿元/year)
TRUTH = {
    "agriculture": ("agri_output", False, 0.0, 0.5, 0.8, 12.0),
    "industry": ("industry_va", False, 0.0, -0.5, 1.1, 160.0),
    "construction": ("construction_output", True, 1.0, 0.8, 0.75, 32.0),
    "trade": ("wholesale_sales", True, 1.0, 1.2, 0.6, 40.0),
    "hospitality": ("catering_revenue", True, 1.0, 0.5, 0.8, 8.0),
    "transport": (None, False, 0.0, 4.0, 0.0, 16.0),
    "finance": ("deposits", False, 0.0, 1.5, 0.45, 24.0),
    "real_estate": ("house_sales_area", False, 0.0, 1.0, 0.35, 28.0),
    "other_services": ("services_revenue", True, 1.0, 2.0, 0.55, 80.0),
}
SEASON = {3: 0.23, 6: 0.48, 9: 0.74, 12: 1.0}


def _in(moment: datetime, days: int) -> datetime:
    return moment + timedelta(days=days)


def district_figures(seed: int) -> dict[tuple[str, int, int], tuple]:
    """(code, year, month) -> (value, growth, the moment it came in), one generated district."""
    from econdesk.ledger.gdp_defaults import VALUE_ADDED

    rng = random.Random(seed)
    out: dict[tuple[str, int, int], tuple] = {}
    levels = {c: {(FIRST_YEAR, q): t[5] * s for q, s in SEASON.items()} for c, t in TRUTH.items()}
    for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
        drift = {c: rng.gauss(0, 2) for c in TRUTH}
        for month in range(1, 13):
            end = datetime(year, month, 28)
            for code, (driver, current, price, alpha, theta, _base) in TRUTH.items():
                if driver is None:
                    continue
                x = round(5 + drift[code] + rng.gauss(0, 1.5), 1)
                if not (year == LAST_YEAR and month == 12):
                    out[(driver, year, month)] = (None, x, _in(end, 15))
                if month % 3:
                    continue
                real = ((100 + x) / (100 + price) - 1) * 100 if current else x
                g = alpha + theta * real + rng.gauss(0, 0.3)
                levels[code][(year, month)] = levels[code][(year - 1, month)] * (1 + g / 100)
            if month % 3 == 0:
                c = "transport"
                g = 4.0 + rng.gauss(0, 0.3)
                levels[c][(year, month)] = levels[c][(year - 1, month)] * (1 + g / 100)
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for q in SEASON:
            if (year, q) == (LAST_YEAR, 12):
                continue  # the quarter to estimate
            came = _in(datetime(year, q, 28), 25)
            now = sum(levels[c][(year, q)] for c in TRUTH)
            growth = None
            if year > FIRST_YEAR:
                last = sum(levels[c][(year - 1, q)] for c in TRUTH)
                growth = round((now / last - 1) * 100, 1)
            out[("gdp", year, q)] = (round(now, 2), growth, came)
            for c in TRUTH:
                g = None
                if year > FIRST_YEAR:
                    g = round((levels[c][(year, q)] / levels[c][(year - 1, q)] - 1) * 100, 1)
                out[(VALUE_ADDED[c][0], year, q)] = (round(levels[c][(year, q)], 2), g, came)
    return out


def default_specs():
    from econdesk.analysis.gdp.ledger import va_code
    from econdesk.analysis.gdp.model import SectorSpec
    from econdesk.ledger.gdp_defaults import DEFAULT_SECTORS

    specs = []
    for code, name, group, weight, driver, price, theta, below, manual in DEFAULT_SECTORS:
        current = TRUTH[code][1]
        specs.append(
            SectorSpec(
                code, name, group, float(weight), va_code(code), driver, driver, current,
                float(price), above_share=None if theta is None else float(theta),
                below_growth=None if below is None else float(below),
                manual_growth=None if manual is None else float(manual),
            )
        )  # fmt: skip
    return specs


def history_of(figures):
    from econdesk.analysis.gdp.ledger import LedgerHistory

    versions = {k: [(came, 1, True, v, g, None)] for k, (v, g, came) in figures.items()}
    return LedgerHistory(versions)


def calibrate_and_backtest(specs, history):
    """What the GDP page computes for one district, without the database."""
    from econdesk.analysis.gdp import backtest as bt
    from econdesk.analysis.gdp.model import calibrate

    snap = history.snapshot()
    model = calibrate(specs, snap)
    test = bt.backtest(specs, history.snapshot_when_published, snap)
    return model, test


def _median_s(fn, runs: int) -> tuple[float, list[float]]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def in_memory(runs: int) -> list[dict]:
    specs = default_specs()
    histories = [history_of(district_figures(seed)) for seed in range(DISTRICTS)]
    _model, test = calibrate_and_backtest(specs, histories[0])
    quarters = len(histories[0].snapshot().gdp_periods())
    rows = []
    for n in (1, DISTRICTS):
        median, _ = _median_s(
            lambda n=n: [calibrate_and_backtest(specs, h) for h in histories[:n]], runs
        )
        rows.append({"what": "in memory: calibrate + backtest", "districts": n, "median_s": median})
    rows[0]["detail"] = (
        f"{quarters} published quarters, {len(test.best.rows)} back-tested per method, "
        f"chosen {test.best.name}, MAE {test.best.mae:.2f} pp"
    )
    return rows


def _load_city(engine_note: list[str]) -> list:
    """20 districts' figures into the ledger, with each figure's moment; the districts."""
    from django.db import connection, transaction

    from econdesk.accounts.cli_actor import command_user
    from econdesk.analysis.gdp.value_added import ensure_value_added_indicators
    from econdesk.ledger.models import Indicator, Period, Region
    from econdesk.ledger.services.catalogue import ensure_standard_catalogue
    from econdesk.ledger.services.gdp import ensure_default_gdp_sectors

    user = command_user()
    ensure_standard_catalogue(user)
    ensure_value_added_indicators(user)
    ensure_default_gdp_sectors(user)
    with transaction.atomic():
        city = Region.objects.create(name="基准市", kind=Region.Kind.CITY)
        districts = Region.objects.bulk_create(
            Region(name=f"基准区{d:02d}", kind=Region.Kind.DISTRICT, parent=city, sort_order=d)
            for d in range(DISTRICTS)
        )
        have = set(Period.objects.values_list("year", "month"))
        Period.objects.bulk_create(
            Period(year=y, month=m)
            for y in range(FIRST_YEAR, LAST_YEAR + 1)
            for m in range(1, 13)
            if (y, m) not in have
        )
    indicator = dict(Indicator.objects.values_list("code", "pk"))
    period = {(y, m): pk for pk, y, m in Period.objects.values_list("pk", "year", "month")}
    moments: dict[int, datetime] = {}
    rows = []
    for seed, region in enumerate(districts):
        for (code, y, m), (value, growth, came) in district_figures(seed).items():
            v = None if value is None else f"{value:.2f}"
            g = None if growth is None else f"{growth:.1f}"
            rows.append((region.pk, indicator[code], period[(y, m)], v, g))
            moments[period[(y, m)]] = max(moments.get(period[(y, m)], came), came)
    count = load_observations(rows)
    # Each period's figures came in when they were published (load_observations stamps one time).
    with transaction.atomic(), connection.cursor() as cur:
        for pk, came in moments.items():
            cur.execute(
                "UPDATE ledger_observation SET created_at = %s WHERE period_id = %s",
                [came.strftime("%Y-%m-%d %H:%M:%S"), pk],
            )
    engine_note.append(f"{count:,} observations")
    return districts


def through_ledger(engine: str, runs: int) -> list[dict]:
    url, drop = make_database(engine, "gdp_calibration")
    try:
        use_database(url, migrate=True)
        from econdesk.analysis.gdp_estimate import gdp_statement
        from econdesk.ledger.periods import PeriodKey

        note: list[str] = []
        districts = _load_city(note)
        key = PeriodKey(LAST_YEAR, 11)
        first = gdp_statement(districts[0], key)
        rows = []
        for n in (1, DISTRICTS):
            median, _ = _median_s(lambda n=n: [gdp_statement(d, key) for d in districts[:n]], runs)
            rows.append({"what": f"{engine}: gdp_statement", "districts": n, "median_s": median})
        rows[0]["detail"] = f"{note[0]}; {first['label']}{first['text']}"
        return rows
    finally:
        drop()


def markdown(rows: list[dict], runs: int) -> str:
    lines = [
        f"| measurement | districts | median of {runs} (s) | per district (s) | notes |",
        "|---|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['what']} | {r['districts']} | {r['median_s']:.3f} "
            f"| {r['median_s'] / r['districts']:.3f} | {r.get('detail', '')} |"
        )
    one = [r for r in rows if r["districts"] == 1]
    worst = max(r["median_s"] for r in one)
    verdict = "met" if worst < AIM_ONE_S else "**not met**"
    lines += ["", f"Aim: one district under {AIM_ONE_S:.0f} s — {verdict} ({worst:.3f} s)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "none"], default="sqlite")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.engine == "none":
        use_database("sqlite://:memory:")
    rows = []
    if args.engine != "none":
        rows += through_ledger(args.engine, args.runs)
    rows = in_memory(args.runs) + rows
    print(json.dumps(machine(), ensure_ascii=False))
    print(markdown(rows, args.runs))


if __name__ == "__main__":
    main()
