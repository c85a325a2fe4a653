"""Documents' details in the window: the library's date and publisher columns
(and the full metadata in its tooltips), and the "Edit document details…"
dialog. A correction is saved through the metadata service by
:meth:`ProjectEvents.apply`, as an undoable command on the window's undo
stack; the library refreshes when the project events say a document's
metadata (or the document list) changed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from workbench.core.changes import Changes
from workbench.core.errors import WorkbenchError
from workbench.services.metadata import document_meta, document_metadata, set_document_metadata
from workbench.ui.controllers.base import Controller
from workbench.ui.events import ProjectEvents
from workbench.ui.library import LibraryPanel
from workbench.ui.metadata_dialog import MetadataDialog
from workbench.ui.undo import ErrorHandler, ServiceCommand


def _tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


class MetadataCommand(ServiceCommand):
    """Correct a document's fields; undo puts back the analyst's earlier
    corrections (or none, where the value was the file's or the text's)."""

    def __init__(self, events: ProjectEvents, doc_id: int, new: dict[str, str], old: dict[str, str],
                 on_error: ErrorHandler) -> None:
        super().__init__(_tr("edit document details"), events, on_error)
        self.doc_id, self.new, self.old = doc_id, new, old

    def redo(self) -> None:
        self._run(lambda: self.events.apply(set_document_metadata, self.doc_id, **self.new))

    def undo(self) -> None:
        self._run(lambda: self.events.apply(set_document_metadata, self.doc_id, **self.old))


class DocumentsController(Controller):
    message = Signal(str)
    failed = Signal(object)

    def __init__(self, events: ProjectEvents, library: LibraryPanel, undo_stack: QUndoStack,
                 parent: QObject | None = None) -> None:
        super().__init__(events, parent)
        self.library, self.undo_stack = library, undo_stack
        self.dialog: MetadataDialog | None = None
        library.edit_details.connect(self.edit)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.library.set_metadata(document_metadata(self.project))
        except WorkbenchError as exc:
            self.failed.emit(exc)

    def project_opened(self) -> None:
        self.refresh()

    def changed(self, changes: Changes) -> None:
        if changes.documents:  # added, removed, new text or new metadata
            self.refresh()

    def edit(self, doc_id: int) -> MetadataDialog | None:
        """Open the details dialog of a document (window-modal; saved when accepted)."""
        try:
            meta = document_meta(self.project, doc_id)
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return None
        row = next((r for r in range(self.library.model.rowCount())
                    if self.library.model.document(r).id == doc_id), None)
        title = self.library.model.document(row).title if row is not None else str(doc_id)
        window = self.library.window()
        if self.dialog is not None:  # one details dialog at a time; the last one's widgets go
            self.dialog.close()
            self.dialog.deleteLater()
        dialog = MetadataDialog(title, meta, getattr(window, "language", "en"), window)
        dialog.accepted.connect(lambda: self.save(doc_id, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def save(self, doc_id: int, dialog: MetadataDialog) -> None:
        new = dialog.values()
        if not new:
            return
        meta = dialog.meta
        old = {name: (meta.get(name) if meta.source(name) == "analyst" else "") for name in new}
        count = self.undo_stack.count()
        self.undo_stack.push(MetadataCommand(self.events, doc_id, new, old, self.failed.emit))
        if self.undo_stack.count() > count:
            self.message.emit(self.tr("Document details saved"))
