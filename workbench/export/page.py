"""How a briefing sheet prints: paper, orientation, scale, column widths,
titles and page numbers.

A sheet prints one page wide whenever its text can stay at least
``MIN_POINTS`` on paper: first at the widths it asks for (portrait, else
landscape), else with its columns narrowed toward the minimums it allows —
the passage table's twelve columns at their screen widths printed two
pages across, so each row was cut in two and a 4-passage briefing took
twelve pages. Only a sheet whose minimums do not fit either spans pages
side by side (the first column repeating so a row can be followed). Rows
flow onto as many pages as they need and are never split: Excel and
LibreOffice both move a row that does not fit to the next page, and no row
is taller than a page (sheets.MAX_ROW_POINTS is under a page's printable
height at any scale we use). A4 by default, US Letter where the analyst's
locale uses it; the caller passes the paper (the window from its locale,
the CLI from Python's), the core never asks Qt.
"""

from __future__ import annotations

import locale
import math
import os
from dataclasses import dataclass

from openpyxl.worksheet.page import PageMargins

from workbench.export.words import is_korean

MIN_POINTS = 8.0  # the smallest printed text we accept
# Spreadsheets measure a column a little differently (LibreOffice draws a
# Calibri column a few per cent wider than Excel): plan for some headroom.
HEADROOM = 1.05
FONT_POINTS = 11.0  # the workbook's body font (Calibri 11, openpyxl's default)
# Letter is the paper of the US, Canada, Mexico, the Philippines and much of Latin America (CLDR).
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "PR", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "SV", "NI",
                                "BZ", "HN", "BO", "PE"})
# Width × height in points, and openpyxl's paperSize code.
PAPERS = {"a4": (595.3, 841.9, 9), "letter": (612.0, 792.0, 1)}
# Excel's "Narrow" margins (inches): a quarter inch more of each line for the table.
MARGINS = PageMargins(left=0.25, right=0.25, top=0.75, bottom=0.75, header=0.3, footer=0.3)
FOOTER = {"en": "Page &P of &N", "ko": "&P / &N쪽"}


def paper_for_locale(name: str | None) -> str:
    """"a4" or "letter" for a locale name such as "en_US.UTF-8" or "ko-KR"."""
    territory = (name or "").split(".")[0].split("@")[0].replace("-", "_").split("_")[1:2]
    return "letter" if territory and territory[0].upper() in LETTER_TERRITORIES else "a4"


def default_paper() -> str:
    """The paper of the process's locale (LC_PAPER when set, else the C library's locale)."""
    name = os.environ.get("LC_PAPER") or os.environ.get("LC_ALL")
    if not name:
        try:
            name = locale.getlocale()[0] or os.environ.get("LANG")
        except ValueError:
            name = os.environ.get("LANG")
    return paper_for_locale(name)


def column_points(width: float) -> float:
    """A column of ``width`` characters in points at 100 % (Excel: 7 px a
    character of Calibri 11 plus 5 px of padding, at 96 px an inch)."""
    return (7 * width + 5) * 0.75


def pages_across(widths: list[float], usable: float) -> int:
    """Pages needed side by side for columns of these widths (points) when a
    page holds ``usable`` points: columns are never split, and the first
    column repeats on every page after the first."""
    pages, filled = 1, 0.0
    for width in widths:
        if filled and filled + width > usable:
            pages, filled = pages + 1, widths[0]
        filled += width
    return pages


@dataclass(frozen=True, slots=True)
class Plan:
    """How a sheet prints: its orientation, how many pages wide, and the column widths (characters)."""

    orientation: str
    pages_wide: int
    widths: list[float]


def room(paper: str, orientation: str) -> float:
    """Points of columns (at 100 %) that one page across holds with the text
    shrunk no further than ``MIN_POINTS``."""
    page_w, page_h, _ = PAPERS.get(paper, PAPERS["a4"])
    across = page_w if orientation == "portrait" else page_h
    return (across - (MARGINS.left + MARGINS.right) * 72) * FONT_POINTS / (MIN_POINTS * HEADROOM)


def narrowed(widths: list[float], minimums: list[float], points: float) -> list[float]:
    """The widths, each column giving up the same share of what it may give
    (its width above its minimum), until they fit ``points``."""
    n = len(widths)
    budget = (points / 0.75 - 5 * n) / 7  # characters, inverting column_points
    slack = sum(widths) - sum(minimums)
    share = 0.0 if slack <= 0 else max(0.0, min(1.0, (budget - sum(minimums)) / slack))
    return [math.floor((low + share * (wide - low)) * 10) / 10 for wide, low in zip(widths, minimums)]


def plan(widths: list[float], paper: str, minimums: list[float] | None = None) -> Plan:
    """Portrait when the sheet fits one portrait page at a readable size,
    else landscape; one page wide with the columns narrowed (never below
    ``minimums``) when that fits, else as few pages wide as the minimums allow."""
    widths = list(widths)
    minimums = [min(low, wide) for low, wide in zip(minimums or widths, widths)]
    width = sum(column_points(w) for w in widths)
    for orientation in ("portrait", "landscape"):
        if width <= room(paper, orientation):
            return Plan(orientation, 1, widths)
    usable = room(paper, "landscape")
    if sum(column_points(w) for w in minimums) <= usable:
        return Plan("landscape", 1, narrowed(widths, minimums, usable))
    return Plan("landscape", pages_across([column_points(w) for w in minimums], usable), minimums)


def _escape(text: str) -> str:
    return text.replace("&", "&&")


def set_up_page(ws, layout: Plan, title: str, paper: str = "a4", language: str = "en") -> None:
    """Paper, orientation, fit to width (never to height), repeated header row,
    a header naming the briefing and the sheet, and page numbers. The
    caller gives the columns ``layout.widths``."""
    paper = paper if paper in PAPERS else "a4"
    setup = ws.page_setup
    setup.paperSize = PAPERS[paper][2]
    setup.orientation = layout.orientation
    setup.fitToWidth = layout.pages_wide
    setup.fitToHeight = 0  # as many pages down as the rows need
    setup.pageOrder = "overThenDown"  # a row's two halves print one after the other
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = MARGINS
    ws.print_title_rows = "1:1"
    if layout.pages_wide > 1:
        ws.print_title_cols = "A:A"
    ws.print_options.gridLines = False
    ws.oddHeader.left.text = _escape(title)
    ws.oddHeader.right.text = "&A"  # the sheet's name
    # Header and footer shrink with the sheet in LibreOffice: the body's size keeps them readable.
    ws.oddHeader.left.size = ws.oddHeader.right.size = int(FONT_POINTS)
    ws.oddFooter.center.text = FOOTER["ko" if is_korean(language) else "en"]
    ws.oddFooter.center.size = int(FONT_POINTS)
