"""The auto-code dialog: a search, a tag and a unit; a preview of every span
that would be tagged (double-click one to see it in the reader); then one
press tags them all, as one step Ctrl+Z takes back.

Opened from the search panel's "Auto-code…" button (with its query) and from
Analysis ▸ Auto-code…. The preview runs in the task runner; changing the
search, the tag or the unit takes the "Tag" button away until the preview is
made again, so what is tagged is what the analyst saw listed.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QLineEdit,
    QMainWindow, QMenu, QPushButton, QTableView, QVBoxLayout,
)

from workbench.core.errors import WorkbenchError
from workbench.services import codebook as codebook_service
from workbench.services.autocode import UNITS, AutocodePlan, plan_autocode
from workbench.ui.controllers.base import as_job
from workbench.ui.undo import AutocodeCommand


class PlanModel(QAbstractTableModel):
    """The preview's rows: document, what is tagged, and whether it is new."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.spans = []

    def set_plan(self, plan: AutocodePlan | None) -> None:
        self.beginResetModel()
        self.spans = list(plan.spans) if plan is not None else []
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.spans)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Document"), self.tr("Text to tag"), self.tr("State"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self.spans[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return span.title
            if index.column() == 1:
                return " ".join(span.quote.split())[:300]
            return {"new": self.tr("new passage"), "add-tag": self.tr("tag added to a passage"),
                    "tagged": self.tr("already tagged: skipped")}[span.state]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return span.quote[:2000]
        if role == Qt.ItemDataRole.ForegroundRole and span.state == "tagged":
            return Qt.GlobalColor.gray
        return None


class AutocodeDialog(QDialog):
    def __init__(self, window: QMainWindow, query: str = "") -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("autocode-dialog")
        self.plan: AutocodePlan | None = None
        self.task = None
        self.query = QLineEdit(query)
        self.tag = QComboBox()
        self.tag.setEditable(True)
        self.tag.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tag.addItems([t.path for t in codebook_service.codebook(window.project)])
        self.tag.setCurrentText("")
        self.unit = QComboBox()
        for unit in UNITS:
            self.unit.addItem("", unit)
        self.preview_button = QPushButton()
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(lambda _checked=False: self.preview())
        self.summary = QLabel()
        self.summary.setObjectName("autocode-summary")
        self.summary.setWordWrap(True)
        self.model = PlanModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(0, 180)
        self.table.doubleClicked.connect(self.show_span)
        self.table.activated.connect(self.show_span)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ApplyRole)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(lambda _checked=False: self.apply())
        self.buttons.rejected.connect(self.reject)

        self.labels = [QLabel(), QLabel(), QLabel()]
        self.form = QFormLayout()
        for label, field in zip(self.labels, (self.query, self.tag, self.unit)):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        for signal in (self.query.textChanged, self.tag.currentTextChanged, self.unit.currentIndexChanged):
            signal.connect(lambda *_: self._outdated())
        self.resize(760, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Auto-code search hits"))
        for label, text in zip(self.labels, (self.tr("&Search"), self.tr("&Tag"), self.tr("Tag &what"))):
            label.setText(text)
        self.tag.lineEdit().setPlaceholderText(self.tr("a tag of the codebook, or a new one (정책 / 규제)"))
        names = {"match": self.tr("the words found"), "sentence": self.tr("the sentence"),
                 "paragraph": self.tr("the paragraph"), "passage": self.tr("the passage of the results list")}
        for i in range(self.unit.count()):
            self.unit.setItemText(i, names[self.unit.itemData(i)])
        self.preview_button.setText(self.tr("Preview"))
        self.apply_button.setText(self.tr("Tag"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self._show_summary()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- preview ------------------------------------------------------------------

    def preview(self) -> None:
        query, tag, unit = self.query.text().strip(), self.tag.currentText().strip(), self.unit.currentData()
        if not query or not tag:
            self.summary.setText(self.tr("Give a search and the tag to apply"))
            return
        window = self.window_
        project = window.project
        self.summary.setText(self.tr("Finding the hits…"))
        task = window.runner.prepare("autocode", lambda token: as_job(plan_autocode, project, query, tag, unit),
                                     key="autocode")
        task.handles_errors = True
        task.finished.connect(lambda plan, t=task: self._planned(t, plan))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self.task = task
        window.runner.submit(task)

    def _planned(self, task, plan) -> None:
        if task is not self.task or task.superseded:
            return
        self.plan = plan
        self.model.set_plan(plan)
        self.apply_button.setEnabled(bool(plan.to_tag))
        self._show_summary()

    def _failed(self, task, exc) -> None:
        if task is not self.task:
            return
        language = getattr(self.window_, "language", "en")
        self.summary.setText(exc.localized(language) if isinstance(exc, WorkbenchError)
                             else f"{type(exc).__name__}: {exc}")

    def _outdated(self) -> None:
        if self.plan is not None:
            self.plan = None
            self.model.set_plan(None)
            self.apply_button.setEnabled(False)
            self.summary.setText(self.tr("Changed: preview again before tagging"))

    def _show_summary(self) -> None:
        plan = self.plan
        if plan is None:
            return
        docs = len({s.doc_id for s in plan.to_tag})
        text = self.tr("{0} matches: {1} places to tag in {2} documents with “{3}”; {4} already tagged").format(
            plan.matches, len(plan.to_tag), docs, plan.tag, plan.skipped)
        if not plan.spans:
            text = self.tr("The search finds nothing to tag")
        self.summary.setText(text)

    def show_span(self, index) -> None:
        """See a span in the right pane before tagging it."""
        if not index.isValid():
            return
        span = self.model.spans[index.row()]
        reading = self.window_.reading
        if reading.right.doc_id != span.doc_id:
            reading.open_in("right", span.doc_id)
        reading.right.goto(span.start, span.end)

    # --- tagging ------------------------------------------------------------------

    def apply(self) -> bool:
        """Tag the previewed spans as one undoable step; close when done."""
        if self.plan is None or not self.plan.to_tag:
            return False
        window = self.window_
        command = AutocodeCommand(window.events, self.plan, window.status.report_error)
        if not window.tagging.push(command) or command.result is None:
            self._outdated()
            return False
        result = command.result
        window.status.show_message(
            self.tr("Tagged {0} places with “{1}” (Ctrl+Z to undo)").format(
                len(result.created) + len(result.extended), self.plan.tag))
        self.accept()
        return True


class AutocodeTool:
    """Analysis ▸ Auto-code… (Ctrl+Shift+A), and the search panel's button."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        self.window = window
        self.dialog: AutocodeDialog | None = None
        self.action = menu.addAction("")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.action.triggered.connect(lambda _=False: self.open(window.search_panel.query.currentText()))
        window.addAction(self.action)
        window.search_panel.autocode_requested.connect(self.open)

    def open(self, query: str = "") -> AutocodeDialog:
        self.dialog = AutocodeDialog(self.window, query.strip())
        self.dialog.show()
        return self.dialog

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("AutocodeTool", "Auto-code search hits…"))


def install(window: QMainWindow, menu: QMenu) -> AutocodeTool:
    return AutocodeTool(window, menu)
