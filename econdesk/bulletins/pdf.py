"""A bulletin .docx printed to PDF by LibreOffice headless, in the fonts econdesk ships.

The .docx names the 公文 fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) so that recipients'
machines use the real ones. A server seldom has them: soffice runs with econdesk.fonts'
fontconfig setup, which maps those names to the shipped Noto Serif/Sans CJK SC, so the PDF is
printed in Chinese glyphs on a fresh machine with no font package. Each conversion uses its own
throwaway LibreOffice profile (no shared state, no leftover lock between two conversions).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from econdesk import fonts

SOFFICE_NAMES = ("soffice", "libreoffice")


class PdfError(RuntimeError):
    """The conversion could not be done; the message is for the user, in Chinese."""


def soffice() -> str:
    for name in SOFFICE_NAMES:
        path = shutil.which(name)
        if path:
            return path
    raise PdfError(
        "找不到 LibreOffice（soffice），无法转换为 PDF。"
        "请安装 libreoffice-writer-nogui（Debian）后重试。"
    )


def convert(source: Path, outdir: Path, *, system_fonts: bool = True, timeout: int = 300) -> Path:
    """Print the .docx ``source`` to ``outdir``/<same name>.pdf and return that path.

    ``system_fonts=False`` lets LibreOffice see the shipped fonts only (as on a machine with no
    font package), which the tests use to prove that the shipped files are enough.
    """
    source, outdir = Path(source), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="econdesk-soffice-") as work:
        work = Path(work)
        env = fonts.environment(work / "fontconfig", system=system_fonts)
        env["HOME"] = str(work)  # LibreOffice and fontconfig write nothing in the real home
        done = subprocess.run(
            [program, "--headless", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation={(work / 'profile').as_uri()}",
             "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
            capture_output=True, text=True, timeout=timeout, env=env,
        )  # fmt: skip
    target = outdir / (source.stem + ".pdf")
    if done.returncode != 0 or not target.is_file():
        detail = (done.stderr or done.stdout).strip()[-500:]
        raise PdfError(f"LibreOffice 未能将 {source.name} 转换为 PDF：{detail or '无输出'}")
    return target


def docx_to_pdf(content: bytes, *, system_fonts: bool = True, timeout: int = 300) -> bytes:
    """The PDF of a .docx given as bytes (as services.generate returns it)."""
    with tempfile.TemporaryDirectory(prefix="econdesk-pdf-") as tmp:
        source = Path(tmp) / "bulletin.docx"
        source.write_bytes(content)
        return convert(source, Path(tmp), system_fonts=system_fonts, timeout=timeout).read_bytes()
