"""Read generated files back: paragraphs of a .docx, cells of an .xlsx."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook


def docx_paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def docx_document(content: bytes):
    return Document(io.BytesIO(content))


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))
