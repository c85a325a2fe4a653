"""Word documents: paragraphs with their heading styles, tables, footnotes.

python-docx gives paragraphs and tables but not their interleaving, so we walk
the body element in document order. Footnotes (which python-docx does not
expose) are read from ``word/footnotes.xml`` and placed after the body.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from workbench.core.models import BlockKind
from workbench.corpus.readers import ReaderResult
from workbench.corpus.readers.ooxml import damaged_error, open_zip, xml_error
from workbench.corpus.structure import RawPart
from workbench.corpus.titles import clean_title

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_STYLE_RE = re.compile(r"^(heading|제목|머리글)\s*(\d)$", re.IGNORECASE)


def _style_hint(paragraph: Paragraph) -> tuple[BlockKind, int]:
    try:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError):
        name = ""
    match = _HEADING_STYLE_RE.match(name.strip())
    if match:
        return BlockKind.HEADING, int(match.group(2))
    if name.strip().lower() in ("title", "제목"):
        return BlockKind.TITLE, 0
    if name.strip().lower().startswith(("list", "목록")):
        return BlockKind.LIST_ITEM, 0
    return BlockKind.PARAGRAPH, 0


def _table_rows(table: Table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell repeats in python-docx's view
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append(cells)
    return rows


def _footnotes(archive) -> list[str]:
    try:
        xml = archive.read("word/footnotes.xml")
    except KeyError:
        return []
    root = etree.fromstring(xml)
    notes = []
    for note in root.iter(f"{{{_W}}}footnote"):
        if note.get(f"{{{_W}}}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(t.text or "" for t in note.iter(f"{{{_W}}}t")).strip()
        if text:
            notes.append(f"{note.get(f'{{{_W}}}id')}) {text}")
    return notes


def read_docx(path: Path, data: bytes) -> ReaderResult:
    archive = open_zip(path, data, "Word")
    try:
        document = docx.Document(BytesIO(data))
    except etree.XMLSyntaxError as exc:  # a part too deep or too large is refused as unsafe, by name
        raise xml_error(path, "word/document.xml", exc) from exc
    except Exception as exc:  # python-docx raises many kinds on broken parts
        raise damaged_error(path, f"{type(exc).__name__}: {exc}", "워드 문서의 구성 요소를 읽을 수 없습니다") from exc
    parts: list[RawPart] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{{{_W}}}p":
            paragraph = Paragraph(child, document)
            kind, level = _style_hint(paragraph)
            if paragraph.text.strip():
                # Plain paragraphs go to the line classifier (제1장, □, 가. headings typed by hand).
                parts.append(RawPart(paragraph.text, None if kind is BlockKind.PARAGRAPH else kind, level))
        elif child.tag == f"{{{_W}}}tbl":
            parts.append(RawPart(rows=_table_rows(Table(child, document))))
    parts.extend(RawPart(note, BlockKind.FOOTNOTE) for note in _footnotes(archive))
    props = document.core_properties
    metadata = {key: value for key, value in (
        ("title", props.title), ("author", props.author), ("subject", props.subject), ("keywords", props.keywords),
        ("comments", props.comments), ("created", props.created.isoformat() if props.created else ""),
        ("modified", props.modified.isoformat() if props.modified else "")) if value and str(value).strip()}
    return ReaderResult(parts, paragraph_gap=True, title=clean_title(props.title), metadata=metadata)
