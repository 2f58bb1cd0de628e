"""排位总表 at province scale: one peer group of 200 members × 60 indicators, on SQLite and
PostgreSQL, timed as the server answers the page (GET /ranking/, rendering included) and the
Excel export, and the table alone (econdesk.analysis.peers.ranking_table).

A synthetic province 甲省 with 200 members (every twentieth a functional zone) × 60 monthly
indicators (five ranked by value) × 3 periods (2025-04 … 2025-06), plus the province's own
figures, is loaded with the fast loader of bench/panel.py (raw executemany / COPY); the
database is fresh and thrown away. After two warm-up requests, --runs are timed through
Django's test client with a logged-in leader (middleware, view, template, response; no network).

    .venv/bin/python bench/ranking_table.py                 # SQLite and PostgreSQL, 30 runs each
    .venv/bin/python bench/ranking_table.py --engine sqlite --runs 10
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from panel import (  # noqa: E402  (bench/ is not a package)
    _summary,
    _timed,
    load_observations,
    machine,
    make_database,
    use_database,
    versions,
)

MEMBERS = 200
INDICATORS = 60
YEAR = 2025
MONTHS = (4, 5, 6)


def build_group(seed: int = 11) -> dict:
    from django.db import transaction

    from econdesk.accounts.models import Role, User
    from econdesk.ledger.models import Indicator, Period, Region

    rng = random.Random(seed)
    with transaction.atomic():
        province = Region.objects.create(name="甲省", kind=Region.Kind.PROVINCE)
        members = Region.objects.bulk_create(
            Region(
                name=f"县{m:03d}",
                kind=Region.Kind.FUNCTIONAL_ZONE if m % 20 == 19 else Region.Kind.COUNTY,
                ranked=m % 20 != 19,
                parent=province,
                sort_order=m,
                is_home=m == 0,
            )
            for m in range(MEMBERS)
        )
        indicators = Indicator.objects.bulk_create(
            Indicator(
                code=f"bench_{i:02d}",
                name=f"指标{i:02d}",
                unit="亿元",
                frequency=Indicator.Frequency.MONTHLY,
                first_month=1,
                price_basis=Indicator.PriceBasis.CURRENT,
                cumulation=Indicator.Cumulation.YTD,
                rank_key=Indicator.RankKey.VALUE if i % 12 == 3 else Indicator.RankKey.GROWTH,
                sort_order=i,
            )
            for i in range(INDICATORS)
        )
        periods = Period.objects.bulk_create(Period(year=YEAR, month=m) for m in MONTHS)
        User.objects.create_user(username="bench", password="x", role=Role.LEADER)

    def rows():
        for region in [province, *members]:
            for ind in indicators:
                for p in periods:
                    value = f"{rng.uniform(10, 900) * p.month / 12:.2f}"
                    yield region.pk, ind.pk, p.pk, value, f"{rng.gauss(5.5, 4):.1f}"

    count = load_observations(rows())
    return {"group": province, "period": periods[-1], "observations": count}


def duck_compare(group, period, indicators, runs: int) -> dict | None:
    """Our ranking against DuckDB's on the same rows; None when duckdb is not installed."""
    try:
        import duckdb
    except ImportError:
        return None
    from econdesk.analysis.arithmetic import ranking
    from econdesk.ledger.models import Indicator, Observation, Region

    members = list(Region.objects.filter(parent=group))
    ranked = {m.pk: m.ranked for m in members}
    order = [m.pk for m in members]
    by_id = {i.pk: i for i in indicators}
    rows = list(
        Observation.objects.filter(
            region_id__in=order, indicator_id__in=list(by_id), period=period,
            kind=Observation.Kind.ACTUAL, is_current=True,
        ).values_list("region_id", "indicator_id", "value", "growth")
    )  # fmt: skip
    spec = {}
    for pk, ind in by_id.items():
        by_value = ind.rank_key == Indicator.RankKey.VALUE
        spec[pk] = (by_value, ind.decimals if by_value else ind.growth_decimals)
    per_indicator: dict[int, dict[int, object]] = {pk: {} for pk in by_id}
    for region_id, indicator_id, value, growth in rows:
        per_indicator[indicator_id][region_id] = value if spec[indicator_id][0] else growth

    def ours():
        out = {}
        for pk, found in per_indicator.items():
            out[pk] = ranking.competition_rank(
                {m: found[m] for m in order if m in found}, ranked=ranked, decimals=spec[pk][1]
            )
        return out

    con = duckdb.connect()
    con.execute(
        "create table obs (region integer, ind integer, ranked boolean, d integer, "
        "k decimal(18, 4))"
    )
    con.executemany(
        "insert into obs values (?, ?, ?, ?, ?)",
        [(r, i, ranked[r], spec[i][1], (v if spec[i][0] else g)) for r, i, v, g in rows],
    )
    places = sorted({d for _, d in spec.values()})
    rounded = "case d " + " ".join(f"when {d} then round(k, {d})" for d in places) + " end"
    query = (
        "create or replace table ranked as select region, ind, rank() over "
        f"(partition by ind order by {rounded} desc) as r from obs "
        "where ranked and k is not null"
    )

    def duck():
        con.execute(query)

    result = {"rows": len(rows)}
    mine = ours()
    placed = [m.rank for ranks in mine.values() for m in ranks.values() if m.rank is not None]
    duck()
    theirs = con.execute("select count(*), sum(r) from ranked").fetchone()
    if (len(placed), sum(placed)) != tuple(theirs):
        raise SystemExit(f"rankings disagree: ours {(len(placed), sum(placed))}, DuckDB {theirs}")
    result["ranked_cells"], result["sum_of_ranks"] = theirs
    result["ours"] = _summary(*_timed(ours, runs))
    for threads in (2, 1):
        con.execute(f"set threads = {threads}")
        result[f"duckdb_{threads}"] = _summary(*_timed(duck, runs))
    result["version"] = duckdb.__version__
    result["ratio_2"] = round(result["ours"]["median_ms"] / result["duckdb_2"]["median_ms"], 1)
    result["ratio_1"] = round(result["ours"]["median_ms"] / result["duckdb_1"]["median_ms"], 1)
    con.close()
    return result


def run_engine(engine: str, runs: int) -> dict:
    url, drop = make_database(engine, "ranking")
    try:
        use_database(url, migrate=True)
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment

        from econdesk.accounts.models import User
        from econdesk.analysis.peers import ranking_table
        from econdesk.web import reads

        setup_test_environment()
        built = build_group()
        group, period = built["group"], built["period"]
        client = Client()
        client.force_login(User.objects.get(username="bench"))
        page = f"/ranking/?group={group.pk}&period={period.code}"
        excel = f"/ranking/excel/?group={group.pk}&period={period.code}"

        def get(path):
            response = client.get(path, secure=True)
            assert response.status_code == 200, response.status_code
            return response

        for _ in range(2):
            get(page)
        html = get(page).content
        from django.core.cache import cache

        cache.clear()
        # Counted by an execute wrapper: a request's start empties connection.queries, so
        # CaptureQueriesContext around a test-client request would see none.
        queries = []
        with connection.execute_wrapper(lambda ex, sql, *a: queries.append(sql) or ex(sql, *a)):
            get(page)
        indicators = list(reads.panel_indicators())
        table = ranking_table(group, period, indicators)

        def cold():
            cache.clear()
            get(page)

        page_times = _timed(cold, runs)
        warm_times = _timed(lambda: get(page), runs)
        excel_times = _timed(lambda: get(excel), max(5, runs // 3))
        table_times = _timed(lambda: ranking_table(group, period, indicators), runs)
        duck = duck_compare(group, period, indicators, runs)
        return {
            "engine": engine,
            "members": len(table.members),
            "indicators": len(table.indicators),
            "cells": len(table.cells),
            "observations": built["observations"],
            "page_kb": round(len(html) / 1024),
            "queries": len(queries),
            "page": _summary(*page_times),
            "warm": _summary(*warm_times),
            "excel": _summary(*excel_times),
            "table": _summary(*table_times),
            "duckdb": duck,
            "versions": versions(),
        }
    finally:
        drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.engine == "both":
        results = both(args.runs)
    else:
        started = time.perf_counter()
        results = [run_engine(args.engine, args.runs)]
        results[0]["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        for r in results:
            print(json.dumps(r, ensure_ascii=False))
        return
    print(json.dumps(machine(), ensure_ascii=False))
    print(markdown(results))


def both(runs: int) -> list[dict]:
    results = []
    for engine in ("sqlite", "postgres"):
        cmd = [sys.executable, __file__, "--engine", engine, "--runs", str(runs), "--json"]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        sys.stderr.write(done.stderr)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def run(quick: bool) -> str:
    """bench/run.py's entry: both engines, 4 runs each way when quick, 10 otherwise."""
    return markdown(both(4 if quick else 10))


def markdown(results: list[dict]) -> str:
    lines = [
        "| engine | members × indicators | cells | queries | page (built) median / p95 ms "
        "| page kept (warm) median / p95 ms | Excel median / p95 ms "
        "| table alone median / p95 ms | page KB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        version = r["versions"].get("postgresql", r["versions"]["sqlite"]).split()[0]
        lines.append(
            f"| {r['engine']} {version} | {r['members']} × {r['indicators']} | {r['cells']:,} "
            f"| {r['queries']} | {r['page']['median_ms']} / {r['page']['p95_ms']} "
            f"| {r['warm']['median_ms']} / {r['warm']['p95_ms']} "
            f"| {r['excel']['median_ms']} / {r['excel']['p95_ms']} "
            f"| {r['table']['median_ms']} / {r['table']['p95_ms']} | {r['page_kb']} |"
        )
    duck = next((r["duckdb"] for r in results if r.get("duckdb")), None)
    if duck is None:
        lines += ["", "DuckDB is not installed (`pip install -r requirements-dev.txt`): no ratio."]
        return "\n".join(lines)
    lines += [
        "",
        f"Peer-group ranking of the same {duck['rows']:,} rows (one period, 200 members × 60 "
        f"indicators; {duck['ranked_cells']:,} cells ranked, sum of ranks "
        f"{duck['sum_of_ranks']:,} in both), {results[0]['engine']} run:",
        "",
        "| ranking | median ms | p95 ms | ours ÷ it |",
        "|---|---:|---:|---:|",
        f"| ours: `competition_rank` × 60, in memory | {duck['ours']['median_ms']} "
        f"| {duck['ours']['p95_ms']} | 1 |",
        f"| DuckDB {duck['version']} `rank()` window, 2 threads | {duck['duckdb_2']['median_ms']} "
        f"| {duck['duckdb_2']['p95_ms']} | {duck['ratio_2']}× |",
        f"| DuckDB {duck['version']}, 1 thread | {duck['duckdb_1']['median_ms']} "
        f"| {duck['duckdb_1']['p95_ms']} | {duck['ratio_1']}× |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
