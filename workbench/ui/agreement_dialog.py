"""Analysis › Coder agreement…: two coders' percent agreement and Cohen's
kappa per tag (services.agreement), then, for the tag chosen, per document,
then, for the document chosen, the spans only A coded, only B coded and
both coded. Activating a span opens its document in the readers at it: A's
spans in the left pane, B's in the right, shared ones in both — the two
codings side by side.

The dialog stays open beside the readers (not modal) and computes in the
task runner (key "agreement": a new comparison supersedes one still
running), so a large project never freezes the window. It shows what it
counts: characters, each tag on its own (a parent's figures leave out its
children's codings, as NVivo compares nodes), only the documents either
coder coded with the tag unless "count every document" is ticked.
Landis & Koch's words beside each kappa help read it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMainWindow,
    QMenu, QPushButton, QSplitter, QTableView, QVBoxLayout,
)

from workbench.annotations.agreement import band
from workbench.core.errors import WorkbenchError
from workbench.services import agreement as agreement_service
from workbench.services.codebook import codebook

RowRole = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgreementDialog", text)


def reading(kappa: float) -> str:
    """Landis & Koch's word for a kappa, in the window's language."""
    return {"poor": _tr("poor agreement"), "slight": _tr("slight agreement"), "fair": _tr("fair agreement"),
            "moderate": _tr("moderate agreement"), "substantial": _tr("substantial agreement"),
            "almost perfect": _tr("almost perfect agreement")}[band(kappa)]


class RowsModel(QAbstractTableModel):
    """A table over plain rows: each column a header (a function, so it
    follows the language), a value taken from the row, and how to show it:
    "text", "count", "percent" (two decimals) or "kappa" (three)."""

    def __init__(self, columns: list[tuple[Callable[[], str], Callable[[object], object], str]],
                 parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][0]()
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == RowRole:
            return row
        _header, value_of, kind = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = value_of(row)
            return f"{value:.2f}" if kind == "percent" else f"{value:.3f}" if kind == "kappa" else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)


def _table(model: RowsModel, name: str, stretch: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class AgreementDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("agreement-dialog")
        self.window_ = window
        self.report: agreement_service.AgreementReport | None = None
        self.task = None

        self.coder_a, self.coder_b, self.tag = QComboBox(), QComboBox(), QComboBox()
        for combo, name in ((self.coder_a, "coder-a"), (self.coder_b, "coder-b"), (self.tag, "agreement-tag")):
            combo.setObjectName(name)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.every = QCheckBox()
        self.every.setObjectName("agreement-every-document")
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("agreement-compare")
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.compare)
        self.labels = [QLabel(), QLabel(), QLabel()]
        top = QHBoxLayout()
        for label, combo in zip(self.labels, (self.coder_a, self.coder_b, self.tag)):
            label.setBuddy(combo)
            top.addWidget(label)
            top.addWidget(combo, 1)
        top.addWidget(self.every)
        top.addWidget(self.compare_button)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("agreement-status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # a command to copy
        self.total = QLabel()
        self.total.setObjectName("agreement-total")

        names = lambda: self.report.coders if self.report else ("A", "B")  # noqa: E731
        counts = [(lambda: _tr("Coded by {0}").format(names()[0]), lambda r: r.counts.a, "count"),
                  (lambda: _tr("Coded by {0}").format(names()[1]), lambda r: r.counts.b, "count"),
                  (lambda: _tr("Coded by both"), lambda r: r.counts.both, "count")]
        figures = [(lambda: _tr("Agreement %"), lambda r: r.agreement, "percent"),
                   (lambda: "κ", lambda r: r.kappa, "kappa"),
                   (lambda: _tr("Reading"), lambda r: reading(r.kappa), "text")]
        self.tags_model = RowsModel([(lambda: _tr("Tag"), lambda r: r.tag, "text"),
                                     (lambda: _tr("Documents"), lambda r: r.documents, "count")]
                                    + figures + counts, self)
        self.docs_model = RowsModel([(lambda: _tr("Document"), lambda r: r.title or f"#{r.doc_id}", "text"),
                                     (lambda: _tr("Characters"), lambda r: r.counts.length, "count")]
                                    + figures + counts, self)
        self.spans_model = RowsModel([(lambda: _tr("Coded by"), self._who, "text"),
                                      (lambda: _tr("Start"), lambda s: s.start, "count"),
                                      (lambda: _tr("End"), lambda s: s.end, "count"),
                                      (lambda: _tr("Text"), lambda s: " ".join(s.quote.split())[:300], "text")], self)
        self.tags_view = _table(self.tags_model, "agreement-tags", 0)
        self.docs_view = _table(self.docs_model, "agreement-documents", 0)
        self.spans_view = _table(self.spans_model, "agreement-spans", 3)
        self.tags_view.selectionModel().currentRowChanged.connect(self._tag_chosen)
        self.docs_view.selectionModel().currentRowChanged.connect(self._document_chosen)
        self.spans_view.activated.connect(self.open_span)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.docs_view)
        lower.addWidget(self.spans_view)
        lower.setSizes([500, 580])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tags_view)
        split.addWidget(lower)
        split.setSizes([220, 300])
        self.spans_hint = QLabel()

        self.export_button = QPushButton()
        self.export_button.setObjectName("agreement-export")
        self.export_button.clicked.connect(self.choose_file)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.spans_hint, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.total)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(1100, 620)  # inside 1280×720 with the title bar
        window.events.changed.connect(self._project_changed)
        window.events.project_opened.connect(lambda _project: self._project_opened())
        self.retranslate()
        self.refill()

    # --- choices ---------------------------------------------------------------------------

    @property
    def project(self):
        return self.window_.project

    def refill(self) -> None:
        """The coders who have codings and the codebook's tags, keeping what was chosen."""
        was = (self.coder_a.currentText(), self.coder_b.currentText(), self.tag.currentData())
        coders = [c.name for c in agreement_service.list_coders(self.project)]
        for combo, keep, default in ((self.coder_a, was[0], 0), (self.coder_b, was[1], 1)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(coders)
            combo.setCurrentIndex(coders.index(keep) if keep in coders else min(default, len(coders) - 1))
            combo.blockSignals(False)
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(_tr("All tags"), None)
        for tag in codebook(self.project):
            self.tag.addItem(tag.path, tag.path)
        index = self.tag.findData(was[2]) if was[2] else 0
        self.tag.setCurrentIndex(max(index, 0))
        self.tag.blockSignals(False)
        self.compare_button.setEnabled(len(coders) >= 2)
        if len(coders) < 2:
            self.status.setText(_tr("Coder agreement needs passages tagged by two coders: each coder sets their "
                                    "name (workbench analyst NAME) before tagging, or import a colleague's .qdpx."))
        elif self.report is None:
            self.status.setText("")
        self.export_button.setEnabled(self.report is not None)

    def _project_opened(self) -> None:
        self.report = None
        for model in (self.tags_model, self.docs_model, self.spans_model):
            model.set_rows([])
        self.total.setText("")
        self.refill()

    def _project_changed(self, changes) -> None:
        if not (changes.annotations or changes.annotation_docs or changes.codebook or changes.documents_text
                or changes.documents_removed):
            return
        self.refill()
        if self.report is not None and self.isVisible():
            self.compare()  # the figures shown stay true to the project

    # --- computing -------------------------------------------------------------------------

    def compare(self) -> None:
        a, b = self.coder_a.currentText(), self.coder_b.currentText()
        if not a or not b:
            return
        project, tag, every = self.project, self.tag.currentData(), self.every.isChecked()
        task = self.window_.runner.prepare(
            "agreement", lambda token: agreement_service.agreement_job(project, a, b, tag=tag, all_documents=every),
            key="agreement")
        task.handles_errors = True  # said here, beside the choices
        task.finished.connect(self.show_report)
        task.failed.connect(self._failed)
        self.task = task
        self.status.setText(_tr("Comparing…"))
        self.window_.runner.submit(task)

    def _failed(self, exc: Exception) -> None:
        self.task = None
        if isinstance(exc, WorkbenchError):
            self.status.setText(exc.localized(getattr(self.window_, "language", "en")))
        else:
            self.status.setText(_tr("Something went wrong: {0}: {1}").format(type(exc).__name__, exc))

    def show_report(self, report) -> None:
        self.task = None
        chosen_tag = self._current(self.tags_view)
        self.report = report
        self.tags_model.set_rows(report.tags)
        self.docs_model.set_rows([])
        self.spans_model.set_rows([])
        self.status.setText("" if report.tags else _tr("Neither coder applied these tags."))
        self._show_total()
        self.export_button.setEnabled(True)
        if report.tags:
            keep = next((i for i, r in enumerate(report.tags) if chosen_tag and r.tag_id == chosen_tag.tag_id), 0)
            self.tags_view.selectRow(keep)

    def _show_total(self) -> None:
        report = self.report
        if report is None or not report.tags:
            self.total.setText("")
            return
        self.total.setText(_tr("Total of {0} tags: agreement {1:.2f} %, κ = {2:.3f} ({3})").format(
            len(report.tags), report.agreement, report.kappa, reading(report.kappa)))

    @staticmethod
    def _current(view: QTableView):
        index = view.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _tag_chosen(self, current, _previous=None) -> None:
        row = current.data(RowRole) if current.isValid() else None
        self.docs_model.set_rows(self.report.documents_of(row.tag_id) if row and self.report else [])
        self.spans_model.set_rows([])
        if self.docs_model.rows:
            self.docs_view.selectRow(0)

    def _document_chosen(self, current, _previous=None) -> None:
        row = current.data(RowRole) if current.isValid() else None
        self.spans_model.set_rows(self.report.spans_of(row.tag_id, row.doc_id) if row and self.report else [])

    def _who(self, span) -> str:
        a, b = self.report.coders if self.report else ("A", "B")
        return {"A": _tr("only {0}").format(a), "B": _tr("only {0}").format(b)}.get(span.who, _tr("both"))

    # --- reading and exporting -------------------------------------------------------------

    def open_span(self, index: QModelIndex) -> None:
        """A's span in the left reader, B's in the right, a shared one in both."""
        span = index.data(RowRole)
        if span is None:
            return
        reading_ = self.window_.reading
        for side in {"A": ("left",), "B": ("right",)}.get(span.who, ("left", "right")):
            pane = reading_.pane(side)
            if pane.doc_id != span.doc_id:
                reading_.open_in(side, span.doc_id)
            if pane.doc_id == span.doc_id:
                pane.goto(span.start, span.end)

    def choose_file(self) -> None:
        if self.report is None:
            return
        folder = QSettings().value("export/folder", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export coder agreement to"),
                                              str(Path(folder) / "agreement.xlsx"), "Excel (*.xlsx)")
        if path:
            self.export_to(Path(path).with_suffix(".xlsx"))

    def export_to(self, path: Path) -> None:
        QSettings().setValue("export/folder", str(path.parent))
        try:
            agreement_service.export_agreement(self.report, path, getattr(self.window_, "language", "en"))
        except WorkbenchError as exc:
            self.status.setText(exc.localized(getattr(self.window_, "language", "en")))
            return
        self.status.setText(_tr("Saved to {0}").format(path))

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_tr("Coder agreement"))
        for label, text in zip(self.labels, (_tr("Coder &A:"), _tr("Coder &B:"), _tr("&Tag:"))):
            label.setText(text)
        self.every.setText(_tr("Count every document"))
        self.every.setToolTip(_tr("Also count the documents neither coder coded with the tag, as agreed "
                                  "(QualCoder's way; it raises the agreement)"))
        self.compare_button.setText(_tr("&Compare"))
        self.note.setText(_tr("Counted by character. Each tag on its own: a parent tag's figures leave out its "
                              "children's codings (as NVivo does). Only documents either coder coded with the tag "
                              "count, unless every document is counted. κ = 1 when neither or both coded every "
                              "character."))
        self.spans_hint.setText(_tr("Double-click a span to read it: A's in the left pane, B's in the right."))
        self.export_button.setText(_tr("Export to Excel…"))
        self.close_button.setText(_tr("Close"))
        if self.tag.count():
            self.tag.setItemText(0, _tr("All tags"))
        for model in (self.tags_model, self.docs_model, self.spans_model):
            model.retranslate()
        self._show_total()


class AgreementTool:
    """The Analysis menu's "Coder agreement…" action and its one dialog."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        self.window = window
        self.dialog: AgreementDialog | None = None
        self.action = QAction(window)
        self.action.setObjectName("agreement-action")
        self.action.triggered.connect(self.open)
        menu.addAction(self.action)
        self.retranslate()

    def open(self) -> AgreementDialog:
        if self.dialog is None:
            self.dialog = AgreementDialog(self.window)
        else:
            self.dialog.refill()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def retranslate(self) -> None:
        self.action.setText(_tr("Coder &agreement…"))
        self.action.setStatusTip(_tr("Percent agreement and Cohen's kappa between two coders, per tag and document"))
        if self.dialog is not None:
            self.dialog.retranslate()


def install(window: QMainWindow, menu: QMenu) -> AgreementTool:
    return AgreementTool(window, menu)

