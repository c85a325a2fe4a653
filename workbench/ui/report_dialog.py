"""What the ingest and import report dialogs share: a table of items (one
column stretched) under a summary, and a Close button."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableView, QVBoxLayout, QWidget


def lay_out_report(dialog: QDialog, above: list[QWidget], model: QStandardItemModel, stretch: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in above:
        layout.addWidget(widget)
    layout.addWidget(table, 1)
    layout.addWidget(buttons)
    return table
