"""The library: the project's documents (filterable) and entity facets.

Double-click a document to open it in the left pane (Ctrl: right pane); a
facet (type, or a name under it) runs the matching entity:/type: search.
Documents can be dragged onto a reader pane.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QLineEdit, QProgressBar, QSplitter, QTableView, QTreeView, QVBoxLayout,
    QWidget,
)

from workbench.services.queries import entity_query, type_query
from workbench.ui.document_model import DocumentTableModel
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


class LibraryPanel(QWidget):
    open_document = Signal(int, str)  # doc id, "left" | "right"
    facet_query = Signal(str)  # a search to run

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_label = lambda kind: kind
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.model = _DraggableDocs(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open)

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
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.set_facets(self._facet_rows)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_documents(self, docs) -> None:
        self.model.set_documents(docs)

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
