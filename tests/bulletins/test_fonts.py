"""The CJK fonts econdesk ships (econdesk/fonts/) are enough to draw a chart in Chinese.

The chart is drawn in a fresh Python process whose fontconfig sees the shipped fonts only and
whose matplotlib has no font cache yet: what a machine without any font package gets.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

from econdesk import fonts

REPO = Path(__file__).resolve().parents[2]
TITLE = "东城区2022年1-2月主要指标增速与全市对比"
LABELS = ["地区生产总值", "规模以上工业增加值", "社会消费品零售总额", "固定资产投资"]
DRAW = f"""
import json, warnings
from econdesk.bulletins import charts
from matplotlib import font_manager

data = {{"title": {TITLE!r}, "labels": {LABELS!r}, "own": ["5.2", "-1.3", "12.0", "0.0"],
        "total": ["4.8", "2.1", "9.5", "-3.4"], "own_label": "东城区", "total_label": "全市"}}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    png = charts.growth_chart(data)
family = charts._family()
print(json.dumps({{
    "file": font_manager.findfont(font_manager.FontProperties(family=[family])),
    "bold": font_manager.findfont(font_manager.FontProperties(family=[family], weight="bold")),
    "family": family,
    "png": png[:8].hex(),
    "warnings": [str(w.message) for w in caught],
}}))
"""


def test_the_shipped_files_are_there_and_are_the_simplified_chinese_faces():
    assert fonts.missing() == []
    for path, family in ((fonts.SERIF, "Noto Serif CJK SC"), (fonts.SANS, "Noto Sans CJK SC"),
                         (fonts.SANS_BOLD, "Noto Sans CJK SC")):  # fmt: skip
        assert path.stat().st_size < 5_000_000, path
        font = TTFont(path, lazy=True)
        assert font["name"].getDebugName(1) == family
        cmap = font.getBestCmap()
        text = TITLE + "".join(LABELS) + "％‰—·…《》（）〔〕、。，：；？！“”‘’①⑳↑↓㎡℃"
        assert [c for c in text if ord(c) not in cmap] == []
    assert (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT") == 1


def test_a_chart_draws_in_chinese_with_only_the_shipped_fonts(tmp_path):
    env = fonts.environment(tmp_path / "fc", system=False)
    env.update(
        MPLCONFIGDIR=str(tmp_path / "mpl"),  # no font cache: matplotlib scans afresh
        HOME=str(tmp_path),
        PYTHONPATH=str(REPO),
    )
    done = subprocess.run(
        [sys.executable, "-c", DRAW], capture_output=True, text=True, env=env, timeout=300,
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["family"] == "Noto Sans CJK SC"
    assert os.path.samefile(result["file"], fonts.SANS)
    assert os.path.samefile(result["bold"], fonts.SANS_BOLD)
    assert result["png"] == b"\x89PNG\r\n\x1a\n".hex()
    assert [w for w in result["warnings"] if "missing from" in w] == []
    assert result["warnings"] == []
    assert "missing from" not in done.stderr and "findfont" not in done.stderr
