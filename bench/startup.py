"""Start-up of a plain command: `econdesk analyze` as shipped, with --skip-checks, and as it was
before econdesk/cli.py narrowed the system checks (Django's stock command line, every check).

    .venv/bin/python bench/startup.py            # 15 runs of each, interleaved
    .venv/bin/python bench/startup.py --runs 31

A fresh SQLite database under bench/out/ gets `econdesk setup` and the README's first import
(docs/samples/); each run is then a new process answering
`econdesk analyze --region 东城区 --period 2022-03`. Reported per variant: the median wall time
and the median CPU time (user + system of the child) over the runs, and each median against
--skip-checks. The variants alternate run by run, so a busy moment of the machine falls on all
three alike; CPU time is the steadier figure on a shared machine. Results also go to
bench/out/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
PY = sys.executable
ANALYZE = ["analyze", "--region", "东城区", "--period", "2022-03"]
# Before: the console script was Django's execute_from_command_line with every check.
BEFORE = (
    "import os, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'econdesk.settings'); "
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['econdesk', *sys.argv[1:]])"
)
VARIANTS = {
    "before (all checks)": [PY, "-c", BEFORE, *ANALYZE],
    "now": [PY, "-m", "econdesk.cli", *ANALYZE],
    "--skip-checks": [PY, "-m", "econdesk.cli", *ANALYZE, "--skip-checks"],
}


def prepare(env: dict) -> None:
    steps = [
        ["setup"],
        ["import", "docs/samples/city-bulletin-2022-02.xlsx", "--parent", "示范市"],
        ["import", "docs/samples/targets-2022.csv", "docs/samples/tidy-2022-03.csv"],
    ]
    for step in steps:
        subprocess.run(
            [PY, "-m", "econdesk.cli", *step], cwd=REPO, env=env, check=True, capture_output=True
        )


def timed(command: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or "社消零" not in done.stdout:
        raise SystemExit(f"{command} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(runs: int) -> dict:
    """Every variant `runs` times, interleaved, on a fresh database; medians and ratios."""
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "startup.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", PYTHONPATH=str(REPO))
    prepare(env)
    for command in VARIANTS.values():  # warm the file cache and .pyc files once
        timed(command, env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in VARIANTS}
    for _ in range(runs):
        for name, command in VARIANTS.items():
            samples[name].append(timed(command, env))
    load = os.getloadavg()
    result = {
        "runs": runs,
        "load_average": [round(x, 2) for x in load],
        "python": sys.version.split()[0],
        "variants": {},
    }
    base_wall = statistics.median(w for w, _ in samples["--skip-checks"])
    base_cpu = statistics.median(c for _, c in samples["--skip-checks"])
    for name, timings in samples.items():
        wall = statistics.median(w for w, _ in timings)
        cpu = statistics.median(c for _, c in timings)
        result["variants"][name] = {
            "median_wall_s": round(wall, 3),
            "median_cpu_s": round(cpu, 3),
            "wall_vs_skip_checks": round(wall / base_wall, 2),
            "cpu_vs_skip_checks": round(cpu / base_cpu, 2),
        }
    (OUT / "startup.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return result


def markdown(result: dict) -> str:
    load = result["load_average"]
    lines = [
        "| variant | median wall s | × skip-checks | median CPU s | × skip-checks |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, v in result["variants"].items():
        lines.append(
            f"| {name} | {v['median_wall_s']:.3f} | {v['wall_vs_skip_checks']:.2f} "
            f"| {v['median_cpu_s']:.3f} | {v['cpu_vs_skip_checks']:.2f} |"
        )
    now = result["variants"]["now"]
    verdict = "met" if now["cpu_vs_skip_checks"] <= 1.2 else "**not met**"
    lines += [
        "",
        f"{result['runs']} runs of each, interleaved; load average {load[0]:.2f} at the end. "
        f"`econdesk analyze` as shipped takes {now['cpu_vs_skip_checks']:.2f}× the CPU and "
        f"{now['wall_vs_skip_checks']:.2f}× the wall time of `--skip-checks`: aim ≤ 1.2×, "
        f"{verdict}.",
    ]
    return "\n".join(lines)


def run(quick: bool) -> str:
    """bench/run.py's entry: 3 runs of each variant when quick, 7 otherwise."""
    return markdown(measure(3 if quick else 7))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(markdown(measure(args.runs)))


if __name__ == "__main__":
    main()
