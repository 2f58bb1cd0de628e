"""The demo district's monthly bulletin as a reader gets it: .docx → PDF (LibreOffice) → PNG pages
in docs/bulletin-pages/, and how many pages the text and the table take.

    .venv/bin/python scripts/bulletin_pages.py              # rewrite docs/bulletin-pages/
    .venv/bin/python scripts/bulletin_pages.py --no-write   # only print the page counts

A temporary SQLite database gets the migrations and the demo city (`econdesk demo`); the
bulletin is the one 通报 → 生成 gives for 本级 (锦江区) and the demo's latest month. Needs
LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext, pdftoppm). Look at the pages after
running it: the PNGs are for people, the counts for the record in docs/bulletin-pages/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "bulletin-pages"
RESOLUTION = 60  # dpi of the PNG pages: readable, small


def run(cmd: list[str], **kw) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def page_texts(pdf: Path) -> list[str]:
    pages = int(next(line.split()[1] for line in run(["pdfinfo", str(pdf)]).splitlines()
                     if line.startswith("Pages:")))  # fmt: skip
    return [
        "".join(run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"]).split())
        for n in range(1, pages + 1)
    ]


def layout(texts: list[str]) -> dict:
    """Which page the text ends on and where the 附表 starts (1-based). The chart is a picture:
    a page with the chart and no sentence has only its page number as text."""
    table = next(n for n, text in enumerate(texts, 1) if "附表：" in text)
    body = [re.sub(r"—\d+—", "", text) for text in texts[: table - 1]]
    last_text = max(n for n, text in enumerate(body, 1) if text)
    return {"pages": len(texts), "table_starts": table, "text_ends": last_text}


def make(workdir: Path) -> tuple[Path, str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
        "ECONDESK_DEBUG": "1",
        "PYTHONPATH": str(REPO),
    }
    manage = [sys.executable, str(REPO / "manage.py")]
    run([*manage, "migrate", "-v0"], env=env, cwd=REPO)
    run([*manage, "demo"], env=env, cwd=REPO)
    code = (
        "import django; django.setup();"
        "from econdesk.ledger.models import Region;"
        "from econdesk.bulletins.archive import latest_actual_period as p;"
        "r = Region.objects.get(is_home=True); print(r.name, p(r).code)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "econdesk.settings"
    name, period = run([sys.executable, "-c", code], env=env, cwd=REPO).split()
    docx = workdir / "monthly.docx"
    run([*manage, "bulletin", "--region", name, "--period", period, "-o", str(docx)],
        env=env, cwd=REPO)  # fmt: skip
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{workdir}/lo",
         "--convert-to", "pdf", "--outdir", str(workdir), str(docx)])  # fmt: skip
    return workdir / "monthly.pdf", f"{name} {period}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf, what = make(Path(tmp))
        found = layout(page_texts(pdf))
        print(f"{what}: {found['pages']} pages; text ends on page {found['text_ends']}, "
              f"附表 starts on page {found['table_starts']}")  # fmt: skip
        if args.no_write:
            return
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("page-*.png"):
            old.unlink()
        run(["pdftoppm", "-r", str(RESOLUTION), "-png", str(pdf), str(OUT / "page")])
        for png in sorted(OUT.glob("page-*.png")):  # page-1.png … page-9.png, zero-padded or not
            number = int(png.stem.split("-")[1])
            png.rename(OUT / f"page-{number}.png")


if __name__ == "__main__":
    main()
