"""A generated .docx converts to PDF with LibreOffice headless, without errors.

Skipped only on a developer machine without LibreOffice; in CI (CI=true) a missing soffice or
poppler is a failure: .ci/run installs libreoffice-writer-nogui and poppler-utils.
"""

import shutil
import subprocess

import pytest

from econdesk.bulletins import services
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
    soffice = tool("soffice", "libreoffice")
    pdftotext = tool("pdftotext")
    content, _, _ = services.generate(
        people["leader"], sample_feb["东城区"], PeriodKey(2022, 2), kind, "docx"
    )
    source = tmp_path / f"{kind}.docx"
    source.write_bytes(content)
    done = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Error" not in done.stdout
    pdf = tmp_path / f"{kind}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    title = (
        "东城区经济运行情况通报"
        if kind == "monthly"
        else "东城区2022年一季度“开门红”经济运行分析会"
    )
    assert title in flat
    assert "—1—" in flat and "—2—" in flat  # page numbers between em dashes
