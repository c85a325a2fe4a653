"""The reader's QTextDocument: a document's stored text laid out as the
analyst reads it — table blocks drawn as tables (a grid, merged cells
spanning, cell text wrapped, a table nested in a cell drawn inside it), the
rest as paragraphs — and the map between the stored text's code points and
the document's positions.

Why a QTextDocument with QTextTable, only where the tables are: the text
around the tables goes in as a few long inserts and Qt lays it out lazily, so
the 840 KB report (133 tables, 3,000 cells) builds in ~45 ms and shows in
~60 ms, and the 415-page report with 37,000 cells in ~240 + ~100 ms
(measured offscreen on this machine; ``benchmarks/viewer.py``). A table kept
as tab-separated lines wrapped its rows after a few cells; a table delegate
would have cut selection, find and highlights at every table.

The stored text of a table block is its rows joined by "\\n" and its cells by
"\\t" (:mod:`workbench.corpus.structure`); in the QTextDocument those
separators are cell boundaries, and a table adds frame markers. So the map
is a list of segments, each a run of identical text at a stored offset and a
document position; a stored position between segments (a tab, a newline, a
merged-away cell) maps to the end of the segment before it, a document
position between segments (a frame marker) likewise. All offsets in and out
of :class:`DocumentMap` are code points on the stored side and Qt (UTF-16)
positions on the document side.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCursor, QTextDocument, QTextLength, QTextTable, QTextTableFormat

from workbench.ui.offsets import Utf16Map

TABLE_BORDER = QColor("#9E9E9E")


@dataclass(frozen=True, slots=True)
class Segment:
    stored: int  # UTF-16 offset into the stored text
    qt: int  # the document position of the same character
    length: int  # UTF-16 units, the same on both sides


class DocumentMap:
    """Code points of the stored text ↔ positions in the reader's document."""

    def __init__(self, text: str, segments: list[Segment] | None = None, utf16: Utf16Map | None = None) -> None:
        self.utf16 = utf16 if utf16 is not None else Utf16Map(text)
        length = self.utf16.to_qt(len(text))
        if segments is None:  # no table: the document is the text
            segments = [Segment(0, 0, length)]
        self.segments = [s for s in segments if s.length > 0] or [Segment(0, 0, 0)]
        self._stored = [s.stored for s in self.segments]
        self._qt = [s.qt for s in self.segments]
        self.identity = len(self.segments) == 1 and self.segments[0].qt == 0 and self.segments[0].stored == 0

    def to_qt(self, index: int) -> int:
        unit = self.utf16.to_qt(index)
        if self.identity:
            return unit
        i = max(bisect_right(self._stored, unit) - 1, 0)
        segment = self.segments[i]
        return segment.qt + min(max(unit - segment.stored, 0), segment.length)

    def from_qt(self, position: int) -> int:
        if self.identity:
            return self.utf16.from_qt(position)
        i = max(bisect_right(self._qt, position) - 1, 0)
        segment = self.segments[i]
        return self.utf16.from_qt(segment.stored + min(max(position - segment.qt, 0), segment.length))

    def stored_range(self, start: int, end: int) -> tuple[int, int]:
        """A document selection as code points of the stored text."""
        return self.from_qt(start), self.from_qt(end)


def table_format(nested: bool = False) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setBorderCollapse(True)
    fmt.setBorder(1)
    fmt.setBorderBrush(TABLE_BORDER)
    fmt.setCellPadding(3)
    fmt.setCellSpacing(0)
    fmt.setTopMargin(2 if nested else 6)
    fmt.setBottomMargin(2 if nested else 6)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    return fmt


class _Builder:
    def __init__(self, text: str, doc: QTextDocument) -> None:
        self.text = text
        self.doc = doc
        self.segments: list[Segment] = []
        # UTF-16 offsets of the stored text, computed once per piece.
        self.utf16 = Utf16Map(text)

    def put(self, cursor: QTextCursor, start: int, end: int) -> None:
        """Insert stored text [start, end) (code points) at the cursor, recording where it went."""
        if end <= start:
            return
        piece = self.text[start:end]
        self.segments.append(Segment(self.utf16.to_qt(start), cursor.position(),
                                     self.utf16.to_qt(end) - self.utf16.to_qt(start)))
        cursor.insertText(piece)

    def table(self, cursor: QTextCursor, start: int, rows: list[list[str]], spans, nested, depth: int) -> None:
        """A table whose stored text starts at ``start`` (cells \\t, rows \\n)."""
        columns = max((len(r) for r in rows), default=0)
        if not rows or not columns:
            return
        table: QTextTable = cursor.insertTable(len(rows), columns, table_format(nested=depth > 0))
        for row, col, row_span, col_span in _spans(spans, len(rows), columns):
            table.mergeCells(row, col, row_span, col_span)  # before any text: no cell content moves
        inner = _nested_by_cell(nested)
        at = start
        for r, cells in enumerate(rows):
            for c in range(columns):
                value = cells[c] if c < len(cells) else ""
                cell = table.cellAt(r, c)
                if value and cell.row() == r and cell.column() == c:
                    self.cell(cell.firstCursorPosition(), at, value, inner.get((r, c), []), depth)
                at += len(value) + (1 if c < len(cells) - 1 else 0)
            at += 1  # the newline after the row

    def cell(self, cursor: QTextCursor, start: int, value: str, tables: list[dict], depth: int) -> None:
        """A cell's text; a table nested in it is drawn inside it where its cells are found in order
        in the cell's text (else the cell is its text, as stored)."""
        end = start + len(value)
        placed = _place_nested(value, tables) if tables and depth < 4 else None
        if not placed:
            self.put(cursor, start, end)
            return
        at = 0
        for table, first, last, inner_rows in placed:
            before = value[at:first].strip()
            if before:
                lead = value.index(before, at)
                self.put(cursor, start + lead, start + lead + len(before))
            self.nested_table(cursor, start, first, inner_rows, table, depth)
            at = last
        rest = value[at:].strip()
        if rest:
            lead = value.index(rest, at)
            self.put(cursor, start + lead, start + lead + len(rest))

    def nested_table(self, cursor: QTextCursor, cell_start: int, first: int, inner_rows: list[list[tuple[int, str]]], spec: dict, depth: int) -> None:
        columns = max((len(r) for r in inner_rows), default=0)
        table = cursor.insertTable(len(inner_rows), columns, table_format(nested=True))
        for row, col, row_span, col_span in _spans(spec.get("spans"), len(inner_rows), columns):
            table.mergeCells(row, col, row_span, col_span)
        inner = _nested_by_cell(spec.get("nested"))
        for r, cells in enumerate(inner_rows):
            for c, (offset, text) in enumerate(cells):
                cell = table.cellAt(r, c)
                if text and offset >= 0 and cell.row() == r and cell.column() == c:
                    self.cell(cell.firstCursorPosition(), cell_start + offset, text, inner.get((r, c), []), depth + 1)
        cursor.setPosition(table.lastPosition() + 1)  # the block after the inner table, in the outer cell


def _spans(spans, rows: int, columns: int):
    """Merged cells that fit the grid (a span running off it is cut to it)."""
    for entry in spans or ():
        try:
            row, col, row_span, col_span = (int(v) for v in entry)
        except (TypeError, ValueError):
            continue
        if 0 <= row < rows and 0 <= col < columns:
            row_span, col_span = max(1, min(row_span, rows - row)), max(1, min(col_span, columns - col))
            if row_span > 1 or col_span > 1:
                yield row, col, row_span, col_span


def _nested_by_cell(nested) -> dict[tuple[int, int], list[dict]]:
    out: dict[tuple[int, int], list[dict]] = {}
    for entry in nested or ():
        if isinstance(entry, dict) and entry.get("rows"):
            out.setdefault((int(entry.get("row", -1)), int(entry.get("col", -1))), []).append(entry)
    return out


def _place_nested(value: str, tables: list[dict]):
    """Where each nested table's cells are in the cell's text, in order: a list of
    (table, first offset, end offset, rows of (offset, text)); None if a cell's
    text is not found in order (then the cell is drawn as its text)."""
    placed = []
    at = 0
    for table in tables:
        rows = table.get("rows") or []
        found_rows = []
        first, last = None, at
        for row in rows:
            found = []
            for text in row:
                text = str(text)
                if not text:
                    found.append((-1, ""))
                    continue
                where = value.find(text, last)
                if where < 0:
                    return None
                first = where if first is None else first
                found.append((where, text))
                last = where + len(text)
            found_rows.append(found)
        if first is None:
            continue
        placed.append((table, first, last, found_rows))
        at = last
    return placed


def build_document(text: str, blocks, into: QTextDocument | None = None) -> tuple[QTextDocument, DocumentMap]:
    """The reader's document for ``text`` and its structure ``blocks`` (table
    blocks carry ``meta["rows"]``, and optionally ``"spans"`` and ``"nested"``).

    ``into``, an empty document nobody shows yet, is filled rather than a new
    one made (the reader attaches its highlighter to it while it is empty: a
    highlighter given a full document recolours all of it). The document's
    signals are held while it fills: nothing listens that needs each insert,
    and a highlighter called per inserted block cost more than the build."""
    doc = into if into is not None else QTextDocument()
    doc.setUndoRedoEnabled(False)
    tables = [b for b in blocks if getattr(b.kind, "value", b.kind) == "table" and _consistent(text, b)]
    held = doc.blockSignals(True)
    try:
        if not tables:
            doc.setPlainText(text)
            return doc, DocumentMap(text)
        return doc, _build(doc, text, tables)
    finally:
        doc.blockSignals(held)


def _build(doc: QTextDocument, text: str, tables) -> DocumentMap:
    builder = _Builder(text, doc)
    cursor = QTextCursor(builder.doc)
    cursor.beginEditBlock()
    at = 0
    for block in tables:
        # The newline before a table is the table's own frame in the document.
        before_end = block.start - 1 if block.start > at and text[block.start - 1] == "\n" else block.start
        builder.put(cursor, at, before_end)
        builder.table(cursor, block.start, block.meta["rows"], block.meta.get("spans"), block.meta.get("nested"), 0)
        cursor.movePosition(QTextCursor.MoveOperation.End)  # the block after the table
        at = block.end + 1 if block.end < len(text) and text[block.end] == "\n" else block.end
    builder.put(cursor, at, len(text))
    cursor.endEditBlock()
    return DocumentMap(text, builder.segments, builder.utf16)


def _consistent(text: str, block) -> bool:
    """The block's rows are its stored text (cells joined by tabs, rows by newlines):
    only then can the table be drawn from them with every offset in place."""
    rows = (block.meta or {}).get("rows")
    if not rows or not isinstance(rows, list):
        return False
    return "\n".join("\t".join(str(c) for c in row) for row in rows) == text[block.start:block.end]
