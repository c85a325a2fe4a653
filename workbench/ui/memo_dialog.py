"""The memo editor for one document or one tag: the memo's text, with who
wrote and last changed it and when; for a tag also its definition and rules
(the tag's description, which the codebook shows and exports). Emptying the
memo deletes it. The dialog only edits text: saving goes through the memos
service (ui.memos_tool), so every panel refreshes from one notification."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


def local_time(stamp: str) -> str:
    """A stored UTC time as the analyst's local date and minute."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return stamp or ""


class MemoDialog(QDialog):
    def __init__(self, about: str, memo=None, definition: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memo-dialog")
        self.setWindowTitle(self.tr("Memo on “{0}”").format(about) if definition is None
                            else self.tr("Definition and memo of “{0}”").format(about))
        self.resize(560, 440 if definition is not None else 320)  # fits 1280×720 with room to spare
        layout = QVBoxLayout(self)
        self.definition = None
        if definition is not None:
            layout.addWidget(QLabel(self.tr("Definition and rules (shown in the codebook, exported as the code's "
                                             "description)")))
            self.definition = QPlainTextEdit(definition)
            self.definition.setObjectName("memo-definition")
            layout.addWidget(self.definition, 1)
            layout.addWidget(QLabel(self.tr("Memo")))
        self.editor = QPlainTextEdit(memo.text if memo is not None else "")
        self.editor.setObjectName("memo-text")
        self.editor.setPlaceholderText(self.tr("Write a memo; leave it empty to delete it"))
        layout.addWidget(self.editor, 2)
        self.stamp = QLabel(self._stamp(memo))
        self.stamp.setWordWrap(True)
        layout.addWidget(self.stamp)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _stamp(self, memo) -> str:
        if memo is None:
            return self.tr("No memo yet")
        text = self.tr("Written by {0} on {1}").format(memo.author, local_time(memo.created_at))
        if memo.updated_at != memo.created_at:
            text += self.tr("; last changed by {0} on {1}").format(memo.modifier, local_time(memo.updated_at))
        return text

    def text(self) -> str:
        return self.editor.toPlainText()

    def definition_text(self) -> str | None:
        return self.definition.toPlainText() if self.definition is not None else None
