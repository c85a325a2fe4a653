"""Cells that are safe to open: document text is untrusted.

* Formula injection: a value starting with = + - @ or a tab/CR could be run by
  the spreadsheet. In .xlsx we store such a value as a string cell (``t="s"``),
  so Excel and LibreOffice show it as text and the text stays byte-identical;
  in CSV, which has no types, we prefix an apostrophe (the OWASP advice).
* Control characters XML (and so Excel) rejects are removed (core.xmltext).
* Excel holds at most 32,767 characters in a cell: longer text is cut with a
  visible marker saying how much was left out.
"""

from __future__ import annotations

from workbench.core.xmltext import clean
from workbench.export.words import truncated

__all__ = ["EXCEL_CELL_LIMIT", "DANGEROUS_START", "clean", "fit", "is_dangerous", "csv_safe"]

EXCEL_CELL_LIMIT = 32_767
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def fit(value: str, limit: int = EXCEL_CELL_LIMIT, language: str = "en") -> str:
    """``value``, or its start with a marker (in the file's language) saying how much was cut."""
    if len(value) <= limit:
        return value
    kept = limit - 50
    for _ in range(3):  # the marker's length depends on the number it shows
        kept = limit - len(truncated(len(value) - kept, language))
    return value[:kept] + truncated(len(value) - kept, language)


def is_dangerous(value: str) -> bool:
    return value.startswith(DANGEROUS_START)


def csv_safe(value: str) -> str:
    value = clean(value)
    return "'" + value if is_dangerous(value) else value
