"""Memos in the window (issue 25), installed from the Analysis menu's list
of tools (ui.analysis_menu): the "Project journal…" action, the library's
"Memo…" (a document's memo; the library marks documents that have one) and
the codebook's "Definition and memo…" (a tag's; its tooltip shows both).

Every edit runs the memos service through ``window.events.apply``, so the
library's marks, the codebook's tooltips and an open journal refresh from
the one notification (Changes.memos). Memo edits are not on the undo stack:
emptying a memo deletes it, and deleting a journal entry asks first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from workbench.core.changes import Changes
from workbench.core.errors import WorkbenchError
from workbench.services import codebook as codebook_service
from workbench.services import memos
from workbench.ui.controllers.base import Controller
from workbench.ui.journal_dialog import JournalDialog
from workbench.ui.memo_dialog import MemoDialog, local_time


def _tr(text: str) -> str:
    return QCoreApplication.translate("MemosTool", text)


class MemosTool(Controller):
    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window.events, window)
        self.window = window
        self.journal_action = QAction(window)
        self.journal_action.setObjectName("project-journal")
        self.journal_action.triggered.connect(lambda _checked=False: self.open_journal())
        menu.addAction(self.journal_action)
        self.journal: JournalDialog | None = None
        self.dialog: MemoDialog | None = None
        window.library.memo_requested.connect(self.edit_document_memo)
        window.codebook.memo_requested.connect(self.edit_tag_memo)
        self.refresh()

    def retranslate(self) -> None:
        self.journal_action.setText(_tr("Project journal…"))
        self.journal_action.setToolTip(_tr("Dated entries of what you did, decided and wondered, each with its author"))
        if self.journal is not None:
            self.journal.retranslate()

    # --- what the panels show -------------------------------------------------------------

    def refresh(self) -> None:
        try:
            documents = memos.memo_documents(self.project)
            tags = memos.tag_memos(self.project)
        except WorkbenchError as exc:
            self._error(exc)
            return
        self.window.library.set_memos(documents)
        self.window.codebook.set_memos({tag_id: self._tip(memo) for tag_id, memo in tags.items()})

    @staticmethod
    def _tip(memo) -> str:
        return _tr("Memo by {0}, {1}:").format(memo.author, local_time(memo.updated_at)) + "\n" + memo.text

    def project_opened(self) -> None:
        if self.journal is not None:
            self.journal.close()
        self.refresh()

    def changed(self, changes: Changes) -> None:
        if changes.memos or changes.codebook or changes.documents_removed or changes.documents_added:
            self.refresh()

    def _error(self, exc: BaseException) -> None:
        self.window.status.report_error(exc)

    # --- editing --------------------------------------------------------------------------

    def open_journal(self) -> JournalDialog:
        if self.journal is None or self.journal.events.project is not self.project:
            self.journal = JournalDialog(self.events, self._error, self.window)
        self.journal.refresh()
        self.journal.show()
        self.journal.raise_()
        return self.journal

    def _open(self, dialog: MemoDialog, save) -> MemoDialog:
        if self.dialog is not None:  # one memo editor at a time
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(lambda: save(dialog))
        dialog.open()
        return dialog

    def _apply(self, service, *args, **kwargs) -> None:
        try:
            self.events.apply(service, *args, **kwargs)
        except WorkbenchError as exc:
            self._error(exc)

    def edit_document_memo(self, doc_id: int) -> MemoDialog | None:
        try:
            memo = memos.document_memo(self.project, doc_id)
        except WorkbenchError as exc:
            self._error(exc)
            return None
        library = self.window.library
        row = next((r for r in range(library.model.rowCount()) if library.model.document(r).id == doc_id), None)
        title = library.model.document(row).title if row is not None else str(doc_id)
        return self._open(MemoDialog(title, memo, parent=self.window),
                          lambda d: self._apply(memos.set_document_memo, doc_id, d.text()))

    def edit_tag_memo(self, path: str) -> MemoDialog | None:
        try:
            tag = next((t for t in codebook_service.codebook(self.project) if t.path == path), None)
            memo = memos.tag_memo(self.project, tag.id) if tag is not None else None
        except WorkbenchError as exc:
            self._error(exc)
            return None
        if tag is None:
            return None
        return self._open(MemoDialog(path, memo, definition=tag.description, parent=self.window),
                          lambda d: self._apply(memos.set_tag_memo, tag.id, d.text(), definition=d.definition_text()))


def install(window: QMainWindow, menu: QMenu) -> MemosTool:
    return MemosTool(window, menu)
