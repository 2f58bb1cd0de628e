"""Every module that reads panel rows reads only fields econdesk/analysis/rows.py declares.

The panel is plain dicts at run time (pickled by the panel cache, printed as JSON), typed by
the TypedDicts of rows.py. A reader that asks for a key the contract lacks — a typo, or a field
renamed in panel.py but not here — would read None or fail only on the page that shows it; this
finds it in the source.
"""

from __future__ import annotations

import re
from pathlib import Path

from econdesk.analysis import rows

ROOT = Path(__file__).resolve().parents[2] / "econdesk"
READERS = [
    *sorted((ROOT / "bulletins").rglob("*.py")),
    *sorted((ROOT / "web").rglob("*.py")),
    *sorted((ROOT / "api").rglob("*.py")),
    ROOT / "analysis" / "panel.py",
    ROOT / "analysis" / "text.py",
    ROOT / "analysis" / "serialize.py",
    ROOT / "supervision" / "scores.py",
    ROOT / "projects" / "gapclosure.py",
    ROOT / "notify" / "watch.py",
]
# What a reader adds to a row for its own use, never read from a panel.
OWN_KEYS = {"_old_rank"}
READ = re.compile(r"\brow\[\"(\w+)\"\]|\brow\.get\(\"(\w+)\"")


def declared() -> set[str]:
    kinds = (rows.IndicatorRow, rows.MoveUp, rows.Panel, rows.Projection, rows.Status)
    return {key for kind in (*kinds, rows.TargetEntry) for key in kind.__annotations__}


def test_the_readers_exist():
    assert all(path.exists() for path in READERS)
    assert len(READERS) > 20


def test_every_key_a_reader_reads_is_declared():
    known = declared() | OWN_KEYS
    unknown = []
    for path in READERS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in READ.finditer(line):
                key = match.group(1) or match.group(2)
                if key not in known:
                    unknown.append(f"{path.relative_to(ROOT)}:{number} {key}")
    assert unknown == []
