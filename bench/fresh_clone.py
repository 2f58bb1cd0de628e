"""`make run` on a fresh clone: from `git clone` to the first page served, as a newcomer waits.

    .venv/bin/python bench/fresh_clone.py               # pip's cache as it is (warm)
    .venv/bin/python bench/fresh_clone.py --no-cache    # and again with pip's cache off

The committed tree is cloned into a temporary folder (nothing beside it) and `make run` is
started there on a free port, as the README says; the clock stops at the first answer of the
login page. The output is split at the Makefile's steps: the virtualenv and the pinned
dependencies (`.venv/.installed`), `econdesk setup` (migrations, catalogue), `econdesk demo` (the
示例市 demo city), and the server's start. "Warm" is pip's cache as this machine has it after
any earlier install (the usual case for a second clone); "cold" turns pip's cache off
(PIP_NO_CACHE_DIR=1), so every wheel comes from the package index again. The clone and its
server are removed at the end.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MARKERS = [  # (step, a line make prints when the step starts)
    ("virtualenv and dependencies", "-m pip install"),
    ("econdesk setup", "econdesk setup"),
    ("econdesk demo", "econdesk demo"),
    ("server start", "econdesk runserver"),
]
LIMIT_S = 900


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def make_run(no_cache: bool) -> dict:
    """Seconds from the clone to the first login page, and per step."""
    with tempfile.TemporaryDirectory(prefix="econdesk-fresh-") as tmp:
        started = time.monotonic()
        clone = Path(tmp) / "econdesk"
        subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
        cloned = time.monotonic() - started
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "VIRTUAL_ENV"}}
        env["PYTHONUNBUFFERED"] = "1"
        if no_cache:
            env["PIP_NO_CACHE_DIR"] = "1"
        proc = subprocess.Popen(
            ["make", "run", f"PORT={port}"], cwd=clone, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        marks = {"clone": 0.0}
        url = f"http://127.0.0.1:{port}/login/"

        def watch():  # when each step's line appears in make's output
            for line in proc.stdout:
                for step, marker in MARKERS:
                    if marker in line and step not in marks:
                        marks[step] = time.monotonic() - started

        reader = threading.Thread(target=watch, daemon=True)
        reader.start()
        try:
            while True:
                if time.monotonic() - started > LIMIT_S or proc.poll() is not None:
                    raise SystemExit(
                        f"make run did not serve within {LIMIT_S} s (exit {proc.poll()})"
                    )
                if "server start" in marks and _answers(url):
                    served = time.monotonic() - started
                    break
                time.sleep(0.2)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    order = ["clone", *[step for step, _ in MARKERS]]
    found = [(step, marks[step]) for step in order if step in marks]
    steps = {}
    for (step, at), nxt in zip(found, [*found[1:], ("", served)], strict=True):
        steps[step] = nxt[1] - at
    steps["clone"] = cloned
    return {"total": served, "steps": steps}


def table(results: dict[str, dict]) -> str:
    names = ["clone", *[step for step, _ in MARKERS]]
    head = "| step | " + " | ".join(f"{k} s" for k in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    for name in names:
        cells = [f"{r['steps'].get(name, 0):.1f}" for r in results.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| **clone → first page** | " + " | ".join(
        f"**{r['total']:.1f}**" for r in results.values()) + " |")  # fmt: skip
    return "\n".join(lines)


def run(quick: bool) -> str:
    """The runner's entry (bench/run.py): pip's cache warm; `--no-cache` by hand adds cold."""
    results = {"pip cache warm": make_run(no_cache=False)}
    return (
        "`make run` in a fresh `git clone` (nothing beside it), until the login page answers:\n\n"
        + table(results)
        + "\n\nThe virtualenv and the pinned wheels are most of the wait; the demo city is "
        "loaded once, then the server starts. Run `python bench/fresh_clone.py --no-cache` for "
        "the wait with pip's cache off (every wheel downloaded again)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-cache", action="store_true", help="also time with pip's cache off")
    args = parser.parse_args()
    results = {"pip cache warm": make_run(no_cache=False)}
    if args.no_cache:
        results["pip cache off"] = make_run(no_cache=True)
    print(table(results))


if __name__ == "__main__":
    sys.exit(main())
