"""A panel as a readable text table for the terminal, in Chinese (words from econdesk.phrases)."""

from __future__ import annotations

import unicodedata

from econdesk import phrases

COLOR_WORDS = {"red": "红", "yellow": "黄", "green": "绿"}


def fmt(x, decimals: int = 1, suffix: str = "") -> str:
    return "—" if x is None else f"{phrases.num(x, decimals)}{suffix}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def rank_text(row: dict) -> str:
    if row["rank"] is None:
        return "—"
    return f"{phrases.rank_short(row['rank'], row['tied'])}/{row['rank_of']}"


change_text = phrases.rank_change_short


def target_text(t: dict, row: dict) -> str:
    goal = []
    if t["growth"] is not None:
        goal.append(phrases.growth(t["growth"], row["growth_decimals"]))
    if t["value"] is not None:
        goal.append(f"{fmt(t['value'], row['decimals'])}{row['unit']}")
    if t["rank"]:
        goal.append(f"前{t['rank']}位")
    parts = [f"{t['level_label']}{t['period_label']}{'、'.join(goal)}"]
    if t["gap_amount"] is not None:
        parts.append(f"缺口{fmt(t['gap_amount'], 2)}{row['unit']}")
    gap = phrases.target_gap(t.get("met"), t["gap_pp"], row["growth_decimals"])
    if gap and (t["gap_pp"] is not None or t.get("met")):
        parts.append(gap)
    if t["remaining"] is not None:
        parts.append(f"尚需{fmt(t['remaining'], 2)}{row['unit']}")
    if t["required_growth_rest"] is not None:
        parts.append(phrases.pace(t["required_growth_rest"], row["growth_decimals"]))
    if t["task_progress"] is not None:
        parts.append(f"完成{fmt(t['task_progress'])}%（序时{fmt(t['time_progress'])}%）")
    if t["expected_gap_amount"] is not None:
        parts.append(f"按预计尚有缺口{fmt(t['expected_gap_amount'], 2)}{row['unit']}")
    return "，".join(parts)


def panel_table(panel: dict) -> str:
    head = f"{panel['region']} · {panel['year']}年{panel['period_label']} 指标面板"
    total = panel["total_label"] or "全市"
    columns = ["指标", "累计值", "增速%", f"{total}%", "差(百分点)", "位次", "较上期", "状态"]
    lines = []
    for row in panel["indicators"]:
        value = fmt(row["value"], row["decimals"]) if row["value"] is not None else "—"
        lines.append(
            [
                row["short_name"],
                value if value == "—" else f"{value}{row['unit']}",
                fmt(row["growth"]),
                fmt(row["total_growth"]),
                fmt(row["vs_total_pp"]),
                rank_text(row),
                change_text(row["rank_change_prev"]),
                COLOR_WORDS.get(row["status"]["color"], ""),
            ]
        )
    widths = [max(_width(r[i]) for r in [columns, *lines]) + 2 for i in range(len(columns))]
    out = [head, "".join(_pad(c, w) for c, w in zip(columns, widths, strict=True))]
    out += ["".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) for r in lines]
    details = []
    for row in panel["indicators"]:
        notes = [target_text(t, row) for t in row["targets"]]
        if row["gap_zero_growth"]:
            notes.insert(0, f"实现正增长缺口{fmt(row['gap_zero_growth'], 2)}{row['unit']}")
        proj = row["projection"]
        if proj and proj["value"] is not None:
            grow = proj["growth"]
            about = "" if grow is None else f"、{phrases.about(grow, row['growth_decimals'])}"
            notes.append(
                f"预计{proj['period_label']}{fmt(proj['value'], 2)}{row['unit']}{about}"
                f"（{fmt(proj['low'], 2)}–{fmt(proj['high'], 2)}）"
            )
        if row["status"]["reasons"]:
            notes.append("；".join(row["status"]["reasons"]))
        if notes:
            details.append(f"· {row['name']}：" + "；".join(notes))
    if details:
        out += ["", *details]
    return "\n".join(out) + "\n"
