"""The mapping form (映射版式): the header row, the region column, and per column of the grid
its indicator (field c<i>), measure (c<i>-measure) and unit (c<i>-unit)."""

from __future__ import annotations

from django import forms

from econdesk.ledger import units
from econdesk.ledger.importing.errors import column_letter
from econdesk.ledger.importing.mapped import MEASURES, SAMPLE_COLUMNS, ColumnMap

NOT_IMPORTED = ("", "不导入")
UNIT_CHOICES = [("", "按表头或指标默认")] + [(u, u) for u in units.UNITS if u != "%"]


class LayoutForm(forms.Form):
    name = forms.CharField(
        label="版式名称", max_length=60, help_text="如：某市月报（指标横排），下月起自动识别"
    )
    header_row = forms.TypedChoiceField(label="表头所在行", coerce=int)
    region_column = forms.TypedChoiceField(label="地区所在列", coerce=int)
    period = forms.CharField(
        label="期别（标题未写明时）", required=False, max_length=32, help_text="如：2026-10"
    )
    region = forms.CharField(
        label="城市（标题未写明时）", required=False, max_length=64, help_text="如：示范市"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, grid: list[list], **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        self.width = min(max((len(row) - 1 for row in grid), default=0), SAMPLE_COLUMNS)
        self.fields["header_row"].choices = [(row[0], f"第{row[0]}行") for row in grid]
        self.fields["region_column"].choices = [
            (i, f"{column_letter(i)}列") for i in range(self.width)
        ]
        initial_columns = (self.initial or {}).get("columns") or {}
        measures = [NOT_IMPORTED, *[(k, label) for k, (_, label) in MEASURES.items()]]
        for index in range(self.width):
            given = initial_columns.get(index) or {}
            letter = column_letter(index)
            self.fields[f"c{index}"] = forms.CharField(
                label=f"{letter}列指标", required=False, max_length=128,
                initial=given.get("indicator", ""),
                widget=forms.TextInput(attrs={"list": "indicator-names"}),
            )  # fmt: skip
            self.fields[f"c{index}-measure"] = forms.ChoiceField(
                label=f"{letter}列口径", required=False, choices=measures,
                initial=given.get("measure", ""),
            )  # fmt: skip
            self.fields[f"c{index}-unit"] = forms.ChoiceField(
                label=f"{letter}列单位", required=False, choices=UNIT_CHOICES,
                initial=given.get("unit", ""),
            )  # fmt: skip

    def head_fields(self) -> list:
        return [self[n] for n in ("name", "header_row", "region_column", "period", "region")]

    def column_rows(self) -> list[dict]:
        """One row of the mapping table per column: its letter, heading and three fields."""
        header_row = self["header_row"].value()
        header = next((r[1:] for r in self.grid if str(r[0]) == str(header_row)), [])
        return [
            {
                "letter": column_letter(i),
                "heading": header[i] if i < len(header) else "",
                "indicator": self[f"c{i}"],
                "measure": self[f"c{i}-measure"],
                "unit": self[f"c{i}-unit"],
            }
            for i in range(self.width)
        ]

    def columns(self) -> list[ColumnMap]:
        """The columns given a measure (the others are not imported)."""
        data = self.cleaned_data
        return [
            ColumnMap(
                i,
                (data.get(f"c{i}") or "").strip(),
                data[f"c{i}-measure"],
                data.get(f"c{i}-unit") or "",
            )  # fmt: skip
            for i in range(self.width)
            if data.get(f"c{i}-measure")
        ]

    def layout_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "header_row": data["header_row"],
            "region_column": data["region_column"],
            "columns": self.columns(),
        }
