"""What the ingest and import report dialogs share: a table of items under a
summary, a detail box, and a Close button.

Messages can be long (a DRM notice runs to two hundred characters, a path
deeper still): the message column takes the room left and wraps, rows grow
to show every line, the other columns fit their contents and can be
resized, every cell's whole text is its tooltip, and the selected row is
shown in full in a read-only box below, to read or copy.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QPlainTextEdit, QTableView, QVBoxLayout, QWidget,
)

WIDEST = 320  # pixels a fitted column may take at first (the message column gets the rest)


def _tr(text: str) -> str:
    return QCoreApplication.translate("report", text)


def lay_out_report(dialog: QDialog, above: list[QWidget], model: QStandardItemModel,
                   stretch: int) -> tuple[QTableView, QPlainTextEdit]:
    """Lay out ``dialog``; column ``stretch`` holds the messages. Returns the table and the detail box."""
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            item = model.item(r, c)
            if item is not None and not item.toolTip():
                item.setToolTip(item.text())
    table = QTableView()
    table.setModel(model)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a cut name keeps its end: the extension
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column in range(model.columnCount()):
        if column != stretch:
            table.resizeColumnToContents(column)
            table.setColumnWidth(column, min(table.columnWidth(column), WIDEST))
    rows = table.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # every line of a wrapped message

    detail = QPlainTextEdit()
    detail.setObjectName("report-detail")
    detail.setReadOnly(True)
    detail.setPlaceholderText(_tr("Select a row to read it in full here"))
    detail.setMaximumHeight(detail.fontMetrics().lineSpacing() * 5 + 12)

    def show_row(current, _previous=None) -> None:
        if not current.isValid():
            detail.clear()
            return
        lines = []
        for c in range(model.columnCount()):
            item = model.item(current.row(), c)
            lines.append(f"{model.headerData(c, Qt.Orientation.Horizontal)}: {item.toolTip() if item else ''}")
        detail.setPlainText("\n".join(lines))

    table.selectionModel().currentRowChanged.connect(show_row)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in above:
        layout.addWidget(widget)
    layout.addWidget(table, 1)
    layout.addWidget(detail)
    layout.addWidget(buttons)
    return table, detail
