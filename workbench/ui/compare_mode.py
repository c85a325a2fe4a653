"""Comparison mode (issue 26): the two reader panes become the old and the
new version of a document, side by side.

Started from Analysis ▸ "Compare the two panes" (Ctrl+Shift+D: the left pane
is the old version, the right the new) or a library document's "Compare with
the left pane's document". The comparison runs in the task runner
(services.compare); then:

- each pane marks what changed: the old version's lost words struck through
  in red, the new one's words green and bold, a paragraph only one version
  has tinted; entity highlights, tagged passages and search hits still show
  over them (ui.highlighter draws the changes lowest);
- a bar above the panes counts paragraphs changed, deleted and inserted,
  and offers previous/next change (Shift+F7 / F7), the 신구조문대비표 export
  and the way out;
- linked scrolling follows the alignment (core.comparison.aligned_offset),
  not line counts: the paragraph at the top of one pane is at the top of
  the other.

Opening another document in a pane ends the comparison; a change to either
document's text compares again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QMainWindow, QMenu, QToolButton

from workbench.core.changes import Changes
from workbench.core.comparison import DELETED, EQUAL, INSERTED, Comparison
from workbench.services import compare as compare_service
from workbench.ui.controllers.base import Controller, as_job
from workbench.ui.i18n import effective_language
from workbench.ui.widgets import ElidedLabel

TABLE_FILTERS = (("xlsx", "Excel (*.xlsx)"), ("hwpx", "한글 HWPX (*.hwpx)"), ("docx", "Word (*.docx)"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompareMode", text)


class CompareBar(QFrame):
    """One row above the panes while comparing: what is compared, the counts,
    and the buttons (it never widens the window: the text elides)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("compare-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = ElidedLabel()
        self.previous, self.next, self.export, self.close = (QToolButton() for _ in range(4))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.label, 1)
        for button in (self.previous, self.next, self.export, self.close):
            layout.addWidget(button)
        self.hide()


class CompareTool(Controller):
    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window.events, window)
        self.window = window
        self.reading = window.reading
        self.comparison: Comparison | None = None
        self.docs: tuple[int, int] | None = None  # (old, new) being compared, or about to be
        self.position = -1  # the index in comparison.differences() F7 stands on
        self.task = None
        self._was_linked = False

        self.compare_action = self._action(menu, "compare-panes", self.compare_panes, "Ctrl+Shift+D")
        self.next_action = self._action(menu, "next-change", lambda: self.step(1), "F7")
        self.previous_action = self._action(menu, "previous-change", lambda: self.step(-1), "Shift+F7")
        self.end_action = self._action(menu, "end-comparison", self.end)
        window.toolbar.addAction(self.compare_action)
        self.bar = CompareBar()
        self.bar.previous.setDefaultAction(self.previous_action)
        self.bar.next.setDefaultAction(self.next_action)
        self.bar.export.clicked.connect(lambda _checked=False: self.export())
        self.bar.close.clicked.connect(lambda _checked=False: self.end())
        window.centralWidget().layout().insertWidget(1, self.bar)  # under the legend, over the panes
        window.library.compare_requested.connect(self.compare_with_left)
        self.reading.document_opened.connect(self._pane_opened)
        self._enable()

    def _action(self, menu: QMenu, name: str, slot, *keys) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        self.window.addAction(action)
        menu.addAction(action)
        return action

    def retranslate(self) -> None:
        self.compare_action.setText(_tr("Compare the two panes"))
        self.compare_action.setToolTip(_tr("Compare the left pane's document (old version) with the right pane's "
                                           "(new version): changed, deleted and inserted paragraphs and words"))
        self.compare_action.setIconText(_tr("Compare"))
        self.next_action.setText(_tr("Next change"))
        self.previous_action.setText(_tr("Previous change"))
        self.end_action.setText(_tr("End comparison"))
        self.bar.export.setText(_tr("Comparison table…"))
        self.bar.export.setToolTip(_tr("Export the comparison as a table of old and new text (신구조문대비표): "
                                       "Excel, HWPX or Word"))
        self.bar.close.setText(_tr("End comparison"))
        self._show_summary()

    # --- starting and ending ---------------------------------------------------------------

    def compare_panes(self) -> None:
        left, right = self.reading.left.doc_id, self.reading.right.doc_id
        if left is None or right is None or left == right:
            self.window.status.show_message(lambda: _tr(
                "Open the old version on the left and the new version on the right, then compare"))
            return
        self.start(left, right)

    def compare_with_left(self, doc_id: int) -> None:
        """The library's "Compare with the left pane's document": that one is the old version."""
        left = self.reading.left.doc_id
        if left is None or left == doc_id:
            self.reading.open_in("left", doc_id)
            self.window.status.show_message(lambda: _tr(
                "The old version is on the left: now choose the new version in the library and compare it"))
            return
        self.start(left, doc_id)

    def start(self, old: int, new: int) -> None:
        """Compare document ``old`` with ``new``, shown in the left and right panes."""
        self.docs = (old, new)
        for side, doc_id in (("left", old), ("right", new)):
            if self.reading.pane(side).doc_id != doc_id:
                self.reading.open_in(side, doc_id)
        self.bar.label.set_text(_tr("Comparing…"))
        self.bar.show()
        project = self.project
        task = self.window.runner.prepare("compare", lambda _token: as_job(
            compare_service.compare_documents, project, old, new), key="compare", quiet=True)
        task.handles_errors = True
        task.finished.connect(lambda result, t=task: self._arrived(t, result))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self.task = task
        self.window.runner.submit(task)

    def _arrived(self, task, comparison: Comparison) -> None:
        if task is not self.task or self.docs != (comparison.old.doc_id, comparison.new.doc_id):
            return
        self.comparison = comparison
        self.position = -1
        if not self.reading.aligner:
            self._was_linked = self.window.link_action.isChecked()
        self.reading.aligner = self._aligned
        self.window.link_action.setChecked(True)
        self._mark()
        self._show_summary()
        self._enable()
        first = comparison.differences()
        if first:
            self.step(1)

    def _failed(self, task, exc: BaseException) -> None:
        if task is not self.task:
            return
        self.end()
        self.window.status.report_error(exc)

    def end(self) -> None:
        """Back to two independent readers."""
        if self.docs is None and self.comparison is None:
            return
        self.comparison, self.docs, self.task, self.position = None, None, None, -1
        if self.reading.aligner is not None:
            self.reading.aligner = None
            self.window.link_action.setChecked(self._was_linked)
        for pane in self.reading.panes:
            pane.show_changes([])
        self.bar.hide()
        self._enable()

    def _enable(self) -> None:
        comparing = self.comparison is not None and bool(self.comparison.differences())
        self.next_action.setEnabled(comparing)
        self.previous_action.setEnabled(comparing)
        self.end_action.setEnabled(self.docs is not None)
        self.bar.export.setEnabled(self.comparison is not None)

    # --- what the panes show ---------------------------------------------------------------

    def _mark(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        old_marks, new_marks = [], []
        for pair in comparison.pairs:
            if pair.kind == DELETED:
                old_marks.append((pair.old.start, pair.old.end, "removed"))
            elif pair.kind == INSERTED:
                new_marks.append((pair.new.start, pair.new.end, "added"))
            elif pair.kind != EQUAL:
                old_marks.extend((a, b, "deleted") for a, b in pair.old_marks())
                new_marks.extend((a, b, "inserted") for a, b in pair.new_marks())
        current = comparison.pairs[comparison.differences()[self.position]] if self.position >= 0 else None
        for pane, marks, unit in ((self.reading.left, old_marks, current and current.old),
                                  (self.reading.right, new_marks, current and current.new)):
            pane.show_changes(marks, (unit.start, unit.end) if unit is not None else None)

    def _show_summary(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        s = comparison.summary()
        text = _tr("{0} paragraphs changed, {1} deleted, {2} inserted ({3} unchanged)").format(
            s["changed"], s["deleted"], s["inserted"], s["equal"])
        if self.position >= 0:
            text += " · " + _tr("change {0} of {1}").format(self.position + 1, len(comparison.differences()))
        # The counts first: the titles are long, and the label elides its end.
        self.bar.label.set_text(f"{text} · {comparison.old.title} → {comparison.new.title}")

    def _aligned(self, side: str, offset: int) -> int | None:
        if self.comparison is None:
            return None
        return self.comparison.aligned_offset("old" if side == "left" else "new", offset)

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) change, shown at the top of both panes."""
        comparison = self.comparison
        if comparison is None or not comparison.differences():
            return
        changes = comparison.differences()
        self.position = (self.position + direction) % len(changes) if self.position >= 0 else \
            (0 if direction > 0 else len(changes) - 1)
        pair = comparison.pairs[changes[self.position]]
        old_at = pair.old.start if pair.old is not None else comparison.aligned_offset("new", pair.new.start)
        new_at = pair.new.start if pair.new is not None else comparison.aligned_offset("old", pair.old.start)
        aligner, self.reading.aligner = self.reading.aligner, None  # both move: neither follows the other
        try:
            for pane, at in ((self.reading.left, old_at), (self.reading.right, new_at)):
                if at is not None:
                    pane.show_at_top(at)
        finally:
            self.reading.aligner = aligner
        self._mark()
        self._show_summary()

    # --- keeping it true -------------------------------------------------------------------

    def _pane_opened(self, side: str, doc_id: int, _ms: float) -> None:
        if self.docs is None:
            return
        wanted = self.docs[0] if side == "left" else self.docs[1]
        if doc_id != wanted:
            self.end()  # another document in a pane: this comparison no longer stands
        elif self.comparison is not None:
            self._mark()  # the same document shown again (a reload): its marks again

    def changed(self, changes: Changes) -> None:
        if self.docs is None:
            return
        old, new = self.docs
        if changes.documents_removed and {old, new} & set(changes.documents_removed):
            self.end()
        elif changes.touches_document(old) or changes.touches_document(new):
            self.start(old, new)

    def project_opened(self) -> None:
        self.end()

    # --- the table --------------------------------------------------------------------------

    def export(self, path: str | None = None):
        comparison = self.comparison
        if comparison is None:
            return None
        if path is None:
            name = f"신구조문대비표_{comparison.new.title[:30]}.xlsx".replace("/", "_")
            path, _ = QFileDialog.getSaveFileName(self.window, _tr("Export the comparison table to"), name,
                                                  ";;".join(label for _, label in TABLE_FILTERS))
            if not path:
                return None
        language = effective_language()
        task = self.window.runner.prepare("export-comparison", lambda _token: as_job(
            compare_service.write_comparison, comparison, Path(path), language))
        task.handles_errors = True
        task.finished.connect(lambda result: self.window.status.show_message(
            lambda: _tr("Comparison table written to {0}").format(result["path"])))
        task.failed.connect(self.window.status.report_error)
        self.window.runner.submit(task)
        return task


def install(window: QMainWindow, menu: QMenu) -> CompareTool:
    menu.addSeparator()
    return CompareTool(window, menu)
