"""Highlights in the reader: headings, entity spans by type, tagged passages,
search hits, find matches.

A QSyntaxHighlighter colours blocks by looking spans up by position, but its
``rehighlight()`` goes through every block: 60–120 ms for the 840 KB report,
on every keystroke of find-in-document. So a changed layer only marks the
blocks stale (a generation number) and the blocks on screen are coloured at
once; the others are coloured as they scroll into view (:meth:`catch_up`,
called by the reader on every viewport update).
All positions here are Qt (UTF-16) positions.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

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


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.entities = _Layer([])
        self.hits = _Layer([])
        self.finds: _Layer | MatchLayer = _Layer([])
        self.notes = _Layer([])  # tagged passages, already cut into non-overlapping segments
        self.headings = _Layer([])  # heading blocks, "heading:<level>"
        self.enabled: set[str] = set()
        self._formats: dict[str, QTextCharFormat] = {}
        self._generation = 0  # bumped when a layer changes
        self._coloured: dict[int, int] = {}  # block number -> the generation it was coloured at
        # Set by the reader: the first block on screen and the number of the last one.
        # Without it every change recolours the whole document.
        self.visible_blocks: Callable[[], tuple] | None = None
        self._catching_up = False

    def clear(self, entities: list[QtSpan], enabled: set[str]) -> None:
        """A new document: its entities, and no hits, finds, passages or headings
        yet (set before its text, which colours itself as it is set)."""
        self.entities, self.enabled = _Layer(entities), set(enabled)
        self.hits, self.finds, self.notes, self.headings = _Layer([]), _Layer([]), _Layer([]), _Layer([])
        self._coloured.clear()
        self._generation += 1

    def invalidate(self) -> None:
        """Every block is stale (a layer changed, or a new text was loaded):
        colour the blocks on screen now, the others when they are shown."""
        self._generation += 1
        if self.visible_blocks is None:
            self.rehighlight()
        else:
            self.catch_up()

    def catch_up(self) -> None:
        """Colour the stale blocks on screen."""
        if self.visible_blocks is None or self._catching_up:
            return  # (recolouring a block asks the view to update, which lands here again)
        self._catching_up = True
        try:
            for _ in range(2):  # again if recolouring changed what fits on screen (heading sizes)
                block, last = self.visible_blocks()
                stale = False
                while block.isValid() and block.blockNumber() <= last:
                    if self._coloured.get(block.blockNumber(), -1) != self._generation:
                        self.rehighlightBlock(block)
                        stale = True
                    block = block.next()
                if not stale:
                    break
        finally:
            self._catching_up = False

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
            elif kind.startswith("heading:"):
                level = int(kind.split(":")[1] or 1)
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setForeground(QColor(HEADING_COLOUR))
                fmt.setFontPointSize(self.document().defaultFont().pointSizeF() + max(0, 3 - level))
            else:
                fmt.setBackground(background(kind))
            self._formats[kind] = fmt
        return self._formats[kind]

    def set_entities(self, spans: list[QtSpan], enabled: set[str]) -> None:
        self.entities = _Layer(spans)
        self.enabled = set(enabled)
        self.invalidate()

    def set_enabled(self, enabled: set[str]) -> None:
        self.enabled = set(enabled)
        self.invalidate()

    def set_notes(self, spans: list[QtSpan]) -> None:
        self.notes = _Layer(spans)
        self.invalidate()

    def refresh_formats(self) -> None:
        """After a zoom: heading sizes are relative to the text size."""
        self._formats.clear()
        self.invalidate()

    def set_headings(self, spans: list[QtSpan]) -> None:
        self.headings = _Layer(spans)

    def set_hits(self, spans: list[QtSpan]) -> None:
        self.hits = _Layer(spans)
        self.invalidate()

    def set_finds(self, layer: _Layer | MatchLayer) -> None:
        self.finds = layer
        self.invalidate()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        block = self.currentBlock()
        self._coloured[block.blockNumber()] = self._generation
        start, end = block.position(), block.position() + block.length()
        for layer in (self.headings, self.entities, self.notes, self.hits, self.finds):
            for span in layer.overlapping(start, end):
                if layer is self.entities and span.kind not in self.enabled:
                    continue
                a, b = max(span.start, start) - start, min(span.end, end) - start
                if b > a:
                    self.setFormat(a, b - a, self._format(span.kind))
