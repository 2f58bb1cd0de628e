"""ECharts option dicts, built here and handed to the page with json_script; charts.js only
calls echarts.init(...).setOption(option).

Numbers go out rounded the way the tables print them (format_number), and each bar's label
carries its printed text, so a chart never shows 5 where the table shows 5.0.
"""

from __future__ import annotations

from econdesk import phrases
from econdesk.analysis.arithmetic.status import format_number
from econdesk.ledger.periods import span_label

BRAND = "#b71c1c"
PEER = "#90a4ae"
UNRANKED = "#cfd8dc"
TOTAL = "#1565c0"
PULL_UP = "#2e7d32"
PULL_DOWN = "#c62828"
FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif"
ROW_HEIGHT = 26


def _num(x, decimals: int) -> float | None:
    return None if x is None else float(format_number(x, decimals))


def _text(x, decimals: int, suffix: str = "") -> str:
    return "—" if x is None else f"{format_number(x, decimals)}{suffix}"


def _base(title: str, decimals: int) -> dict:
    # "_decimals" and "_height" are read by charts.js (tooltip format, container height).
    return {
        "_decimals": decimals,
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "textStyle": {"fontFamily": FONT},
        "animation": False,
        "tooltip": {"trigger": "axis"},
    }


# Earlier years' lines, newest first: lighter the further back.
YEAR_COLORS = ["#8d6e63", "#b0bec5", "#cfd8dc"]


def growth_over_time(
    points: list[tuple], region, total_label: str, indicator, title: str = ""
) -> dict:
    """The region's year-to-date growth month by month, one line per year (a year-to-date
    series starts again each January, so a line never runs from 1-12月 into the next 1-2月),
    with the group total's line for the year on show: the same period of each year side by side.

    `points` are (region_id, year, month, growth) rows, oldest first (reads.growth_history).
    """
    decimals = indicator.growth_decimals
    months = sorted({m for _, _, m, _ in points})
    years = sorted({y for _, y, _, _ in points})
    index = {m: i for i, m in enumerate(months)}
    own = {y: [None] * len(months) for y in years}
    total = {y: [None] * len(months) for y in years}
    for region_id, y, m, growth in points:
        line = own if region_id == region.pk else total
        line[y][index[m]] = _num(growth, decimals)
    series = []
    latest = years[-1] if years else None
    for back, year in enumerate(reversed(years)):
        if year == latest:
            style = {"color": BRAND, "symbolSize": 6, "lineStyle": {"width": 3}}
        else:
            color = YEAR_COLORS[min(back - 1, len(YEAR_COLORS) - 1)]
            style = {"color": color, "symbolSize": 4, "lineStyle": {"width": 2}}
        series.append(
            {"name": f"{region.name}{year}年", "type": "line", "data": own[year], **style}
        )
    if latest is not None:
        series.append(
            {
                "name": f"{total_label}{latest}年",
                "type": "line",
                "data": total[latest],
                "color": TOTAL,
                "symbolSize": 5,
                "lineStyle": {"type": "dashed"},
            }
        )
    option = _base(title or f"{indicator.name}累计增速（%），各年同期对比", decimals)
    option.update(
        legend={"bottom": 0},
        grid={"left": 48, "right": 24, "top": 44, "bottom": 64},
        xAxis={
            "type": "category",
            "data": [span_label(m) for m in months],
            "axisLabel": {"hideOverlap": True},
        },
        yAxis={"type": "value", "name": "%", "scale": True},
        series=series,
    )
    return option


def peer_ranking(table, total_growth, total_label: str, indicator, home_id: int | None) -> dict:
    """Horizontal bars of the peers' growth, first place on top, the district in brand red,
    the group total's growth as a vertical line. `table` is analysis.peers.peer_table() (rank order)."""
    decimals = indicator.growth_decimals
    names, data = [], []
    for row in table:
        if row.growth is None:
            continue
        rank = phrases.rank_short(row.rank, row.tied) if row.rank else "不排名"
        names.append(f"{row.region.name}（{rank}）")
        color = BRAND if row.region.pk == home_id else PEER if row.rank else UNRANKED
        data.append(
            {
                "value": _num(row.growth, decimals),
                "itemStyle": {"color": color},
                "label": {"formatter": _text(row.growth, decimals, "%")},
            }
        )
    option = _base(f"{indicator.name}增速排位（%）", decimals)
    option["_height"] = max(240, ROW_HEIGHT * len(data) + 110)
    series = {
        "name": "增速",
        "type": "bar",
        "data": data,
        "barMaxWidth": 18,
        "label": {"show": True, "position": "right"},
    }
    if total_growth is not None:
        series["markLine"] = {
            "symbol": "none",
            "silent": True,
            "lineStyle": {"color": TOTAL, "type": "dashed", "width": 2},
            "label": {
                "formatter": f"{total_label}{_text(total_growth, decimals, '%')}",
                # The category axis runs top-down (inverse), so "start" is the top end.
                "position": "start",
            },
            "data": [{"xAxis": _num(total_growth, decimals)}],
        }
    option.update(
        tooltip={"trigger": "axis", "axisPointer": {"type": "shadow"}},
        # Room above the plot for the total's line label, below the title.
        grid={"left": 8, "right": 64, "top": 64, "bottom": 24, "containLabel": True},
        xAxis={"type": "value", "name": "%"},
        yAxis={"type": "category", "data": names, "inverse": True},
        series=[series],
    )
    return option


def gdp_pulls(estimate: dict) -> dict:
    """Bars of each industry's pull on GDP growth (percentage points), from estimate_for()."""
    decimals = 2
    names, data = [], []
    for sector in estimate["sectors"]:
        names.append(sector["name"])
        pull = sector["pull"]
        color = PULL_DOWN if pull is not None and format_number(pull, 2).startswith("-") else None
        data.append(
            {
                "value": _num(pull, decimals),
                "itemStyle": {"color": color or PULL_UP},
                "label": {"formatter": _text(pull, decimals)},
            }
        )
    title = f"{estimate['period_label']}各行业对GDP增长的拉动（百分点）"
    option = _base(title, decimals)
    option["_height"] = max(260, ROW_HEIGHT * len(data) + 90)
    option.update(
        tooltip={"trigger": "axis", "axisPointer": {"type": "shadow"}},
        grid={"left": 8, "right": 56, "top": 40, "bottom": 24, "containLabel": True},
        xAxis={"type": "value", "name": "百分点"},
        yAxis={"type": "category", "data": names, "inverse": True},
        series=[
            {
                "name": "拉动",
                "type": "bar",
                "data": data,
                "barMaxWidth": 18,
                "label": {"show": True, "position": "right"},
            }
        ],
    )
    return option
