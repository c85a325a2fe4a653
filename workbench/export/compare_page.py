"""Whether a row of the 신구조문대비표 fits on one A4 page, for the HWPX and
DOCX writers, which keep a row whole on a page (a provision read across a
page break is easy to misread) — but only a row that fits: Word draws a
row it may not split, and that is taller than a page, off the page's foot,
the rest of its text lost (dolanmiu/docx#402), and Hangul does the same
with a table split only between rows ("셀 단위로 나눔", pageBreak CELL).
LibreOffice splits such a row anyway.

The estimate counts wrapped lines the way export.sheets does for Excel's
rows: a Hangul syllable (or other wide character) is two columns, a Latin
letter, digit or space one; a line break starts a new line. A column of
the table is 85 mm less the cell's margins, about 81 mm: 23 syllables of
10 pt text, 46 columns, of which some go unused at a line's end where the
next word does not fit (LibreOffice wrapped 75 words of 8 syllables and 3 digits in 38
lines, 1,500 columns: 40 a line). An A4 page under 20 mm margins, its
footer and the repeated header row holds about 45 lines of it in Word
(1.3 lines, LibreOffice's print) and more in Hangul (130 %);
``PAGE_LINES`` leaves room for the estimate's error."""

from __future__ import annotations

import re

from workbench.export.compare_table import Run, TableRow
from workbench.export.sheets import display_width

COLUMNS_PER_LINE = 40
PAGE_LINES = 38
_BREAK_RE = re.compile(r"\r\n|\r|\n")


def lines(runs: list[Run]) -> int:
    """About how many lines a cell's text wraps to."""
    return sum(max(1, -(-display_width(part) // COLUMNS_PER_LINE)) for part in _BREAK_RE.split(TableRow.text(runs)))


def fits_on_a_page(row: TableRow) -> bool:
    return max(lines(row.old), lines(row.new)) <= PAGE_LINES
