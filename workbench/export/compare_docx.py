"""A comparison's 신구조문대비표 as a Word document: the title naming both
documents, the summary line, then the two columns 현 행 | 개 정 안 (the header
row repeated on every page). In the cells a word the amendment changes is
struck through, bold and dark red on the old side, underlined, bold and dark
blue on the new (compare_table's runs). The report's page, fonts and styles
(export.report_docx), so Workbench's Word documents look alike."""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from workbench.core.comparison import Comparison
from workbench.core.xmltext import clean
from workbench.export.atomic import atomic_file
from workbench.export.compare_page import fits_on_a_page
from workbench.export.compare_table import STRUCK, UNDERLINED, TableRow, column_heading, summary_line, title_line
from workbench.export.report_docx import BYLINE, base_document, keep_whole, repeat_header, shade

RED, BLUE = RGBColor(0xC0, 0x00, 0x00), RGBColor(0x1F, 0x4E, 0x78)


def write_compare_docx(comparison: Comparison, rows: list[TableRow], out: Path, language: str = "ko") -> None:
    title = clean(title_line(comparison, language))
    document = base_document(language, title, "")
    ids = {name: document.styles[name].style_id for name in ("Title", BYLINE)}
    document.add_paragraph(title)._p.style = ids["Title"]
    document.add_paragraph(clean(summary_line(comparison, language)))._p.style = ids[BYLINE]
    table = document.add_table(rows=1 + len(rows), cols=2)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    half = Mm(85)
    for column in table.columns:
        column.width = half
    for c, side in enumerate(("old", "new")):
        cell = table.rows[0].cells[c]
        cell.width = half
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(clean(column_heading(comparison, side, language)))
        run.font.bold, run.font.size = True, Pt(10)
        shade(cell)
    repeat_header(table)
    for r, row in enumerate(rows, 1):
        cells = table.rows[r].cells
        if fits_on_a_page(row):  # a longer row may split: Word would draw it off the page (compare_page)
            keep_whole(table.rows[r])
        for cell, runs in zip(cells, (row.old, row.new)):
            cell.width = half
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            for text, style in runs:
                if not text:
                    continue
                run = paragraph.add_run(clean(text))
                run.font.size = Pt(10)
                if style == STRUCK:
                    run.font.strike, run.font.bold, run.font.color.rgb = True, True, RED
                elif style == UNDERLINED:
                    run.font.underline, run.font.bold, run.font.color.rgb = True, True, BLUE
    with atomic_file(Path(out)) as temp:
        document.save(temp)
