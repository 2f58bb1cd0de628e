"""A generated .docx converts to PDF with LibreOffice headless (econdesk.bulletins.pdf), without
errors, and in the fonts econdesk ships when the machine has no other.

Skipped only on a developer machine without LibreOffice; in CI (CI=true) a missing soffice or
poppler is a failure: .ci/run installs libreoffice-writer-nogui and poppler-utils.
"""

import shutil
import subprocess

import pytest

from econdesk import fonts
from econdesk.bulletins import pdf, services
from econdesk.ledger.periods import PeriodKey
from tests.ops.throwaway import in_ci


def tool(*names: str) -> str:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    message = f"找不到 {names[0]}：请安装 libreoffice-writer-nogui 与 poppler-utils"
    if in_ci():
        pytest.fail(message + "（CI 中不可跳过）")
    pytest.skip(message)


@pytest.mark.parametrize("kind", ["monthly", "meeting"])
def test_a_generated_docx_converts_to_pdf(sample_feb, leaders, people, tmp_path, kind):
    tool("soffice", "libreoffice")
    pdftotext = tool("pdftotext")
    content, _, _ = services.generate(
        people["leader"], sample_feb["东城区"], PeriodKey(2022, 2), kind, "docx"
    )
    source = tmp_path / f"{kind}.docx"
    source.write_bytes(content)
    printed = pdf.convert(source, tmp_path)
    assert printed == tmp_path / f"{kind}.pdf"
    assert printed.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(
        [pdftotext, "-layout", str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    title = (
        "东城区经济运行情况通报"
        if kind == "monthly"
        else "东城区2022年一季度“开门红”经济运行分析会"
    )
    assert title in flat
    assert "—1—" in flat and "—2—" in flat  # page numbers between em dashes


def embedded_fonts(pdffonts: str, path) -> list[tuple[str, str]]:
    """(name, embedded yes/no) of each font in the PDF, from poppler's pdffonts table."""
    lines = subprocess.run(
        [pdffonts, str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rows = []
    for line in lines[2:]:  # header and ---- rule
        cells = line.split()
        # name type [encoding...] emb sub uni object ID: emb is the 5th field from the end
        rows.append((cells[0], cells[-5]))
    return rows


def test_with_only_the_shipped_fonts_the_pdf_is_in_noto_cjk(sample_feb, leaders, people, tmp_path):
    """fontconfig sees econdesk/fonts/ alone (a machine with no font package): the .docx names
    方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312 and 宋体, and every font in the PDF is a shipped
    Noto CJK face, embedded; the text layer has the Chinese title."""
    tool("soffice", "libreoffice")
    pdftotext, pdffonts = tool("pdftotext"), tool("pdffonts")
    content, _, _ = services.generate(
        people["leader"], sample_feb["东城区"], PeriodKey(2022, 2), "monthly", "docx"
    )
    source = tmp_path / "monthly.docx"
    source.write_bytes(content)
    printed = pdf.convert(source, tmp_path, system_fonts=False)
    found = embedded_fonts(pdffonts, printed)
    # ABCDEF+ is the subset tag; LibreOffice appends the CID font's last FDArray name (-VKana)
    faces = {fonts.SERIF.stem, fonts.SANS.stem}
    names = {name.split("+", 1)[-1] for name, _ in found}
    used = {face for face in faces for name in names if name.startswith(face)}
    assert used == faces, found
    assert all(any(name.startswith(face) for face in faces) for name in names), found
    assert all(emb == "yes" for _, emb in found), found
    text = subprocess.run(
        [pdftotext, "-layout", str(printed), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "东城区经济运行情况通报" in flat
    assert "—1—" in flat
    assert "\ufffd" not in text


def test_the_fontconfig_file_maps_the_official_names_to_the_shipped_fonts(tmp_path):
    """fc-match (fontconfig's own tool, installed with LibreOffice) resolves each 公文 name."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        if in_ci():
            pytest.fail("找不到 fc-match（fontconfig）（CI 中不可跳过）")
        pytest.skip("找不到 fc-match（fontconfig）")
    env = fonts.environment(tmp_path, system=False)
    expected = {"方正小标宋简体": fonts.SERIF, "仿宋_GB2312": fonts.SERIF, "楷体_GB2312": fonts.SERIF,
                "宋体": fonts.SERIF, "仿宋": fonts.SERIF, "黑体": fonts.SANS}  # fmt: skip
    for name, path in expected.items():
        done = subprocess.run(
            [fc_match, "--format=%{file}", name], capture_output=True, text=True, env=env,
            check=True,
        )  # fmt: skip
        assert done.stdout == str(path), name
        assert "warning" not in done.stderr.lower(), done.stderr
