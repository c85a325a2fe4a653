"""A comparison's 신구조문대비표 as an HWPX file for Hangul: the title naming
both documents, the summary line, then the two columns 현 행 | 개 정 안 with
the header row repeated on every page. In the cells, a word the amendment
changes is struck through, bold and dark red on the old side, and
underlined, bold and dark blue on the new side (compare_table's runs).
Built on the report's page (export.report_hwpx: hwpforge, 함초롬 fonts, A4,
page numbers), so the two Korean documents Workbench writes look alike."""

from __future__ import annotations

from pathlib import Path

from workbench.core.comparison import Comparison
from workbench.core.xmltext import clean
from workbench.export.atomic import write_atomically
from workbench.export.compare_page import fits_on_a_page
from workbench.export.compare_table import (
    PLAIN, STRUCK, UNDERLINED, TableRow, column_heading, summary_line, title_line,
)
from workbench.export.report_hwpx import Page, grid

# hwpforge colours are 0xBBGGRR: dark red #C00000, dark blue #1F4E78 (as the xlsx table's).
RED, BLUE = 0x0000C0, 0x784E1F


def compare_hwpx_bytes(comparison: Comparison, rows: list[TableRow], language: str = "ko") -> bytes:
    page = Page()
    styles = page.styles
    styles.add_look(STRUCK, "td", strikeout_shape="Solid", strikeout_color=RED, bold=True, text_color=RED)
    styles.add_look(UNDERLINED, "td", underline_type="Bottom", underline_shape="Solid", underline_color=BLUE,
                    bold=True, text_color=BLUE)
    styles.char[PLAIN] = styles.char["td"]
    title = clean(title_line(comparison, language))
    header = [[styles.paragraph(clean(column_heading(comparison, side, language)), "th")] for side in ("old", "new")]
    table = [header] + [[[styles.runs([(clean(text), style) for text, style in runs], "td")]
                         for runs in (row.old, row.new)] for row in rows]
    made = grid(table, (0.5, 0.5), styles, page.table_template, page.settings)
    _lay_out(next(run["content"]["Table"] for run in made["runs"] if "Table" in run["content"]), rows)
    body = [styles.paragraph(title, "title"), styles.paragraph(summary_line(comparison, language), "byline"), made]
    return page.to_bytes(body, title, "")


def _lay_out(table: dict, rows: list[TableRow]) -> None:
    """Each provision read from the top of its cell, beside the other
    version's (the preset centres a cell's text, so a short cell beside a
    long one floated halfway down); rows split only between them (CELL, 셀
    단위로 나눔) unless one is taller than a page, which Hangul would then
    draw past the page's foot: then within them too (TABLE, 나눔)."""
    for made in table["rows"][1:]:
        for cell in made["cells"]:
            cell["vertical_align"] = "top"
    table["page_break"] = "cell" if all(fits_on_a_page(row) for row in rows) else "table"


def write_compare_hwpx(comparison: Comparison, rows: list[TableRow], out: Path, language: str = "ko") -> None:
    data = compare_hwpx_bytes(comparison, rows, language)
    write_atomically(Path(out), lambda temp: temp.write_bytes(data))
