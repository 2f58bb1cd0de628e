"""Regenerate the CJK fonts shipped in econdesk/fonts/ from Debian's fonts-noto-cjk.

    .venv/bin/python scripts/subset_fonts.py           # rewrite econdesk/fonts/*.otf
    .venv/bin/python scripts/subset_fonts.py --check   # list what would be written, write nothing

Only regenerating needs the Debian package (apt-get install fonts-noto-cjk, which puts the
collections in /usr/share/fonts/opentype/noto/); running econdesk needs nothing but the
committed files. Each output is the Simplified Chinese face of a collection, subset by fontTools
to the characters listed by ``characters()`` (all of GB 2312, ASCII and Latin-1, CJK and
full-width punctuation, the symbol blocks official documents use, and every character written in
the project's own source), without hinting (CFF hints dropped: the outlines are unchanged). The
names, metrics and OpenType layout of the face are kept, so documents that name "Noto Serif CJK
SC" or "Noto Sans CJK SC" lay out exactly as with the full font.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "econdesk" / "fonts"
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")

# (collection in fonts-noto-cjk, family of the face to take, file written in econdesk/fonts/)
FACES = (
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "NotoSerifCJKsc-Regular.otf"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "NotoSansCJKsc-Regular.otf"),
    ("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "NotoSansCJKsc-Bold.otf"),
)

# Unicode blocks kept whole besides GB 2312 (first, last, what for).
RANGES = (
    (0x0020, 0x007E, "ASCII"),
    (0x00A0, 0x00FF, "Latin-1 supplement: × ÷ ± ° · §"),
    (0x02C6, 0x02DD, "spacing modifiers: ˇ ˉ ˊ ˋ ˙"),
    (0x2000, 0x206F, "general punctuation: — – ‘ ’ “ ” … ‰ ※ ‖"),
    (0x2100, 0x218F, "letterlike and number forms: ℃ № ™ Ⅰ–Ⅻ ⅰ–ⅻ"),
    (0x2190, 0x21FF, "arrows: ↑ ↓ ← → ↗ ↘"),
    (0x2200, 0x22FF, "mathematical operators: ≤ ≥ ≈ ≠ ∑ √ ∞"),
    (0x2460, 0x24FF, "enclosed alphanumerics: ①–⑳ ⑴–⒇ ⒈–⒛"),
    (0x2500, 0x257F, "box drawing"),
    (0x25A0, 0x25FF, "geometric shapes: ■ □ ▲ △ ● ○ ◆ ◇"),
    (0x2600, 0x26FF, "miscellaneous symbols: ★ ☆ ☑ ☒"),
    (0x2700, 0x27BF, "dingbats: ✓ ✔ ✗ ➀–➓"),
    (0x3000, 0x303F, "CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕〖〗"),
    (0x3200, 0x32FF, "enclosed CJK: ㈠–㈩ ㊀–㊉"),
    (0x3300, 0x33FF, "CJK compatibility: ㎡ ㎏ ㎞ ㏄"),
    (0xFE30, 0xFE4F, "CJK compatibility forms (vertical punctuation)"),
    (0xFF00, 0xFFEF, "half-width and full-width forms: （）％，：；？！０–９Ａ–Ｚ"),
)
# Files of the project whose characters are kept too (templates, phrases, fixtures, code).
SOURCE_GLOBS = ("econdesk/**/*.py", "econdesk/**/*.html", "econdesk/**/*.json",
                "econdesk/**/*.txt", "econdesk/**/*.md")  # fmt: skip
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def gb2312() -> set[int]:
    """Every character of GB 2312: rows 1–9 (symbols, kana, Greek, Cyrillic, pinyin, box
    drawing) and rows 16–87 (6,763 hanzi)."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def project_characters() -> set[int]:
    chars = set()
    for pattern in SOURCE_GLOBS:
        for path in sorted(REPO.glob(pattern)):
            if "migrations" in path.parts:
                continue
            chars.update(ord(c) for c in HAN.findall(path.read_text(encoding="utf-8")))
    return chars


def characters() -> set[int]:
    chars = gb2312() | project_characters()
    for first, last, _ in RANGES:
        chars.update(range(first, last + 1))
    return chars


def face(collection: Path, family: str):
    for font in TTCollection(str(collection)).fonts:
        if font["name"].getDebugName(1) == family:
            return font
    raise SystemExit(f"{collection} has no face named {family!r}")


def name_cff(font) -> None:
    """Give the CFF table the face's own PostScript name. In the collection the seven faces share
    one CFF table, named after the Japanese face (NotoSerifCJKjp-Regular, with FDArray entries
    NotoSerifCJKjp-Regular-Ideographs…): a PDF would embed the SC face under the JP name."""
    own = font["name"].getDebugName(6)
    cff = font["CFF "].cff
    old = cff.fontNames[0]
    cff.fontNames = [own]
    top = cff[own] if own in cff else cff.topDictIndex[0]
    for fd in getattr(top, "FDArray", None) or []:
        name = fd.rawDict.get("FontName")
        if name and name.startswith(old):
            fd.FontName = own + name[len(old) :]


def options() -> subset.Options:
    opts = subset.Options()
    opts.hinting = False  # drop CFF hints; outlines unchanged
    opts.name_IDs = ["*"]  # keep copyright, licence and every name record
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.layout_features = ["*"]  # vertical forms, locl, kerning, proportional widths
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.legacy_kern = True
    opts.prune_unicode_ranges = True
    return opts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing")
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="the .ttc folder")
    args = parser.parse_args(argv)
    wanted = characters()
    print(f"{len(wanted)} code points")
    for collection, family, name in FACES:
        path = args.source / collection
        if not path.exists():
            print(f"missing {path}: apt-get install fonts-noto-cjk", file=sys.stderr)
            return 1
        font = face(path, family)
        subsetter = subset.Subsetter(options())
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        name_cff(font)
        target = OUT / name
        if args.check:
            print(f"would write {target.relative_to(REPO)} ({family})")
            continue
        font.save(str(target))
        print(f"{target.relative_to(REPO)}: {target.stat().st_size / 1e6:.2f} MB, "
              f"{len(font.getGlyphOrder())} glyphs")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
