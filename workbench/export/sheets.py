"""Sheet names Excel accepts, and row heights that show every wrapped line.

LibreOffice keeps the row height a file states (Excel grows rows itself), so
a row must be written tall enough for its longest wrapped cell; counting
Korean and other wide characters as two columns makes the estimate fit."""

from __future__ import annotations

import re

from workbench.export.safety import clean

_SHEET_FORBIDDEN_RE = re.compile(r"[\[\]:*?/\\]")
# East Asian Wide and Fullwidth characters (Markus Kuhn's wcwidth ranges):
# Hangul, CJK, kana, fullwidth forms, emoji. One regex pass per cell instead
# of a unicodedata call per character (this runs over every exported cell).
_WIDE_RE = re.compile(
    "[\u1100-\u115f\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0002fffd\U00030000-\U0003fffd]")
LINE_POINTS = 15.0  # one line of Calibri 11
MAX_ROW_POINTS = 409.0  # Excel's tallest row


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique
    (case-insensitive); and no control character, which XML cannot hold (a
    tag name from an older project may have one: the export used to crash)."""
    base = _SHEET_FORBIDDEN_RE.sub("_", clean(name)).strip("'").strip() or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def display_width(text: str) -> int:
    """Hangul and other wide characters take two columns of a cell's width."""
    return len(text) + len(_WIDE_RE.findall(text))


def row_height(values: list, widths: list[int], bold: bool = False) -> float:
    """Points for the row's tallest wrapped cell (capped at Excel's limit);
    bold text (a header) is about a tenth wider."""
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str) and value:
            usable = max(4, int((width - 1) * (0.88 if bold else 1)))
            wrapped = sum(max(1, -(-display_width(part) // usable)) for part in value.split("\n"))
            lines = max(lines, wrapped)
    return min(MAX_ROW_POINTS, LINE_POINTS * lines + 2)


def fit_labels(labels: list[str], widths: list[int]) -> list[int]:
    """Widen a column whose header has a word longer than the column (bold
    "Mentions" in 10 characters broke as "Mention/s"): words never split."""
    return [max(width, max((display_width(word) for word in str(label).split()), default=0) + 3)
            for label, width in zip(labels, widths)]
