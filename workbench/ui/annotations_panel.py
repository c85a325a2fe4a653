"""The annotations panel: every tagged passage in a sortable, filterable table.

Double-click jumps to the passage; Delete removes it (after asking; undoable); the note and
tags are edited through the same picker as tagging. Orphaned annotations are
listed here to be re-attached or deleted.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from workbench.ui.keyed_rows import sync_rows

RowRole = Qt.ItemDataRole.UserRole + 7


class AnnotationsModel(QAbstractTableModel):
    KEYS = ("title", "section", "quote", "tags", "note", "status", "created_at", "updated_at", "coder")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        """Update rows in place (selection and scroll stay), matched by annotation id."""
        sync_rows(self, self.rows, list(rows), key=lambda r: r["id"])

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Document"), self.tr("Section"), self.tr("Passage"), self.tr("Tags"), self.tr("Note"),
                    self.tr("Status"), self.tr("Created"), self.tr("Modified"), self.tr("Coded by"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.KEYS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row[key]
            if key == "tags" and role == Qt.ItemDataRole.ToolTipRole and row.get("tag_applied"):
                # Who applied each tag and when: a colleague may have added one to this passage.
                value = "\n".join(self.tr("{tag} — {by}, {at}").format(
                    tag=a["tag"], by=a["by"], at=a["at"].replace("T", " ")[:16]) for a in row["tag_applied"])
            elif key == "tags":
                value = ", ".join(value)
            elif key == "status":
                value = {"anchored": self.tr("anchored"), "moved": self.tr("moved"),
                         "orphaned": self.tr("orphaned")}.get(value, value)
            elif key in ("created_at", "updated_at"):
                value = value.replace("T", " ")[:16]
            elif role == Qt.ItemDataRole.DisplayRole:
                value = " ".join(str(value).split())[:200]
            return value
        if role == Qt.ItemDataRole.ForegroundRole and row["status"] == "orphaned":
            return QColor("#C62828")
        if role == RowRole:
            return row
        return None


def _under(path: str, tag: str) -> bool:
    """``path`` is ``tag`` or one of its children (정책 / AI 기본법 is under 정책; 정책기관 is not)."""
    return path == tag or path.startswith(tag + " / ")


class AnnotationsPanel(QWidget):
    jump = Signal(dict)  # the annotation row
    delete_requested = Signal(dict)
    edit_requested = Signal(dict)
    reattach_requested = Signal(dict)  # an orphaned annotation, to the text selected in a pane

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.text_filter = QLineEdit()
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.tag_filter = QComboBox()
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_filter.setMinimumContentsLength(10)
        self.tag_filter.currentIndexChanged.connect(self._apply_tag_filter)
        # clicked sends ``checked``: each slot here takes it and ignores it.
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(lambda _checked=False: self._emit(self.edit_requested))
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(lambda _checked=False: self._emit(self.delete_requested))
        self.reattach_button = QPushButton()
        self.reattach_button.clicked.connect(lambda _checked=False: self._emit(self.reattach_requested))
        self._doc_filter: set[int] | None = None  # set by show_only (a chart's cell): those documents' passages
        self.show_all_button = QPushButton()
        self.show_all_button.clicked.connect(lambda _checked=False: self.show_only(None, None))
        self.show_all_button.hide()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.jump.emit(index.data(RowRole)))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                  activated=lambda: self._emit(self.delete_requested))
        top = QHBoxLayout()
        top.addWidget(self.text_filter, 1)
        top.addWidget(self.tag_filter)
        top.addWidget(self.show_all_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.reattach_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._all: list[dict] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.text_filter.setPlaceholderText(self.tr("Filter by text, document, tag, note or date"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.reattach_button.setText(self.tr("Re-attach to selection"))
        self.reattach_button.setToolTip(self.tr("Place the selected annotation on the text selected in a reader"))
        self.show_all_button.setText(self.tr("Show all"))
        self.show_all_button.setToolTip(self.tr("Only one document's passages are shown; show every document's"))
        if self.tag_filter.count():
            self.tag_filter.setItemText(0, self.tr("All tags"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._fit_date_columns()  # the headers' words changed width

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_rows(self, rows: list[dict], tag_names: list[str]) -> None:
        """``tag_names`` are the codebook's paths; the filter also offers the
        paths deleted tags left on passages, so their passages can be listed."""
        self._all = rows
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        for name in sorted(set(tag_names).union(*(r["tags"] for r in rows))):
            self.tag_filter.addItem(name, name)
        index = self.tag_filter.findData(current)
        self.tag_filter.setCurrentIndex(max(0, index))
        self.tag_filter.blockSignals(False)
        self._apply_tag_filter()

    def _apply_tag_filter(self) -> None:
        """A tag lists its own passages and its children's, as the search ``tag:`` does."""
        tag = self.tag_filter.currentData()
        self.model.set_rows([r for r in self._all if (tag is None or any(_under(t, tag) for t in r["tags"]))
                             and (self._doc_filter is None or r["doc_id"] in self._doc_filter)])
        self._fit_date_columns()

    def _fit_date_columns(self) -> None:
        """Created and Modified read whole (date and minute), never cut to “2026-12-03 …”."""
        for key in ("created_at", "updated_at"):
            self.table.resizeColumnToContents(self.model.KEYS.index(key))

    def show_only(self, tag: str | None, doc_id: int | None, doc_ids: list[int] | None = None) -> None:
        """The passages with ``tag`` in document ``doc_id``, or in ``doc_ids`` (a
        chart cell clicked: one document, or a publisher's, a type's or a month's);
        None, None shows all. The first of them is selected and jumped to."""
        wanted = {doc_id} if doc_id is not None else set(doc_ids) if doc_ids is not None else None
        self._doc_filter = wanted
        self.show_all_button.setVisible(wanted is not None)
        index = self.tag_filter.findData(tag) if tag is not None else 0
        self.tag_filter.setCurrentIndex(max(index, 0))
        self._apply_tag_filter()
        if wanted is not None and self.proxy.rowCount():
            self.table.selectRow(0)
            self.jump.emit(self.proxy.index(0, 0).data(RowRole))

    def selected(self) -> dict | None:
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def select_annotation(self, annotation_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RowRole)["id"] == annotation_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return

    def _emit(self, signal) -> None:
        row = self.selected()
        if row is not None:
            signal.emit(row)
