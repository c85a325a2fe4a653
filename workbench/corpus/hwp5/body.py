"""Records of a body section → the document tree of :mod:`workbench.corpus.doctree`.

A section is a run of PARA_HEADER records. A paragraph's children are its
PARA_TEXT and one CTRL_HEADER per object anchored in it; the control id (four
ASCII bytes, stored reversed) says what the object is:

- ``tbl `` a table: a TABLE record (rows, columns), then per cell a
  LIST_HEADER (paragraph count, flags, column, row, spans…) followed by the
  cell's PARA_HEADERs at the same level. A LIST_HEADER before the TABLE
  record is the caption ("표 3 …"), read just before the table wherever
  Hangul draws it. Cells hold paragraphs, and so tables again.
- ``fn  `` / ``en  `` footnotes and endnotes: a LIST_HEADER and paragraphs.
- ``gso `` drawing objects: a text box keeps its paragraphs under the shape
  component (LIST_HEADER + paragraphs, possibly inside grouped shapes). Text
  boxes often hold real content (a summary box, a chart's labels), so they
  are read in the flow after their anchor paragraph; pictures give nothing.
- ``eqed`` equations: only a caption, if any (the formula script is not text).
- ``head`` / ``foot`` running page headers and footers, and the master pages
  of ``secd``: repeated on every page, never part of the body text. ``tcmt``
  hidden comments are not shown by Hangul either. These, and controls
  without paragraphs (column and page settings, numbers, fields,
  bookmarks), are left out.
- ``tdut`` (덧말) and ``tcps`` (글자 겹침) keep their text in the control
  record, not in PARA_TEXT; it is put back where the control stands.
"""

from __future__ import annotations

import bisect
import struct

from workbench.corpus.doctree import Cell, Node, Note, Para, Table
from workbench.corpus.hwp5.container import Styles
from workbench.corpus.hwp5.paratext import decode_text
from workbench.corpus.hwp5.records import (
    TAG_CTRL_HEADER,
    TAG_LIST_HEADER,
    TAG_PARA_HEADER,
    TAG_PARA_TEXT,
    TAG_TABLE,
    Records,
)

_NOTES = {"fn  ": "footnote", "en  ": "endnote"}
# Objects whose paragraph lists are read in the flow. Everything else that
# holds paragraphs is page furniture or hidden: headers/footers, hidden
# comments (tcmt), master pages (under the section definition, secd).
_IN_FLOW = {"gso ", "eqed"}
_SMALL_GRID = 4096  # grid cells any table may have, whatever its number of cells
_MAX_GRID = 1_000_000


def section_nodes(records: Records, styles: Styles) -> list[Node]:
    """The paragraphs (with their tables, notes and text boxes) of one section."""
    body = _Body(records, styles)
    nodes: list[Node] = []
    for i in records.top():
        if records.tags[i] == TAG_PARA_HEADER:
            nodes.extend(body.paragraph(i))
    return nodes


def _chid(payload: bytes) -> str:
    return payload[:4][::-1].decode("latin-1")


def _bstr(payload: bytes, pos: int) -> str:
    """A length-prefixed (uint16 count) UTF-16LE string."""
    if pos + 2 > len(payload):
        return ""
    (count,) = struct.unpack_from("<H", payload, pos)
    return payload[pos + 2:pos + 2 + 2 * count].decode("utf-16-le", "replace")


class _Body:
    def __init__(self, records: Records, styles: Styles) -> None:
        self.records = records
        self.styles = styles

    def paragraph(self, i: int) -> list[Node]:
        """A paragraph, followed by the captions and text boxes of the objects anchored in it."""
        records = self.records
        header = records.payload(i)
        shape_id = style_id = 0
        if len(header) >= 11:
            shape_id, style_id = struct.unpack_from("<HB", header, 8)
        text = ""
        extended: list[tuple[int, int]] = []
        controls: list[int] = []
        for c in records.children(i):
            tag = records.tags[c]
            if tag == TAG_PARA_TEXT:
                text, extended = decode_text(records.payload(c))
            elif tag == TAG_CTRL_HEADER:
                controls.append(c)
        text, offsets = self._inline_objects(text, extended, controls)
        level = self.styles.level(shape_id, style_id) if text.strip() else 0
        main = Para(text, outline_level=level)
        out: list[Node] = [main]
        for n, c in enumerate(controls):
            chid = _chid(records.payload(c))
            if chid == "tbl ":
                self._table(c, out, offsets[n] if offsets else None)
            elif chid in _NOTES:
                main.notes.append(Note(self._lists(c), kind=_NOTES[chid]))
            elif chid in _IN_FLOW:  # text boxes and captions of drawings and equations
                out.extend(self._lists(c))
        return out

    def _inline_objects(self, text: str, extended: list[tuple[int, int]], controls: list[int]
                        ) -> tuple[str, list[int]]:
        """Put the text of 덧말 and 글자 겹침 controls where they stand in the paragraph; and
        where each control stands in the text that gives (empty if the file disagrees with itself)."""
        if len(extended) != len(controls):
            return text, []  # keep the text as it is, and place no object in it
        offsets = [offset for _, offset in extended]
        for n, ((_, offset), c) in reversed(list(enumerate(zip(extended, controls)))):
            payload = self.records.payload(c)
            chid = _chid(payload)
            if chid in ("tdut", "tcps"):
                inline = _bstr(payload, 4).replace("\x00", "")
                text = text[:offset] + inline + text[offset:]
                offsets[n + 1:] = [o + len(inline) for o in offsets[n + 1:]]
        return text, offsets

    def _list_paragraphs(self, kids: list[int], k: int) -> tuple[list[Node], int]:
        """The paragraphs of the LIST_HEADER ``kids[k - 1]``: the PARA_HEADER siblings
        that follow it (as Hangul writes them; any under it, should a writer nest
        them), and the index in ``kids`` where they stop."""
        nodes: list[Node] = []
        tags = self.records.tags
        for child in self.records.children(kids[k - 1]):
            if tags[child] == TAG_PARA_HEADER:
                nodes.extend(self.paragraph(child))
        while k < len(kids) and tags[kids[k]] == TAG_PARA_HEADER:
            nodes.extend(self.paragraph(kids[k]))
            k += 1
        return nodes, k

    def _lists(self, parent: int) -> list[Node]:
        """Every paragraph list under ``parent`` (a note, a text box, a caption), in order."""
        records = self.records
        kids = list(records.children(parent))
        nodes: list[Node] = []
        k = 0
        while k < len(kids):
            j = kids[k]
            tag = records.tags[j]
            k += 1
            if tag == TAG_LIST_HEADER:
                paragraphs, k = self._list_paragraphs(kids, k)
                nodes.extend(paragraphs)
            elif tag == TAG_CTRL_HEADER and _chid(records.payload(j)) not in _IN_FLOW:
                continue
            elif tag != TAG_PARA_HEADER:
                nodes.extend(self._lists(j))  # a shape component, a group of shapes…
        return nodes

    def _table(self, c: int, out: list[Node], offset: int | None = None) -> None:
        """The table of control ``c``, anchored in the last paragraph of ``out`` (the paragraph,
        or the caption read before the table); ``offset`` is where its control stands in the
        paragraph's text."""
        records = self.records
        header = records.payload(c)
        # Common object properties: bit 0 of the attributes after the control id says the
        # table stands in the line like a character (글자처럼 취급).
        inline = len(header) >= 8 and bool(struct.unpack_from("<I", header, 4)[0] & 1)
        kids = list(records.children(c))
        table = Table(0, 0)
        caption: list[Node] = []
        seen_table = False
        k = 0
        while k < len(kids):
            j = kids[k]
            tag = records.tags[j]
            k += 1
            if tag == TAG_TABLE:
                payload = records.payload(j)
                if len(payload) >= 8:
                    table.rows, table.cols = struct.unpack_from("<HH", payload, 4)
                seen_table = True
            elif tag == TAG_LIST_HEADER:
                payload = records.payload(j)
                paragraphs, k = self._list_paragraphs(kids, k)
                if seen_table:
                    col = row = 0
                    col_span = row_span = 1
                    if len(payload) >= 16:
                        col, row, col_span, row_span = struct.unpack_from("<4H", payload, 8)
                    table.cells.append(Cell(row, col, paragraphs, max(1, row_span), max(1, col_span)))
                else:  # the caption, read before its table wherever it is drawn
                    caption.extend(paragraphs)
        out.extend(caption)
        if table.cells:
            table = _bounded(table)
            anchor = out[-1]
            if inline and not caption and len(out) == 1:
                table.at = offset
            if isinstance(anchor, Para):
                anchor.tables.append(table)
            else:
                out.append(table)


def _bounded(table: Table) -> Table:
    """The table with a grid its cells justify. A damaged or crafted file can
    claim 65,535 rows, or put one cell at row 60,000, and the grid drawn from
    that would fill the memory: then rows and columns nobody starts a cell in
    are dropped, and if the grid is still absurd, the cells become one column."""
    cells = table.cells
    rows = max(table.rows, max(c.row + c.row_span for c in cells))
    cols = max(table.cols, max(c.col + c.col_span for c in cells))
    if rows * cols <= 4 * len(cells) + _SMALL_GRID:
        return table
    row_starts = sorted({c.row for c in cells})
    col_starts = sorted({c.col for c in cells})
    if len(row_starts) * len(col_starts) > _MAX_GRID:
        return Table(len(cells), 1, [Cell(i, 0, c.children) for i, c in enumerate(cells)])
    row_index = {r: i for i, r in enumerate(row_starts)}
    col_index = {c: i for i, c in enumerate(col_starts)}
    squeezed = Table(len(row_starts), len(col_starts))
    for c in cells:
        row, col = row_index[c.row], col_index[c.col]
        row_end = bisect.bisect_left(row_starts, c.row + c.row_span)
        col_end = bisect.bisect_left(col_starts, c.col + c.col_span)
        squeezed.cells.append(Cell(row, col, c.children, max(1, row_end - row), max(1, col_end - col)))
    return squeezed
