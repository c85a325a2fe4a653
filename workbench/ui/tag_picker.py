"""The tag picker: keyboard first, several tags in a row, the note one keystroke away.

Type a few letters: the list shows the matching tags — the exact one first,
then tags of that name elsewhere in the tree, then names that start with the
text, then the rest — and, last, "Create tag “…”" when the text is not
already a tag ("A / B" makes B under A). The first entry is highlighted, so
Enter takes an existing tag; it creates one only when nothing matches or the
analyst moves down to "Create tag". Enter adds the highlighted entry and
stays in the tag box for the next tag;
Enter on an empty box, or Tab, goes to the note (Enter there is a new line);
Backspace on an empty box takes the last tag back; Ctrl+Enter applies from
anywhere. Chosen tags are shown as chips; clicking one removes it. The same
picker edits a passage's tags and note (``editing=True``: its own title).
Applying with no tag chosen says so in the dialog, which stays open with the
note as typed; when editing, it offers to delete the passage instead
(``delete_requested``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from workbench.ui.widgets import FlowLayout

CreateRole = Qt.ItemDataRole.UserRole + 21  # the item creates a new tag


def _key(path: str) -> str:
    return " / ".join(p.strip() for p in path.split("/") if p.strip()).casefold()


def _rank(path: str, typed: str) -> int | None:
    """How well ``path`` matches what was typed (lower is better), None if not at all:
    the tag itself, a tag of that name elsewhere, a name that starts with it,
    a part that starts with it, the text anywhere."""
    key = _key(path)
    parts = key.split(" / ")
    if key == typed:
        return 0
    if parts[-1] == typed:
        return 1
    if key.startswith(typed):
        return 2
    if any(part.startswith(typed) for part in parts):
        return 3
    return 4 if typed in key else None


CHIP_TAG = "workbench_tag"  # the property naming the tag a chip removes


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
        self.delete_requested = False  # editing, no tag left: the analyst chose to delete the passage
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #C62828;")
        self.delete_button = QPushButton(self.tr("Delete the passage…"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self._delete_passage)
        self.editing = editing
        warning_row = QWidget()
        row_layout = QHBoxLayout(warning_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.warning, 1)
        row_layout.addWidget(self.delete_button)
        self.warning.hide()
        self.delete_button.hide()
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
        for widget in (self.quote, self.filter, self.hint, self.list, self.chips, warning_row, self.note, buttons):
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
        needle = _key(typed)
        ranked = sorted((rank, path) for path in self.paths if (rank := _rank(path, needle)) is not None)
        for _, path in ranked:
            self.list.addItem(QListWidgetItem(path))
        if needle and not (ranked and ranked[0][0] == 0):  # last: Enter takes an existing tag first
            item = QListWidgetItem(self.tr("Create tag “{0}”").format(typed))
            item.setData(CreateRole, typed)
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            self.list.addItem(item)
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

    def _chip_clicked(self, _checked: bool = False) -> None:
        chip = self.sender()
        if chip is not None:
            self._remove(chip.property(CHIP_TAG))

    def _show_chosen(self) -> None:
        while self.chips_layout.count():
            widget = self.chips_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if not self.chosen:
            self.chips_layout.addWidget(QLabel(self.tr("No tag chosen yet"), self.chips))
        for name in self.chosen:
            chip = QToolButton(self.chips)
            chip.setText(f"{name}  ×")
            chip.setToolTip(self.tr("Remove this tag"))
            chip.setProperty(CHIP_TAG, name)
            # A bound method, not a lambda holding the dialog: a chip deleted
            # later must not be what keeps the dialog alive, or the dialog is
            # destroyed inside the chip's own destructor (a crash after
            # removing a tag with Backspace and closing the edit dialog).
            chip.clicked.connect(self._chip_clicked)
            self.chips_layout.addWidget(chip)
        self.chips.updateGeometry()
        if self.chosen:
            self.warning.hide()
            self.delete_button.hide()

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
            return
        # Nothing is saved without a tag: say so here, keep the note as typed.
        self.warning.setText(
            self.tr("Choose at least one tag, or delete the passage") if self.editing
            else self.tr("Choose at least one tag"))
        self.warning.show()
        self.delete_button.setVisible(self.editing)
        self.filter.setFocus()

    def _delete_passage(self, _checked: bool = False) -> None:
        """Editing with every tag removed: close, asking the caller to delete the passage (it asks first)."""
        self.delete_requested = True
        self.accept()

    def note_text(self) -> str:
        return self.note.toPlainText()
