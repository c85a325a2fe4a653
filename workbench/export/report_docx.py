"""The report (export.report_model) as a Word document (python-docx), the same
lines as the .hwpx: title, byline, a "Heading 1" per tag, the bullets with
their source lines and notes, the sources table, page numbers in the footer.

Korean needs its own font slot in Word: the text of a run is drawn in its
East Asian font (``w:eastAsia``), the Latin letters in the ASCII one. Every
style the report uses names 맑은 고딕 for the first and Calibri for the second
(LibreOffice draws Calibri as the metric-equal Carlito; a machine without
맑은 고딕 falls back to its own Korean font) and drops the template's theme
fonts, which would win over both; the document's language is ko-KR for East
Asian text, so Word picks the Korean font for Hangul. A4 with 20 mm margins.

Writing is a generator that yields how many passages are laid out every
``BATCH`` entries, so a cancel stops it between batches; the file appears
only when complete (export.atomic).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from workbench.export.atomic import atomic_file
from workbench.export.report_model import Report

EAST_ASIAN_FONT, LATIN_FONT = "맑은 고딕", "Calibri"
BATCH = 200  # entries between progress reports (and cancel checks)
GRAY = RGBColor(0x55, 0x55, 0x55)
HEADER_FILL = "E8EEF4"
COLUMN_SHARES = (0.07, 0.41, 0.18, 0.13, 0.21)  # 번호 | 제목 | 발행처 | 날짜 | 파일
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
BYLINE, QUOTE, SOURCE, NOTE = "Report byline", "Report quote", "Report source", "Report note"
# The report's own paragraph styles (an analyst can restyle them in Word): size (pt), colour,
# left indent, hanging indent (the lines after the first, so a wrapped quote lines up after
# its ○), space before and after (pt), kept with the next paragraph, alignment. Left-aligned:
# justified, the line before a passage's line break would be stretched word by word.
LOOKS = {
    BYLINE: (10, GRAY, 0, 0, 0, 18, False, WD_ALIGN_PARAGRAPH.RIGHT),
    QUOTE: (11, None, 20, 14, 6, 1, True, WD_ALIGN_PARAGRAPH.LEFT),
    SOURCE: (9.5, GRAY, 20, 0, 0, 1, False, WD_ALIGN_PARAGRAPH.LEFT),
    NOTE: (10, None, 30, 10, 0, 1, False, WD_ALIGN_PARAGRAPH.LEFT),
}


def docx_steps(report: Report, path: Path) -> Iterator[int]:
    """Lay the report out, yielding the entries done every BATCH; then save."""
    document = base_document(report.language, report.title, report.analyst)
    # Each paragraph names its style by id: python-docx's add_paragraph(style=) looks the style up
    # among all of them every time, which took 3,000 paragraphs from 1 s to 10.
    ids = {name: document.styles[name].style_id for name in ("Title", "Heading 1", *LOOKS)}

    def add(text: str, style: str) -> None:
        document.add_paragraph(text)._p.style = ids[style]

    add(report.title, "Title")
    add(report.byline, BYLINE)
    done = 0
    for part in report.sections:
        add(part.heading, "Heading 1")
        for entry in part.entries:
            add(entry.quote, QUOTE)
            add(entry.source, SOURCE)
            if entry.note:
                add(entry.note, NOTE)
            done += 1
            if done % BATCH == 0:
                yield done
    add(report.sources_heading, "Heading 1")
    _table(document, report)
    yield done
    with atomic_file(Path(path)) as temp:
        document.save(temp)


def base_document(language: str, title: str, author: str):
    """A new Word document with the report's page (A4, page numbers), fonts and styles."""
    document = docx.Document()
    _page(document)
    _styles(document, language)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.language = "ko-KR" if language == "ko" else "en"
    return document


def shade(cell, fill: str = HEADER_FILL) -> None:
    element = OxmlElement("w:shd")
    element.set(qn("w:val"), "clear")
    element.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(element)


def repeat_header(table) -> None:
    """The table's first row again on every page the table runs to."""
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)


def keep_whole(row) -> None:
    """A row never cut across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def write_docx(report: Report, path: Path) -> None:
    for _ in docx_steps(report, path):
        pass


def _page(document) -> None:
    """A4 portrait, 20 mm margins, "- n -" centred at the foot of every page."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    _page_field(footer.add_run())
    footer.add_run(" -")


def _page_field(run) -> None:
    """Word's PAGE field in a run: begin, instruction, separate, a shown "1", end."""
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
        else:
            element = OxmlElement("w:t")
            element.text = "1"
        run._r.append(element)


def _fonts(rpr_owner) -> None:
    """맑은 고딕 for Korean, Calibri for Latin letters, on a style or run; no theme font."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr, face in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:cs", LATIN_FONT),
                       ("w:eastAsia", EAST_ASIAN_FONT)):
        fonts.set(qn(attr), face)


def _styles(document, language: str) -> None:
    styles = document.styles
    for name in ("Normal", "Title", "Heading 1", "Table Grid"):
        _fonts(styles[name].element)
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.line_spacing = 1.3
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")  # last of rPr's children in the schema's order
        rpr.append(lang)
    lang.set(qn("w:val"), "ko-KR" if language == "ko" else "en-US")
    lang.set(qn("w:eastAsia"), "ko-KR")
    title = styles["Title"]
    title.font.size, title.font.bold, title.font.color.rgb = Pt(18), True, RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(4)
    _no_border(title.element)
    heading = styles["Heading 1"]
    heading.font.size, heading.font.bold, heading.font.color.rgb = Pt(13), True, RGBColor(0, 0, 0)
    heading.paragraph_format.space_before, heading.paragraph_format.space_after = Pt(16), Pt(6)
    _report_styles(document)


def _no_border(style_element) -> None:
    """The template's Title has a blue rule under it: a report's title stands alone."""
    ppr = style_element.find(qn("w:pPr"))
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _report_styles(document) -> None:
    """The byline, quote, source and note styles, on Normal (its fonts)."""
    for name, (size, color, left, hanging, before, after, keep, align) in LOOKS.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style, style.quick_style = document.styles["Normal"], True
        style.font.size = Pt(size)
        if color is not None:
            style.font.color.rgb = color
        fmt = style.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Pt(left), Pt(-hanging) if hanging else None
        fmt.space_before, fmt.space_after, fmt.alignment = Pt(before), Pt(after), align
        fmt.keep_with_next = keep or None


def _table(document, report: Report) -> None:
    table = document.add_table(rows=1 + len(report.sources), cols=len(report.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = Mm(170)
    widths = [int(width * share) for share in COLUMN_SHARES]
    for column, column_width in zip(table.columns, widths):
        column.width = column_width  # the grid LibreOffice lays out by; Word reads each cell's width
    for r, values in enumerate([report.columns, *report.sources]):
        row = table.rows[r]
        keep_whole(row)
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.font.size = Pt(9.5)
            paragraph.paragraph_format.space_after = Pt(0)
            if r == 0:
                run.font.bold = True
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                shade(cell)
    repeat_header(table)
