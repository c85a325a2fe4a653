"""HWPX (OWPML), the XML format of Hancom Office 2014 and later.

A zip of ``Contents/section*.xml``. Paragraphs are ``hp:p`` with text in
``hp:t``; a table sits in a paragraph's run (``hp:tbl``: rows ``hp:tr``,
cells ``hp:tc`` with ``hp:cellAddr``/``hp:cellSpan`` and their own
paragraphs, which may hold tables again); footnotes (``hp:footNote``) and
text boxes (``hp:drawText``) hold paragraphs too; page headers and footers
(``hp:header``/``hp:footer``) are running text, left out. The paragraphs
become a :mod:`~workbench.corpus.doctree`, so nested tables and boxes are
read like the HWP 5.0 ones.

Headings: a paragraph whose paragraph shape (``hh:paraPr``) has an OUTLINE
heading, or whose style is "개요 N"/"Outline N"; other paragraphs go to the
line classifier, which knows 제N장, □ and 가. headings. The title and dates
come from ``Contents/content.hpf``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from workbench.corpus.doctree import Cell, Note, Para, Table, flatten, map_text
from workbench.corpus.hwp5.symbols import map_font_symbols
from workbench.corpus.readers import ReaderResult
from workbench.corpus.readers.ooxml import damaged_error, encrypted_error, open_zip, xml_error
from workbench.corpus.titles import clean_title

_HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
_HH = "http://www.hancom.co.kr/hwpml/2011/head"
_OPF = "http://www.idpf.org/2007/opf/"
_P, _T, _TBL, _TR, _TC, _SUBLIST = (f"{{{_HP}}}{n}" for n in ("p", "t", "tbl", "tr", "tc", "subList"))
_CELL_ADDR, _CELL_SPAN, _DRAW_TEXT = (f"{{{_HP}}}{n}" for n in ("cellAddr", "cellSpan", "drawText"))
_POS, _CAPTION = f"{{{_HP}}}pos", f"{{{_HP}}}caption"
_NOTES = {f"{{{_HP}}}footNote": "footnote", f"{{{_HP}}}endNote": "endnote"}
# Running page text and objects without body text: never part of the flow.
_LEAVE_OUT = {f"{{{_HP}}}{n}" for n in ("header", "footer", "pic", "ole", "equation", "fieldBegin", "fieldEnd",
                                        "linesegarray", "secPr", "colPr", "pageNum", "autoNum")}
_OUTLINE_RE = re.compile(r"(개요|Outline)\s*(\d+)", re.IGNORECASE)
_SECTION_RE = re.compile(r"Contents/section(\d+)\.xml$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class _Styles:
    """Outline levels by paragraph shape and by style, from Contents/header.xml."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.by_para_shape: dict[str, int] = {}
        self.by_style: dict[str, int] = {}
        try:
            root = etree.fromstring(archive.read("Contents/header.xml"), _PARSER)
        except (KeyError, etree.XMLSyntaxError):
            return
        for shape in root.iter(f"{{{_HH}}}paraPr"):
            heading = shape.find(f"{{{_HH}}}heading")
            if heading is not None and heading.get("type") == "OUTLINE":
                level = int(heading.get("level") or 0) + 1
                if level <= 7:
                    self.by_para_shape[shape.get("id")] = level
        for style in root.iter(f"{{{_HH}}}style"):
            for name in (style.get("name") or "", style.get("engName") or ""):
                match = _OUTLINE_RE.search(name)
                if match and int(match.group(2)) <= 7:
                    self.by_style[style.get("id")] = int(match.group(2))
                    break

    def level(self, p: etree._Element) -> int:
        return self.by_para_shape.get(p.get("paraPrIDRef", ""), 0) or self.by_style.get(p.get("styleIDRef", ""), 0)


def _paragraph(p: etree._Element, styles: _Styles) -> list[Para]:
    """The paragraph, and after it the paragraphs of text boxes anchored in it."""
    para = Para("", styles.level(p))
    pieces: list[str] = []
    boxes: list[Para] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag in _LEAVE_OUT:
                continue
            if tag == _T:
                pieces.append(child.text or "")
                for sub in child:  # hp:tab, hp:lineBreak … inside hp:t
                    if not isinstance(sub.tag, str):  # a comment, processing instruction or unexpanded entity
                        pieces.append(sub.tail or "")
                        continue
                    local = etree.QName(sub).localname
                    pieces.append(" " if local in ("tab", "lineBreak", "nbSpace", "fwSpace") else "")
                    pieces.append(sub.tail or "")
            elif tag == _TBL:
                table, caption = _table(child, styles)
                if caption:  # read before its table, as Hangul draws it above or beside it
                    boxes.extend(caption)
                    caption[-1].tables.append(table)
                else:
                    if _treat_as_char(child):
                        table.at = sum(map(len, pieces))
                    para.tables.append(table)
            elif tag in _NOTES:
                para.notes.append(Note(_paragraphs(child, styles), _NOTES[tag]))
            elif tag == _DRAW_TEXT:
                boxes.extend(_paragraphs(child, styles))
            else:
                visit(child)

    visit(p)
    para.text = "".join(pieces)
    return [para, *boxes]


def _paragraphs(container: etree._Element, styles: _Styles) -> list:
    """The paragraphs of a container (a cell, a note, a text box): ``hp:p``
    children, directly or inside its ``hp:subList``."""
    out: list = []
    for child in container:
        if child.tag == _P:
            out.extend(_paragraph(child, styles))
        elif child.tag == _SUBLIST:
            out.extend(_paragraphs(child, styles))
    return out


def _treat_as_char(obj: etree._Element) -> bool:
    """Does the object stand in the line like a character (``hp:pos treatAsChar="1"``)?"""
    pos = obj.find(_POS)
    return pos is not None and pos.get("treatAsChar") == "1"


def _table(tbl: etree._Element, styles: _Styles) -> tuple[Table, list[Para]]:
    """The table and the paragraphs of its caption (``hp:caption``), if any."""
    caption: list[Para] = []
    for el in tbl.iterchildren(_CAPTION):
        caption.extend(_paragraphs(el, styles))
    table = Table(int(tbl.get("rowCnt") or 0), int(tbl.get("colCnt") or 0))
    for r, tr in enumerate(el for el in tbl if el.tag == _TR):
        for c, tc in enumerate(el for el in tr if el.tag == _TC):
            addr, span = tc.find(_CELL_ADDR), tc.find(_CELL_SPAN)
            row = int(addr.get("rowAddr", r)) if addr is not None else r
            col = int(addr.get("colAddr", c)) if addr is not None else c
            table.cells.append(Cell(
                row, col, _paragraphs(tc, styles),
                int(span.get("rowSpan", 1)) if span is not None else 1,
                int(span.get("colSpan", 1)) if span is not None else 1))
    return table, caption


def _metadata(archive: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = etree.fromstring(archive.read("Contents/content.hpf"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    meta: dict[str, str] = {}
    title = root.find(f".//{{{_OPF}}}title")
    if title is not None and (title.text or "").strip():
        meta["title"] = " ".join(title.text.split())
    names = {"creator": "author", "subject": "subject", "description": "comments", "keyword": "keywords",
             "CreatedDate": "created", "ModifiedDate": "modified"}
    for el in root.iter(f"{{{_OPF}}}meta"):
        key = names.get(el.get("name", ""))
        if key and (el.text or "").strip():
            meta[key] = el.text.strip()
    return meta


def parse_hwpx(path: Path, archive: zipfile.ZipFile) -> list:
    sections = sorted(
        (int(m.group(1)), name) for name in archive.namelist() if (m := _SECTION_RE.search(name))
    )
    if not sections:
        raise damaged_error(path, "no Contents/section*.xml in the package", "본문(section) 파일이 없습니다")
    styles = _Styles(archive)
    nodes: list = []
    for _, name in sections:
        try:
            root = etree.fromstring(archive.read(name), _PARSER)
        except etree.XMLSyntaxError as exc:
            raise xml_error(path, name, exc) from exc
        for p in root:
            if p.tag == _P:
                nodes.extend(_paragraph(p, styles))
    return nodes


def read_hwpx(path: Path, data: bytes) -> ReaderResult:
    archive = open_zip(path, data, "HWPX")
    if _is_encrypted(archive):
        raise encrypted_error(path)
    metadata = _metadata(archive)
    nodes = parse_hwpx(path, archive)
    map_text(nodes, map_font_symbols)
    return ReaderResult(flatten(nodes), paragraph_gap=True,
                        title=clean_title(metadata.get("title")), metadata=metadata)


def _is_encrypted(archive: zipfile.ZipFile) -> bool:
    """HWPX marks encrypted parts in META-INF/manifest.xml with encryption-data."""
    try:
        manifest = archive.read("META-INF/manifest.xml")
    except KeyError:
        return False
    return b"encryption-data" in manifest
