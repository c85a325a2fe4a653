"""Edit a document's details: date, publisher, author, URL and type.

Each field shows its current value and where it came from (the analyst's
correction, the file, or the text). Only the fields the analyst changed are
saved, as corrections; emptying a field removes the correction, so the file's
or the text's value shows again (the grey placeholder says which). A date
that is not one is refused here, before anything is written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.services.metadata import DOC_TYPES, FIELDS, DocumentMeta, clean_value


def _tr(text: str) -> str:
    return QCoreApplication.translate("metadata", text)


def field_label(name: str) -> str:
    return {"date": _tr("Date"), "publisher": _tr("Publisher"), "author": _tr("Author"), "url": _tr("URL"),
            "doc_type": _tr("Type")}.get(name, name)


def type_label(value: str) -> str:
    """A type code in the interface's language; the analyst's own word as written."""
    return {"press_release": _tr("Press release"), "report": _tr("Report"), "news": _tr("News article"),
            "bill": _tr("Bill"), "minutes": _tr("Minutes"), "plan": _tr("Government plan")}.get(value, value)


def source_label(source: str) -> str:
    return {"analyst": _tr("your correction"), "file": _tr("from the file"),
            "inferred": _tr("read from the text")}.get(source, source)


class MetadataDialog(QDialog):
    def __init__(self, title: str, meta: DocumentMeta, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meta, self.language = meta, language
        self.setWindowTitle(self.tr("Document details"))
        self.setMinimumWidth(460)
        heading = QLabel(title)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        self.edits: dict[str, QLineEdit] = {}
        self.origins: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in FIELDS:
            if name == "doc_type":
                editor = self.type_box = QComboBox()
                editor.setEditable(True)
                editor.addItem("", "")
                for code in DOC_TYPES:
                    editor.addItem(type_label(code), code)
                editor.setCurrentText(type_label(meta.doc_type))
                editor.lineEdit().setPlaceholderText(type_label(meta.automatic(name)))
                editor.setToolTip(self.tr("Pick a type or write your own"))
            else:
                editor = self.edits[name] = QLineEdit(meta.get(name))
                editor.setPlaceholderText(meta.automatic(name) or (
                    self.tr("2024-03-05, 2024-03 or 2024") if name == "date" else ""))
                editor.setClearButtonEnabled(True)
            origin = self.origins[name] = QLabel(self._origin(name))
            origin.setStyleSheet("color: #666;")
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(editor, 1)
            row_layout.addWidget(origin)
            form.addRow(field_label(name), row)
        hint = QLabel(self.tr("Only what you change is saved, as your correction. "
                              "Empty a field to go back to what the file or the text says."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        self.error = QLabel()
        self.error.setObjectName("metadata-error")
        self.error.setStyleSheet("color: #B00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _origin(self, name: str) -> str:
        source = self.meta.source(name)
        if not source:
            return self.tr("not found")
        automatic = self.meta.automatic(name)
        if source == "analyst" and automatic:
            shown = type_label(automatic) if name == "doc_type" else automatic
            return self.tr("your correction (automatic: {0})").format(shown[:40])
        return source_label(source)

    def set_value(self, name: str, value: str) -> None:
        """Fill a field as the analyst would (tests, and the type box's own labels)."""
        if name == "doc_type":
            self.type_box.setCurrentText(type_label(value))
        else:
            self.edits[name].setText(value)

    def _typed(self, name: str) -> str:
        if name != "doc_type":
            return self.edits[name].text().strip()
        text = self.type_box.currentText().strip()
        index = self.type_box.findText(text)
        return self.type_box.itemData(index) if index > 0 else text

    def values(self) -> dict[str, str]:
        """The fields the analyst changed → their new value ("" removes the correction)."""
        out = {}
        for name in FIELDS:
            typed = self._typed(name)
            if typed != self.meta.get(name):
                out[name] = typed
        return out

    def accept(self) -> None:
        try:
            for name, value in self.values().items():
                clean_value(name, value)
        except WorkbenchError as exc:
            self.error.setText(exc.localized(self.language))
            self.error.show()
            return
        super().accept()
