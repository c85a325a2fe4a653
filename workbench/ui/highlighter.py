"""Highlights in the reader: headings, entity spans by type, tagged passages,
search hits, find matches.

A QSyntaxHighlighter colours only the blocks Qt lays out, looking spans up by
position — about 50 ms for the 840 KB report with thousands of spans
(PERF_NOTES), where formatting the whole document up front costs seconds.
All positions here are Qt (UTF-16) positions.
"""

from __future__ import annotations

from bisect import bisect_left
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


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.entities = _Layer([])
        self.hits = _Layer([])
        self.finds = _Layer([])
        self.notes = _Layer([])  # tagged passages, already cut into non-overlapping segments
        self.headings = _Layer([])  # heading blocks, "heading:<level>"
        self.enabled: set[str] = set()
        self._formats: dict[str, QTextCharFormat] = {}

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
        self.rehighlight()

    def set_enabled(self, enabled: set[str]) -> None:
        self.enabled = set(enabled)
        self.rehighlight()

    def set_notes(self, spans: list[QtSpan]) -> None:
        self.notes = _Layer(spans)
        self.rehighlight()

    def refresh_formats(self) -> None:
        """After a zoom: heading sizes are relative to the text size."""
        self._formats.clear()
        self.rehighlight()

    def set_headings(self, spans: list[QtSpan]) -> None:
        self.headings = _Layer(spans)

    def set_hits(self, spans: list[QtSpan]) -> None:
        self.hits = _Layer(spans)
        self.rehighlight()

    def set_finds(self, spans: list[QtSpan]) -> None:
        self.finds = _Layer(spans)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        block = self.currentBlock()
        start, end = block.position(), block.position() + block.length()
        for layer in (self.headings, self.entities, self.notes, self.hits, self.finds):
            for span in layer.overlapping(start, end):
                if layer is self.entities and span.kind not in self.enabled:
                    continue
                a, b = max(span.start, start) - start, min(span.end, end) - start
                if b > a:
                    self.setFormat(a, b - a, self._format(span.kind))
