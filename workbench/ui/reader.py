"""One reader pane: a document's text with entity and hit highlights, an
outline to jump by, find-in-document, zoom, and markers for hits beside the
scrollbar.

The text is a QTextDocument built by :mod:`workbench.ui.reader_document`:
table blocks drawn as tables, the rest as paragraphs, laid out lazily by Qt
so the 840 KB report opens fast. All offsets from the core are code points
of the stored text and are converted here, through the document's map
(:class:`workbench.ui.reader_document.DocumentMap`); a selection copies as
the stored text, so a table copies as tab-separated rows.
"""

from __future__ import annotations

import atexit
import functools
import time
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPainter, QShortcut, QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QTextEdit, QToolButton, QToolTip, QVBoxLayout, QWidget,
)

from workbench.services.entities import ENTITY_TYPES
from workbench.ui.find_bar import FindBar
from workbench.ui.highlighter import OffsetLayer, QtSpan, SpanHighlighter
from workbench.ui.old_hangul import readable, with_old_hangul
from workbench.ui.palette import HIT_COLOUR
from workbench.ui.reader_document import DocumentMap, build_document
from workbench.ui.widgets import ElidedLabel



@dataclass(frozen=True, slots=True)
class ShownMention:
    start: int  # code points
    end: int
    text: str
    type: str
    canonical: str


class MarkerBar(QWidget):
    """Beside the scrollbar: how dense the search hits are along the document,
    in as many slices as the bar has pixels to show — the same numbers as the
    dispersion chart (:func:`workbench.services.charts.density`)."""

    BINS = 200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(8)
        self.density: list[float] = []
        self.fractions: list[float] = []  # where each hit starts (0-1), kept for tests and tooltips

    def set_hits(self, offsets: list[int], length: int) -> None:
        from workbench.services.charts import density

        self.fractions = [o / max(length, 1) for o in offsets]
        self.density = density(offsets, length, self.BINS) if offsets else []
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f3f3f3"))
        height = max(1, self.height() - 1)
        step = height / max(len(self.density), 1)
        for i, share in enumerate(self.density):
            if share:
                colour = QColor(HIT_COLOUR)
                colour.setAlphaF(0.35 + 0.65 * share)
                painter.fillRect(0, int(i * step), self.width(), max(3, int(step + 1)), colour)
        painter.end()


def annotation_segments(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str, int]]:
    """Cut possibly overlapping (start, end, colour) spans into non-overlapping
    segments with the colour of the innermost span and the overlap depth
    (a sweep over the boundaries: fast with a thousand annotations)."""
    ordered = sorted(spans)
    points = sorted({p for a, b, _ in spans for p in (a, b)})
    out, active, i = [], [], 0
    for a, b in zip(points, points[1:]):
        while i < len(ordered) and ordered[i][0] <= a:
            active.append(ordered[i])
            i += 1
        active = [s for s in active if s[1] > a]
        if active:
            inner = max(active, key=lambda s: (s[0], -s[1]))
            out.append((a, b, inner[2], len(active)))
    return out


class StripeArea(QWidget):
    """Coding stripes in the reader's left margin, as QDA tools draw them: one
    bar per tagged passage, in its tag's colour, beside the lines it covers;
    overlapping passages get lanes of their own. Click a bar to find the
    passage in the tagged-passages panel."""

    LANE = 5
    LANES = 4
    clicked = Signal(int)  # annotation id

    def __init__(self, view: "ReaderView") -> None:
        super().__init__(view)
        self.view = view
        self.spans: list[tuple[int, int, str, int]] = []  # qt start, qt end, colour, annotation id
        self.setFixedWidth(self.LANE * self.LANES + 4)
        view.setViewportMargins(self.width(), 0, 0, 0)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Tagged passages: click a bar to find it in the list"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:  # the tooltip stayed in the language it was made in
            self.retranslate()
        super().changeEvent(event)

    def set_spans(self, spans: list[tuple[int, int, str, int]]) -> None:
        self.spans = sorted(spans)
        self.update()

    def _visible_bars(self):
        """(rect, annotation id, colour) of each bar on screen; bars that share a
        line get lanes of their own."""
        from PySide6.QtCore import QRect

        view, doc = self.view, self.view.document()
        offset = view.contentOffset()
        first, last = view.visible_positions()
        ranges = []
        for start, end, colour, ann_id in self.spans:
            if end < first or start > last:
                continue
            y0 = self._y(doc, offset, max(start, first), top_edge=True)
            y1 = self._y(doc, offset, min(max(end - 1, start), last), top_edge=False)
            if y1 >= 0 and y0 <= self.height():
                ranges.append((y0, y1, colour, ann_id))
        lanes_end: list[float] = []
        out = []
        for y0, y1, colour, ann_id in sorted(ranges, key=lambda r: (r[0], -r[1])):
            lane = next((i for i, e in enumerate(lanes_end) if e <= y0), len(lanes_end))
            if lane == len(lanes_end):
                lanes_end.append(y1)
            else:
                lanes_end[lane] = y1
            lane = min(lane, self.LANES - 1)
            out.append((QRect(2 + lane * self.LANE, int(y0), self.LANE - 1, max(2, int(y1 - y0))), ann_id, colour))
        return out

    def _y(self, doc, offset, position: int, top_edge: bool) -> float:
        block = doc.findBlock(position)
        geometry = doc.documentLayout().blockBoundingRect(block).translated(offset)
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():
            return geometry.top() if top_edge else geometry.bottom()
        return geometry.top() + (line.y() if top_edge else line.y() + line.height())

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#fafafa"))
        for rect, _ann_id, colour in self._visible_bars():
            painter.fillRect(rect, QColor(colour))
        painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        for rect, ann_id, _colour in self._visible_bars():
            if rect.adjusted(-1, 0, 1, 0).contains(event.position().toPoint()):
                self.clicked.emit(ann_id)
                return


@functools.cache
def _clear_clipboard_at_exit() -> None:
    """The clipboard owns the QMimeData a copy made here; left to Qt's own exit it
    is deleted after Python has finished, and deleting its Python wrapper then
    crashes the process (a segfault at exit). Cleared while Python still runs."""
    atexit.register(lambda: QGuiApplication.clipboard().clear() if QGuiApplication.instance() else None)


class ReaderView(QTextEdit):
    mention_action = Signal(str, object)  # action name, ShownMention
    add_entity = Signal(str)  # selected text to add as an entity
    tag_selection = Signal()  # the analyst asks to tag the selected text
    annotation_clicked = Signal(int)

    def __init__(self, pane: "ReaderPane") -> None:
        super().__init__()
        self.pane = pane
        self.setReadOnly(True)
        self.setMouseTracking(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # Lines break between words only: a table column is never narrower than its
        # longest word ("2024년", "150.9"), so a wide table scrolls sideways rather
        # than stacking a year one letter per line.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setAcceptRichText(False)
        self.stripes = StripeArea(self)
        self.stripes.clicked.connect(self.annotation_clicked)
        self.moved = self.stripes.update  # replaced by the pane: what follows the view as it scrolls

    def contentOffset(self) -> QPointF:  # noqa: N802 - as QPlainTextEdit names it
        """Where the document's origin is on the viewport (minus the scroll)."""
        return QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def firstVisibleBlock(self):  # noqa: N802 - as QPlainTextEdit names it
        return self.block_at(self.verticalScrollBar().value())

    def block_at(self, y: float):
        """The block whose box holds the document's ``y`` (the last one above it
        otherwise). Found by galloping down from the first block, asking each
        block's box: Qt lays the document out only as far as asked. A hit test
        (cursorForPosition) made before Qt has laid out the whole document lays
        out all of it — 0.4 s for the 840 KB report, ~4 s for a report of 37,000
        table cells — so nothing the reader does on its own uses one."""
        doc = self.document()
        layout = doc.documentLayout()
        count = doc.blockCount()

        def below(number: int) -> bool:  # the block ends at or above y
            return layout.blockBoundingRect(doc.findBlockByNumber(number)).bottom() <= y

        low, step = 0, 1
        while low + step < count and below(low + step):
            low, step = low + step, step * 2
        high = min(low + step, count - 1)
        while low < high:  # the first block that does not end above y, within (low, high]
            middle = (low + high) // 2
            if below(middle):
                low = middle + 1
            else:
                high = middle
        return doc.findBlockByNumber(low)

    def position_at(self, y: float, line_end: bool = False) -> int:
        """The document position of the line at the document's ``y`` (its start, or its end)."""
        block = self.block_at(y)
        top = self.document().documentLayout().blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            if top + line.y() + line.height() > y or i == lines.lineCount() - 1:
                return block.position() + line.textStart() + (line.textLength() if line_end else 0)
        return block.position()

    def position_at_point(self, point: QPoint) -> int:
        """The document position under a point of the viewport, as cursorForPosition
        gives it but without a hit test (see :meth:`block_at`): the block whose box
        holds the point — among the cells of a table row, the one under it — and the
        character in its line."""
        x = point.x() + self.horizontalScrollBar().value()
        y = point.y() + self.verticalScrollBar().value()
        layout = self.document().documentLayout()
        block = candidate = self.block_at(y)
        for _ in range(400):  # the cells of one row (a table of many columns) at most
            box = layout.blockBoundingRect(candidate)
            if box.top() > y or not candidate.isValid():
                break
            if box.left() <= x <= box.right() and box.top() <= y <= box.bottom():
                block = candidate
                break
            candidate = candidate.next()
        box = layout.blockBoundingRect(block)
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            if box.top() + line.y() + line.height() > y or i == lines.lineCount() - 1:
                return block.position() + line.xToCursor(x - box.left())
        return block.position()

    def visible_positions(self) -> tuple[int, int]:
        """The first position on screen and the last (lazily: see :meth:`block_at`)."""
        top = self.verticalScrollBar().value()
        return self.position_at(top + 2), self.position_at(top + self.viewport().height() - 1, line_end=True)

    def centerCursor(self) -> None:  # noqa: N802 - as QPlainTextEdit names it
        """Scroll so the cursor's line is in the middle of the view (as far as the document scrolls)."""
        self.ensureCursorVisible()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect().center().y() - self.viewport().height() // 2)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        self.moved()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.stripes.setGeometry(rect.left(), rect.top(), self.stripes.width(), rect.height())
        self.moved()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        """The stored text of the selection: paragraphs as they are, table rows as
        tab-separated cells (a spreadsheet pastes them into cells)."""
        _clear_clipboard_at_exit()
        data = QMimeData()
        offsets = self.selection_offsets()
        if offsets is not None:
            data.setText(self.pane.text[offsets[0]:offsets[1]])
        return data

    def event(self, event) -> bool:  # noqa: D401 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            position = self.position_at_point(event.pos())
            lines = []
            for note in self.pane.annotations_at(position):
                lines.append("🏷 " + ", ".join(note["tags"]) + (f"\n{note['note']}" if note["note"] else ""))
            mention = self.pane.mention_at(position)
            if mention is not None:
                lines.append(f"{mention.text}\n{self.pane.type_label(mention.type)} · {mention.canonical}")
            if lines:
                QToolTip.showText(event.globalPos(), "\n\n".join(lines), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if not self.textCursor().hasSelection():
            notes = self.pane.annotations_at(self.position_at_point(event.position().toPoint()))
            if notes:
                self.annotation_clicked.emit(notes[-1]["id"])

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = self.createStandardContextMenu()
        if self.textCursor().hasSelection():
            menu.insertAction(menu.actions()[0] if menu.actions() else None,
                              self._tag_action(menu))
        mention = self.pane.mention_at(self.position_at_point(event.pos()))
        if mention is not None:
            menu.addSeparator()
            title = menu.addAction(f"{mention.text} — {self.pane.type_label(mention.type)}")
            title.setEnabled(False)
            show = menu.addAction(self.tr("Show all mentions"))
            show.triggered.connect(lambda _checked=False: self.mention_action.emit("show", mention))
            change = menu.addMenu(self.tr("Change type to"))
            for kind in ENTITY_TYPES:
                if kind != mention.type:
                    action = change.addAction(self.pane.type_label(kind))
                    action.triggered.connect(lambda _=False, k=kind: self.mention_action.emit("type:" + k, mention))
            menu.addAction(self.tr("Not an entity (here)")).triggered.connect(
                lambda _checked=False: self.mention_action.emit("reject_span", mention))
            menu.addAction(self.tr("Never an entity (this name)")).triggered.connect(
                lambda _checked=False: self.mention_action.emit("reject_name", mention))
        selected = self.textCursor().selectedText().strip()
        if selected and mention is None and len(selected) < 80:
            menu.addSeparator()
            menu.addAction(self.tr("Add “{0}” as an entity…").format(selected)).triggered.connect(
                lambda _checked=False: self.add_entity.emit(selected))
        menu.exec(event.globalPos())

    def _tag_action(self, menu):
        from PySide6.QtGui import QAction

        action = QAction(self.tr("Tag selection…"), menu)
        action.triggered.connect(lambda _checked=False: self.tag_selection.emit())
        return action

    def selection_offsets(self) -> tuple[int, int] | None:
        """The selection as code-point offsets into the document text."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.pane.map.from_qt(cursor.selectionStart()), self.pane.map.from_qt(cursor.selectionEnd())


class ReaderPane(QWidget):
    """A titled reader with outline, find bar and zoom."""

    opened = Signal(int, float)  # doc id, milliseconds to open

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.doc_id: int | None = None
        self.text = ""
        self.text_sha = ""  # hash of the text shown: writes carry it, so none lands on unseen text
        self.entities_sha = ""
        self.map = DocumentMap("")
        self.blocks: list = []  # the document's structure blocks (tables are drawn from them)
        self.mentions: list[ShownMention] = []
        self._mention_starts: list[int] = []
        self.annotations: list[dict] = []
        self._heading_starts: list[int] = []
        self.type_label = lambda kind: kind

        self.title = ElidedLabel()  # a long title never widens the window
        self.outline = QComboBox()
        self.outline.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.outline.setMinimumContentsLength(10)
        self.outline.setFont(with_old_hangul(self.outline.font()))  # headings in Old Hangul (old_hangul.py)
        self.outline.activated.connect(self._jump_to_section)
        self.zoom_out = QToolButton()
        self.zoom_out.setText("−")
        self.zoom_out.clicked.connect(lambda _checked=False: self.zoom(-1))
        self.zoom_in = QToolButton()
        self.zoom_in.setText("+")
        self.zoom_in.clicked.connect(lambda _checked=False: self.zoom(1))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.outline)
        header.addWidget(self.zoom_out)
        header.addWidget(self.zoom_in)

        self.view = ReaderView(self)
        self.highlighter = SpanHighlighter(self.view)
        self.highlighter.visible_range = self.view.visible_positions
        self.view.moved = self._view_moved
        self.find_bar = FindBar(self)
        self.find_box, self.find_count, self.find_prev = self.find_bar.box, self.find_bar.count, self.find_bar.prev
        self.markers = MarkerBar()
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self.view, 1)
        body.addWidget(self.markers)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(header)
        layout.addWidget(self.find_bar)
        layout.addLayout(body, 1)

        self.jumping = False
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_bar, activated=self.hide_find,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.verticalScrollBar().valueChanged.connect(self._follow_outline)
        self.retranslate()

    def retranslate(self) -> None:
        self.zoom_in.setToolTip(self.tr("Larger text"))
        self.zoom_out.setToolTip(self.tr("Smaller text"))
        self.outline.setToolTip(self.tr("Jump to a section"))
        self.view.setPlaceholderText(self.tr("Open a document from the library or a search hit"))
        if self.doc_id is None:
            self.title.set_text(self.tr("No document"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading ----------------------------------------------------------------

    def load(self, view, mentions, enabled: set[str]) -> float:
        """Show a document (a services DocumentView) with its mentions; returns ms taken."""
        started = time.perf_counter()
        self.doc_id = view.info.id
        self.text = view.text
        self.text_sha = view.info.text_sha256
        self.entities_sha = view.info.entities_sha
        self.blocks = list(view.blocks)
        self.title.set_text(readable(view.info.title, self.title.font()), view.info.source)
        self.mentions = [ShownMention(m.start, m.end, m.text, m.type, m.canonical) for m in mentions]
        self._mention_starts = [m.start for m in self.mentions]
        self.annotations = []
        self.highlighter.clear([], enabled)
        # Built apart from the view, then shown: a document the view shows is laid out
        # again at every change. The view's child: QTextEdit deletes it when the next
        # document replaces it.
        document = QTextDocument(self.view)
        document.setDefaultFont(self.view.document().defaultFont())
        _, self.map = build_document(view.text, self.blocks, into=document)
        headings = [b for b in view.blocks if b.kind.value in ("heading", "title")]
        self.highlighter.set_headings([QtSpan(self.map.to_qt(b.start), self.map.to_qt(b.end),
                                              f"heading:{b.level or 1}") for b in headings], document)
        self.view.setDocument(document)  # laid out lazily, as far as the view shows
        self.highlighter.set_entities(OffsetLayer([(m.start, m.end, m.type) for m in self.mentions],
                                                  self.map.to_qt, self.map.from_qt), enabled)
        self._fill_outline(view, [b for b in headings if b.kind.value == "heading"])
        self.markers.set_hits([], 1)
        self.find_bar.set_text(self.text)
        elapsed = (time.perf_counter() - started) * 1000
        self.opened.emit(self.doc_id, elapsed)
        return elapsed

    def _fill_outline(self, view, headings) -> None:
        """The sections to jump to; text before the first heading (the title,
        a summary) is the document's own first entry, so the box never names
        a section the reader is not in."""
        self.outline.blockSignals(True)
        self.outline.clear()
        self._heading_starts = []
        entries = [(view.info.title[:60] or self.tr("(beginning)"), 0)] if headings and headings[0].start > 0 else []
        entries += [("  " * (block.level - 1) + view.text[block.start:block.end][:60], block.start)
                    for block in headings]
        font = self.outline.font()
        for text, start in entries:  # Old Hangul no font here draws: spelled out, the exact heading in the tooltip
            self.outline.addItem(readable(text, font), start)
            self.outline.setItemData(self.outline.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            self._heading_starts.append(start)
        self.outline.blockSignals(False)
        self._follow_outline()

    def set_annotations(self, rows: list[dict], colours: dict[int, str]) -> None:
        """Shade tagged passages with their first tag's colour (tags by id); overlaps darker."""
        self.annotations = [r for r in rows if r["status"] != "orphaned" and r["doc_id"] == self.doc_id]
        spans = [(r["start"], r["end"], colours.get(r["tag_ids"][0], "#999999") if r["tag_ids"] else "#999999")
                 for r in self.annotations]
        self.highlighter.set_notes([QtSpan(self.map.to_qt(a), self.map.to_qt(b), f"ann:{c}:{1 if n == 1 else 2}")
                                    for a, b, c, n in annotation_segments(spans)])
        self.view.stripes.set_spans([(self.map.to_qt(a), self.map.to_qt(b), colour, r["id"])
                                     for (a, b, colour), r in zip(spans, self.annotations)])

    def annotations_at(self, qt_position: int) -> list[dict]:
        index = self.map.from_qt(qt_position)
        return [r for r in self.annotations if r["start"] <= index < r["end"]]

    def set_enabled_types(self, enabled: set[str]) -> None:
        self.highlighter.set_enabled(enabled)

    # --- positions --------------------------------------------------------------

    def mention_at(self, qt_position: int) -> ShownMention | None:
        if not self.mentions:
            return None

        index = self.map.from_qt(qt_position)
        i = bisect_right(self._mention_starts, index) - 1
        if i >= 0 and self.mentions[i].start <= index < self.mentions[i].end \
                and self.mentions[i].type in self.highlighter.enabled:
            return self.mentions[i]
        return None

    def goto(self, start: int, end: int | None = None) -> None:
        """Scroll to a code-point offset and select up to ``end`` (a jump: the
        other pane does not follow it, see ``jumping``)."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.map.to_qt(start))
        if end is not None:
            cursor.setPosition(self.map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        with self.navigating():
            self.view.setTextCursor(cursor)
            self.view.centerCursor()

    def show_at_top(self, start: int) -> None:
        """Scroll so the line holding a code-point offset is the first one on
        screen (as far as the document can scroll), the cursor there."""
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.map.to_qt(min(max(start, 0), len(self.text))))
        bar = self.view.verticalScrollBar()
        with self.navigating():
            self.view.setTextCursor(cursor)  # lays the document out down to the cursor (Qt's layout is lazy)
            bar.setValue(bar.value() + self.view.cursorRect().top())
        self._follow_outline()

    def line_height(self) -> float:
        """The height of a line of text on screen, in pixels (it follows the zoom)."""
        return float(max(self.view.fontMetrics().lineSpacing(), 1))

    def scroll_lines(self, lines: float) -> float:
        """Move the view down (up if negative) by ``lines`` lines of text; returns
        how many it moved (fewer at an end). The scrollbar counts pixels, so
        two panes at different zooms still move by the same number of lines."""
        bar = self.view.verticalScrollBar()
        before = bar.value()
        bar.setValue(before + round(lines * self.line_height()))
        return (bar.value() - before) / self.line_height()

    @contextmanager
    def navigating(self):
        """While set, scrolling is a jump (goto, outline, find, restore), not the
        analyst scrolling: a linked pane re-anchors instead of following."""
        self.jumping = True
        try:
            yield
        finally:
            self.jumping = False

    def show_hits(self, matches: list[tuple[int, int]]) -> None:
        spans = [QtSpan(self.map.to_qt(a), self.map.to_qt(b), "hit") for a, b in matches]
        self.highlighter.set_hits(spans)
        self.markers.set_hits([a for a, _ in matches], len(self.text))

    def show_changes(self, marks: list[tuple[int, int, str]], current: tuple[int, int] | None = None) -> None:
        """A comparison's marks (code points, kinds "deleted", "inserted", "removed",
        "added") and the changed paragraph F7 stands on (ui.compare_mode)."""
        to_qt = self.map.to_qt
        self.highlighter.set_changes([QtSpan(to_qt(a), to_qt(b), f"change:{kind}") for a, b, kind in marks],
                                     QtSpan(to_qt(current[0]), to_qt(current[1]), "change:current")
                                     if current is not None else None)

    def first_visible_offset(self) -> int:
        """The first character of the first line on screen (a line whose top edge the
        view cuts by a pixel or two still counts)."""
        return self.map.from_qt(self.view.visible_positions()[0])

    def visible_range(self) -> tuple[int, int]:
        """Code-point offsets of the first character on screen and of the last one
        (the whole text for a pane not on screen: Qt lays out only what it shows)."""
        if not self.view.isVisible():
            return 0, len(self.text)
        first, last = self.view.visible_positions()
        return self.map.from_qt(first), self.map.from_qt(last)

    def place(self) -> tuple[int, str]:
        """Where the reader is: the first visible offset and the text there, to
        find the same place again after the document's text changed."""
        at = self.first_visible_offset()
        return at, self.text[at:at + 60]

    def restore_place(self, place: tuple[int, str]) -> None:
        """Scroll back to a place taken by :meth:`place` (the same words nearest
        the old offset, else the same offset, clamped)."""
        at, words = place
        target = min(at, len(self.text))
        if words.strip():
            before, after = self.text.rfind(words, 0, at + len(words)), self.text.find(words, at)
            found = [p for p in (before, after) if p >= 0]
            if found:
                target = min(found, key=lambda p: abs(p - at))
        self.show_at_top(target)

    def zoom(self, steps: int) -> None:
        if steps > 0:
            self.view.zoomIn(steps)
        else:
            self.view.zoomOut(-steps)
        self.highlighter.refresh_formats()
        self.view.stripes.update()

    def _follow_outline(self, _value: int = 0) -> None:
        """The outline shows the section being read: the last entry at or above
        the first visible line."""
        index = bisect_right(self._heading_starts, self.first_visible_offset()) - 1
        if index != self.outline.currentIndex():
            self.outline.blockSignals(True)
            self.outline.setCurrentIndex(index)  # -1 (empty) before the first heading of a text without one at 0
            self.outline.blockSignals(False)

    def _jump_to_section(self, index: int) -> None:
        """The section's heading becomes the first line on screen, so the box
        names the section the reader now sees."""
        offset = self.outline.itemData(index)
        if offset is not None:
            self.show_at_top(int(offset))

    # --- find -------------------------------------------------------------------

    def _view_moved(self) -> None:
        """The view scrolled or resized: colour what came into view, redraw the stripes."""
        self.highlighter.catch_up()
        self.view.stripes.update()

    # --- find (workbench.ui.find_bar) -----------------------------------------------

    def show_find(self) -> None:
        self.find_bar.open()

    def hide_find(self) -> None:
        self.find_bar.close_bar()

    def find_next(self, direction: int) -> None:
        self.find_bar.step(direction)
