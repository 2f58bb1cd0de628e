"""Ranks and statuses at national scale: rank_and_status_all beside one DuckDB window query.

The synthetic national ledger: 2,844 county-level regions in 284 peer groups (each a city whose
own figure is the group total) × 40 indicators × 36 periods = 4.10 M member observations, plus
0.41 M group totals. Growth is a fixed hash of (county, indicator, period) mapped to −10.0 …
20.0 in steps of 0.1 (so ties are common); about 1 figure in 1000 has no growth ("—"), and one
county in 97 is a functional zone (ranked=False). Scales: 1× = 40 indicators × 36 periods,
4× = 40 × 144 periods, 16× = 160 indicators × 144 periods.

Every step runs in its own process, so ru_maxrss is that step's own peak:

* ``db``   — the ledger is built (raw executemany into a fresh SQLite file under bench/out/, or
  COPY into a throwaway PostgreSQL database that is dropped afterwards), then a fresh process
  times rank_and_status_all (ranks and statuses), the same with ranks only, and the bare
  values_list read, and reports ru_maxrss (with --trace, one more process reports the
  tracemalloc peak of a full run; tracemalloc slows Python several times).
* ``pure`` — the same rows made in memory one indicator at a time and ranked by rank_block
  (the part of rank_and_status_all after the read), timing only the ranking.
* ``duck`` — the same rows generated inside DuckDB by the same formula (so loading is not
  timed, as in docs/performance.md), then ``create table … as select rank() over (partition
  by group, indicator, period order by round(growth, 1) desc)`` timed.

All three report (ranked rows, sum of ranks), which must agree at each scale.

    .venv/bin/pip install -r bench/requirements.txt       # DuckDB, for benchmarks only
    .venv/bin/python bench/ranking.py                 # db 1×; pure and DuckDB 1×, 4× (~4 min)
    .venv/bin/python bench/ranking.py --db-scales 1,4 --pure-scales 1,4,16   # all (~20 min)
    .venv/bin/python bench/ranking.py --db-scales 1 --pure-scales 1 --engine postgres
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from panel import OUT, load_observations, machine, make_database, use_database  # noqa: E402

GROUPS, COUNTIES = 284, 2844
SCALES = {1: (40, 36), 4: (40, 144), 16: (160, 144)}  # scale → (indicators, periods)
TOTAL_BASE = 100_000  # hash input of group g's total: TOTAL_BASE + g
GROWTH = [Decimal(t).scaleb(-1) for t in range(-100, 201)]  # the 301 growths, tenths → Decimal


def growth_tenths(c: int, i: int, p: int) -> int | None:
    """The synthetic growth × 10 of county c, indicator i, period p; None: no growth ("—")."""
    h = ((c * 7919 + i * 104729 + p * 1299709 + 12345) * 2654435761) % 4294967296 // 256
    return None if h % 997 == 0 else h % 301 - 100


def is_zone(c: int) -> bool:
    return c % 97 == 96


def period_key(p: int) -> tuple[int, int]:
    return 2000 + p // 12, p % 12 + 1


DUCK_TABLE = """
create table obs as
select c, c % {groups} as grp, c % 97 <> 96 as ranked, i, p,
       case when h % 997 = 0 then null
            else cast((h % 301 - 100) / 10 as decimal(12, 1)) end as growth
from (
    select c.range as c, i.range as i, p.range as p,
           (((c.range * 7919 + i.range * 104729 + p.range * 1299709 + 12345) * 2654435761)
             % 4294967296) // 256 as h
    from range({counties}) c cross join range({indicators}) i cross join range({periods}) p
)
"""
DUCK_RANK = """
create or replace table ranked as
select c, i, p, rank() over (partition by grp, i, p order by round(growth, 1) desc) as rank
from obs
where ranked and growth is not null
"""


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- db: build, then rank from the ledger ---------------------------------------------------


def build_ledger(indicators: int, periods: int) -> dict:
    from django.db import transaction

    from econdesk.ledger.models import Indicator, Period, Region

    with transaction.atomic():
        cities = Region.objects.bulk_create(
            Region(name=f"市{g:03d}", kind=Region.Kind.CITY, sort_order=g) for g in range(GROUPS)
        )
        counties = Region.objects.bulk_create(
            Region(
                name=f"县{c:04d}",
                kind=Region.Kind.FUNCTIONAL_ZONE if is_zone(c) else Region.Kind.COUNTY,
                ranked=not is_zone(c),
                parent=cities[c % GROUPS],
                sort_order=c,
            )
            for c in range(COUNTIES)
        )
        inds = Indicator.objects.bulk_create(
            Indicator(
                code=f"nat_{i:03d}",
                name=f"全国指标{i:03d}",
                unit="亿元",
                frequency=Indicator.Frequency.MONTHLY,
                first_month=1,
                price_basis=Indicator.PriceBasis.CURRENT,
                value_published=False,
                cumulation=Indicator.Cumulation.YTD,
                sort_order=i,
            )  # fmt: skip
            for i in range(indicators)
        )
        pers = Period.objects.bulk_create(
            Period(year=period_key(p)[0], month=period_key(p)[1]) for p in range(periods)
        )
    county_ids = [r.pk for r in counties]
    city_ids = [r.pk for r in cities]

    def rows():
        # Period by period, as monthly imports arrive.
        for p, period in enumerate(pers):
            for i, ind in enumerate(inds):
                for c, rid in enumerate(county_ids):
                    t = growth_tenths(c, i, p)
                    if t is None:  # a figure without a comparable growth: listed, unranked
                        yield rid, ind.pk, period.pk, "1.00", None
                    else:
                        yield rid, ind.pk, period.pk, None, str(GROWTH[t + 100])
                for g, rid in enumerate(city_ids):
                    t = growth_tenths(TOTAL_BASE + g, i, p)
                    yield rid, ind.pk, period.pk, None, None if t is None else str(GROWTH[t + 100])

    started = time.perf_counter()
    count = load_observations(rows())
    return {"observations": count, "load_s": round(time.perf_counter() - started, 1)}


def step_build(args) -> dict:
    use_database(args.url, migrate=True)
    return build_ledger(*SCALES[args.scale])


def _consume(chunks) -> dict:
    rows = ranked = rank_sum = 0
    colors: dict[str, int] = {}
    for chunk in chunks:
        rows += len(chunk)
        ranks = [r for r in chunk.ranks if r is not None]
        ranked += len(ranks)
        rank_sum += sum(ranks)
        for color in chunk.colors:
            colors[color] = colors.get(color, 0) + 1
    return {"rows": rows, "ranked": ranked, "rank_sum": rank_sum, "colors": colors}


def step_ours(args) -> dict:
    use_database(args.url)
    from django.db import connection

    from econdesk.analysis.bulk import rank_and_status_all, read_columns
    from econdesk.ledger.models import Indicator, Observation

    base_rss = peak_rss_mb()
    actual = Observation.objects.filter(is_current=True, kind=Observation.Kind.ACTUAL)
    timings = {}

    def timed(name, work):
        started, cpu = time.perf_counter(), time.process_time()
        out = work()
        timings[f"{name}_s"] = round(time.perf_counter() - started, 2)
        timings[f"{name}_cpu_s"] = round(time.process_time() - cpu, 2)
        return out

    def read_only() -> int:  # the read that rank_and_status_all does, and nothing else
        fields = ("region_id", "period_id", "growth")
        return sum(
            len(read_columns(actual.filter(indicator_id=iid).values_list(*fields).order_by(), 3)[0])
            for iid in Indicator.objects.values_list("id", flat=True)
        )

    read = timed("read", read_only)
    ranks_only = timed("ranks", lambda: _consume(rank_and_status_all(rules=None)))
    full = timed("full", lambda: _consume(rank_and_status_all()))
    assert (full["ranked"], full["rank_sum"]) == (ranks_only["ranked"], ranks_only["rank_sum"])
    return {
        "vendor": connection.vendor,
        "read_rows": read,
        **timings,
        **full,
        "rss_after_setup_mb": base_rss,
        "peak_rss_mb": peak_rss_mb(),
    }


def step_trace(args) -> dict:
    """The Python heap peak of one full run, by tracemalloc (which slows it: time not kept)."""
    import tracemalloc

    use_database(args.url)
    from econdesk.analysis.bulk import rank_and_status_all

    tracemalloc.start()
    _consume(rank_and_status_all())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"tracemalloc_peak_mb": round(peak / 1024 / 1024, 1)}


# --- pure: rank_block on rows made in memory ------------------------------------------------


def step_pure(args) -> dict:
    # Django is set up (bulk.py imports the models) but no database is ever opened here.
    use_database(f"sqlite:///{OUT / 'pure-never-opened.sqlite3'}")
    from econdesk.analysis.bulk import IndicatorSpec, RegionTree, StatusCache, rank_block
    from econdesk.ledger.periods import PeriodKey

    indicators, periods = SCALES[args.scale]
    county_ids = [c + 1 for c in range(COUNTIES)]
    city_ids = [TOTAL_BASE + g for g in range(GROUPS)]
    member_ids = county_ids + city_ids  # one period's regions, in the order growths are made
    tree = RegionTree.from_rows(
        [(rid, None, True, "city") for rid in city_ids]
        + [(c + 1, city_ids[c % GROUPS], not is_zone(c), "county") for c in range(COUNTIES)]
    )
    keys = {p + 1: PeriodKey(*period_key(p)) for p in range(periods)}
    cache = StatusCache()
    spent = dict.fromkeys(("make_s", "ranks_s", "ranks_cpu_s", "full_s", "full_cpu_s"), 0.0)
    totals = {"rows": 0, "ranked": 0, "rank_sum": 0}

    def timed(name, work):
        started, cpu = time.perf_counter(), time.process_time()
        out = work()
        spent[f"{name}_s"] += time.perf_counter() - started
        if f"{name}_cpu_s" in spent:
            spent[f"{name}_cpu_s"] += time.process_time() - cpu
        return out

    for i in range(indicators):
        spec = IndicatorSpec(id=i + 1, by_value=False, decimals=1, frequency="monthly",
                             first_month=1, unit="亿元")  # fmt: skip
        columns = timed("make", lambda i=i: make_columns(i, periods, member_ids))
        timed("ranks", lambda spec=spec, columns=columns: rank_block(spec, columns, tree, keys))
        result = timed(
            "full", lambda spec=spec, columns=columns: rank_block(spec, columns, tree, keys,
                                                                 None, cache)
        )  # fmt: skip
        del columns
        ranks = [r for r in result.ranks if r is not None]
        totals["rows"] += len(result)
        totals["ranked"] += len(ranks)
        totals["rank_sum"] += sum(ranks)
    return {
        **totals,
        **{k: round(v, 2) for k, v in spent.items()},
        "status_evaluations": cache.calls,
        "peak_rss_mb": peak_rss_mb(),
    }


def make_columns(i: int, periods: int, member_ids: list[int]) -> tuple[list, list, list]:
    """Indicator i's region ids, period ids and growths, counties then totals, period by period
    (the same figures the db step loads)."""
    regions, pids, growths = [], [], []
    for p in range(periods):
        regions += member_ids
        pids += [p + 1] * len(member_ids)
        for c in range(COUNTIES):
            t = growth_tenths(c, i, p)
            growths.append(None if t is None else GROWTH[t + 100])
        for g in range(GROUPS):
            t = growth_tenths(TOTAL_BASE + g, i, p)
            growths.append(None if t is None else GROWTH[t + 100])
    return regions, pids, growths


# --- duck: the reference ----------------------------------------------------------------------


def step_duck(args) -> dict:
    import duckdb

    indicators, periods = SCALES[args.scale]
    con = duckdb.connect()
    # A shared machine: DuckDB may use 6 GB and spill the rest under bench/out rather than take
    # its default 80 % of RAM.
    OUT.mkdir(parents=True, exist_ok=True)
    con.execute("set memory_limit = '6GB'")
    con.execute(f"set temp_directory = '{OUT / 'duckdb-spill'}'")
    started = time.perf_counter()
    con.execute(
        DUCK_TABLE.format(groups=GROUPS, counties=COUNTIES, indicators=indicators, periods=periods)
    )
    make_s = time.perf_counter() - started
    threads = con.execute("select current_setting('threads')").fetchone()[0]
    best, cpu = {}, {}
    for n in (threads, 1):  # all cores (the reference), then one core like our Python
        con.execute(f"set threads = {n}")
        runs = []
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            con.execute(DUCK_RANK)
            runs.append((time.perf_counter() - started, time.process_time() - cpu_started))
        best[n] = round(min(w for w, _ in runs), 2)
        cpu[n] = round(min(c for _, c in runs), 2)
    ranked, rank_sum = con.execute("select count(*), sum(rank) from ranked").fetchone()
    rows = con.execute("select count(*) from obs").fetchone()[0]
    return {
        "rows": rows,
        "ranked": ranked,
        "rank_sum": int(rank_sum),
        "make_s": round(make_s, 2),
        "rank_s": best[threads],
        "rank_1thread_s": best[1],
        # CPU seconds of the one-thread run: what a core spends, whatever else the machine runs
        "rank_1thread_cpu_s": cpu[1],
        "threads": threads,
        "version": duckdb.__version__,
        "peak_rss_mb": peak_rss_mb(),
    }


# --- orchestration ----------------------------------------------------------------------------

STEPS = {
    "build": step_build,
    "ours": step_ours,
    "trace": step_trace,
    "pure": step_pure,
    "duck": step_duck,
}


def child(step: str, scale: int, url: str = "", repeat: int = 3) -> dict:
    cmd = [sys.executable, __file__, "--step", step, "--scale", str(scale), "--url", url,
           "--repeat", str(repeat)]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"step {step} at {scale}× failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["step_wall_s"] = round(time.perf_counter() - started, 1)
    result["load_avg_1m"] = round(os.getloadavg()[0], 2)  # other work on the machine, if any
    print(f"  {step} {scale}×: {json.dumps(result, ensure_ascii=False)}", file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--db-scales", default="1", help="ledger scales run through the db")
    parser.add_argument("--pure-scales", default="1,4", help="scales for pure and duck")
    parser.add_argument(
        "--trace", action="store_true", help="add a tracemalloc run at the smallest db scale"
    )
    parser.add_argument("--repeat", type=int, default=3, help="DuckDB query runs (best kept)")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--url", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(STEPS[args.step](args), ensure_ascii=False))
        return

    print(json.dumps(machine(), ensure_ascii=False))
    db_scales = [int(s) for s in args.db_scales.split(",") if s]
    pure_scales = [int(s) for s in args.pure_scales.split(",") if s]
    results: dict[int, dict] = {}
    for scale in sorted(set(db_scales) | set(pure_scales)):
        out = results[scale] = {}
        out["duck"] = child("duck", scale, repeat=args.repeat)
        if scale in pure_scales:
            out["pure"] = child("pure", scale)
        if scale in db_scales:
            url, drop = make_database(args.engine, f"ranking_{scale}x")
            try:
                out["build"] = child("build", scale, url)
                out["ours"] = child("ours", scale, url)
                if scale == min(db_scales) and args.trace:
                    out["trace"] = child("trace", scale, url)
            finally:
                drop()
            # DuckDB again, right after ours: the better of the two runs is kept, so a burst of
            # other work on the machine during one of them does not decide the ratio.
            again = child("duck", scale, repeat=args.repeat)
            for key in ("rank_s", "rank_1thread_s", "rank_1thread_cpu_s"):
                out["duck"][key] = min(out["duck"][key], again[key])
        checks = {(r["ranked"], r["rank_sum"]) for k, r in out.items() if "rank_sum" in r}
        if len(checks) != 1:
            raise SystemExit(f"ranks disagree at {scale}×: {out}")
    report(results, args.engine)


def report(results: dict[int, dict], engine: str) -> None:
    print(
        f"\nranked rows and sums of ranks agree between ours and DuckDB at every scale ({engine})"
    )
    print(
        "| scale | member rows | DuckDB s (2 threads / 1 thread / 1-thread CPU) "
        "| pure ranks s (CPU) | pure ranks+statuses s (CPU) | db read s | db ranks s (CPU) "
        "| db ranks+statuses s (CPU) | peak RSS MB db / pure / DuckDB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for scale, out in sorted(results.items()):
        duck, pure, ours = out["duck"], out.get("pure") or {}, out.get("ours") or {}

        def pair(d, key):
            return f"{d[key + '_s']} ({d[key + '_cpu_s']})" if key + "_s" in d else "—"

        print(
            f"| {scale}× | {duck['rows']:,} "
            f"| {duck['rank_s']} / {duck['rank_1thread_s']} / {duck['rank_1thread_cpu_s']} "
            f"| {pair(pure, 'ranks')} | {pair(pure, 'full')} | {ours.get('read_s', '—')} "
            f"| {pair(ours, 'ranks')} | {pair(ours, 'full')} "
            f"| {ours.get('peak_rss_mb', '—')} / {pure.get('peak_rss_mb', '—')} / "
            f"{duck['peak_rss_mb']} |"
        )
    print("\nratios, our ranks / DuckDB's ranks (wall; CPU against DuckDB on one thread):")
    for scale, out in sorted(results.items()):
        duck = out["duck"]
        for name in ("pure", "ours"):
            if name in out:
                d = out[name]
                print(
                    f"  {scale}× {'db' if name == 'ours' else name}: "
                    f"{d['ranks_s'] / duck['rank_s']:.1f}× DuckDB on all cores, "
                    f"{d['ranks_s'] / duck['rank_1thread_s']:.1f}× on one; "
                    f"CPU {d['ranks_cpu_s'] / duck['rank_1thread_cpu_s']:.1f}×"
                )
    for scale, out in sorted(results.items()):
        if "trace" in out:
            print(f"tracemalloc peak of one full db run at {scale}×: "
                  f"{out['trace']['tracemalloc_peak_mb']} MB")  # fmt: skip
        if "build" in out:
            print(f"ledger build at {scale}×: {out['build']['observations']:,} observations "
                  f"loaded in {out['build']['load_s']} s")  # fmt: skip
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
