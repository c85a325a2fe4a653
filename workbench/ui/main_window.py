"""The main window: for now a library of the project's documents and a reader.

The full workbench (search, side-by-side reader, entities) is a later step;
this window already follows its rules: data comes through services, long
jobs run in the task runner with progress and cancel, strings go through tr().
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView, QLabel, QMainWindow, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton,
    QSplitter, QTableView,
)

from workbench.core.errors import WorkbenchError
from workbench.services.documents import list_documents, show_document
from workbench.services.projects import needs_seeding, seed_default_project
from workbench.store.project import Project
from workbench.ui.document_model import DocumentTableModel
from workbench.ui.tasks import Task, TaskRunner


class MainWindow(QMainWindow):
    ready = Signal()  # documents listed and nothing left loading

    def __init__(self, project: Project, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.project = project
        self.runner = runner or TaskRunner(self)
        self.setWindowTitle(self.tr("Workbench — {0}").format(project.root.name))
        self.resize(1280, 800)

        self.model = DocumentTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.reader = QPlainTextEdit()
        self.reader.setReadOnly(True)
        self.reader.setPlaceholderText(self.tr("Select a document to read it."))
        reader_font = QFont(self.reader.font())
        reader_font.setPointSize(reader_font.pointSize() + 1)
        self.reader.setFont(reader_font)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.reader)
        splitter.setSizes([560, 720])
        self.setCentralWidget(splitter)

        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.runner.cancel_all)
        # The runner forgets a task before announcing its end, so this sees the true state.
        self.runner.ended.connect(self._task_done)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    # --- start-up -------------------------------------------------------

    def start(self) -> None:
        """Seed the default project on first launch (in the background), then list."""
        if needs_seeding(self.project):
            self.status_label.setText(self.tr("Adding the sample documents…"))
            task = self.runner.prepare("seed", lambda token: seed_default_project(self.project))
            self._track(task)
            task.finished.connect(lambda _report: self.refresh())
            self.runner.submit(task)
        else:
            self.refresh()

    def _track(self, task: Task) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        task.progress.connect(self._on_progress)
        task.failed.connect(self._on_failed)

    def _on_progress(self, progress) -> None:
        self.progress.setRange(0, max(progress.total, 1))
        self.progress.setValue(progress.done)
        if progress.message:
            self.status_label.setText(self.tr("Reading {0}").format(progress.message))

    def _task_done(self, *_args) -> None:
        if not self.runner.active:
            self.progress.hide()
            self.cancel_button.hide()

    def _on_failed(self, exc: Exception) -> None:
        text = exc.localized("ko" if self.locale().name().startswith("ko") else "en") \
            if isinstance(exc, WorkbenchError) else f"{type(exc).__name__}: {exc}"
        self.status_label.setText(text)
        QMessageBox.warning(self, self.tr("Workbench"), text)

    # --- library and reader ---------------------------------------------

    def refresh(self) -> None:
        docs = list_documents(self.project)
        self.model.set_documents(docs)
        self.status_label.setText(self.tr("{0} documents in {1}").format(len(docs), str(self.project.root)))
        if docs and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.ready.emit()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        self.open_document(self.model.document(rows[0].row()).id)

    def open_document(self, doc_id: int) -> None:
        try:
            view = show_document(self.project, str(doc_id))
        except WorkbenchError as exc:
            self._on_failed(exc)
            return
        self.reader.setPlainText(view.text)
        self.reader.moveCursor(self.reader.textCursor().MoveOperation.Start)
