"""Analysis ▸ Keyword in context…: every match of a query as one line, the
keyword in a column of its own between the text before it (right-aligned,
cut on the left) and after it (cut on the right), so the matches line up
and the words around them can be read down the page.

The concordance comes from services.kwic, run in the task runner (key
"kwic": a newer run supersedes the one in flight). Sorting by the words
before or after — a click on the column's header, or the Sort box — needs
the rows' sort keys (Kiwi): the first such sort makes them in the task
runner (about a second for 10,000 rows), and every later one is instant. Double-click or Enter
opens the reader at the match; "Tag…" tags the selected rows' matches as one
step Ctrl+Z takes back (the tagging undo stack); "Excel…" writes the table
as listed. The model holds plain rows: no SQL here.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFileDialog, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QMainWindow, QMenu, QPushButton, QSpinBox, QStyledItemDelegate, QTableView, QVBoxLayout,
)

from workbench.core.errors import IndexNotReadyError, WorkbenchError
from workbench.corpus.doc_meta import DOC_TYPES
from workbench.services import annotations as annotation_service
from workbench.services import codebook as codebook_service
from workbench.services import kwic as kwic_service
from workbench.services.documents import list_documents
from workbench.ui.i18n import effective_language
from workbench.ui.tag_picker import TagPickerDialog
from workbench.ui.undo import ServiceCommand

LEFT, MATCH, RIGHT, DOCUMENT = range(4)
SORT_OF_COLUMN = {LEFT: "left", RIGHT: "right", DOCUMENT: None}
COLUMN_OF_SORT = {"left": LEFT, "right": RIGHT, None: DOCUMENT}
SHORTCUT = "Ctrl+Shift+K"


def one_line(text: str) -> str:
    """Context for a one-line cell: line breaks and tabs shown as spaces."""
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


class KwicModel(QAbstractTableModel):
    """The concordance's rows (services.kwic.KwicRow), in the order shown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[kwic_service.KwicRow] = []
        self.sort_by: str | None = None
        self.bold = QFont()
        self.bold.setBold(True)

    def set_rows(self, rows: list, sort_by: str | None) -> None:
        self.beginResetModel()
        self.sort_by = sort_by
        self.rows = kwic_service.sort_rows(list(rows), sort_by)
        self.endResetModel()

    def resort(self, sort_by: str | None) -> None:
        """Sort the shown rows by their keys (made with the rows: no Kiwi here)."""
        self.layoutAboutToBeChanged.emit()
        self.sort_by = sort_by
        self.rows = kwic_service.sort_rows(self.rows, sort_by)
        self.layoutChanged.emit()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Left context"), self.tr("Keyword"), self.tr("Right context"), self.tr("Document"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in SORT_OF_COLUMN:
            return self.tr("Click to sort by this column")
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (one_line(row.left), one_line(row.match), one_line(row.right), row.title)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = {LEFT: Qt.AlignmentFlag.AlignRight, MATCH: Qt.AlignmentFlag.AlignHCenter}.get(
                column, Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == MATCH:
            return self.bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DOCUMENT:
                return row.source
            return f"{row.left}【{row.match}】{row.right}"
        return None


class ElidingDelegate(QStyledItemDelegate):
    """The text before the match is cut on its left (the words next to the
    match stay), the text after it on its right."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft if index.column() == LEFT else Qt.TextElideMode.ElideRight


class TagMatchesCommand(ServiceCommand):
    """Tag… on the concordance's rows: every selected match tagged in one
    transaction (services.kwic.tag_matches), one step that Ctrl+Z takes back
    whole and redo puts back as it was (annotations.put_back)."""

    def __init__(self, events, matches: list[tuple[int, int, int, str]], tags: list[str], note: str,
                 on_error, label: str) -> None:
        super().__init__(label, events, on_error)
        self.args = (matches, tags, note)
        self.rows = None

    def redo(self) -> None:
        if self.rows is None:
            def tag() -> None:
                self.rows = self.events.apply(kwic_service.tag_matches, *self.args)
            self._run(tag)
        else:
            self._run(lambda: self.events.apply(annotation_service.put_back, [], self.rows))

    def undo(self) -> None:
        self._run(lambda: self.events.apply(annotation_service.put_back, [r.id for r in self.rows], []))


class KwicDialog(QDialog):
    def __init__(self, window: QMainWindow, query: str = "") -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("kwic-dialog")
        self.result: kwic_service.Concordance | None = None
        self.filters = kwic_service.KwicFilters()
        self.task = None
        self._waiting_for_index = False

        self.query = QLineEdit(query)
        self.query.returnPressed.connect(self.run)
        self.width_box = QSpinBox()
        self.width_box.setRange(1, kwic_service.MAX_WIDTH)
        self.width_box.setValue(kwic_service.DEFAULT_WIDTH)
        self.sort = QComboBox()
        for value in (None, "left", "right"):
            self.sort.addItem("", value)
        self.sort.currentIndexChanged.connect(lambda _i: self.resort(self.sort.currentData()))
        self.run_button = QPushButton()
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(lambda _checked=False: self.run())

        self.document = QComboBox()
        self.tag = QComboBox()
        self.tag.setEditable(True)
        self.tag.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.date_from, self.date_to = QLineEdit(), QLineEdit()
        for box in (self.date_from, self.date_to):
            box.setMaximumWidth(110)
            box.returnPressed.connect(self.run)
        self.doc_type = QComboBox()
        self._fill_filters()

        self.status = QLabel()
        self.status.setObjectName("kwic-status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = KwicModel(self)
        self.table = QTableView()
        self.table.setObjectName("kwic-table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(ElidingDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MATCH, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DOCUMENT, QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        self.table.setColumnWidth(DOCUMENT, 170)
        self.table.doubleClicked.connect(self.open_match)
        self.table.activated.connect(self.open_match)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.tag_button = QPushButton()
        self.tag_button.clicked.connect(lambda _checked=False: self.tag_selected())
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        self.close_button = QPushButton()
        self.close_button.clicked.connect(lambda _checked=False: self.close())

        self.labels: dict[str, QLabel] = {name: QLabel() for name in (
            "query", "width", "sort", "document", "tag", "from", "to", "type")}
        top = QGridLayout()
        top.addWidget(self.labels["query"], 0, 0)
        top.addWidget(self.query, 0, 1, 1, 5)
        top.addWidget(self.labels["width"], 0, 6)
        top.addWidget(self.width_box, 0, 7)
        top.addWidget(self.labels["sort"], 0, 8)
        top.addWidget(self.sort, 0, 9)
        top.addWidget(self.run_button, 0, 10)
        top.addWidget(self.labels["document"], 1, 0)
        top.addWidget(self.document, 1, 1)
        top.addWidget(self.labels["tag"], 1, 2)
        top.addWidget(self.tag, 1, 3)
        top.addWidget(self.labels["from"], 1, 4)
        top.addWidget(self.date_from, 1, 5)
        top.addWidget(self.labels["to"], 1, 6)
        top.addWidget(self.date_to, 1, 7)
        top.addWidget(self.labels["type"], 1, 8)
        top.addWidget(self.doc_type, 1, 9, 1, 2)
        top.setColumnStretch(1, 2)
        top.setColumnStretch(3, 2)
        for name, label in self.labels.items():
            label.setBuddy({"query": self.query, "width": self.width_box, "sort": self.sort,
                            "document": self.document, "tag": self.tag, "from": self.date_from,
                            "to": self.date_to, "type": self.doc_type}[name])
        buttons = QHBoxLayout()
        buttons.addWidget(self.tag_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        window.events.changed.connect(self._project_changed)
        window.events.project_opened.connect(self._project_opened)
        # Ctrl+Z and redo work here too: the window's shortcuts reach only the window that is active.
        for action in (getattr(window, "undo_action", None), getattr(window, "redo_action", None)):
            if action is not None:
                self.addAction(action)
        self.resize(1000, 560)
        self.retranslate()
        self._enable()

    # --- words --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Keyword in context"))
        words = {"query": self.tr("Search"), "width": self.tr("Context width"), "sort": self.tr("Sort by"),
                 "document": self.tr("Document"), "tag": self.tr("Tag"), "from": self.tr("Date from"),
                 "to": self.tr("Date to"), "type": self.tr("Type")}
        for name, label in self.labels.items():
            label.setText(words[name])
        self.query.setPlaceholderText(self.tr('e.g. 반도체, "개인 정보", 인공*'))
        self.width_box.setSuffix(self.tr(" characters"))
        self.width_box.setToolTip(self.tr("Characters of context on each side of the match"))
        sorts = {None: self.tr("document order"), "left": self.tr("words before"), "right": self.tr("words after")}
        for i in range(self.sort.count()):
            self.sort.setItemText(i, sorts[self.sort.itemData(i)])
        self.run_button.setText(self.tr("Find matches"))
        self.document.setItemText(0, self.tr("all documents"))
        self.tag.setItemText(0, "")
        self.tag.lineEdit().setPlaceholderText(self.tr("any (or a tag: matches inside its passages)"))
        self.date_from.setPlaceholderText("2024-01")
        self.date_to.setPlaceholderText("2024-12")
        self.doc_type.setItemText(0, self.tr("any type"))
        korean = effective_language().startswith("ko")
        for i in range(1, self.doc_type.count()):
            english, hangul = DOC_TYPES[self.doc_type.itemData(i)]
            self.doc_type.setItemText(i, hangul if korean else english)
        self.table.setToolTip(self.tr("Enter or double-click: open the document at the match"))
        self.tag_button.setText(self.tr("Tag…"))
        self.tag_button.setToolTip(self.tr("Tag the selected matches (Ctrl+Z undoes it)"))
        self.export_button.setText(self.tr("Excel…"))
        self.export_button.setToolTip(self.tr("Write the table, as listed, to an Excel workbook"))
        self.close_button.setText(self.tr("Close"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._show_status()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_filters(self) -> None:
        """The documents and tags to filter by, as the project has them now
        (what was chosen stays chosen while it is still there)."""
        project = self.window_.project
        doc, tag = self.document.currentData(), self.tag.currentText()
        self.document.clear()
        self.document.addItem(self.tr("all documents"), None)
        for info in list_documents(project):
            self.document.addItem(info.title or info.source, info.id)
        self.document.setCurrentIndex(max(0, self.document.findData(doc)))
        self.tag.clear()
        self.tag.addItem("")
        self.tag.addItems([t.path for t in codebook_service.codebook(project)])
        self.tag.setCurrentText(tag)
        if not self.doc_type.count():
            self.doc_type.addItem("", None)
            for code in DOC_TYPES:
                self.doc_type.addItem("", code)

    # --- running ------------------------------------------------------------------

    def chosen_filters(self) -> kwic_service.KwicFilters:
        doc = self.document.currentData()
        return kwic_service.KwicFilters(docs=(doc,) if doc is not None else (),
                                        tag=self.tag.currentText().strip() or None,
                                        date_from=self.date_from.text().strip() or None,
                                        date_to=self.date_to.text().strip() or None,
                                        doc_type=self.doc_type.currentData())

    def run(self) -> None:
        query = self.query.text().strip()
        if not query:
            self.status.setText(self.tr("Type what to find"))
            return
        window = self.window_
        project, width, sort, filters = window.project, self.width_box.value(), self.sort.currentData(), \
            self.chosen_filters()
        self.status.setText(self.tr("Finding every match…"))

        def job(token):
            return (yield from kwic_service.kwic_steps(project, query, width, sort, filters, token=token))

        task = window.runner.prepare("kwic", job, key="kwic", quiet=True)
        task.handles_errors = True
        task.progress.connect(lambda p, t=task: self._progress(t, p))
        task.finished.connect(lambda result, t=task, f=filters: self._arrived(t, result, f))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self.task = task
        window.runner.submit(task)

    def _progress(self, task, progress) -> None:
        if task is self.task and progress.stage == kwic_service.KEY_STAGE and progress.total:
            self.status.setText(self.tr("Reading the words around {0} matches…").format(f"{progress.total:,}"))

    def _arrived(self, task, result, filters) -> None:
        if task is not self.task:
            return
        self.result, self.filters = result, filters
        self.model.set_rows(result.rows, self.sort.currentData())
        self._indicate()
        self._show_status()
        self._enable()

    def _failed(self, task, exc) -> None:
        if task is not self.task:
            return
        if isinstance(exc, IndexNotReadyError):
            self._waiting_for_index = True
            self.status.setText(self.tr("The search index is being built; the concordance is made when it is ready"))
            self.window_.project_ctl.keep_index_in_step()
            return
        self.status.setText(exc.localized(effective_language()) if isinstance(exc, WorkbenchError)
                            else f"{type(exc).__name__}: {exc}")

    def _project_changed(self, changes) -> None:
        if changes.documents or changes.codebook:
            self._fill_filters()
        if changes.index and self._waiting_for_index:
            self._waiting_for_index = False
            self.run()

    def _project_opened(self, _project) -> None:
        """Another project in the window: this one's rows and filters go."""
        self.result = None
        self.model.set_rows([], None)
        self.status.clear()
        self.document.setCurrentIndex(0)
        self.tag.setCurrentText("")
        self._fill_filters()
        self._enable()

    def _show_status(self) -> None:
        r = self.result
        if r is None:
            return
        if r.capped:
            text = self.tr("{0} matches in {1} documents — the first {2} in document order are listed, {3} ms").format(
                f"{r.total:,}", f"{r.documents:,}", f"{len(r.rows):,}", int(r.milliseconds))
        else:
            text = self.tr("{0} matches in {1} documents, {2} ms").format(f"{r.total:,}", f"{r.documents:,}",
                                                                         int(r.milliseconds))
        for term, names in r.expansions.items():
            text += "\n" + self.tr("{0} also matches {1}").format(term, ", ".join(names))
        if r.index_behind:
            text += "\n" + self.tr("The index is catching up with the latest changes; run it again then")
        self.status.setText(text)

    def _enable(self) -> None:
        has_rows = bool(self.model.rows)
        self.export_button.setEnabled(has_rows)
        self.tag_button.setEnabled(bool(self.selected_rows()))

    # --- sorting ------------------------------------------------------------------

    def _header_clicked(self, column: int) -> None:
        if column in SORT_OF_COLUMN:
            index = self.sort.findData(SORT_OF_COLUMN[column])
            if index == self.sort.currentIndex():
                self.resort(SORT_OF_COLUMN[column])
            self.sort.setCurrentIndex(index)  # re-sorts through the box's signal
        else:
            self._indicate()

    def resort(self, sort_by: str | None) -> None:
        """Sort the rows shown; the first sort by words gives them their keys first, in the task runner."""
        result = self.result
        if result is not None and not result.keyed and sort_by is not None:
            window = self.window_
            self.status.setText(self.tr("Reading the words around {0} matches…").format(f"{len(result.rows):,}"))

            def job(token):
                return (yield from kwic_service.key_steps(result, token))

            task = window.runner.prepare("kwic", job, key="kwic", quiet=True)
            task.handles_errors = True
            task.finished.connect(lambda _r, t=task: self._keyed(t, sort_by))
            task.failed.connect(lambda exc, t=task: self._failed(t, exc))
            self.task = task
            window.runner.submit(task)
            return
        self.model.resort(sort_by)
        if result is not None:
            result.sort = sort_by
        self._indicate()

    def _keyed(self, task, sort_by: str | None) -> None:
        if task is not self.task or self.sort.currentData() != sort_by:
            return
        self._show_status()
        self.resort(sort_by)

    def _indicate(self) -> None:
        self.table.horizontalHeader().setSortIndicator(COLUMN_OF_SORT[self.model.sort_by],
                                                       Qt.SortOrder.AscendingOrder)

    # --- the rows -----------------------------------------------------------------

    def selected_rows(self) -> list:
        selection = self.table.selectionModel()
        if selection is None:
            return []
        return [self.model.rows[i.row()] for i in sorted(selection.selectedRows(), key=lambda i: i.row())]

    def open_match(self, index) -> None:
        """The document in the right pane, the match selected and every listed
        match of it marked."""
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        reading = self.window_.reading
        pane = reading.right
        if pane.doc_id != row.doc_id:
            reading.open_in("right", row.doc_id)
        if pane.doc_id != row.doc_id:
            return  # could not be opened: the window has said why
        if pane.text_sha != row.text_sha:
            self.status.setText(self.tr("“{0}” changed since the concordance was made; find again").format(row.title))
            return
        pane.show_hits(sorted((r.start, r.end) for r in self.model.rows if r.doc_id == row.doc_id))
        pane.goto(row.start, row.end)

    def tag_selected(self, tags: list[str] | None = None, note: str = "") -> int:
        """Tag the selected rows' matches through the tag picker, as one step
        of the undo stack (the window's, so Edit ▸ Undo names it); returns how
        many were tagged."""
        rows = self.selected_rows()
        if not rows:
            return 0
        window = self.window_
        if tags is None:
            quote = rows[0].match if len(rows) == 1 else self.tr("{0} matches of “{1}”").format(
                len(rows), rows[0].match)
            picker = TagPickerDialog([t.path for t in codebook_service.codebook(window.project)], quote, parent=self)
            if not picker.exec():
                return 0
            tags, note = picker.chosen, picker.note_text()
        label = self.tr("tag {0} matches of “{1}”").format(len(rows), rows[0].match)
        command = TagMatchesCommand(window.events, [(r.doc_id, r.start, r.end, r.text_sha) for r in rows],
                                    list(tags), note or "", window.status.report_error, label)
        window.tagging.undo_stack.push(command)  # a refused step reports why and is dropped
        tagged = len(command.rows or [])
        if tagged:
            window.status.show_message(self.tr("Tagged {0} matches with {1} (Ctrl+Z to undo)").format(
                tagged, ", ".join(tags)))
        return tagged

    def export(self, path: str | None = None):
        if not self.model.rows or self.result is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the concordance to"), "kwic.xlsx",
                                                  "Excel (*.xlsx)")
            if not path:
                return None
        window = self.window_
        listed = dataclasses.replace(self.result, rows=list(self.model.rows), sort=self.model.sort_by)
        language, filters = effective_language(), self.filters
        from workbench.export.page import default_paper

        paper = default_paper()

        def job(token):
            return (yield from kwic_service.export_kwic_steps(listed, path, language, paper, filters))

        task = window.runner.prepare("export-kwic", job)
        task.handles_errors = True
        task.finished.connect(lambda r: self.status.setText(
            self.tr("{0} lines written to {1}").format(f"{r['rows']:,}", r["path"])))
        task.failed.connect(lambda exc: self.status.setText(
            exc.localized(effective_language()) if isinstance(exc, WorkbenchError) else f"{type(exc).__name__}: {exc}"))
        window.runner.submit(task)
        return task

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.open_match(self.table.currentIndex())
            return
        super().keyPressEvent(event)


class KwicTool:
    """Analysis ▸ Keyword in context… (Ctrl+Shift+K), opened with the search box's query."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        self.window = window
        self.dialog: KwicDialog | None = None
        self.action = menu.addAction("")
        self.action.setObjectName("kwic-action")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(lambda _=False: self.open(window.search_panel.query.currentText()))
        window.addAction(self.action)

    def open(self, query: str = "") -> KwicDialog:
        query = query.strip()
        if self.dialog is not None and self.dialog.isVisible():
            if query and query != self.dialog.query.text().strip():
                self.dialog.query.setText(query)
                self.dialog.run()
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        self.dialog = KwicDialog(self.window, query)
        self.dialog.show()
        if query:
            self.dialog.run()
        return self.dialog

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("KwicTool", "Keyword in context…"))


def install(window: QMainWindow, menu: QMenu) -> KwicTool:
    return KwicTool(window, menu)
