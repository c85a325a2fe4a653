"""A comparison's 신구조문대비표 as an Excel workbook: a title naming both
documents, a line counting what changed, then the two columns 현 행 |
개 정 안 with the changed words struck through (old) and underlined (new)
inside the cells, as rich text, so the marks survive in Excel and LibreOffice
alike. Printed A4 portrait, both columns on one page wide, the header row
repeated. Text a document supplies goes through export.safety like every
other cell Workbench writes."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from workbench.core.comparison import Comparison
from workbench.export.atomic import write_atomically
from workbench.export.compare_table import STRUCK, UNDERLINED, TableRow, column_heading, summary_line, title_line, word
from workbench.export.page import plan, set_up_page
from workbench.export.safety import clean, fit
from workbench.export.sheets import row_height

WIDTHS = [60, 60]
FONT = "맑은 고딕"
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WRAP = Alignment(wrap_text=True, vertical="top")
MARKED = {STRUCK: InlineFont(rFont=FONT, strike=True, b=True, color="C00000"),
          UNDERLINED: InlineFont(rFont=FONT, u="single", b=True, color="1F4E78")}
PLAIN = InlineFont(rFont=FONT)


def _rich(runs, language: str):
    """A cell value: plain text when nothing is marked, else rich text runs."""
    pieces = [(clean(text), style) for text, style in runs if text]
    if all(style not in MARKED for _, style in pieces):
        return fit("".join(text for text, _ in pieces), language=language)
    return CellRichText([TextBlock(MARKED.get(style, PLAIN), text) for text, style in pieces])


def write_compare_xlsx(comparison: Comparison, rows: list[TableRow], out: Path, language: str = "ko",
                       paper: str = "a4") -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = word("title", language)
    ws.append([title_line(comparison, language)])
    ws.merge_cells("A1:B1")
    ws["A1"].font = Font(name=FONT, size=13, bold=True)
    ws.append([summary_line(comparison, language)])
    ws.merge_cells("A2:B2")
    ws["A2"].font = Font(name=FONT, size=10, color="595959")
    ws.append([column_heading(comparison, "old", language), column_heading(comparison, "new", language)])
    for cell in ws[3]:
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    layout = plan(WIDTHS, paper)
    ws["A1"].alignment = WRAP  # two long titles: wrapped over both columns, not cut at the page's edge
    ws.row_dimensions[1].height = row_height([ws["A1"].value], [sum(layout.widths)], bold=True) + 4
    header = [ws.cell(3, 1).value, ws.cell(3, 2).value]
    ws.row_dimensions[3].height = row_height(header, layout.widths, bold=True)
    for row in rows:
        ws.append([_rich(row.old, language), _rich(row.new, language)])
        # Office suites keep a row's stored height: give it the wrapped text's.
        ws.row_dimensions[ws.max_row].height = row_height([TableRow.text(row.old), TableRow.text(row.new)],
                                                          layout.widths)
        for cell in ws[ws.max_row]:
            cell.alignment = WRAP
            cell.border = BORDER
            if not isinstance(cell.value, CellRichText):
                cell.font = Font(name=FONT)
    for letter, width in zip("AB", layout.widths):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
    set_up_page(ws, layout, word("title", language), paper, language)
    ws.print_title_rows = "3:3"
    wb.properties.title = word("title", language)
    write_atomically(Path(out), lambda temp: wb.save(temp))
