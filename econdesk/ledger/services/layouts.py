"""Saved layouts (版式): a person's mapping of a file no reader recognises, through the one door.

    layout = save_layout(user, name="青岚市月报（指标横排）", grid=sample(rows), header_row=4,
                         region_column=0, columns=[ColumnMap(1, "社会消费品零售总额", "value", "万元")])

The header's fingerprint is computed from the sample grid (the file's first rows as text, kept
with the layout so it can be edited without the file); two layouts cannot share one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from econdesk.accounts import permissions
from econdesk.audit import changes
from econdesk.ledger.importing.mapped import (
    SAMPLE_COLUMNS,
    ColumnMap,
    Mapping,
    MappingError,
    check,
    fingerprint,
)
from econdesk.ledger.models import Layout

# Mapping a layout is part of importing: whoever may import may map and edit layouts.
ACTION = "ledger.import"


def as_mapping(layout: Layout) -> Mapping:
    return Mapping(
        name=layout.name,
        header_row=layout.header_row,
        region_column=layout.region_column,
        columns=tuple(
            ColumnMap(int(c["column"]), c["indicator"], c["measure"], c.get("unit") or "")
            for c in layout.columns
        ),
        fingerprint=layout.fingerprint,
        header=tuple(layout.header),
    )


def known_mappings() -> dict[str, Mapping]:
    """Every saved layout by its header's fingerprint."""
    return {layout.fingerprint: as_mapping(layout) for layout in Layout.objects.all()}


def mapping_named(name: str) -> Mapping | None:
    layout = Layout.objects.filter(name=name.strip()).first()
    return as_mapping(layout) if layout else None


def header_of(grid: list[list], header_row: int) -> tuple[list, list | None]:
    """The header row's texts in a sample grid, and the row above it (None at the top)."""
    numbers = [row[0] for row in grid]
    if header_row not in numbers:
        raise ValidationError({"header_row": f"第{header_row}行不在文件的前{len(grid)}行中"})
    k = numbers.index(header_row)
    return list(grid[k][1:]), (list(grid[k - 1][1:]) if k else None)


def save_layout(
    user,
    *,
    name: str,
    grid: list[list],
    header_row: int,
    region_column: int,
    columns: list[ColumnMap],
    sample_file: str = "",
    layout: Layout | None = None,
    expected_version: int | None = None,
) -> Layout:
    """Create a layout, or change `layout`; ValidationError (by form field) if it cannot be
    used or its header is another layout's. Recorded before → after."""
    permissions.require(user, ACTION)
    name = (name or "").strip()
    header, above = header_of(grid, header_row)
    if len(header) > SAMPLE_COLUMNS:
        raise ValidationError(
            {"header_row": f"表头超过{SAMPLE_COLUMNS}列，无法映射；请把表格拆成几个工作表后导入"}
        )
    if region_column >= len(header) or not header[region_column]:
        raise ValidationError({"region_column": "地区列的表头是空的，请选择写着“地区”等字样的列"})
    mapping = Mapping(name, header_row, region_column, tuple(columns))
    try:
        check(mapping)
    except MappingError as exc:
        raise ValidationError({f: m for f, m in reversed(exc.problems)}) from None
    print_ = fingerprint(header, above)
    with transaction.atomic():
        others = Layout.objects.exclude(pk=layout.pk if layout else None)
        if same := others.filter(fingerprint=print_).first():
            raise ValidationError(
                {"header_row": f"已有版式“{same.name}”与这一表头相同，请编辑该版式"}
            )
        if others.filter(name=name).exists():
            raise ValidationError({"name": f"已有名为“{name}”的版式，请换一个名称或编辑该版式"})
        before = None
        if layout is None:
            layout = Layout(created_by=user)
        else:
            stored = changes.lock(layout, expected_version)
            before = changes.full_snapshot(stored)
            layout = stored
        layout.name = name
        layout.fingerprint = print_
        layout.header_row = header_row
        layout.region_column = region_column
        layout.columns = [
            {
                "column": c.column,
                "indicator": c.indicator.strip(),
                "measure": c.measure,
                "unit": c.unit,
            }  # fmt: skip
            for c in sorted(columns, key=lambda c: c.column)
        ]
        layout.header = header
        layout.sample = grid
        if sample_file:
            layout.sample_file = sample_file[:255]
        changes.commit(
            user,
            ACTION,
            layout,
            before,
            reason="建立导入版式" if before is None else "修改导入版式",
        )
    return layout
