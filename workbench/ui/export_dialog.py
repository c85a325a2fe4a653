"""File → Export: choose the passages (tags, documents, dates, the current
search), the columns and their order, see the first rows, pick the file; the
export runs in the task runner and the folder can be opened when done.
The file is written in the window's language: its sheets, headers, entity
and document types, printed header and footer (services.export).

Titles, tags and passages in Old Hangul that no font here draws are shown
spelled out (workbench.ui.old_hangul), as in the library and the charts; the
exact text stays in the tooltip and in the file.

The format is chosen here (the file dialog opens on it, and a name typed
with another extension wins): a table (Excel, CSV), a REFI-QDA project, or
a report to hand on — Hangul (.hwpx) or Word (.docx): a section per tag,
the passages quoted with their sources and notes. A report has no columns,
so the columns list is off while one is chosen. For a REFI-QDA project a
checkbox gives every code a name no other code has (``규제 (정책)`` for
정책 / 규제), for QualCoder, which keeps one code per name and drops the
codings of the rest; the message after the export lists each name it changed.

An empty selection writes nothing: the dialog says so and Save is off.
While the file is written the dialog shows how many rows are done, and its
Cancel stops the export between batches of rows: nothing is written and a
file already at that path stays as it was (services.export.export_steps).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QHBoxLayout,
    QHeaderView, QLabel, QListWidget, QListWidgetItem, QMessageBox, QProgressBar, QSplitter, QTableView, QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.export.page import paper_for_locale
from workbench.export.rows import COLUMNS, cell_value
from workbench.services import codebook as codebook_service
from workbench.services import export as export_service
from workbench.services.documents import list_documents
from workbench.ui.i18n import effective_language
from workbench.ui.old_hangul import readable, with_old_hangul

PREVIEW_ROWS = 50
RENAMED_SHOWN = 20  # names listed in the message after an export; the rest are counted
# What a report says of each passage, previewed in place of the columns (which it has none of).
REPORT_PREVIEW = ["number", "title", "location", "text", "tags", "note"]
FORMATS = (("xlsx", "Excel (*.xlsx)"), ("csv", "CSV (*.csv)"), ("qdpx", "REFI-QDA (*.qdpx)"),
           ("hwpx", "HWPX (*.hwpx)"), ("docx", "Word (*.docx)"))


class ExportDialog(QDialog):
    def __init__(self, project, runner, query: str = "", parent=None) -> None:
        super().__init__(parent)
        self.project, self.runner, self.query = project, runner, query
        # The window's language (a dialog opened on its own: the saved or the system's).
        self.language = getattr(parent, "language", None) or effective_language()
        self.setWindowTitle(self.tr("Export tagged passages"))
        self.resize(980, 640)
        self.labels = {
            "number": self.tr("No."), "title": self.tr("Document"), "source": self.tr("Source file"),
            "section": self.tr("Section"), "location": self.tr("Location"), "text": self.tr("Passage"),
            "tags": self.tr("Tags"), "note": self.tr("Note"), "entities": self.tr("Entities"),
            "created": self.tr("Created"), "modified": self.tr("Modified"), "coder": self.tr("Coded by"),
        }
        self.tags = self._list(path for path in (t.path for t in codebook_service.codebook(project)))
        self.docs = QListWidget()
        self.docs.setFont(with_old_hangul(self.docs.font()))
        self.docs.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for doc in list_documents(project):
            item = QListWidgetItem(readable(doc.title, self.docs.font()))
            item.setData(Qt.ItemDataRole.UserRole, str(doc.id))
            item.setToolTip(doc.title)
            self.docs.addItem(item)
        self.columns = QListWidget()
        self.columns.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for key in COLUMNS:
            item = QListWidgetItem(self.labels[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.columns.addItem(item)
        self.use_dates = QCheckBox(self.tr("Tagged between"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.use_query = QCheckBox(self.tr("Only within hits of the search: {0}").format(query) if query
                                   else self.tr("Only within hits of the current search (none)"))
        self.use_query.setEnabled(bool(query))
        self.format = QComboBox()
        for suffix, label in ((".xlsx", self.tr("Excel workbook (.xlsx)")), (".csv", self.tr("CSV table (.csv)")),
                              (".qdpx", self.tr("REFI-QDA project (.qdpx): NVivo, MAXQDA, ATLAS.ti, QualCoder")),
                              (".hwpx", self.tr("Hangul report (.hwpx)")), (".docx", self.tr("Word report (.docx)"))):
            self.format.addItem(label, suffix)
        self.unique_names = QCheckBox(self.tr("Unique code names (for QualCoder)"))
        self.unique_names.setToolTip(self.tr(
            "QualCoder keeps only one code of each name and drops the codings of the others. With this, a code "
            "whose name another code has is written with its parents: 정책 / 규제 and 산업 / 규제 become "
            "규제 (정책) and 규제 (산업); a top-level 규제 keeps its name. Leave it off for NVivo, MAXQDA and "
            "ATLAS.ti: they keep the codes nested, named as you wrote them."))
        self.unique_names.setVisible(False)
        self.format.currentIndexChanged.connect(self._format_changed)

        self.preview_model = QStandardItemModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setFont(with_old_hangul(self.preview.font()))
        self.preview.verticalHeader().hide()  # the No. column numbers the rows: "1  1 …" was numbering them twice
        self.preview.setWordWrap(False)  # one line a passage: the preview shows many rows
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        for signal in (self.tags.itemSelectionChanged, self.docs.itemSelectionChanged, self.use_query.toggled,
                       self.use_dates.toggled, self.columns.itemChanged, self.since.dateChanged,
                       self.until.dateChanged):
            signal.connect(self.update_preview)
        self.columns.model().rowsMoved.connect(self.update_preview)

        choose = QWidget()
        grid = QGridLayout(choose)
        grid.setContentsMargins(0, 0, 0, 0)
        self.columns_label = QLabel(self.tr("Columns (drag to reorder)"))
        for column, (label, widget) in enumerate(((QLabel(self.tr("Tags (none = all)")), self.tags),
                                                  (QLabel(self.tr("Documents (none = all)")), self.docs),
                                                  (self.columns_label, self.columns))):
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
        dates = QHBoxLayout()
        for w in (self.use_dates, self.since, QLabel("–"), self.until):
            dates.addWidget(w)
        dates.addStretch(1)
        grid.addLayout(dates, 2, 0, 1, 3)
        grid.addWidget(self.use_query, 3, 0, 1, 3)
        file_format = QHBoxLayout()
        for w in (QLabel(self.tr("Format:")), self.format, self.unique_names):
            file_format.addWidget(w)
        file_format.addStretch(1)
        grid.addLayout(file_format, 4, 0, 1, 3)
        shown = QWidget()
        shown_layout = QVBoxLayout(shown)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        shown_layout.addWidget(self.count)
        shown_layout.addWidget(self.preview, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(choose)
        split.addWidget(shown)
        split.setStretchFactor(1, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.choose_file)
        self.buttons.rejected.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.hide()
        self.progress_label = QLabel()
        self.progress_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.task = None  # the running export, if any
        self.result = None
        self.annotations: list = []
        self.update_preview()

    def _list(self, texts) -> QListWidget:
        """A list to pick from: each text shown as it can be read, itself kept as the item's data."""
        widget = QListWidget()
        widget.setFont(with_old_hangul(widget.font()))
        widget.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for text in texts:
            item = QListWidgetItem(readable(text, widget.font()))
            item.setData(Qt.ItemDataRole.UserRole, text)
            item.setToolTip(text)
            widget.addItem(item)
        return widget

    # --- the selection ---------------------------------------------------------------

    def selection(self) -> dict:
        return {
            "tags": [i.data(Qt.ItemDataRole.UserRole) for i in self.tags.selectedItems()] or None,
            "docs": [i.data(Qt.ItemDataRole.UserRole) for i in self.docs.selectedItems()] or None,
            "query": self.query if self.use_query.isChecked() else None,
            "since": self.since.date().toString("yyyy-MM-dd") if self.use_dates.isChecked() else None,
            "until": self.until.date().toString("yyyy-MM-dd") if self.use_dates.isChecked() else None,
        }

    def chosen_columns(self) -> list[str]:
        return [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]

    def update_preview(self) -> None:
        self.error.hide()
        try:
            self.annotations = export_service.select_annotations(self.project, **self.selection())
        except WorkbenchError as exc:
            self.annotations = []
            self._show_error(exc)
        rows = export_service.build_briefing(self.project, self.annotations[:PREVIEW_ROWS],
                                             language=self.language).passages
        columns = REPORT_PREVIEW if self.is_report() else self.chosen_columns()
        self.preview_model.clear()
        self.preview_model.setHorizontalHeaderLabels([self.labels[c] for c in columns])
        for row in rows:
            cells = []
            for column in columns:
                value = cell_value(row, column)
                if isinstance(value, datetime):  # local time, as the file will show it
                    value = value.strftime("%Y-%m-%d %H:%M")
                text = " ".join(str(value or "").split())
                shown = readable(text[:160], self.preview.font())
                item = QStandardItem(shown + ("…" if len(text) > 160 else ""))
                item.setToolTip(text[:1000])
                cells.append(item)
            self.preview_model.appendRow(cells)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.annotations) and bool(columns))
        if not self.annotations:
            self.count.setText(self.tr("No tagged passages match this selection; nothing would be written"))
        elif not columns:
            self.count.setText(self.tr("Choose at least one column"))
        else:
            self.count.setText(self.tr("{0} passages selected; the first {1} shown").format(len(self.annotations),
                                                                                          len(rows)))

    def _show_error(self, exc: Exception) -> None:
        self.error.setText(exc.localized(self.language) if isinstance(exc, WorkbenchError) else str(exc))
        self.error.show()

    # --- the file's format ---------------------------------------------------------------

    def chosen_format(self) -> str:
        return self.format.currentData()

    def set_format(self, suffix: str) -> None:
        index = self.format.findData(suffix.lower())
        if index >= 0:
            self.format.setCurrentIndex(index)

    def is_report(self) -> bool:
        return self.chosen_format() in export_service.REPORTS

    def _format_changed(self) -> None:
        """The unique-names choice is a REFI-QDA one: shown only for .qdpx. A
        report quotes each passage with its source and note, in no columns:
        the columns list is off (kept in place, so the dialog does not jump)
        and the preview shows what the report says of each passage."""
        self.unique_names.setVisible(self.chosen_format() == ".qdpx")
        report = self.is_report()
        for widget in (self.columns, self.columns_label):
            widget.setEnabled(not report)
            widget.setToolTip(self.tr("A report quotes each passage with its source and note: columns are for "
                                      "the tables (Excel, CSV)") if report else "")
        self.update_preview()

    def unique_code_names(self, path: Path) -> bool:
        return path.suffix.lower() == ".qdpx" and self.unique_names.isChecked()

    # --- writing ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        if not self.annotations:
            return
        folder = QSettings().value("export/folder", str(Path.home()))
        suffix = self.chosen_format()
        filters = [label for _suffix, label in FORMATS]
        chosen = next(label for s, label in FORMATS if f".{s}" == suffix)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), str(Path(folder) / f"briefing{suffix}"),
                                              ";;".join(filters), chosen)
        if path:
            self.set_format(Path(path).suffix)  # a name typed with another extension is that format
            self.export_to(Path(path))

    def export_to(self, path: Path, ask_to_open: bool = True):
        QSettings().setValue("export/folder", str(path.parent))
        project, selection, columns = self.project, self.selection(), self.chosen_columns()
        language = self.language  # every word of the file follows the window's language
        paper = paper_for_locale(QLocale.system().name())  # A4, or Letter where the analyst's locale uses it
        unique = self.unique_code_names(path)

        def job(token):
            return (yield from export_service.export_steps(project, path, columns=columns, language=language,
                                                           paper=paper, token=token, unique_code_names=unique,
                                                           **selection))

        task = self.runner.prepare("export", job)
        task.handles_errors = True  # shown here, beside the choices, not in a second dialog
        task.progress.connect(self._progress)
        task.finished.connect(lambda result: self._done(result, ask_to_open))
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        self.task = task
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText(self.tr("Preparing the export…"))
        self.progress_label.show()
        self.runner.submit(task)
        return task

    def cancel(self) -> None:
        """Cancel stops a running export (and keeps the dialog open to say so); otherwise it closes."""
        if self.task is not None and self.task.outcome is None:
            self.task.cancel()
            self.progress_label.setText(self.tr("Cancelling…"))
        else:
            self.reject()

    def _progress(self, progress: Progress) -> None:
        if progress.stage == "write" and progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
            self.progress_label.setText(self.tr("Writing rows: {0} of {1}").format(progress.done, progress.total))
        elif progress.stage == "save":
            self.progress.setRange(0, max(progress.total, 1))
            self.progress.setValue(progress.total)
            self.progress_label.setText(self.tr("Saving the file…"))

    def _stopped(self) -> None:
        self.task = None
        self.progress.hide()
        self.progress_label.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.annotations))

    def _failed(self, exc: Exception) -> None:
        self._stopped()
        self._show_error(exc)

    def _cancelled(self) -> None:
        self._stopped()
        self.error.setText(self.tr("Export cancelled: nothing was written, and a file already there is unchanged"))
        self.error.show()

    def done_message(self, result: dict) -> str:
        """What the analyst is told when the file is written: the passages and,
        with unique code names, each code written under another name."""
        text = self.tr("{0} passages written to {1}.").format(result["passages"], result["path"])
        if result.get("unique_code_names"):
            renamed = result.get("renamed_codes") or []
            if not renamed:
                text += "\n\n" + self.tr("Every code's name was already unique: none was changed.")
            else:
                lines = [f"{r['path']} → {r['name']}" for r in renamed[:RENAMED_SHOWN]]
                if len(renamed) > RENAMED_SHOWN:
                    lines.append(self.tr("…and {0} more").format(len(renamed) - RENAMED_SHOWN))
                text += "\n\n" + self.tr(
                    "{0} code names were changed so that no two codes share one (QualCoder keeps one code "
                    "per name):").format(len(renamed)) + "\n" + "\n".join(lines)
        return text

    def _done(self, result: dict, ask_to_open: bool) -> None:
        self._stopped()
        self.result = result
        self.message = self.done_message(result)
        if ask_to_open:
            answer = QMessageBox.question(
                self, self.tr("Export"), self.message + "\n\n" + self.tr("Open the folder?"))
            if answer == QMessageBox.StandardButton.Yes:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(result["path"]).parent)))
        self.accept()
