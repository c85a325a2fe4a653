"""File → Export: choose the passages (tags, documents, dates, the current
search), the columns and their order, see the first rows, pick the file; the
export runs in the task runner and the folder can be opened when done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QTableView, QVBoxLayout,
)

from workbench.core.progress import Progress
from workbench.export.rows import COLUMNS, cell_value
from workbench.services import codebook as codebook_service
from workbench.services import export as export_service
from workbench.services.documents import list_documents


class ExportDialog(QDialog):
    def __init__(self, project, runner, query: str = "", parent=None) -> None:
        super().__init__(parent)
        self.project, self.runner = project, runner
        self.setWindowTitle(self.tr("Export tagged passages"))
        self.resize(1000, 700)
        self.tags = QListWidget()
        self.tags.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for tag in codebook_service.codebook(project):
            self.tags.addItem(tag.path)
        self.docs = QListWidget()
        self.docs.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for doc in list_documents(project):
            item = QListWidgetItem(doc.title)
            item.setData(Qt.ItemDataRole.UserRole, str(doc.id))
            self.docs.addItem(item)
        self.use_dates = QCheckBox(self.tr("Tagged between"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.use_query = QCheckBox(self.tr("Only within hits of the search: {0}").format(query))
        self.use_query.setEnabled(bool(query))
        self.query = query
        self.columns = QListWidget()
        self.columns.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for key, label in COLUMNS.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.columns.addItem(item)
        self.preview_model = QStandardItemModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.count = QLabel()
        refresh = QPushButton(self.tr("Preview"))
        refresh.clicked.connect(self.update_preview)
        for signal in (self.tags.itemSelectionChanged, self.docs.itemSelectionChanged, self.use_query.toggled,
                       self.use_dates.toggled, self.columns.itemChanged):
            signal.connect(self.update_preview)

        dates = QHBoxLayout()
        for w in (self.use_dates, self.since, QLabel("–"), self.until):
            dates.addWidget(w)
        form = QFormLayout()
        form.addRow(self.tr("Tags (none = all)"), self.tags)
        form.addRow(self.tr("Documents (none = all)"), self.docs)
        form.addRow(dates)
        form.addRow(self.use_query)
        form.addRow(self.tr("Columns (drag to reorder)"), self.columns)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(refresh)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.result = None
        self.update_preview()

    # --- the selection ---------------------------------------------------------------

    def selection(self) -> dict:
        return {
            "tags": [i.text() for i in self.tags.selectedItems()] or None,
            "docs": [i.data(Qt.ItemDataRole.UserRole) for i in self.docs.selectedItems()] or None,
            "query": self.query if self.use_query.isChecked() else None,
            "since": self.since.date().toString("yyyy-MM-dd") if self.use_dates.isChecked() else None,
            "until": self.until.date().toString("yyyy-MM-dd") if self.use_dates.isChecked() else None,
        }

    def chosen_columns(self) -> list[str]:
        return [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]

    def update_preview(self) -> None:
        annotations = export_service.select_annotations(self.project, **self.selection())
        rows = export_service.build_briefing(self.project, annotations[:20]).passages
        columns = self.chosen_columns()
        self.preview_model.clear()
        self.preview_model.setHorizontalHeaderLabels([COLUMNS[c] for c in columns])
        for row in rows:
            self.preview_model.appendRow([QStandardItem(str(cell_value(row, c) or "")[:200]) for c in columns])
        self.count.setText(self.tr("{0} passages selected; the first {1} shown").format(len(annotations), len(rows)))

    # --- writing ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        folder = QSettings().value("export/folder", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), str(Path(folder) / "briefing.xlsx"),
                                              "Excel (*.xlsx);;CSV (*.csv);;REFI-QDA (*.qdpx)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path, ask_to_open: bool = True):
        QSettings().setValue("export/folder", str(path.parent))
        project, selection, columns = self.project, self.selection(), self.chosen_columns()

        def job(token):
            yield Progress(0, 1, path.name)
            return export_service.export_briefing(project, path, columns=columns, **selection)

        task = self.runner.prepare("export", job)
        task.finished.connect(lambda result: self._done(result, ask_to_open))
        task.failed.connect(lambda exc: QMessageBox.warning(self, self.tr("Export"), getattr(exc, "message", str(exc))))
        self.runner.submit(task)
        return task

    def _done(self, result: dict, ask_to_open: bool) -> None:
        self.result = result
        if ask_to_open:
            answer = QMessageBox.question(
                self, self.tr("Export"),
                self.tr("{0} passages written to {1}. Open the folder?").format(result["passages"], result["path"]))
            if answer == QMessageBox.StandardButton.Yes:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(result["path"]).parent)))
        self.accept()
