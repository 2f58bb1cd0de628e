"""How the 排位总表 is written: the texts, sort keys and colours of its cells, for the page
and the Excel file alike. Functions over econdesk.analysis.peers.RankingTable."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from econdesk import phrases
from econdesk.analysis.arithmetic.status import format_number
from econdesk.analysis.peers import RankingCell, RankingTable

DASH = "—"


@dataclass(frozen=True)
class Cell:
    growth: str  # "8.5" or "—"
    rank: str  # "第1位" / "并列第5位" / "不排名" / ""
    sort: str  # the rank as text (best first when sorted ascending); "" sorts last
    color: str | None
    growth_number: object = None  # for Excel


@dataclass(frozen=True)
class Row:
    region: object
    zone: bool
    cells: list[Cell]


def rank_text(cell: RankingCell | None, zone: bool) -> str:
    if cell is None:
        return ""
    if cell.rank is None:
        return "不排名" if zone else ""
    return phrases.rank_short(cell.rank, cell.tied)


def make_cell(cell: RankingCell | None, decimals: int, zone: bool) -> Cell:
    if cell is None or cell.growth is None:
        growth, number = DASH, None
    else:
        growth, number = format_number(cell.growth, decimals), cell.growth
    rank = cell.rank if cell is not None else None
    return Cell(
        growth=growth,
        rank=rank_text(cell, zone),
        sort="" if rank is None else str(rank),
        color=cell.color if cell is not None else None,
        growth_number=number,
    )


def rows_of(table: RankingTable) -> list[Row]:
    """Members in the group's order (a zone after the districts keeps its place), each with
    one cell per indicator."""
    out = []
    for region in table.members:
        zone = not region.ranked
        cells = [
            make_cell(table.cell(region, ind), ind.growth_decimals, zone)
            for ind in table.indicators
        ]
        out.append(Row(region, zone, cells))
    return out


def total_cells(table: RankingTable) -> list[Cell]:
    """The group's own growth per indicator (全市), never ranked."""
    cells = []
    for ind in table.indicators:
        figure = table.totals.get(ind.pk)
        growth = figure.growth if figure else None
        text = DASH if growth is None else format_number(growth, ind.growth_decimals)
        cells.append(Cell(text, "", "", None, growth))
    return cells


def columns_with_figures(table: RankingTable) -> list:
    """The indicators some member or the total has a figure for (others would be all dashes)."""
    having = {ind_id for _, ind_id in table.cells} | set(table.totals)
    return [ind for ind in table.indicators if ind.pk in having]


def html_rows(rows: list[Row], home_pk) -> str:
    """The member rows of the page's table as HTML, written here rather than by the template
    language: a province-sized table has 12,000 cells, and this keeps it to milliseconds.
    Region names are escaped; every other text is a number or a fixed word."""
    out = []
    for row in rows:
        name = escape(row.region.name)
        zone = "<small>（功能区）</small>" if row.zone else ""
        home = ' class="home"' if row.region.pk == home_pk else ""
        cells = "".join(
            f'<td class="num cell-{c.color or "none"}" data-sort="{c.sort}">{c.growth}'
            + (f"<small>{c.rank}</small>" if c.rank else "")
            + "</td>"
            for c in row.cells
        )
        out.append(f'<tr{home}><td class="sticky">{name}{zone}</td>{cells}</tr>')
    return mark_safe("\n".join(out))  # noqa: S308 (names escaped above; the rest is ours)
