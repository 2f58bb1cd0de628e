"""Mapping a staged upload no reader recognises (映射版式), on the import page.

The page shows the stored file's first rows as a grid; the person says which row is the
header, which column the region and what each column holds. That is saved as a layout (版式,
econdesk.ledger.services.layouts, recorded like any write) and the upload is previewed again
read with it; from then on a file whose header has the same fingerprint (next month's
bulletin) is read with it without a question, on the page and on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from econdesk.accounts import permissions
from econdesk.ledger.importing import file_grid
from econdesk.ledger.importing.errors import FileRefused
from econdesk.ledger.importing.mapped import ColumnMap, fingerprints, guess
from econdesk.ledger.lookups import IndicatorIndex
from econdesk.ledger.models import Layout
from econdesk.ledger.services.layouts import save_layout
from econdesk.reporting.imports import _stored_file, refresh_preview
from econdesk.reporting.models import StagedImport


@dataclass
class LayoutDraft:
    """What the mapping form shows: the grid, the sheets to choose from, and the choices."""

    grid: list[list]
    sheets: list[str]
    sheet: int
    initial: dict
    layout: Layout | None = None

    @property
    def width(self) -> int:
        return max((len(row) - 1 for row in self.grid), default=0)


def draft_for_upload(user, staged: StagedImport, sheet: int = 0) -> LayoutDraft:
    """The stored file's first rows and a first guess (or the saved layout its header has)."""
    permissions.require(user, "ledger.import")
    try:
        with _stored_file(staged) as fh:
            sheets, grid = file_grid(fh, sheet)
    except FileRefused as refused:
        raise ValidationError(f"无法读取该文件：{refused.message}") from None
    if not grid:
        raise ValidationError("该工作表是空的，请选择其他工作表。")
    layout = _layout_of(staged, grid)
    initial = initial_from_layout(layout) if layout else _guessed(grid)
    name = staged.file_name.rsplit(".", 1)[0][:60]
    initial.setdefault("name", name)
    initial["period"] = staged.options.get("period") or ""
    initial["region"] = staged.options.get("region") or ""
    return LayoutDraft(grid, sheets, sheet, initial, layout)


def draft_for_layout(user, layout: Layout) -> LayoutDraft:
    permissions.require(user, "ledger.import")
    return LayoutDraft(layout.sample, [], 0, initial_from_layout(layout), layout)


def initial_from_layout(layout: Layout) -> dict:
    return {
        "name": layout.name,
        "header_row": layout.header_row,
        "region_column": layout.region_column,
        "version": layout.version,
        "columns": {
            int(c["column"]): {
                "indicator": c["indicator"],
                "measure": c["measure"],
                "unit": c.get("unit") or "",
            }  # fmt: skip
            for c in layout.columns
        },
    }


def _layout_of(staged: StagedImport, grid: list[list]) -> Layout | None:
    """The layout the upload was previewed with, or the one whose header the grid has."""
    name = staged.options.get("layout")
    if name and (layout := Layout.objects.filter(name=name).first()):
        return layout
    prints = [p for _, p in fingerprints([(row[0], row[1:]) for row in grid])]
    return Layout.objects.filter(fingerprint__in=prints).first() if prints else None


def _guessed(grid: list[list]) -> dict:
    """mapped.guess, with each column's stem taken to the catalogue's name where it knows it."""
    first = guess(grid)
    index = IndicatorIndex()
    for column in first["columns"].values():
        found = index.find(column["indicator"]) if column["indicator"] else None
        if found is not None:
            column["indicator"] = found.name
    return first


def map_upload(
    user,
    staged: StagedImport,
    *,
    name: str,
    header_row: int,
    region_column: int,
    columns: list[ColumnMap],
    sheet: int = 0,
    period: str = "",
    region: str = "",
    expected_version: int | None = None,
) -> tuple[Layout, StagedImport]:
    """Save the mapping (a new layout, or the one the draft showed at expected_version) and
    preview the upload again read with it."""
    draft = draft_for_upload(user, staged, sheet)
    layout = draft.layout
    if layout is not None and expected_version is None:
        layout = None  # the form was for a new layout
    layout = save_layout(
        user,
        name=name,
        grid=draft.grid,
        header_row=header_row,
        region_column=region_column,
        columns=columns,
        sample_file=staged.file_name,
        layout=layout,
        expected_version=expected_version,
    )
    staged.options = {
        **staged.options,
        "layout": layout.name,
        "period": (period or "").strip(),
        "region": (region or "").strip(),
    }
    return layout, refresh_preview(user, staged)


def edit_layout(user, layout: Layout, *, expected_version: int, **fields) -> Layout:
    """Change a saved layout from its own page (its sample grid, without a file)."""
    return save_layout(
        user, grid=layout.sample, layout=layout, expected_version=expected_version, **fields
    )
