"""Tagging: the picker, the undo stack, the tagged-passages panel and the
codebook. Every write carries the text hash of what the analyst saw (the
pane's, or the passage's); the panels refresh when the project events say
annotations or the codebook changed. The status bar hears what each change
did, and what Undo and Redo did after it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from workbench.core.changes import Changes
from workbench.core.errors import WorkbenchError
from workbench.services import annotations as annotation_service
from workbench.services import codebook as codebook_service
from workbench.services.queries import tag_query
from workbench.ui.annotations_panel import AnnotationsPanel
from workbench.ui.codebook_panel import CodebookPanel
from workbench.ui.controllers.base import Controller
from workbench.ui.controllers.reading import ReadingController
from workbench.ui.events import ProjectEvents
from workbench.ui.reader import ReaderPane
from workbench.ui.tag_picker import TagPickerDialog
from workbench.ui.undo import CodebookCommand, DeleteCommand, EditCommand, ReattachCommand, TagCommand, UndoStack


class TaggingController(Controller):
    message = Signal(str)  # something for the status bar
    failed = Signal(object)  # an error to report
    search = Signal(str)  # a query to run (a tag's passages)

    def __init__(self, events: ProjectEvents, reading: ReadingController, annotations: AnnotationsPanel,
                 codebook: CodebookPanel, parent: QObject | None = None) -> None:
        super().__init__(events, parent)
        self.reading, self.annotations, self.codebook = reading, annotations, codebook
        self.undo_stack = UndoStack(self)
        self.undo_stack.announced.connect(self.message)  # "Undone: …" replaces "Deleted … (Ctrl+Z to undo)"
        annotations.jump.connect(self.jump_to)
        annotations.delete_requested.connect(self.delete)
        annotations.edit_requested.connect(self.edit)
        annotations.reattach_requested.connect(self.reattach)
        codebook.command.connect(self.codebook_command)
        codebook.search_tag.connect(lambda path: self.search.emit(tag_query(path)))
        for pane in reading.panes:
            pane.view.tag_selection.connect(lambda p=pane: self.tag_selection(p))
            pane.view.annotation_clicked.connect(annotations.select_annotation)

    def refresh(self) -> None:
        rows = annotation_service.annotation_table(self.project)
        tags = codebook_service.codebook(self.project)
        self.annotations.set_rows(rows, [t.path for t in tags])
        self.codebook.set_tags(tags)

    def project_opened(self) -> None:
        self.refresh()

    def changed(self, changes: Changes) -> None:
        if changes.annotations or changes.annotation_docs or changes.codebook or changes.documents:
            self.refresh()

    # --- tagging ---------------------------------------------------------------------------

    def tag_selection(self, pane: ReaderPane | None = None, tags: list[str] | None = None,
                      note: str | None = None) -> bool:
        """Tag the selected text of a pane (the focused one by default) through the picker."""
        pane = pane or self.reading.focused()
        span = pane.view.selection_offsets()
        if span is None or pane.doc_id is None or span[0] == span[1]:
            self.message.emit(self.tr("Select some text to tag first"))
            return False
        seen_sha = pane.text_sha  # taken before the picker: the text the analyst selected in
        if tags is None:
            picker = TagPickerDialog([t.path for t in codebook_service.codebook(self.project)],
                                     pane.text[span[0]:span[1]], parent=self.annotations.window())
            if not picker.exec():
                return False
            tags, note = picker.chosen, picker.note_text()
        return self._push(TagCommand(self.events, pane.doc_id, span[0], span[1], tags, note or "", seen_sha,
                                     self.failed.emit, quote=_short(pane.text[span[0]:span[1]])))

    def push(self, command: QUndoCommand) -> bool:
        """Run a command of another tool (auto-code) through the window's undo stack."""
        return self._push(command)

    def _push(self, command: QUndoCommand) -> bool:
        """Run a command through the undo stack; whether it is on it now. A
        refused one is dropped by the stack (obsolete), so the index stays —
        the count may not grow even when it is kept (pushing drops the redo tail)."""
        index = self.undo_stack.index()
        self.undo_stack.push(command)
        return self.undo_stack.index() > index

    def delete(self, row: dict) -> None:
        """Delete a passage after asking, naming it; the status bar says what
        went and Undo (Ctrl+Z) brings it back."""
        quote = _short(row["quote"])
        answer = QMessageBox.question(
            self.annotations.window(), self.tr("Delete passage"),
            self.tr("Delete the passage “{0}” in “{1}” (tags: {2})? Its tags and note go with it; "
                    "Undo brings it back.").format(quote, row["title"], ", ".join(row["tags"])))
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._push(DeleteCommand(self.events, row["id"], quote, self.failed.emit)):
            self.message.emit(self.tr("Deleted the passage “{0}” from “{1}” (Ctrl+Z to undo)")
                              .format(quote, row["title"]))

    def reattach(self, row: dict) -> None:
        """Place an (orphaned) annotation on the text selected in the pane showing its document."""
        pane = next((p for p in self.reading.panes if p.doc_id == row["doc_id"] and p.view.selection_offsets()),
                    None)
        if pane is None:
            self.message.emit(self.tr("Select the new place of the passage in its document first"))
            return
        start, end = pane.view.selection_offsets()
        self.undo_stack.push(ReattachCommand(self.events, row["id"], start, end, pane.text_sha, self.failed.emit,
                                             quote=_short(row["quote"])))

    def edit(self, row: dict) -> None:
        """Edit a passage's tags and note; with every tag removed the picker
        offers to delete the passage instead (asked again, as Delete asks)."""
        picker = TagPickerDialog([t.path for t in codebook_service.codebook(self.project)], row["quote"],
                                 chosen=row["tags"], note=row["note"], parent=self.annotations.window(),
                                 editing=True)
        if not picker.exec():
            return
        if picker.delete_requested:
            self.delete(row)
            return
        self._push(EditCommand(self.events, row["id"], (row["tags"], row["note"]),
                               (picker.chosen, picker.note_text()), row["text_sha256"], self.failed.emit,
                               quote=_short(row["quote"])))

    def jump_to(self, row: dict) -> None:
        left, right = self.reading.panes
        side = "left" if left.doc_id == row["doc_id"] or right.doc_id != row["doc_id"] else "right"
        pane = self.reading.pane(side)
        if pane.doc_id != row["doc_id"]:
            self.reading.open_in(side, row["doc_id"])
        pane.goto(row["start"], row["end"])

    def codebook_command(self, label: str, change) -> None:
        """An undoable codebook change; an empty label is a read-only action (export).
        Once done, the status bar says what it did: the change's own words
        (``CodebookChange.done``, given the service's value), or its label."""
        done = getattr(change, "done", None)
        if not label:
            try:
                value = change(self.project)
            except WorkbenchError as exc:
                self.failed.emit(exc)
                return
            if done is not None:
                self.message.emit(done(value))
            return
        command = CodebookCommand(self.events, label, change, self.failed.emit)
        if self._push(command):
            self.message.emit(done(command.value) if done is not None else self.tr("Done: {0}").format(label))


def _short(quote: str, limit: int = 40) -> str:
    """A passage as a question or the status bar names it: one line, cut with “…”."""
    text = " ".join(quote.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
