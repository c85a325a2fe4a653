"""The tag picker: keyboard first. Type a few letters, Enter applies the top
match (or creates a tag of that name); Space/double-click adds more; an
optional multi-line note."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QPlainTextEdit, QVBoxLayout,
)


class TagPickerDialog(QDialog):
    def __init__(self, tag_paths: list[str], quote: str, chosen: list[str] | None = None, note: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tag passage"))
        self.chosen: list[str] = list(chosen or [])
        self.quote = QLabel(quote[:200])
        self.quote.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to find or create a tag; Enter applies"))
        self.model = QStringListModel(sorted(tag_paths), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self._filter)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.doubleClicked.connect(lambda index: self._add(index.data()))
        self.picked = QLabel()
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setMaximumHeight(90)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.quote, self.filter, self.list, self.picked, self.note, buttons):
            layout.addWidget(widget)
        self.filter.returnPressed.connect(self._enter)
        self._show_picked()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _enter(self) -> None:
        text = self.filter.text().strip()
        index = self.list.currentIndex()
        if index.isValid() and text:
            self._add(index.data())
        elif text:
            self._add(text)  # a new tag
        self._accept()

    def _add(self, name: str) -> None:
        if name and name not in self.chosen:
            self.chosen.append(name)
        self.filter.clear()
        self._show_picked()

    def _show_picked(self) -> None:
        self.picked.setText(self.tr("Tags: {0}").format(", ".join(self.chosen) or "—"))

    def _accept(self) -> None:
        if not self.chosen and self.list.currentIndex().isValid():
            self._add(self.list.currentIndex().data())
        if self.chosen:
            self.accept()

    def note_text(self) -> str:
        return self.note.toPlainText()
