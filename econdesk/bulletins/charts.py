"""Bulletin charts as PNG images, drawn by matplotlib (Agg, no display, no internet).

Chinese labels need a CJK font: the project ships one (econdesk/fonts/NotoSansCJKsc-Regular.otf,
a subset of Noto Sans CJK SC under the SIL Open Font License), loaded with
matplotlib.font_manager.addfont and put ahead of any system font of the same family, so a fresh
machine draws Chinese without a font package. Only when the shipped file is missing (a broken
install) are the system's fonts searched (Debian's fonts-noto-cjk and the like); with none,
drawing stops with a clear message instead of printing empty boxes.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from econdesk import fonts

# matplotlib is imported when a chart is drawn, not with this module: the pages and commands
# that import the bulletin services without drawing (most of them) start without it.

PREFERRED_FILES = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "NotoSerifCJK-Regular.ttc",
)
FAMILY_HINTS = ("Noto Sans CJK", "Noto Serif CJK", "Source Han Sans", "WenQuanYi")
OWN_COLOR, TOTAL_COLOR = "#b71c1c", "#9aa5b1"


class ChartFontMissing(RuntimeError):
    """No CJK font: the chart would print boxes instead of Chinese."""


def find_cjk_font() -> str:
    """The path of the CJK font charts use: the shipped one, else a system one; raises
    ChartFontMissing when there is none."""
    return _find_cjk_font()


@lru_cache(maxsize=1)
def _matplotlib():
    """matplotlib on the Agg backend (no display), imported on first use."""
    import matplotlib

    matplotlib.use("Agg")
    return matplotlib


@lru_cache(maxsize=1)
def _find_cjk_font() -> str:
    if fonts.SANS.is_file():
        return str(fonts.SANS)
    _matplotlib()
    from matplotlib import font_manager

    files = font_manager.findSystemFonts(fontext="ttf")
    by_name = {Path(f).name: f for f in files}
    for name in PREFERRED_FILES:
        if name in by_name:
            return by_name[name]
    for entry in font_manager.fontManager.ttflist:
        if any(hint in entry.name for hint in FAMILY_HINTS):
            return entry.fname
    raise ChartFontMissing(
        f"找不到中文字体，无法绘制通报图表：随系统发布的字体文件 {fonts.SANS} 缺失，"
        "系统中也没有可用的中文字体。请重新安装 econdesk（或安装 Debian 软件包 "
        "fonts-noto-cjk）后重试。"
    )


@lru_cache(maxsize=1)
def _family() -> str:
    path = find_cjk_font()
    _matplotlib()
    from matplotlib import font_manager

    manager = font_manager.fontManager
    chosen = [path]
    if path == str(fonts.SANS) and fonts.SANS_BOLD.is_file():
        chosen.append(str(fonts.SANS_BOLD))  # bold text in the same family
    for file in chosen:
        manager.addfont(file)
    # A system font of the same family (Debian's Noto Sans CJK SC) would otherwise win the tie:
    # findfont takes the first of equal scores. Put the chosen files first (a stable sort).
    manager.ttflist.sort(key=lambda entry: entry.fname not in chosen)
    manager._findfont_cached.cache_clear()
    return font_manager.FontProperties(fname=path).get_name()


def growth_chart(data: dict, width_mm: float = 150) -> bytes:
    """Horizontal bars: the region's growth beside the total's, one pair per indicator.

    ``data`` is compose.chart_data(): labels, own and total growth as printed strings.
    """
    family = _family()
    matplotlib = _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = list(reversed(data["labels"]))
    own = [float(x) for x in reversed(data["own"])]
    total = [float(x) for x in reversed(data["total"])]
    n = len(labels)
    width_in = width_mm / 25.4
    with matplotlib.rc_context(
        {"font.family": [family], "axes.unicode_minus": False, "font.size": 9}
    ):
        fig = Figure(figsize=(width_in, 0.55 * n + 1.4), dpi=200)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ys = list(range(n))
        h = 0.38
        own_bars = ax.barh(
            [y + h / 2 for y in ys], own, h, color=OWN_COLOR, label=data["own_label"]
        )
        total_bars = ax.barh(
            [y - h / 2 for y in ys], total, h, color=TOTAL_COLOR, label=data["total_label"]
        )
        for bars, texts in (
            (own_bars, reversed(data["own"])),
            (total_bars, reversed(data["total"])),
        ):
            ax.bar_label(bars, labels=[f"{t}%" for t in texts], padding=2, fontsize=7)
        ax.set_yticks(ys, labels)
        ax.axvline(0, color="#52606d", linewidth=0.8)
        ax.set_xlabel("增速（%）")
        ax.set_title(data["title"], fontsize=10)
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.5 / n), ncol=2, fontsize=8,
            frameon=False,
        )  # fmt: skip
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        low, high = min(own + total + [0]), max(own + total + [0])
        pad = (high - low) * 0.15 or 1
        ax.set_xlim(low - (pad if low < 0 else 0), high + pad)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
