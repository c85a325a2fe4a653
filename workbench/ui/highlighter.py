"""Highlights in the reader: headings, entity spans by type, tagged passages,
search hits, find matches.

Headings are the document's own formats, set once when it is built. The
rest are painted as the view's extra selections, made for the spans between
the first and last position on screen whenever the view moves or a layer
changes (:meth:`SpanHighlighter.catch_up`): painting never changes the
document, so Qt never lays it out again to colour it, and a find keystroke
in the 840 KB report costs the spans of one screen.
All positions here are Qt (UTF-16) positions.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

from workbench.ui.palette import FIND_COLOUR, HEADING_COLOUR, HIT_COLOUR, background


@dataclass(frozen=True, slots=True)
class QtSpan:
    start: int
    end: int
    kind: str  # entity type, "hit" or "find"


class _Layer:
    """Sorted, non-overlapping spans with fast lookup by range."""

    def __init__(self, spans: list[QtSpan]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.ends = [s.end for s in self.spans]

    def overlapping(self, start: int, end: int) -> list[QtSpan]:
        i = bisect_left(self.ends, start + 1)
        out = []
        while i < len(self.spans) and self.spans[i].start < end:
            out.append(self.spans[i])
            i += 1
        return out


class OffsetLayer:
    """Spans kept in code points (mentions: thousands in a long report) and made
    Qt spans only when asked for a range on screen: converting them all cost
    more than anything else in opening the report."""

    def __init__(self, spans: list[tuple[int, int, str]], to_qt: Callable[[int], int],
                 from_qt: Callable[[int], int]) -> None:
        self._spans = sorted(spans)
        self._ends = [end for _, end, _ in self._spans]
        self.to_qt, self.from_qt = to_qt, from_qt

    @property
    def spans(self) -> list[QtSpan]:
        return [QtSpan(self.to_qt(a), self.to_qt(b), kind) for a, b, kind in self._spans]

    def overlapping(self, start: int, end: int) -> list[QtSpan]:
        low, high = self.from_qt(start), self.from_qt(end)
        i = bisect_left(self._ends, low + 1)
        out = []
        while i < len(self._spans) and self._spans[i][0] < high:
            a, b, kind = self._spans[i]
            out.append(QtSpan(self.to_qt(a), self.to_qt(b), kind))
            i += 1
        return out


class MatchLayer:
    """Find matches (a :class:`workbench.core.textfind.Matches`, code points): a
    QtSpan is made only for a match in a block being coloured. A one-letter
    needle matches thousands of times; converting them all cost more than
    finding them."""

    def __init__(self, matches, to_qt: Callable[[int], int], from_qt: Callable[[int], int],
                 kind: str = "find") -> None:
        self.matches, self.to_qt, self.from_qt, self.kind = matches, to_qt, from_qt, kind

    @property
    def spans(self) -> list[QtSpan]:
        return [QtSpan(self.to_qt(a), self.to_qt(b), self.kind) for a, b in self.matches.pairs()]

    def overlapping(self, start: int, end: int) -> list[QtSpan]:
        return [QtSpan(self.to_qt(a), self.to_qt(b), self.kind)
                for a, b in self.matches.between(self.from_qt(start), self.from_qt(end))]


class SpanHighlighter(QObject):
    """Paints the layers' spans that are on screen as the view's extra
    selections, and the headings as the document's own formats.

    Extra selections are drawn over the laid-out text: changing them never
    changes the document, so Qt lays nothing out again. (A QSyntaxHighlighter
    on a QTextEdit re-lays out the document from every block it recolours:
    8 ms a block on the report, half a second to colour one screen.) Only the
    spans between the first and last position on screen become selections,
    so a scroll costs a few dozen, whatever the document's length."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self.entities: _Layer | OffsetLayer = _Layer([])
        self.hits = _Layer([])
        self.finds: _Layer | MatchLayer = _Layer([])
        self.notes = _Layer([])  # tagged passages, already cut into non-overlapping segments
        self.headings = _Layer([])  # heading blocks, "heading:<level>"
        self.changes = _Layer([])  # a comparison's marks, "change:<kind>" (ui.compare_mode), lowest
        self.current_change = _Layer([])  # the paragraph F7 stands on, under its marks
        self.enabled: set[str] = set()
        self._formats: dict[str, QTextCharFormat] = {}
        # Set by the reader: the first and last document position on screen.
        self.visible_range: Callable[[], tuple[int, int]] | None = None
        self._painting = False

    def document(self) -> QTextDocument:
        return self.view.document()

    def clear(self, entities: list[QtSpan], enabled: set[str]) -> None:
        """A new document: its entities, and no hits, finds, passages or headings yet."""
        self.entities, self.enabled = _Layer(entities), set(enabled)
        self.hits, self.finds, self.notes, self.headings = _Layer([]), _Layer([]), _Layer([]), _Layer([])
        self.changes, self.current_change = _Layer([]), _Layer([])

    def invalidate(self) -> None:
        """A layer changed: paint what is on screen again."""
        self.catch_up()

    def catch_up(self) -> None:
        """The spans on screen become the view's extra selections."""
        if self.visible_range is None or self._painting:
            return
        self._painting = True
        try:
            first, last = self.visible_range()
            doc = self.document()
            selections = []
            for kind, start, end in self.spans_between(first, last + 1):
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(doc)
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = self._format(kind)
                selections.append(selection)
            self.view.setExtraSelections(selections)
        finally:
            self._painting = False

    def spans_between(self, start: int, end: int) -> list[tuple[str, int, int]]:
        """(kind, start, end) of what is painted between two positions, lowest layer first
        (a comparison's changes, entities, tagged passages, search hits, find matches: a
        later one is drawn over; a change's strike-through or colour shows through an
        entity's background)."""
        out = []
        for layer in (self.current_change, self.changes, self.entities, self.notes, self.hits, self.finds):
            for span in layer.overlapping(start, end):
                if layer is self.entities and span.kind not in self.enabled:
                    continue
                out.append((span.kind, span.start, span.end))
        return out

    def formats_at(self, position: int) -> list[QTextCharFormat]:
        """What the view paints over a document position now (its extra selections)."""
        return [QTextCharFormat(s.format) for s in self.view.extraSelections()
                if s.cursor.selectionStart() <= position < s.cursor.selectionEnd()]

    def apply_headings(self, doc: QTextDocument | None = None) -> None:
        """Headings as the document's own formats (bold, coloured, larger: a size
        adjustment, so they follow the zoom), set once per document — best before
        the view shows it (then nothing is laid out twice)."""
        doc = doc if doc is not None else self.document()
        cursor = QTextCursor(doc)
        held = doc.blockSignals(True)
        cursor.beginEditBlock()
        try:
            for span in self.headings.spans:
                cursor.setPosition(span.start)
                cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(self._format(span.kind))
        finally:
            cursor.endEditBlock()
            doc.blockSignals(held)

    def _format(self, kind: str) -> QTextCharFormat:
        if kind not in self._formats:
            fmt = QTextCharFormat()
            if kind == "hit":
                fmt.setBackground(QColor(HIT_COLOUR))
                fmt.setFontWeight(QFont.Weight.Bold)
            elif kind == "find":
                fmt.setBackground(QColor(FIND_COLOUR))
                fmt.setForeground(QColor("white"))
            elif kind.startswith("ann:"):
                # Tagged passages are underlined in the tag's colour (bars in the margin say
                # which tag), never filled: a fill would read as an entity colour.
                _, colour, depth = kind.split(":")
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline if depth == "1"
                                      else QTextCharFormat.UnderlineStyle.WaveUnderline)  # overlaps: wavy
                fmt.setUnderlineColor(QColor(colour))
            elif kind.startswith("change:"):
                change_format(fmt, kind.split(":", 1)[1])
            elif kind.startswith("heading:"):
                level = int(kind.split(":")[1] or 1)
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setForeground(QColor(HEADING_COLOUR))
                fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 1 if level <= 2 else 0)
            else:
                fmt.setBackground(background(kind))
            self._formats[kind] = fmt
        return self._formats[kind]

    def set_entities(self, spans: list[QtSpan] | OffsetLayer, enabled: set[str]) -> None:
        self.entities = spans if isinstance(spans, OffsetLayer) else _Layer(spans)
        self.enabled = set(enabled)
        self.invalidate()

    def set_enabled(self, enabled: set[str]) -> None:
        self.enabled = set(enabled)
        self.invalidate()

    def set_notes(self, spans: list[QtSpan]) -> None:
        self.notes = _Layer(spans)
        self.invalidate()

    def refresh_formats(self) -> None:
        """After a zoom: paint again (heading sizes are relative and follow by themselves)."""
        self.invalidate()

    def set_headings(self, spans: list[QtSpan], doc: QTextDocument | None = None) -> None:
        self.headings = _Layer(spans)
        self.apply_headings(doc)

    def set_hits(self, spans: list[QtSpan]) -> None:
        self.hits = _Layer(spans)
        self.invalidate()

    def set_changes(self, spans: list[QtSpan], current: QtSpan | None = None) -> None:
        self.changes = _Layer(spans)
        self.current_change = _Layer([current] if current is not None else [])
        self.invalidate()

    def set_finds(self, layer: _Layer | MatchLayer) -> None:
        self.finds = layer
        self.invalidate()


# A comparison's marks (ui.compare_mode): what the old version loses is red and
# struck through, what the new one gains green and bold; a whole paragraph
# deleted or inserted is tinted; the change F7 stands on is tinted blue and
# overlined (over a tinted paragraph, the line is what shows).
CHANGE_COLOURS = {"deleted": "#C00000", "inserted": "#1B7F3B", "removed": "#FBE3E3", "added": "#E2F4E6",
                  "current": "#DCE6F7"}


def change_format(fmt: QTextCharFormat, kind: str) -> None:
    if kind == "deleted":
        fmt.setFontStrikeOut(True)
        fmt.setForeground(QColor(CHANGE_COLOURS["deleted"]))
        fmt.setBackground(QColor(CHANGE_COLOURS["removed"]))
    elif kind == "inserted":
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(QColor(CHANGE_COLOURS["inserted"]))
        fmt.setBackground(QColor(CHANGE_COLOURS["added"]))
    elif kind == "removed":  # a paragraph only the old version has
        fmt.setBackground(QColor(CHANGE_COLOURS["removed"]))
    elif kind == "added":
        fmt.setBackground(QColor(CHANGE_COLOURS["added"]))
    elif kind == "current":  # drawn first: the word marks show over it, the line above every line still
        fmt.setBackground(QColor(CHANGE_COLOURS["current"]))
        fmt.setFontOverline(True)
