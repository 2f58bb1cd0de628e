"""The waits of a working morning, step by step, through Django's test client on the demo city.

A temporary SQLite database gets the migrations and the demo city 示例市 (`econdesk demo`'s
loader); then the statistics bureau's reviewer (demo login `reviewer`) does what a morning
holds, and each step's server time is taken (request in, response out: middleware, view,
template, no network):

1. 上传 — POST the city bulletin for the month after the demo's last (an .xlsx in the layout of
   docs/samples/city-bulletin-2022-02.xlsx: every member's growth, value and rank) to
   /reporting/import/; the file is parsed and compared with the ledger (preview, nothing written);
2. 预览 — GET the preview page;
3. 确认 — POST the confirmation: the figures are written (one change record for the import);
4. 总览 — the first overview after the import (every kept panel is stale);
5. 生成 — GET /bulletins/generate/ as Word (.docx) for 本级 and that month;
6. 印发 — GET the confirmation (/bulletins/issue/confirm/, which names the bulletin and its
   期号), then POST /bulletins/issue/ with it: the bulletin is generated, archived, announced;
7. 下载 — GET the issued .docx.

Round 1 is the new month; later rounds upload the same month with corrected figures (the
preview then lists revisions) and issue again. Each step checks what the user would check (the
redirect, the sentence on the page, the file) and stops the benchmark if it is not there.

    .venv/bin/python bench/morning.py              # 3 rounds
    .venv/bin/python bench/morning.py --rounds 1
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import panel as bench  # noqa: E402  (bench/panel.py: Django on a fresh database)

EXPLANATION = "基准测试的合成数据，已核对。"
# The sample bulletin's four indicators and the cells it gives for each.
COLUMNS = [
    ("规模以上工业增加值", ("增速", "位次")),
    ("固定资产投资", ("增速", "位次")),
    ("社会消费品零售总额", ("绝对值", "增速", "位次")),
    ("一般公共预算收入", ("绝对值", "增速", "位次")),
]


def bulletin_file(path: Path, city: str, members: list, year: int, month: int, shift: float):
    """A city bulletin workbook: title, header rows, 全市, one row per member (ranks by growth
    among the ranked members; a functional zone gets "—")."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"1-{month}月"
    ws.append([f"{city}{year}年1-{month}月各区（市）县主要经济指标"])
    ws.append(["单位：亿元、%"])
    head, sub = ["地区"], [None]
    for name, cells in COLUMNS:
        head += [name] + [None] * (len(cells) - 1)
        sub += list(cells)
    ws.append(head)
    ws.append(sub)
    rows = {}
    for n, member in enumerate(members):
        figures = []
        for c, (_, cells) in enumerate(COLUMNS):
            growth = round(3.0 + ((n * 7 + c * 3) % 11) * 0.7 + shift, 1)
            value = round((40 - n * 2.5) * (1 + c) * month / 12, 2) if "绝对值" in cells else None
            figures.append((value, growth))
        rows[member.name] = figures
    ranked = [m.name for m in members if m.ranked]
    ranks = []
    for c in range(len(COLUMNS)):
        order = sorted(ranked, key=lambda name: -rows[name][c][1])
        ranks.append({name: 1 + sum(rows[o][c][1] > rows[name][c][1] for o in order)
                      for name in ranked})  # fmt: skip
    total = ["全市"]
    for c, (_, cells) in enumerate(COLUMNS):
        values = [rows[m.name][c][0] for m in members]
        if "绝对值" in cells:
            total.append(round(sum(values), 2))
        total += [round(5.0 + shift, 1), "—"]
    ws.append(total)
    for member in members:
        line = [member.name]
        for c, (_, cells) in enumerate(COLUMNS):
            value, growth = rows[member.name][c]
            if "绝对值" in cells:
                line.append(value)
            line += [growth, ranks[c].get(member.name, "—")]
        ws.append(line)
    wb.save(path)
    return path


class Steps:
    """Each step's server time, per round."""

    def __init__(self, client):
        self.client, self.times = client, {}

    def __call__(self, name: str, method: str, path: str, expect: int, **kwargs):
        started = time.perf_counter()
        response = getattr(self.client, method)(path, secure=True, **kwargs)
        took = (time.perf_counter() - started) * 1000
        if response.status_code != expect:
            body = response.content.decode("utf-8", "replace")[:400]
            raise SystemExit(f"{name}: {path} answered {response.status_code}: {body}")
        self.times.setdefault(name, []).append(took)
        return response


def morning(rounds: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="econdesk-bench-morning-"))
    import os

    os.environ["ECONDESK_VAR_DIR"] = str(work)
    bench.use_database(f"sqlite:///{work / 'morning.sqlite3'}", migrate=True)
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment

    from econdesk.bulletins.models import Bulletin
    from econdesk.demo import profiles
    from econdesk.demo.loader import load_demo
    from econdesk.ledger.models import Observation, Region
    from econdesk.reporting.models import StagedImport

    setup_test_environment()
    started = time.perf_counter()
    load_demo()
    demo_s = time.perf_counter() - started
    city = Region.objects.get(name=profiles.CITY_NAME, parent__isnull=True)
    members = list(Region.objects.filter(parent=city).order_by("sort_order", "pk"))
    home = Region.objects.get(is_home=True)
    year, month = profiles.LAST_PERIOD
    year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    period = f"{year}-{month:02d}"
    client = Client()
    if not client.login(username="reviewer", password=profiles.DEMO_PASSWORD):
        raise SystemExit("the demo login reviewer was refused")
    client.get("/", secure=True)  # warm: URLconf, templates, as a running server is
    step = Steps(client)
    observations_before = Observation.objects.count()
    notes = []
    for n in range(rounds):
        path = bulletin_file(work / f"bulletin-{n}.xlsx", city.name, members, year, month, n / 10)
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        response = step("上传", "post", "/reporting/import/", 302, data={"file": upload})
        pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
        page = step("预览", "get", f"/reporting/import/{pk}/", 200).content.decode()
        staged = StagedImport.objects.get(pk=pk)
        if "确认导入" not in page:
            raise SystemExit(f"the preview offers no confirmation: {staged.preview}")
        digest = staged.preview_digest
        # The synthetic month trips the data checks (jumps against the demo's last month): the
        # reviewer confirms with an explanation, as a real one would.
        confirm = {"digest": digest, "explanation": EXPLANATION}
        step("确认", "post", f"/reporting/import/{pk}/confirm/", 302, data=confirm)
        staged.refresh_from_db()
        if staged.status != "imported":
            raise SystemExit(f"the import was not confirmed: {staged.status}")
        p = staged.preview
        notes.append(f"新增{p['created']}条，更正{p['revised']}条，未变{p['unchanged']}条")
        step("总览（导入后首次）", "get", "/", 200)
        query = {"region": home.pk, "period": period, "kind": "monthly", "format": "docx"}
        docx = step("生成 Word", "get", "/bulletins/generate/", 200, data=query).content
        if not docx.startswith(b"PK"):
            raise SystemExit("the generated bulletin is not a .docx")
        form = {"region": home.pk, "period": period, "kind": "monthly"}
        page = step("印发确认", "get", "/bulletins/issue/confirm/", 200, data=form)
        if "确认印发" not in page.content.decode():
            raise SystemExit("the confirmation page does not offer 确认印发")
        response = step("印发", "post", "/bulletins/issue/", 302, data={**form, "confirmed": "1"})
        bulletin = Bulletin.objects.order_by("-pk").first()
        if response["Location"] != f"/bulletins/{bulletin.pk}/":
            raise SystemExit(f"印发 went to {response['Location']}, not the bulletin")
        issued = step("下载", "get", f"/bulletins/{bulletin.pk}/download/docx/", 200).content
        if issued != bytes(bulletin.content):
            raise SystemExit("the downloaded bulletin is not the issued one")
    return {
        "rounds": rounds,
        "demo_s": round(demo_s, 1),
        "observations": observations_before,
        "members": len(members),
        "period": period,
        "home": home.name,
        "imports": notes,
        "docx_kb": round(len(docx) / 1024),
        "steps": {name: [round(t, 1) for t in times] for name, times in step.times.items()},
    }


def markdown(r: dict) -> str:
    lines = [
        "| step | round 1: the new month, ms | later rounds (corrections), median ms |",
        "|---|---:|---:|",
    ]
    total_first = 0.0
    for name, times in r["steps"].items():
        later = f"{statistics.median(times[1:]):.0f}" if len(times) > 1 else "—"
        total_first += times[0]
        lines.append(f"| {name} | {times[0]:.0f} | {later} |")
    lines.append(f"| **the morning, round 1** | **{total_first:.0f}** | |")
    lines += [
        "",
        f"Demo city ({r['members']} members, {r['observations']:,} observations, loaded in "
        f"{r['demo_s']} s before the clock starts); bulletin for {r['period']}, 本级 "
        f"{r['home']}, {r['docx_kb']} KB .docx; {r['rounds']} rounds, imports: "
        + "；".join(r["imports"])
        + ".",
    ]
    return "\n".join(lines)


def run(quick: bool) -> str:
    """bench/run.py's entry: one round when quick, three otherwise."""
    return markdown(morning(1 if quick else 3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(markdown(morning(args.rounds)))


if __name__ == "__main__":
    main()
