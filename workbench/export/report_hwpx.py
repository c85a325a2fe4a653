"""The report (export.report_model) as an HWPX file, for Hangul (한컴오피스).

Written with hwpforge (MIT/Apache-2.0), chosen over python-hwpx (Apache-2.0)
after writing this report with both:

* validity: the reports of both pass both libraries' checks (hwpforge's
  ``validate()``; python-hwpx's OWPML schema ``validate()`` and package
  check, which warns of no preview text only) and Workbench's HWPX reader
  reads every quote back from either;
* speed: 1,000 passages (3,000 paragraphs and the sources table) take
  hwpforge 0.4 s and python-hwpx 10 s (its ``add_paragraph`` slows as the
  document grows), while the analyst waits;
* what Hangul needs: both give char and paragraph shapes, a font per script,
  tables and A4; hwpforge writes the page number as Hangul's own 쪽 번호
  control, python-hwpx as a number in a footer it makes; neither makes the
  □/○ marks of a Korean report, so the marks are text (개조식) either way;
* size and licence: hwpforge is one native wheel (16 MB, no dependencies,
  already our fixtures' tool) that a frozen app takes in as an extension
  module; python-hwpx is pure Python (4.4 MB, lxml) but loads a template
  file from its package, which a frozen app must be told to bundle, and it
  calls itself alpha, its API still moving;
* our code: python-hwpx's python-docx-like API would need about 70 lines;
  hwpforge builds a document from its JSON exchange format, about 120 lines
  here (the shapes below, a table of cells), on top of its "latest" preset's
  style store (함초롬바탕 10 pt, A4), which gives the paragraph and table
  defaults.

The preset's store is read once from a tiny Markdown document; this module
adds 함초롬돋움 for headings, the report's char and paragraph shapes and a
shaded header row, then writes one section: title, byline, a heading per tag
(style 개요 1, so Hangul's outline and Workbench's reader see it), the
bullets, the sources table, and the page number at the foot of every page
("- 1 -"). LibreOffice (7.4) cannot open an .hwpx at all: the report is
checked by the validators and the readers, and its Word twin is printed.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

import hwpforge

from workbench.export.atomic import write_atomically
from workbench.export.report_model import Report

BODY_FONT, HEADING_FONT = "함초롬바탕", "함초롬돋움"
_SKELETON = "# 제목\n\n본문\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
_OUTLINE_1 = "개요 1"
GRAY, HEADER_FILL = 0x555555, "#E8EEF4"
# Each look: the font (heading or body), size in 1/100 pt, bold, colour.
CHAR_LOOKS = {
    "title": (HEADING_FONT, 1800, True, 0), "byline": (BODY_FONT, 1000, False, GRAY),
    "heading": (HEADING_FONT, 1300, True, 0), "quote": (BODY_FONT, 1100, False, 0),
    "source": (BODY_FONT, 950, False, GRAY), "note": (BODY_FONT, 1000, False, 0),
    "th": (HEADING_FONT, 950, True, 0), "td": (BODY_FONT, 950, False, 0),
}
# Each paragraph: alignment, left margin, indent, space before and after (HWP units: 100
# a point), as the Word report's. A negative indent (내어쓰기) pulls the first line left of
# the margin, so a wrapped quote lines up after its ○ and under its source line. Left-
# aligned: justified, the line before a passage's line break would be stretched word by word.
PARA_LOOKS = {
    "title": ("Center", 0, 0, 0, 400), "byline": ("Right", 0, 0, 0, 1200),
    "heading": ("Left", 0, 0, 1600, 600), "quote": ("Left", 2000, -1400, 600, 100),
    "source": ("Left", 2000, 0, 0, 100), "note": ("Left", 3000, -1000, 0, 100),
    "th": ("Center", 0, 0, 0, 0), "td": ("Left", 0, 0, 0, 0),
}
COLUMN_SHARES = (0.07, 0.41, 0.18, 0.13, 0.21)  # 번호 | 제목 | 발행처 | 날짜 | 파일


@functools.lru_cache(maxsize=1)
def _preset() -> str:
    """The preset's document as hwpforge's JSON (styles included), made once."""
    return hwpforge.convert_md(_SKELETON, preset="latest").document.to_json(styles=True).text


class _Styles:
    """The preset's style store with the report's fonts and shapes added; ids by look."""

    def __init__(self, store: dict) -> None:
        self.store = store
        fonts = store["fonts"]
        body = {f["lang"]: f["id"] for f in fonts if f["face_name"] == BODY_FONT}
        heading = {}
        for lang, body_id in body.items():
            face = copy.deepcopy(next(f for f in fonts if f["lang"] == lang and f["id"] == body_id))
            face["id"] = 1 + max(f["id"] for f in fonts if f["lang"] == lang)
            face["face_name"] = HEADING_FONT
            fonts.append(face)
            heading[lang] = face["id"]
        ids = {BODY_FONT: body, HEADING_FONT: heading}
        base_char = next(c for c in store["char_shapes"] if set(c["font_ref"].values()) == {body["HANGUL"]})
        self.char: dict[str, int] = {}
        for look, (face, height, bold, color) in CHAR_LOOKS.items():
            shape = copy.deepcopy(base_char)
            shape["font_ref"] = {key: ids[face].get(key.upper(), ids[face]["HANGUL"]) for key in shape["font_ref"]}
            shape.update(height=height, bold=bold, text_color=color)
            self.char[look] = len(store["char_shapes"])
            store["char_shapes"].append(shape)
        base_para = store["para_shapes"][0]
        self.para: dict[str, int] = {}
        for look, (align, left, indent, before, after) in PARA_LOOKS.items():
            shape = copy.deepcopy(base_para)
            shape.update(alignment=align, keep_with_next=look in ("title", "heading", "quote"),
                         line_spacing=130 if look in ("th", "td") else 160)
            for key, value in (("margin_left", left), ("indent", indent), ("spacing_before", before),
                               ("spacing_after", after)):
                shape[key] = {"unit": "hwpunit", "value": value}
            self.para[look] = len(store["para_shapes"])
            store["para_shapes"].append(shape)
        self.outline_1 = next(s["id"] for s in store["styles"] if s["name"] == _OUTLINE_1)
        grid = next(b for b in store["border_fills"] if b["left"]["line_type"] == "SOLID")
        shaded = copy.deepcopy(grid)
        shaded["id"] = 1 + max(b["id"] for b in store["border_fills"])
        shaded["fill"] = {"WinBrush": {"face_color": HEADER_FILL, "hatch_color": "#000000", "alpha": "0"}}
        store["border_fills"].append(shaded)
        self.grid, self.shaded = grid["id"], shaded["id"]

    def add_look(self, name: str, base: str, **changes) -> int:
        """A char shape like ``base``'s with ``changes`` (hwpforge's field names;
        colours are 0xBBGGRR), known by ``name`` from then on."""
        shape = copy.deepcopy(self.store["char_shapes"][self.char[base]])
        shape.update(changes)
        self.char[name] = len(self.store["char_shapes"])
        self.store["char_shapes"].append(shape)
        return self.char[name]

    def runs(self, pieces: list[tuple[str, str]], look: str) -> dict:
        """A paragraph of several runs, each (text, look)."""
        paragraph = self.paragraph("", look)
        paragraph["runs"] = [{"content": {"Text": text}, "char_shape_id": self.char[style]}
                             for text, style in pieces if text] or paragraph["runs"]
        return paragraph

    def paragraph(self, text: str, look: str, **extra) -> dict:
        return {"runs": [{"content": {"Text": text}, "char_shape_id": self.char[look]}],
                "para_shape_id": self.para[look], "column_break": False, "page_break": False, **extra}


def hwpx_bytes(report: Report) -> bytes:
    """The report as the bytes of an .hwpx package."""
    page = Page()
    styles = page.styles
    body = [styles.paragraph(report.title, "title"), styles.paragraph(report.byline, "byline")]
    for part in report.sections:
        body.append(styles.paragraph(part.heading, "heading", style_id=styles.outline_1))
        for entry in part.entries:
            body.append(styles.paragraph(entry.quote, "quote"))
            body.append(styles.paragraph(entry.source, "source"))
            if entry.note:
                body.append(styles.paragraph(entry.note, "note"))
    body.append(styles.paragraph(report.sources_heading, "heading", style_id=styles.outline_1))
    body.append(_table(report, styles, page.table_template, page.settings))
    return page.to_bytes(body, report.title, report.analyst)


class Page:
    """One A4 section on the preset: its styles (:class:`_Styles`), the
    preset's table to build tables on, and the bytes of the package once its
    paragraphs are given (the page number at the foot of every page)."""

    def __init__(self) -> None:
        self.document = json.loads(_preset())
        self.styles = _Styles(self.document["styles"])
        self.section = self.document["document"]["sections"][0]
        self.settings = self.section["page_settings"]
        self.table_template = next(p for p in self.section["paragraphs"]
                                   if any("Table" in run["content"] for run in p["runs"]))

    def to_bytes(self, body: list[dict], title: str, author: str) -> bytes:
        self.section["paragraphs"] = body
        self.section["page_number"] = {"position": "BottomCenter", "number_format": "Digit", "decoration": "- "}
        self.document["document"]["metadata"].update(title=title, author=author, last_saved_by=author)
        return hwpforge.from_json(json.dumps(self.document, ensure_ascii=False)).document.to_bytes()


def _table(report: Report, styles: _Styles, template: dict, page: dict) -> dict:
    """The sources table, in a paragraph of its own, built on the preset's table."""
    rows = [[[styles.paragraph(value, "th" if r == 0 else "td")] for value in values]
            for r, values in enumerate([report.columns, *report.sources])]
    return grid(rows, COLUMN_SHARES, styles, template, page)


def grid(rows: list[list[list[dict]]], shares, styles: _Styles, template: dict, page: dict) -> dict:
    """A table in a paragraph of its own, on the preset's table ``template``:
    ``rows`` of cells, each cell its paragraphs; the first row is the header
    (shaded, repeated on every page); columns take ``shares`` of the text width."""
    paragraph = copy.deepcopy(template)
    table = next(run["content"]["Table"] for run in paragraph["runs"] if "Table" in run["content"])
    cell_template = table["rows"][0]["cells"][0]
    width = page["width"] - page["margin_left"] - page["margin_right"]
    widths = [int(width * share) for share in shares]
    widths[1 if len(widths) > 1 else 0] += width - sum(widths)
    made = []
    for r, values in enumerate(rows):
        header = r == 0
        cells = []
        for c, paragraphs in enumerate(values):
            cell = copy.deepcopy(cell_template)
            cell.update(header=header, width=widths[c], addr={"row": r, "col": c}, col_span=1, row_span=1,
                        border_fill_id=styles.shaded if header else styles.grid, paragraphs=paragraphs)
            cells.append(cell)
        made.append({"cells": cells, "height": None, "is_header": header})
    table.update(rows=made, width=width, repeat_header=True, border_fill_id=styles.grid)
    paragraph["para_shape_id"] = styles.para["td"]
    return paragraph


def validate_hwpx(data: bytes) -> dict:
    """hwpforge's own check of a package: ``{"ok": bool, "errors": [...], ...}``."""
    return hwpforge.Document.from_bytes(data).validate()


def write_hwpx(report: Report, path: Path) -> None:
    data = hwpx_bytes(report)
    write_atomically(Path(path), lambda temp: temp.write_bytes(data))
