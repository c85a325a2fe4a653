"""Reading: the two panes — opening documents, search hits in the text,
swapping, linked scrolling — and keeping what they show true.

Linked scrolling moves the other pane by as many lines as the analyst
scrolled, as diff viewers do: scrolling by a fraction of the document moved
the 840 KB report by chapters for a few lines of a short article. A pane
that reaches its end keeps count of the lines it could not follow, so
scrolling back brings both to where they were. Jumps (a hit, a section, a
find, a document opened) move only their own pane.

When the project changes, each pane checks its own document: new text (a
re-ingest) or new entities reload it, keeping the reader's place where the
same words can still be found; new or edited tags only re-shade it. A pane
never keeps showing text that is no longer the document's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from workbench.core.changes import Changes
from workbench.core.errors import WorkbenchError
from workbench.services import annotations as annotation_service
from workbench.services import codebook as codebook_service
from workbench.services import entities as entity_service
from workbench.services.documents import show_document
from workbench.ui.controllers.base import Controller
from workbench.ui.events import ProjectEvents
from workbench.ui.legend import Legend
from workbench.ui.library import DOC_MIME
from workbench.ui.reader import ReaderPane


class DropPane(ReaderPane):
    """A reader pane that accepts documents dragged from the library."""

    dropped = Signal(int)

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.setAcceptDrops(True)
        self.view.setAcceptDrops(False)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(DOC_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        self.dropped.emit(int(bytes(event.mimeData().data(DOC_MIME)).decode()))
        event.acceptProposedAction()


class ReadingController(Controller):
    document_opened = Signal(str, int, float)  # pane, doc id, milliseconds
    failed = Signal(object)  # an error to report

    def __init__(self, events: ProjectEvents, left: DropPane, right: DropPane, legend: Legend,
                 parent: QObject | None = None) -> None:
        super().__init__(events, parent)
        self.left, self.right, self.legend = left, right, legend
        self._linked = False
        self._linking = False  # moving the other pane: its scroll is not followed back
        self._last = {left: 0, right: 0}  # each pane's scroll value (lines) when last seen
        self._owed = {left: 0, right: 0}  # lines a pane could not follow, being at its end
        self.last_result = None  # the latest search's result: its hits are marked in the panes
        # While two versions are compared (ui.compare_mode): where the other pane should
        # be, given a pane's name and the offset at its top. Linked scrolling follows it.
        self.aligner = None
        self._last_focused = left
        QApplication.instance().focusChanged.connect(self._focus_changed)
        for pane in self.panes:
            pane.dropped.connect(lambda doc_id, p=pane: self.open_in(p.objectName(), doc_id))
            pane.opened.connect(lambda doc_id, ms, p=pane: self.document_opened.emit(p.objectName(), doc_id, ms))
        for a, b in ((left, right), (right, left)):
            a.view.verticalScrollBar().valueChanged.connect(lambda _value, a=a, b=b: self._linked_scroll(a, b))
        legend.changed.connect(lambda enabled: [p.set_enabled_types(enabled) for p in self.panes])

    def project_opened(self) -> None:
        self.clear()

    @property
    def panes(self) -> tuple[DropPane, DropPane]:
        return self.left, self.right

    def pane(self, side: str) -> DropPane:
        return self.left if side == "left" else self.right

    def focused(self) -> DropPane:
        """The pane the analyst is in, or was last in (the left one at first)."""
        return self._last_focused

    def _focus_changed(self, _old, new) -> None:
        for pane in self.panes:
            if new is not None and (new is pane or pane.isAncestorOf(new)):
                self._last_focused = pane

    def clear(self) -> None:
        self.last_result = None
        for pane in self.panes:
            pane.doc_id = None
            pane.view.clear()
            pane.retranslate()

    # --- opening ---------------------------------------------------------------------

    def open_in(self, side: str, doc_id: int) -> float:
        """Open a document in a pane; returns milliseconds taken."""
        pane = self.pane(side)
        try:
            view = show_document(self.project, str(doc_id))
            _, mentions = entity_service.entities_of(self.project, str(doc_id))
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return 0.0
        with pane.navigating():  # a new document: the other pane stays where it is
            ms = pane.load(view, mentions, self.legend.enabled())
        self.mark_hits(pane)
        self.shade(pane)
        return ms

    def reload(self, pane: ReaderPane) -> None:
        """Show the document's current text and entities again, at the same place."""
        if pane.doc_id is None:
            return
        place = pane.place()
        self.open_in(pane.objectName(), pane.doc_id)
        pane.restore_place(place)

    def shade(self, pane: ReaderPane) -> None:
        if pane.doc_id is None:
            return
        rows = annotation_service.list_annotations(self.project, doc=str(pane.doc_id))
        pane.set_annotations(annotation_service.annotation_table(self.project, rows),
                             codebook_service.tag_colors(self.project))

    def changed(self, changes: Changes) -> None:
        if self.left.doc_id is None and self.right.doc_id is None and changes.documents_added:
            self.open_in("left", min(changes.documents_added))  # something to read while the rest arrives
        for pane in self.panes:
            if not changes.touches_document(pane.doc_id):
                continue
            try:
                info = show_document(self.project, str(pane.doc_id)).info
            except WorkbenchError:
                continue
            if info.text_sha256 != pane.text_sha or info.entities_sha != pane.entities_sha:
                self.reload(pane)
            else:
                self.shade(pane)

    # --- search hits -------------------------------------------------------------------

    def show_hit(self, hit, side: str = "right") -> None:
        pane = self.pane(side)
        if pane.doc_id != hit.doc_id:
            self.open_in(side, hit.doc_id)
        self.mark_hits(pane)
        start, end = (hit.matches[0] if hit.matches else (hit.start, hit.start))
        pane.goto(start, end)

    def mark_hits(self, pane: ReaderPane) -> None:
        result = self.last_result
        if result is None or pane.doc_id is None:
            return
        if getattr(result, "text_shas", {}).get(pane.doc_id, pane.text_sha) != pane.text_sha:
            pane.show_hits([])  # the hits were found in another version of this text
            return
        hits = [h for h in result.hits if h.doc_id == pane.doc_id] + [d.best for d in result.docs
                                                                       if d.doc_id == pane.doc_id]
        pane.show_hits(sorted({m for h in hits for m in h.matches}))

    def search_finished(self, result) -> None:
        if isinstance(result, Exception):
            return
        self.last_result = result
        for pane in self.panes:
            self.mark_hits(pane)

    # --- two panes -------------------------------------------------------------------------

    def swap(self) -> None:
        left, right = self.left.doc_id, self.right.doc_id
        left_at, right_at = self.left.first_visible_offset(), self.right.first_visible_offset()
        if right is not None:
            self.open_in("left", right)
            self.left.goto(right_at)
        if left is not None:
            self.open_in("right", left)
            self.right.goto(left_at)

    @property
    def linked(self) -> bool:
        return self._linked

    @linked.setter
    def linked(self, on: bool) -> None:
        """Linking starts from where both panes are."""
        self._linked = on
        self._owed = {pane: 0 for pane in self.panes}

    def _linked_scroll(self, source: ReaderPane, target: ReaderPane) -> None:
        # The bar's value now, not the signal's: laying out the end of a document while
        # scrolling there emits values out of order (64, 0, 87, 64 for a move to 87).
        value = source.view.verticalScrollBar().value()
        pixels, self._last[source] = value - self._last[source], value
        moved = pixels / source.line_height()  # lines of the source's text: the other pane moves as many of its own
        if self._linking or not pixels:
            return
        if not self.linked or source.jumping or target.doc_id is None or source.doc_id is None:
            self._owed = {pane: 0 for pane in self.panes}  # a jump: from here on, from the new places
            return
        self._owed[source] = 0  # the analyst moved this pane itself: it owes nothing
        if self.aligner is not None:
            self._follow_alignment(source, target)
            return
        wanted = self._owed[target] + moved
        self._linking = True
        try:
            done = target.scroll_lines(wanted)  # fewer at an end: owed, paid back first when scrolling back
            self._last[target] = target.view.verticalScrollBar().value()
        finally:
            self._linking = False
        self._owed[target] = wanted - done

    def _follow_alignment(self, source: ReaderPane, target: ReaderPane) -> None:
        """The other version shows the paragraph aligned with the one at the top
        of this pane (a paragraph only one version has moves the other not at all)."""
        wanted = self.aligner(source.objectName(), source.first_visible_offset())
        if wanted is None:
            return
        self._linking = True
        try:
            if target.first_visible_offset() != wanted:
                target.show_at_top(wanted)
            self._last[target] = target.view.verticalScrollBar().value()
        finally:
            self._linking = False

    def retranslate(self, type_label) -> None:
        for pane in self.panes:
            pane.type_label = type_label
