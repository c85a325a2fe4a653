"""The tag picker: keyboard first, several tags in a row, the note one keystroke away.

Type a few letters: the list shows matching tags, and — when the text is not
already a tag — a first entry "Create tag “…”" ("A / B" makes B under A).
Enter adds the highlighted entry and stays in the tag box for the next tag;
Enter on an empty box, or Tab, goes to the note (Enter there is a new line);
Backspace on an empty box takes the last tag back; Ctrl+Enter applies from
anywhere. Chosen tags are shown as chips; clicking one removes it. The same
picker edits a passage's tags and note (``editing=True``: its own title).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QToolButton,
    QVBoxLayout, QWidget,
)

from workbench.ui.widgets import FlowLayout

CreateRole = Qt.ItemDataRole.UserRole + 21  # the item creates a new tag


def _key(path: str) -> str:
    return " / ".join(p.strip() for p in path.split("/") if p.strip()).casefold()


class TagPickerDialog(QDialog):
    def __init__(self, tag_paths: list[str], quote: str, chosen: list[str] | None = None, note: str = "",
                 parent=None, editing: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit tags and note") if editing else self.tr("Tag passage"))
        self.setMinimumWidth(380)
        self.paths = sorted(tag_paths)
        self.chosen: list[str] = list(chosen or [])
        self.quote = QLabel(quote[:300] + ("…" if len(quote) > 300 else ""))
        self.quote.setWordWrap(True)
        self.quote.setStyleSheet("color: #444; font-style: italic;")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Find or create a tag"))
        self.hint = QLabel(self.tr("Enter: add the tag, then type the next · Enter on an empty box or Tab: "
                                   "the note · Ctrl+Enter: apply"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        self.list = QListWidget()
        self.list.itemActivated.connect(self._add_item)
        self.chips = QWidget()
        self.chips_layout = FlowLayout(self.chips)
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setMaximumHeight(90)
        self.note.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Save (Ctrl+Enter)") if editing else self.tr("Apply (Ctrl+Enter)"))
        for button in buttons.buttons():  # Enter picks a tag; it never presses a button
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.quote, self.filter, self.hint, self.list, self.chips, self.note, buttons):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._refill)
        self.filter.returnPressed.connect(self._enter)
        for widget in (self.filter, self.list, self.note):
            widget.installEventFilter(self)  # Ctrl+Enter applies from each of them
        self._refill("")
        self._show_chosen()
        self.filter.setFocus()  # typing goes to the tag box from the first key

    # --- the list --------------------------------------------------------------------------

    def _refill(self, text: str) -> None:
        self.list.clear()
        typed = text.strip()
        needle = typed.casefold()
        if typed and _key(typed) not in {_key(p) for p in self.paths}:
            item = QListWidgetItem(self.tr("Create tag “{0}”").format(typed))
            item.setData(CreateRole, typed)
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            self.list.addItem(item)
        for path in self.paths:
            if needle in path.casefold():
                self.list.addItem(QListWidgetItem(path))
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Ctrl+Enter applies; in the tag box, Up and Down move through the list,
        Tab goes to the note and Backspace on an empty box removes the last tag."""
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._accept()
            return True
        if watched is self.filter and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.list.count():
            row = self.list.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.list.setCurrentRow(max(0, min(self.list.count() - 1, row)))
            return True
        if watched is self.filter and event.key() == Qt.Key.Key_Tab \
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.note.setFocus(Qt.FocusReason.TabFocusReason)  # past the list and the chips
            return True
        if watched is self.filter and event.key() == Qt.Key.Key_Backspace and not self.filter.text() \
                and self.chosen:
            self._remove(self.chosen[-1])
            return True
        return super().eventFilter(watched, event)

    def _enter(self) -> None:
        """Enter in the tag box: add the highlighted tag and stay for the next;
        on an empty box, go to the note."""
        item = self.list.currentItem()
        if self.filter.text().strip() and item is not None:
            self._add_item(item)
            self.filter.setFocus()
        else:
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_item(self, item: QListWidgetItem) -> None:
        self._add(item.data(CreateRole) or item.text())

    def _add(self, name: str) -> None:
        if name and name not in self.chosen:
            self.chosen.append(name)
        self.filter.clear()
        self._show_chosen()

    def _remove(self, name: str) -> None:
        self.chosen.remove(name)
        self._show_chosen()

    def _show_chosen(self) -> None:
        while self.chips_layout.count():
            widget = self.chips_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if not self.chosen:
            self.chips_layout.addWidget(QLabel(self.tr("No tag chosen yet")))
        for name in self.chosen:
            chip = QToolButton()
            chip.setText(f"{name}  ×")
            chip.setToolTip(self.tr("Remove this tag"))
            chip.clicked.connect(lambda _=False, n=name: self._remove(n))
            self.chips_layout.addWidget(chip)
        self.chips.updateGeometry()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return  # QDialog would press its default button
        super().keyPressEvent(event)

    # --- applying ------------------------------------------------------------------------

    def _accept(self) -> None:
        if self.filter.text().strip() and self.list.currentItem() is not None:
            self._add_item(self.list.currentItem())  # Ctrl+Enter straight after typing
        if self.chosen:
            self.accept()
        else:
            self.filter.setFocus()

    def note_text(self) -> str:
        return self.note.toPlainText()
