"""The project journal: the analyst's dated entries (date, author, text),
oldest first, with an editor below to add a new entry, change the chosen
one or delete it. Every write goes through ``window.events.apply`` with the
memos service, and the list refreshes when the project events say memos
changed (another window, the CLI's import, an undo elsewhere). No undo: a
deleted entry is asked about first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QMessageBox, QPlainTextEdit, QPushButton, QSplitter,
    QTableView, QVBoxLayout, QWidget,
)

from workbench.core.changes import Changes
from workbench.core.errors import WorkbenchError
from workbench.services import memos
from workbench.ui.memo_dialog import local_time

IdRole = Qt.ItemDataRole.UserRole + 21


class JournalDialog(QDialog):
    def __init__(self, events, report_error, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journal-dialog")
        self.events, self.report_error = events, report_error
        self.resize(760, 520)  # fits 1280×720
        self.model = QStandardItemModel(0, 3, self)
        self.table = QTableView()
        self.table.setObjectName("journal-entries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._chosen(current))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("journal-editor")
        self.add_button, self.save_button, self.delete_button, self.new_button = (QPushButton() for _ in range(4))
        self.add_button.setObjectName("journal-add")
        self.save_button.setObjectName("journal-save")
        self.delete_button.setObjectName("journal-delete")
        self.new_button.setObjectName("journal-new")
        self.add_button.clicked.connect(lambda _checked=False: self.add())
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete())
        self.new_button.clicked.connect(lambda _checked=False: self.clear_choice())
        buttons = QHBoxLayout()
        for button in (self.new_button, self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.editor, 1)
        below_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([300, 180])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        events.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Project journal"))
        self.model.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Author"), self.tr("Entry")])
        self.add_button.setText(self.tr("Add entry"))
        self.save_button.setText(self.tr("Save changes"))
        self.delete_button.setText(self.tr("Delete entry"))
        self.new_button.setText(self.tr("New entry"))
        self.editor.setPlaceholderText(self.tr("Write a journal entry: what you did, decided or wondered today"))

    def _changed(self, changes: Changes) -> None:
        if changes.memos:
            self.refresh()

    def refresh(self) -> None:
        chosen = self.chosen()
        self.entries = memos.journal(self.events.project)
        self.model.removeRows(0, self.model.rowCount())
        for entry in self.entries:
            when = QStandardItem(local_time(entry.created_at))
            when.setData(entry.id, IdRole)
            if entry.updated_at != entry.created_at:
                when.setToolTip(self.tr("Last changed by {0} on {1}").format(entry.modifier,
                                                                             local_time(entry.updated_at)))
            text = QStandardItem(entry.text)
            text.setToolTip(entry.text)
            self.model.appendRow([when, QStandardItem(entry.author), text])
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeRowsToContents()
        row = next((r for r, e in enumerate(self.entries) if e.id == chosen), None)
        if row is not None:
            self.table.selectRow(row)
        self._buttons()

    def chosen(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.item(index.row(), 0).data(IdRole)

    def _chosen(self, index) -> None:
        if index.isValid():
            self.editor.setPlainText(self.model.item(index.row(), 2).text())
        self._buttons()

    def _buttons(self) -> None:
        chosen = self.chosen() is not None
        self.save_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def clear_choice(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(self.model.index(-1, -1))
        self.editor.clear()
        self.editor.setFocus()
        self._buttons()

    def _apply(self, service, *args):
        try:
            return self.events.apply(service, *args)
        except WorkbenchError as exc:
            self.report_error(exc)
            return None

    def add(self) -> None:
        entry = self._apply(memos.add_journal_entry, self.editor.toPlainText())
        if entry is not None:
            row = next(r for r, e in enumerate(self.entries) if e.id == entry.id)
            self.table.selectRow(row)
            self._chosen(self.model.index(row, 0))

    def save(self) -> None:
        entry_id = self.chosen()
        if entry_id is not None:
            self._apply(memos.edit_journal_entry, entry_id, self.editor.toPlainText())

    def delete(self) -> None:
        entry_id = self.chosen()
        if entry_id is None:
            return
        entry = next(e for e in self.entries if e.id == entry_id)
        answer = QMessageBox.question(self, self.tr("Delete entry"),
                                      self.tr("Delete the journal entry of {0} by {1}? This cannot be undone.")
                                      .format(local_time(entry.created_at), entry.author))
        if answer == QMessageBox.StandardButton.Yes and self._apply(memos.delete_journal_entry, entry_id):
            self.clear_choice()
