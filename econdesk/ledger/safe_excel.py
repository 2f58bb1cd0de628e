"""Cells that a spreadsheet can never run as a formula: the one guard every Excel export uses.

A region, indicator, project or task name is typed by people; a name such as
``=HYPERLINK("http://…","点我")`` written into an export as-is becomes a live formula in the
reader's Excel (CSV/formula injection). OWASP's list of dangerous first characters is
= + - @ tab and carriage return; the full-width forms that a Chinese input method types
(＝ ＋ － ＠) are treated the same, and so is a line feed.

safe_cell(value) gives what to store: numbers, dates and None unchanged; formula-like text as
inline rich text, which openpyxl always writes as a string cell (never as ``<f>``) and which
reads back as the same plain text. write(cell, value) stores safe_cell(value) and also sets
Excel's quote prefix (the hidden leading apostrophe), so editing the cell in Excel keeps it
text. Characters that XML cannot hold (control characters) are dropped rather than failing the
whole export.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """The value to put in a cell so that it can never be evaluated as a formula."""
    if not isinstance(value, str) or isinstance(value, CellRichText):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_STARTS):
        return CellRichText([value])
    return value


def write(cell, value):
    """Store value in an openpyxl cell through safe_cell; formula-like text gets the quote prefix.

    Returns the cell, so callers can go on to set its font, format or border.
    """
    cell.value = safe_cell(value)
    if is_formula_like(value):
        cell.quotePrefix = True
    return cell
