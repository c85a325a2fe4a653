"""How a briefing sheet prints: paper, orientation, scale, titles and page numbers.

Forcing every column onto one page made the passage table print at ~4 pt.
Here a sheet is fitted to the page *width* only when its text stays at least
``MIN_POINTS`` on paper; a wider sheet spans pages side by side instead (the
first column repeats on each so a row can be followed), and rows always
flow onto as many pages as they need. A4 by default, US Letter where the
analyst's locale uses it; the caller passes the paper (the window from its
locale, the CLI from Python's), the core never asks Qt.
"""

from __future__ import annotations

import locale
import os

from openpyxl.worksheet.page import PageMargins

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
MARGINS = PageMargins(left=0.4, right=0.4, top=0.75, bottom=0.75, header=0.3, footer=0.3)  # inches
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


def plan(widths: list[float], paper: str) -> tuple[str, int]:
    """Orientation and the number of pages wide at which the text stays at
    least ``MIN_POINTS`` once the sheet is shrunk to fit (portrait when the
    sheet fits one portrait page, else landscape)."""
    page_w, page_h, _ = PAPERS[paper]
    points = [column_points(w) for w in widths]
    shrink = MIN_POINTS * HEADROOM / FONT_POINTS
    margins = (MARGINS.left + MARGINS.right) * 72
    if sum(points) * shrink <= page_w - margins:
        return "portrait", 1
    return "landscape", pages_across(points, (page_h - margins) / shrink)


def _escape(text: str) -> str:
    return text.replace("&", "&&")


def set_up_page(ws, widths: list[float], title: str, paper: str = "a4", language: str = "en") -> None:
    """Paper, orientation, fit to width (never to height), repeated header row,
    a header naming the briefing and the sheet, and page numbers."""
    paper = paper if paper in PAPERS else "a4"
    orientation, pages_wide = plan(widths, paper)
    setup = ws.page_setup
    setup.paperSize = PAPERS[paper][2]
    setup.orientation = orientation
    setup.fitToWidth = pages_wide
    setup.fitToHeight = 0  # as many pages down as the rows need
    setup.pageOrder = "overThenDown"  # a row's two halves print one after the other
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = MARGINS
    ws.print_title_rows = "1:1"
    if pages_wide > 1:
        ws.print_title_cols = "A:A"
    ws.print_options.gridLines = False
    ws.oddHeader.left.text = _escape(title)
    ws.oddHeader.right.text = "&A"  # the sheet's name
    # Header and footer shrink with the sheet in LibreOffice: the body's size keeps them readable.
    ws.oddHeader.left.size = ws.oddHeader.right.size = int(FONT_POINTS)
    ws.oddFooter.center.text = FOOTER["ko" if language.startswith("ko") else "en"]
    ws.oddFooter.center.size = int(FONT_POINTS)
