"""Benchmark: one 20-district × 40-indicator month, imported from each layout the importer reads.

    .venv/bin/python bench/import_layouts.py            # median of 3 per layout
    .venv/bin/python bench/import_layouts.py --quick    # one run each

A fictional city 基准川市 with 20 members (all ranked) and 40 monthly indicators of the catalogue
(the 21 seeded ones with a 1-10月 period, then the wider catalogue's) gets one 1-10月 bulletin,
written with the test writers of tests/ledger/city_month.py (its module tables swapped for this
city) as: the wide .xlsx, indicators as rows (.xlsx), one sheet per indicator, two tables on one
sheet, a Word 统计快报 (8 tables of 5 indicators: Word tables stop at 63 columns), the PDF
LibreOffice prints from it, a tidy CSV, and a layout no reader recognises (a 序号 column and
one header row, 社零1-10月累计 | 社零同比% | 社零排名 …) read with the 版式 saved for it, found by
its header's fingerprint. Each file is timed twice on a fresh copy of one
migrated SQLite database (catalogue, city, members and indicators in place): the dry run (read,
check, write and roll back: what the upload preview costs) and the real import. Every run must
give the 840 figures. Aims (issue #13): under 1 s per layout, the PDF under 3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MEMBERS = 20
INDICATORS = 40
CITY = "基准川市"
AIM, PDF_AIM = 1.0, 3.0
PER_TABLE = 5  # indicators per Word table: 16 columns


def setup_django(db: Path, work: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "econdesk.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["ECONDESK_VAR_DIR"] = str(work)
    os.environ["ECONDESK_DEBUG"] = "0"
    os.environ.setdefault("ECONDESK_LOG_LEVEL", "ERROR")
    os.environ.setdefault("ECONDESK_SECRET_KEY", "bench-only-not-secret")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def build_template(user) -> list[str]:
    """Catalogue, the 40 indicators, the city and its members; the indicator names."""
    from econdesk.accounts.standard import ensure_standard_departments
    from econdesk.ledger.catalogue import wider_entries
    from econdesk.ledger.models import Indicator, Region
    from econdesk.ledger.services.catalogue import ensure_standard_catalogue

    ensure_standard_catalogue(user)
    names = [i.name for i in Indicator.objects.order_by("sort_order") if i.has_period(10)]
    departments = ensure_standard_departments()
    for entry in wider_entries():
        if len(names) == INDICATORS:
            break
        fields = {k: v for k, v in entry.items() if k != "lead"}
        candidate = Indicator(**fields, lead_department=departments.get(entry["lead"]))
        if not candidate.has_period(10) or Indicator.objects.filter(code=entry["code"]).exists():
            continue
        candidate.save()
        names.append(candidate.name)
    assert len(names) == INDICATORS, names
    city = Region.objects.create(name=CITY, kind=Region.Kind.CITY)
    for k, name in enumerate(member_names(), start=1):
        Region.objects.create(name=name, kind=Region.Kind.DISTRICT, parent=city, sort_order=k)
    return names


def member_names() -> list[str]:
    digits = "一二三四五六七八九十"
    out = []
    for k in range(MEMBERS):
        tens, ones = divmod(k + 1, 10)
        number = (digits[tens - 1] if tens > 1 else "") + ("十" if tens else "")
        number += digits[ones - 1] if ones else ""
        out.append(f"基准第{number}区")
    return out


def figures(names: list[str]) -> dict:
    """city_month.FIGURES for this city: indicator → (unit, {region: (value, growth, rank)})."""
    from econdesk.ledger.models import Indicator

    units = dict(Indicator.objects.filter(name__in=names).values_list("name", "unit"))
    members = member_names()
    out = {}
    for i, name in enumerate(names):
        growths = {m: ((k * 37 + i * 11) % 200 - 50) / 10 for k, m in enumerate(members)}
        order = sorted(members, key=lambda m: -growths[m])
        cells = {}
        for k, m in enumerate(members):
            value = f"{(k * 7919 + i * 104729) % 900_000 / 100 + 10:.2f}"
            cells[m] = (value, f"{growths[m]:.1f}", order.index(m) + 1)
        total = sum(float(v) for v, _, _ in cells.values())
        cells = {"全市": (f"{total:.2f}", f"{(i % 9) - 2:.1f}", None), **cells}
        out[name] = (units[name], cells)
    return out


def configure_writers(names: list[str]):
    """tests/ledger/city_month.py with its city, rows and figures replaced by this month's."""
    from tests.ledger import city_month as month

    month.CITY = CITY
    month.TITLE = f"{CITY}2026年1-10月各区县主要经济指标"
    month.MEMBERS = member_names()
    month.ROWS = ["全市", *month.MEMBERS]
    month.FIGURES = figures(names)
    month.SHEET_NAMES = [f"指标{k + 1}" for k in range(len(names))]
    month.wide_rows.__defaults__ = (None, True, month.TITLE)  # its title default is bound early
    return month


def write_docx(month, path: Path) -> Path:
    """The 统计快报 as city_month.write_docx writes it, in tables of PER_TABLE indicators."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.2))
    doc.styles["Normal"].font.size = Pt(7)
    doc.add_paragraph(month.TITLE)
    names = list(month.FIGURES)
    for k in range(0, len(names), PER_TABLE):
        group = names[k : k + PER_TABLE]
        doc.add_paragraph(f"表{k // PER_TABLE + 1}")
        rows = month.wide_rows(group, as_number=False, title=None)
        doc.add_paragraph(rows[0][0])
        table_rows = rows[1:-1]
        width = len(table_rows[1])
        table = doc.add_table(rows=len(table_rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(table_rows):
            for c in range(width):
                if c < len(row) and row[c] is not None:
                    table.cell(r, c).text = str(row[c])
        head = table_rows[0]
        starts = [c for c in range(1, width) if c < len(head) and head[c] is not None]
        for i, start in enumerate(starts):
            end = (starts[i + 1] if i + 1 < len(starts) else width) - 1
            text = table.cell(0, start).text
            table.cell(0, start).merge(table.cell(0, end)).text = text
        table.cell(0, 0).merge(table.cell(1, 0)).text = "地区"
        doc.add_page_break()
    doc.save(path)
    return path


def write_tidy_csv(month, path: Path) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["地区", "指标", "期别", "累计值", "增速", "位次", "单位"])
        for indicator, (unit, cells) in month.FIGURES.items():
            for region in month.ROWS:
                value, growth, rank = cells[region]
                out.writerow([region, indicator, "2026-10", value, growth, rank or "", unit])
    return path


def write_files(month, work: Path) -> dict[str, Path]:
    from econdesk.bulletins import pdf

    files = {
        "wide .xlsx": month.write_wide_xlsx(work / "wide.xlsx"),
        "indicators as rows .xlsx": month.write_turned_xlsx(work / "turned.xlsx"),
        "sheet per indicator .xlsx": month.write_per_sheet_xlsx(work / "per-sheet.xlsx"),
        "two tables per sheet .xlsx": month.write_two_blocks_xlsx(work / "two-blocks.xlsx"),
        "Word .docx (8 tables)": write_docx(month, work / "kuaibao.docx"),
    }
    files["PDF (LibreOffice, from the .docx)"] = pdf.convert(files["Word .docx (8 tables)"], work)
    files["tidy CSV"] = write_tidy_csv(month, work / "tidy.csv")
    files["mapped layout (版式) .xlsx"] = month.write_flat_xlsx(
        work / "flat.xlsx", title=month.TITLE
    )
    return files


def save_layout(user, month, path: Path) -> None:
    """The 版式 a person maps once for the flat file (in the template database)."""
    from econdesk.ledger.importing import file_grid
    from econdesk.ledger.importing.mapped import ColumnMap
    from econdesk.ledger.services.layouts import save_layout as save

    _, grid = file_grid(path)
    columns = [ColumnMap(*c) for c in month.flat_columns()]
    save(user, name="基准川市月报", grid=grid, header_row=3, region_column=1, columns=columns)


def fresh(template: Path, db: Path) -> None:
    """Point Django's connection at a new copy of the template database."""
    from django.db import connection

    connection.close()
    shutil.copyfile(template, db)


def timed(user, path: Path, dry_run: bool) -> tuple[float, int]:
    from econdesk.ledger.importing import import_files

    started = time.perf_counter()
    report = import_files(user, [path], dry_run=dry_run)
    seconds = time.perf_counter() - started
    return seconds, report.created


def measure(quick: bool) -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix="econdesk-bench-layouts-"))
    try:
        template, db = work / "template.sqlite3", work / "db.sqlite3"
        setup_django(db, work)
        from django.core.management import call_command
        from django.db import connection

        from econdesk.accounts.cli_actor import command_user

        call_command("migrate", verbosity=0)
        user = command_user()
        names = build_template(user)
        month = configure_writers(names)
        files = write_files(month, work)
        save_layout(user, month, files["mapped layout (版式) .xlsx"])
        connection.close()
        shutil.copyfile(db, template)
        expected = (MEMBERS + 1) * INDICATORS
        runs = 1 if quick else 3
        results = []
        for layout, path in files.items():
            timings = {True: [], False: []}
            for _ in range(runs):
                for dry_run in (True, False):
                    fresh(template, db)
                    seconds, created = timed(user, path, dry_run)
                    assert created == expected, (layout, dry_run, created)
                    timings[dry_run].append(seconds)
            results.append(
                {
                    "layout": layout,
                    "bytes": path.stat().st_size,
                    "parse": statistics.median(timings[True]),
                    "import": statistics.median(timings[False]),
                    "figures": expected,
                    "runs": runs,
                }
            )
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def markdown(results: list[dict], quick: bool) -> str:
    lines = [
        "| layout | file size | dry run (parse) s | import s | figures | aim |",
        "|---|---:|---:|---:|---:|---|",
    ]
    met = True
    for r in results:
        aim = PDF_AIM if r["layout"].startswith("PDF") else AIM
        ok = max(r["parse"], r["import"]) < aim
        met = met and ok
        size = f"{r['bytes'] / 1024:.0f} KB"
        lines.append(
            f"| {r['layout']} | {size} | {r['parse']:.2f} | {r['import']:.2f} | {r['figures']} "
            f"| {'met' if ok else 'missed'} (< {aim:.0f} s) |"
        )
    runs = results[0]["runs"] if results else 0
    how = "one run each" if runs == 1 else f"median of {runs}"
    lines += [
        "",
        f"{MEMBERS} members × {INDICATORS} indicators (+ 全市): {(MEMBERS + 1) * INDICATORS} "
        f"figures per file, {how}, each run on a fresh copy of the migrated SQLite database. "
        + (
            "All aims met (under 1 s per layout, the PDF under 3 s)."
            if met
            else "Not every aim met (under 1 s per layout, the PDF under 3 s): see the rows "
            "marked missed."
        ),
    ]
    return "\n".join(lines)


def run(quick: bool) -> str:
    """bench/run.py's entry: one process, one markdown section."""
    return markdown(measure(quick), quick)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run per layout")
    args = parser.parse_args()
    print(run(args.quick))


if __name__ == "__main__":
    main()
