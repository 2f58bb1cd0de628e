"""Seeded mutation fuzzing of the Word (.docx) and PDF readers (issue #13).

霁川市's 1-10月 统计快报 (tests/ledger/city_month.py: a title paragraph naming city and period,
the wide table with merged indicator headers) is written as a .docx and printed to PDF by
LibreOffice, imported once (the city is created), then mutated: truncated, bytes flipped, the
XML inside the docx cut, stripped of tags and elements, given huge or bogus gridSpan / vMerge
values, 10,000 declared columns, empty and nested tables, entity declarations, ZIP-bomb parts
and lying ZIP directories; the PDF with its xref and objects damaged, without a text layer,
encrypted, and too long.

Property, for every mutated file: the import either succeeds with sensible figures (only the
city's regions and indicators, every number one the bulletin publishes; the same ledger when
the mutation leaves the table alone) or raises ImportFailed whose problems name the file and
say why in Chinese, and the database is exactly unchanged (Observation, ChangeRecord,
ImportBatch, Region, Period counts). Never another exception, never longer than
PER_FILE_SECONDS for one file (SIGALRM). Each case runs in a savepoint that is rolled back.

Deterministic: random.Random(SEED), RANDOM_CASES per format. A longer campaign by hand:
ECONDESK_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/ledger/test_import_fuzz_documents.py -s
LibreOffice makes the PDFs: without soffice the PDF cases are skipped on a developer machine
and fail in CI (tests.ops.throwaway.in_ci), as tests/bulletins/test_pdf.py does.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import time
import tracemalloc
import zipfile
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from lxml import etree

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import ImportBatch, Observation, Period, Region
from tests.ledger import city_month as month
from tests.ops.throwaway import in_ci

SEED = 13
LONG_RUN = int(os.environ.get("ECONDESK_FUZZ_EXAMPLES", "0"))
RANDOM_CASES = LONG_RUN or 150
PER_FILE_SECONDS = 10
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
CJK = re.compile(r"[\u4e00-\u9fff]")


# --- the files ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="econdesk-fuzz-docs-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def docx_bytes(workdir) -> bytes:
    return month.write_docx(workdir / "kuaibao.docx").read_bytes()


def _soffice() -> str:
    for name in ("soffice", "libreoffice"):
        if path := shutil.which(name):
            return path
    message = "找不到 LibreOffice（soffice），无法生成PDF：请安装 libreoffice-writer-nogui"
    if in_ci():
        pytest.fail(message + "（CI 中不可跳过）")
    pytest.skip(message)


@pytest.fixture(scope="module")
def pdf_bytes(workdir, docx_bytes) -> bytes:
    _soffice()
    return month.to_pdf(workdir / "kuaibao.docx").read_bytes()


@pytest.fixture(scope="module")
def encrypted_pdf(workdir, docx_bytes) -> bytes:
    """The same PDF with an open password, printed by LibreOffice's own PDF export."""
    from econdesk import fonts

    program = _soffice()
    options = (
        '{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"mima"}}'
    )
    outdir = workdir / "encrypted"
    with tempfile.TemporaryDirectory(prefix="econdesk-soffice-") as work:
        env = fonts.environment(Path(work) / "fontconfig", system=True)
        env["HOME"] = work
        subprocess.run(
            [program, "--headless", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}",
             "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(outdir),
             str(workdir / "kuaibao.docx")],
            capture_output=True, text=True, timeout=180, env=env, check=True,
        )  # fmt: skip
    data = (outdir / "kuaibao.pdf").read_bytes()
    assert b"/Encrypt" in data
    return data


@pytest.fixture
def city(importer, docx_bytes):
    """The clean bulletin imported once: 霁川市, its members and the 54 figures."""
    import_files(importer, [named(docx_bytes, "kuaibao.docx")], accept_new=True)
    assert len(current_figures()) == 54
    return importer


def named(data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return f


# --- what the database holds ----------------------------------------------------------------


def counts() -> dict[str, int]:
    return {
        "observations": Observation.objects.count(),
        "changes": ChangeRecord.objects.count(),
        "batches": ImportBatch.objects.count(),
        "regions": Region.objects.count(),
        "periods": Period.objects.count(),
    }


def current_figures() -> dict[tuple, tuple]:
    rows = Observation.objects.filter(is_current=True).values_list(
        "region__name", "indicator__name", "period__year", "period__month", "value", "growth",
        "rank",
    )  # fmt: skip
    return {(r, i, y, m): (_n(v), _n(g), k) for r, i, y, m, v, g, k in rows}


def _n(value):
    return None if value is None else Decimal(value).normalize()


EXPECTED = month.expected_ledger()
VALUES = {v for v, _, _ in EXPECTED.values() if v is not None}
GROWTHS = {g for _, g, _ in EXPECTED.values()}


class Hang(BaseException):
    """A file took longer than PER_FILE_SECONDS (BaseException: no `except Exception` in the
    importer turns it into a refusal)."""


@contextmanager
def deadline(seconds: float, label: str):
    def alarm(signum, frame):
        raise Hang(f"{label}: more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Outcomes:
    """Runs each mutated file, checks the property, counts imported / refused per mutation."""

    def __init__(self, name: str, user):
        self.name, self.user = name, user
        self.tally: Counter = Counter()
        self.slowest = (0.0, "")
        self.started = time.perf_counter()

    def run(self, kind: str, data: bytes, filename: str, same: bool = False, refused=None):
        """same: the mutation leaves the table alone, so a success must change nothing.
        refused: a text the refusal must contain (the file must be refused)."""
        before, figures_before = counts(), current_figures()
        started = time.perf_counter()
        with transaction.atomic():
            try:
                with deadline(PER_FILE_SECONDS, f"{self.name} {kind}"):
                    result = import_files(self.user, [named(data, filename)])
                figures = current_figures()
            except ImportFailed as failed:
                result, figures = failed, None
            transaction.set_rollback(True)
        seconds = time.perf_counter() - started
        self.slowest = max(self.slowest, (seconds, kind))
        if isinstance(result, ImportFailed):
            self.tally[(kind, "refused")] += 1
            assert counts() == before, f"{kind}: a refused import changed the database"
            assert result.problems, kind
            for p in result.problems:
                assert p.file == filename, (kind, str(p))
                assert CJK.search(p.message), (kind, str(p))
                assert "Traceback" not in p.message, (kind, str(p))
            if refused is not None:
                assert refused in result.render(), (kind, result.render())
            return result
        self.tally[(kind, "imported")] += 1
        assert refused is None, f"{kind}: imported, should be refused ({refused})"
        assert counts()["regions"] == before["regions"]
        assert sensible(figures), (kind, result.render())
        if same:
            assert figures == figures_before, (kind, result.render())
        return result

    def report(self, minimum: int) -> None:
        kinds = sorted({k for k, _ in self.tally})
        total = sum(self.tally.values())
        imported = sum(n for (_, o), n in self.tally.items() if o == "imported")
        seconds = time.perf_counter() - self.started
        print(
            f"\nfuzz {self.name}: {total} files ({imported} imported, {total - imported} "
            f"refused) in {seconds:.1f} s, slowest {self.slowest[0]:.2f} s ({self.slowest[1]})"
        )
        for kind in kinds:
            print(
                f"  {kind}: {self.tally[(kind, 'imported')]} imported, "
                f"{self.tally[(kind, 'refused')]} refused"
            )
        assert total >= minimum, self.tally


def sensible(figures: dict) -> bool:
    """Only the month's regions and indicators, and every number one the bulletin prints."""
    for (region, indicator, year, m), (value, growth, rank) in figures.items():
        if (region, indicator) not in EXPECTED or (year, m) != (2026, 10):
            return False
        if value is not None and value not in VALUES:
            return False
        if growth is not None and growth not in GROWTHS:
            return False
        if rank is not None and not 1 <= rank <= len(month.MEMBERS):
            return False
    return True


# --- byte-level mutations (both formats) ------------------------------------------------------


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


# --- the docx: its parts and document.xml -------------------------------------------------------


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rezip(data: bytes, changes: dict[str, bytes | None], method=zipfile.ZIP_DEFLATED) -> bytes:
    """The docx with parts replaced (None: dropped) or added."""
    content = parts(data)
    content.update(changes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, body in content.items():
            if body is not None:
                zf.writestr(name, body)
    return out.getvalue()


def tree(data: bytes):
    return etree.fromstring(parts(data)[DOCUMENT])


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def xml_cut(rng, data):
    xml = parts(data)[DOCUMENT]
    return rezip(data, {DOCUMENT: xml[: rng.randrange(1, len(xml))]})


def tags_removed(rng, data):
    """Some tags deleted from the text of document.xml (the XML is then mostly broken)."""
    xml = parts(data)[DOCUMENT]
    tags = list(re.finditer(rb"<[^<>]+>", xml))
    doomed = sorted(rng.sample(tags, rng.randint(1, 5)), key=lambda m: m.start(), reverse=True)
    for match in doomed:
        xml = xml[: match.start()] + xml[match.end() :]
    return rezip(data, {DOCUMENT: xml})


ELEMENTS = ["tc", "tr", "p", "tcPr", "gridSpan", "vMerge", "t", "r", "tbl", "tblGrid"]


def elements_removed(rng, data):
    """Well-formed XML with whole elements gone (a cell, a row, a run, a merge…)."""
    root = tree(data)
    for _ in range(rng.randint(1, 3)):
        found = list(root.iter(w(rng.choice(ELEMENTS))))
        if found:
            node = rng.choice(found)
            node.getparent().remove(node)
    return rezip(data, {DOCUMENT: serialise(root)})


SPANS = ["0", "-3", "1", "2", "999", "1000", "1001", "16385", "9" * 30, "abc", "", "1e3", "２"]


def grid_spans(rng, data):
    root = tree(data)
    cells = list(root.iter(w("tc")))
    for cell in rng.sample(cells, rng.randint(1, 4)):
        props = cell.find(w("tcPr"))
        if props is None:
            props = etree.SubElement(cell, w("tcPr"))
            cell.insert(0, props)
        span = props.find(w("gridSpan"))
        if span is None:
            span = etree.SubElement(props, w("gridSpan"))
        span.set(w("val"), rng.choice(SPANS))
    return rezip(data, {DOCUMENT: serialise(root)})


MERGES = ["restart", "continue", "", "bogus", "9" * 30, None]


def vertical_merges(rng, data):
    root = tree(data)
    cells = list(root.iter(w("tc")))
    for cell in rng.sample(cells, rng.randint(1, 4)):
        props = cell.find(w("tcPr"))
        if props is None:
            props = etree.Element(w("tcPr"))
            cell.insert(0, props)
        merge = props.find(w("vMerge"))
        if merge is None:
            merge = etree.SubElement(props, w("vMerge"))
        value = rng.choice(MERGES)
        if value is None:
            merge.attrib.pop(w("val"), None)
        else:
            merge.set(w("val"), value)
    return rezip(data, {DOCUMENT: serialise(root)})


DOCX_MUTATIONS = {
    "truncated": truncate,
    "bytes flipped": flip,
    "document.xml cut": xml_cut,
    "tags removed": tags_removed,
    "elements removed": elements_removed,
    "gridSpan values": grid_spans,
    "vMerge values": vertical_merges,
}


def body_changed(data: bytes, change) -> bytes:
    root = tree(data)
    change(root)
    return rezip(data, {DOCUMENT: serialise(root)})


def first_table(root):
    return next(root.iter(w("tbl")))


def declare_columns(root, n=10_000):
    grid = first_table(root).find(w("tblGrid"))
    for col in list(grid):
        grid.remove(col)
    for _ in range(n):
        etree.SubElement(grid, w("gridCol"), {w("w"): "10"})


def row_of_cells(root, n: int, span: str | None = None):
    row = etree.SubElement(first_table(root), w("tr"))
    for k in range(n):
        cell = etree.SubElement(row, w("tc"))
        if span:
            props = etree.SubElement(cell, w("tcPr"))
            etree.SubElement(props, w("gridSpan"), {w("val"): span})
        etree.SubElement(
            etree.SubElement(etree.SubElement(cell, w("p")), w("r")), w("t")
        ).text = str(k)


def empty_table(root):
    table = first_table(root)
    for child in list(table):
        table.remove(child)


def rows_without_cells(root):
    table = first_table(root)
    for row in table.iter(w("tr")):
        for cell in list(row):
            row.remove(cell)


def nested_table(root):
    """A copy of the whole table inside the first header cell."""
    table = first_table(root)
    cell = next(table.iter(w("tc")))
    cell.append(etree.fromstring(etree.tostring(table)))


def nested_deep(root, depth=300):
    """Tables nested 300 deep (lxml refuses documents nested past its limit)."""
    cell = next(first_table(root).iter(w("tc")))
    for _ in range(depth):
        table = etree.SubElement(cell, w("tbl"))
        cell = etree.SubElement(etree.SubElement(table, w("tr")), w("tc"))


def no_body(root):
    root.remove(root.find(w("body")))


def many_tables(root, n=2000):
    body = root.find(w("body"))
    for k in range(n):
        table = etree.SubElement(body, w("tbl"))
        cell = etree.SubElement(etree.SubElement(table, w("tr")), w("tc"))
        etree.SubElement(
            etree.SubElement(etree.SubElement(cell, w("p")), w("r")), w("t")
        ).text = f"表{k}"


def with_doctype(data: bytes, doctype: bytes) -> bytes:
    xml = parts(data)[DOCUMENT]
    head, rest = xml.split(b"?>", 1)
    return rezip(data, {DOCUMENT: head + b"?>" + doctype + rest})


LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'.encode()
    + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
        for i in range(8)
    )
    + b"]>"
)
EXTERNAL = b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def declared_size(data: bytes, member: str, size: int) -> bytes:
    """The ZIP's central directory claims `member` unzips to `size` bytes (a lie)."""
    out = bytearray(data)
    name = member.encode()
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", out, at + 28)[0]
        if bytes(out[at + 46 : at + 46 + length]) == name:
            struct.pack_into("<I", out, at + 24, size)
            return bytes(out)
        at = out.find(b"PK\x01\x02", at + 4)
    raise AssertionError(member)


def grid_bomb(data: bytes, rows=1500, cells=8) -> bytes:
    """1,500 rows of 8 cells spanning 1,000 columns each (900 KB of XML, under every ZIP
    check): 12 million grid cells if unfolded."""
    cell = b'<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc>'
    table = b"<w:tbl>" + (b"<w:tr>" + cell * cells + b"</w:tr>") * rows + b"</w:tbl>"
    xml = parts(data)[DOCUMENT]
    return rezip(data, {DOCUMENT: xml.replace(b"<w:body>", b"<w:body>" + table, 1)})


def docx_cases(good: bytes) -> list[tuple[str, bytes, bool, str | None]]:
    """(kind, file, same, refusal text): the fixed cases, then RANDOM_CASES seeded ones."""
    content = parts(good)
    fixed = [
        ("10,000 columns declared", body_changed(good, declare_columns), True, None),
        ("a row of 10,000 cells", body_changed(good, lambda r: row_of_cells(r, 10_000)), False,
         None),
        ("a row spanning 20,000 columns",
         body_changed(good, lambda r: row_of_cells(r, 20, "1000")), False, "超过16384列"),
        ("gridSpan of 10^30", body_changed(good, lambda r: row_of_cells(r, 3, "9" * 30)), False,
         None),
        ("empty table", body_changed(good, empty_table), False, None),
        ("rows without cells", body_changed(good, rows_without_cells), False, None),
        ("nested table", body_changed(good, nested_table), False, None),
        ("tables nested 300 deep", body_changed(good, nested_deep), False, None),
        ("2,000 one-cell tables", body_changed(good, many_tables), False, None),
        ("no body", body_changed(good, no_body), False, "没有正文"),
        ("root element renamed", rezip(good, {DOCUMENT: content[DOCUMENT].replace(
            b"w:document", b"w:documentx")}), False, None),
        ("billion laughs", with_doctype(good, LAUGHS), False, "DOCTYPE"),
        ("external entity", with_doctype(good, EXTERNAL), False, "DOCTYPE"),
        ("document.xml dropped", rezip(good, {DOCUMENT: None}), False, "ZIP压缩包"),
        ("[Content_Types].xml cut",
         rezip(good, {"[Content_Types].xml": content["[Content_Types].xml"][:100]}), False,
         None),
        ("_rels/.rels dropped", rezip(good, {"_rels/.rels": None}), False, None),
        ("document.xml.rels cut", rezip(good, {"word/_rels/document.xml.rels": b"<Rel"}), False,
         None),
        ("stored, not deflated", rezip(good, {}, zipfile.ZIP_STORED), True, None),
        ("macros (vbaProject.bin)", rezip(good, {"word/vbaProject.bin": b"\0" * 64}), False,
         ".docm"),
        ("30 MB of zeros (ratio bomb)", rezip(good, {"word/media/zero.bin": bytes(30 << 20)}),
         False, "压缩炸弹"),
        ("1,001 parts", rezip(good, {f"word/media/p{k}.bin": b"x" for k in range(1001)}), False,
         "超过上限"),
        ("declares 4 GB unzipped", declared_size(good, DOCUMENT, 0xFFFFFFF0), False, "压缩炸弹"),
        ("declares 10 bytes unzipped", declared_size(good, DOCUMENT, 10), False, None),
        ("a ZIP inside the ZIP", rezip(good, {"word/embeddings/inner.zip": good * 3}), True,
         None),
        ("12 million grid cells", grid_bomb(good), False, "单元格"),
        ("invalid UTF-8 in the text", rezip(good, {DOCUMENT: content[DOCUMENT].replace(
            "霁东区".encode(), b"\xff\xfe\x00", 1)}), False, None),
    ]  # fmt: skip
    rng = random.Random(SEED)
    names = list(DOCX_MUTATIONS)
    seeded = []
    for _ in range(RANDOM_CASES):
        kind = rng.choice(names)
        seeded.append((kind, DOCX_MUTATIONS[kind](rng, good), False, None))
    return fixed + seeded


@pytest.mark.django_db
def test_fuzz_docx(city, docx_bytes):
    outcomes = Outcomes("docx", city)
    cases = docx_cases(docx_bytes)
    for kind, data, same, refused in cases:
        if kind == "12 million grid cells":
            tracemalloc.start()
            outcomes.run(kind, data, "kuaibao.docx", same, refused)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            # Unfolded, the 12 million blanks alone are 96 MB of list.
            assert peak < 60 << 20, f"{kind}: {peak / 1048576:.0f} MB"
        else:
            outcomes.run(kind, data, "kuaibao.docx", same, refused)
    outcomes.report(len(cases))


# --- the PDF ----------------------------------------------------------------------------------


def xref_damaged(rng, data):
    """The cross-reference table or the pointer to it wrong: pdfminer must recover or refuse."""
    how = rng.choice(["offsets", "dropped", "startxref", "trailer", "size"])
    at = data.rfind(b"\nxref")
    end = data.rfind(b"trailer")
    if how == "offsets":
        table = re.sub(
            rb"\d{10} (\d{5}) n",
            lambda m: b"%010d %s n" % (rng.randrange(10**10), m.group(1)),
            data[at:end],
        )
        return data[:at] + table + data[end:]
    if how == "dropped":
        return data[:at] + b"\n" + data[end:]
    if how == "startxref":
        return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.randrange(10**9), data)
    if how == "trailer":
        return re.sub(rb"/Root \d+ 0 R", b"", data)
    return re.sub(rb"/Size \d+", b"/Size 0", data)


def objects_damaged(rng, data):
    """A /Length, a keyword or a name changed inside the object bodies."""
    how = rng.choice(["length", "endstream", "endobj", "name", "reference"])
    if how == "length":
        found = list(re.finditer(rb"/Length (\d+)", data))
        m = rng.choice(found)
        value = str(rng.choice([0, 1, 10**12, rng.randrange(100000)])).encode()
        return data[: m.start(1)] + value + data[m.end(1) :]
    if how in ("endstream", "endobj"):
        found = [m.start() for m in re.finditer(how.encode(), data)]
        at = rng.choice(found)
        return data[:at] + data[at + len(how) :]
    if how == "name":
        found = list(re.finditer(rb"/(Type|Pages|Page|Kids|Contents|Font|Resources)\b", data))
        m = rng.choice(found)
        return data[: m.start()] + b"/Junk" + data[m.end() :]
    found = list(re.finditer(rb"(\d+) 0 R", data))
    m = rng.choice(found)
    return data[: m.start(1)] + str(rng.choice([0, 999999, 2])).encode() + data[m.end(1) :]


PDF_MUTATIONS = {
    "truncated": truncate,
    "bytes flipped": flip,
    "xref damaged": xref_damaged,
    "objects damaged": objects_damaged,
}


def image_pdf(pages: int = 1) -> bytes:
    """A scan: the table drawn as a picture, no text layer (Pillow's PDF writer)."""
    from PIL import Image, ImageDraw

    images = []
    for _ in range(pages):
        image = Image.new("RGB", (600, 300), "white")
        draw = ImageDraw.Draw(image)
        for x in range(0, 600, 60):
            draw.line([(x, 0), (x, 300)], fill="black")
        for y in range(0, 300, 30):
            draw.line([(0, y), (600, y)], fill="black")
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def text_only_pdf() -> bytes:
    """Text but no table: a matplotlib page with one line of text."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 2))
    figure.text(0.1, 0.5, "Jichuan 2026-10: no table here")
    out = io.BytesIO()
    figure.savefig(out, format="pdf")
    return out.getvalue()


def circular_pages(data: bytes) -> bytes:
    """The page tree's /Kids names the /Pages node itself."""
    m = re.search(rb"(\d+) 0 obj\s*<<\s*/Type\s*/Pages", data)
    return re.sub(rb"/Kids\s*\[[^\]]*\]", b"/Kids[" + m.group(1) + b" 0 R]", data, count=1)


def pdf_cases(good: bytes, encrypted: bytes) -> list[tuple[str, bytes, bool, str | None]]:
    fixed = [
        ("image only (a scan)", image_pdf(), False, "没有文字层"),
        ("encrypted (open password)", encrypted, False, "已加密"),
        ("61 pages", image_pdf(61), False, "超过上限"),
        ("text, no table", text_only_pdf(), False, "没有表格"),
        ("the header only", b"%PDF-1.7\n", False, None),
        ("header and EOF", b"%PDF-1.4\n%%EOF\n", False, None),
        ("arrays nested 100,000 deep",
         b"%PDF-1.4\n1 0 obj\n" + b"[" * 100_000 + b"\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF",
         False, None),
        ("circular page tree", circular_pages(good), False, None),
        ("NULs after %%EOF", good + b"\x00" * 4096, True, None),
        ("two copies appended", good + good, True, None),
    ]  # fmt: skip
    rng = random.Random(SEED)
    names = list(PDF_MUTATIONS)
    seeded = []
    for _ in range(RANDOM_CASES):
        kind = rng.choice(names)
        seeded.append((kind, PDF_MUTATIONS[kind](rng, good), False, None))
    return fixed + seeded


@pytest.mark.django_db
def test_fuzz_pdf(city, pdf_bytes, encrypted_pdf):
    outcomes = Outcomes("pdf", city)
    # The clean PDF gives the same ledger as the Word file it was printed from.
    outcomes.run("clean", pdf_bytes, "kuaibao.pdf", same=True)
    cases = pdf_cases(pdf_bytes, encrypted_pdf)
    for kind, data, same, refused in cases:
        outcomes.run(kind, data, "kuaibao.pdf", same, refused)
    outcomes.report(len(cases) + 1)
