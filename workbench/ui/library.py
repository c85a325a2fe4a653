"""The library: the project's documents (filterable, sortable by date and
publisher) and entity facets.

Double-click a document to open it in the left pane (Ctrl: right pane); a
facet (type, or a name under it) runs the matching entity:/type: search.
Documents can be dragged onto a reader pane. The context menu (or Ctrl+I)
edits a document's details: date, publisher, author, URL and type, and
opens its memo ("Memo…"); a document with a memo is marked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QLineEdit, QMenu, QProgressBar, QSplitter, QTableView, QTreeView,
    QVBoxLayout, QWidget,
)

from workbench.services.queries import entity_query, type_query
from workbench.ui.document_model import SORT_ROLE, DocumentTableModel
from workbench.ui.palette import solid

DOC_MIME = "application/x-workbench-doc"


class _DraggableDocs(DocumentTableModel):
    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [DOC_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if indexes:
            data.setData(DOC_MIME, str(self.document(indexes[0].row()).id).encode())
        return data


class _DocumentSort(QSortFilterProxyModel):
    """Sorts on each column's sort key; documents without one (undated) stay last.
    A document with a memo shows a memo mark before its title and the memo
    at the end of its tooltip (``memos``: doc id → text, ui.memos_tool)."""

    memos: dict[int, str] = {}

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        value = super().data(index, role)
        if index.column() == 0 and role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole):
            doc_id = self.sourceModel().document(self.mapToSource(index).row()).id
            memo = self.memos.get(doc_id)
            if memo is not None and role == Qt.ItemDataRole.DecorationRole:
                return _memo_icon()
            if memo is not None:
                return f"{value}\n\n{self.tr('Memo:')}\n{memo[:600]}"
        return value

    def lessThan(self, left, right) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            if (a is None) == (b is None):
                return left.row() < right.row()
            # Descending order puts "greater" first: an empty key is then the smallest.
            return (a is None) == (self.sortOrder() == Qt.SortOrder.DescendingOrder)
        if a == b:
            return left.row() < right.row()
        return a < b


def _memo_icon():
    from PySide6.QtWidgets import QApplication, QStyle

    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)


class _DocumentTable(QTableView):
    """The library's table shows the title always and then as many of the other
    columns as fit beside a readable title, in the order an analyst reaches for
    them (date, publisher, file, …): a 236-px table on a 1366×768 laptop shows
    title and date (an ISO date takes ~80 px), a wide one everything. Every
    value is also in the row's tooltip."""

    TITLE_MIN = 150  # pixels: about eleven Hangul syllables of a title
    WIDEST = 170  # no other column takes more than this

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        model, header = self.model(), self.horizontalHeader()
        if model is None:
            return
        room = self.viewport().width() - self.TITLE_MIN
        for column in range(1, model.columnCount()):
            width = min(max(header.sectionSizeHint(column), self.sizeHintForColumn(column)), self.WIDEST)
            shown = width <= room
            self.setColumnHidden(column, not shown)
            if shown:
                header.resizeSection(column, width)
                room -= width
            else:
                room = -1  # the order holds: no later column jumps ahead of a hidden one


class LibraryPanel(QWidget):
    open_document = Signal(int, str)  # doc id, "left" | "right"
    facet_query = Signal(str)  # a search to run
    edit_details = Signal(int)  # doc id: the analyst wants to correct its date, publisher…
    memo_requested = Signal(int)  # doc id: the analyst wants to write or read its memo (ui.memos_tool)
    compare_requested = Signal(int)  # doc id: compare it, as the new version, with the left pane's (ui.compare_mode)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_label = lambda kind: kind
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.model = _DraggableDocs(self)
        self.proxy = _DocumentSort(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = _DocumentTable()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.edit_action = QAction(self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+I"))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit_action.triggered.connect(lambda _=False: self.edit_current())
        self.table.addAction(self.edit_action)

        self.facets = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.facets)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.doubleClicked.connect(self._facet)

        # Shown while documents are being added (the first launch's sample corpus
        # included), so an empty library never looks dead.
        self.busy = QWidget()
        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        busy_layout = QVBoxLayout(self.busy)
        busy_layout.setContentsMargins(2, 2, 2, 2)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar)
        self.busy.hide()

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.tree)
        split.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.busy)
        layout.addWidget(split, 1)
        self._facet_rows: list[dict] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter documents"))
        self.table.setToolTip(self.tr("Double-click: open on the left; Ctrl+double-click: on the right; or drag onto a pane"))
        self.tree.setToolTip(self.tr("Double-click a type or a name to search for it"))
        self.edit_action.setText(self.tr("Edit document details…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.table.fit_columns()  # headers are wider in one language than the other
        self.set_facets(self._facet_rows)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_documents(self, docs) -> None:
        self.model.set_documents(docs)
        self.table.fit_columns()  # the new rows may need other widths

    def set_metadata(self, metadata) -> None:
        """Each document's date, publisher, author, URL and type, by id."""
        self.model.set_metadata(metadata)
        self.table.fit_columns()  # the dates arrive after the titles: their column takes their width

    def set_memos(self, memos: dict[int, str]) -> None:
        """The documents that have a memo, with its text: marked in the table."""
        if memos != self.proxy.memos:
            self.proxy.memos = dict(memos)
            rows = self.proxy.rowCount()
            if rows:
                self.proxy.dataChanged.emit(self.proxy.index(0, 0), self.proxy.index(rows - 1, 0))

    def current_document(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.document(self.proxy.mapToSource(index).row()).id

    def edit_current(self) -> None:
        doc_id = self.current_document()
        if doc_id is not None:
            self.edit_details.emit(doc_id)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        doc_id = self.model.document(self.proxy.mapToSource(index).row()).id
        menu = QMenu(self)
        menu.addAction(self.tr("Open on the left"), lambda: self.open_document.emit(doc_id, "left"))
        menu.addAction(self.tr("Open on the right"), lambda: self.open_document.emit(doc_id, "right"))
        menu.addSeparator()
        menu.addAction(self.edit_action.text(), lambda: self.edit_details.emit(doc_id))
        menu.addAction(self.tr("Memo…"), lambda: self.memo_requested.emit(doc_id))
        menu.addAction(self.tr("Compare with the left pane's document"), lambda: self.compare_requested.emit(doc_id))
        self.context_menu = menu  # kept for tests
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def show_progress(self, text: str, done: int, total: int) -> None:
        self.busy_label.setText(text)
        self.busy_bar.setRange(0, max(total, 0))
        self.busy_bar.setValue(done)
        self.busy.show()

    def hide_progress(self) -> None:
        self.busy.hide()

    def set_facets(self, rows: list[dict]) -> None:
        self._facet_rows = rows
        self.facets.clear()
        by_type: dict[str, list[dict]] = {}
        for row in rows:
            by_type.setdefault(row["type"], []).append(row)
        for kind, items in sorted(by_type.items(), key=lambda kv: -sum(r["mentions"] for r in kv[1])):
            parent = QStandardItem(f"{self.type_label(kind)} ({sum(r['mentions'] for r in items)})")
            parent.setData(type_query(kind), Qt.ItemDataRole.UserRole)
            parent.setForeground(solid(kind).darker(170))  # the palette's pale yellow and grey, legible on white
            for row in items[:200]:
                child = QStandardItem(f"{row['canonical']}  ·  {row['mentions']} / {row['documents']}")
                name = row["canonical"]
                child.setData(entity_query(name), Qt.ItemDataRole.UserRole)
                child.setToolTip(self.tr("{0} mentions in {1} documents").format(row["mentions"], row["documents"]))
                parent.appendRow(child)
            self.facets.appendRow(parent)

    def _open(self, index) -> None:
        doc = self.model.document(self.proxy.mapToSource(index).row())
        from PySide6.QtWidgets import QApplication

        side = "right" if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier else "left"
        self.open_document.emit(doc.id, side)

    def _facet(self, index) -> None:
        query = index.data(Qt.ItemDataRole.UserRole)
        if query:
            self.facet_query.emit(query)
