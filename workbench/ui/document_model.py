"""A Qt table model over the project's document list (read through services).

Each document's metadata (date, publisher, author, URL, type — the
analyst's correction, else what the file or its text says) comes separately
(:meth:`DocumentTableModel.set_metadata`), by document id: the list and the
metadata refresh on their own changes. ``SORT_ROLE`` gives every column a
key that sorts as the analyst expects (numbers as numbers, dates in
time order); a document without a value has the key None, which the
library's sort proxy keeps last in either order.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from workbench.core.models import DocumentInfo
from workbench.services.metadata import FIELDS, DocumentMeta
from workbench.ui.keyed_rows import sync_rows
from workbench.ui.metadata_dialog import field_label, source_label, type_label
from workbench.ui.old_hangul import readable

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1

# What the file says about itself, beyond the five fields (shown in the tooltip).
_FILE_KEYS = ("title", "subject", "keywords", "comments", "created", "modified", "creator", "producer",
              "file_author", "file_publisher", "file_url")


class DocumentTableModel(QAbstractTableModel):
    COLUMNS = ("title", "date", "publisher", "file_name", "format", "chars", "sections", "source")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._docs: list[DocumentInfo] = []
        self._meta: dict[int, DocumentMeta] = {}

    def set_documents(self, docs: list[DocumentInfo]) -> None:
        """Update rows in place (selection and scroll stay), matched by document id."""
        sync_rows(self, self._docs, list(docs), key=lambda d: d.id)

    def set_metadata(self, metadata: dict[int, DocumentMeta]) -> None:
        """Each document's effective metadata, by id; the rows whose metadata changed are redrawn."""
        old, self._meta = self._meta, dict(metadata)
        last = self.columnCount() - 1
        for row, doc in enumerate(self._docs):
            if old.get(doc.id) != self._meta.get(doc.id):
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def document(self, row: int) -> DocumentInfo:
        return self._docs[row]

    def metadata(self, doc_id: int) -> DocumentMeta | None:
        return self._meta.get(doc_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("Date"), self.tr("Publisher"), self.tr("File"), self.tr("Format"),
                    self.tr("Characters"), self.tr("Headings"), self.tr("Source"))[section]
        return None

    # --- labels -----------------------------------------------------------------------

    def _file_key_label(self, key: str) -> str:
        return {"title": self.tr("Title in the file"), "subject": self.tr("Subject"), "keywords": self.tr("Keywords"),
                "comments": self.tr("Comments"), "created": self.tr("Created"), "modified": self.tr("Modified"),
                "creator": self.tr("Made with"), "producer": self.tr("Converted with"),
                "file_author": self.tr("Author in the file"), "file_publisher": self.tr("Publisher in the file"),
                "file_url": self.tr("Address in the file")}.get(key, key)

    def _tooltip(self, doc: DocumentInfo) -> str:
        lines = [doc.title, doc.source]
        if doc.extraction == "ocr":
            lines.append(self.tr("Text recognised from page images (OCR): check it against the original"))
        meta = self._meta.get(doc.id)
        if meta is not None:
            shown = []
            for name in FIELDS:
                value = meta.get(name)
                if value:
                    value = type_label(value) if name == "doc_type" else value
                    shown.append(f"{field_label(name)}: {value} ({source_label(meta.source(name))})")
            shown += [f"{self._file_key_label(k)}: {meta.stored[k]}" for k in _FILE_KEYS if meta.stored.get(k)]
            if shown:
                lines += [""] + shown
        return "\n".join(lines)

    # --- data ---------------------------------------------------------------------------

    def _value(self, doc: DocumentInfo, column: str) -> str:
        if column in ("date", "publisher"):
            meta = self._meta.get(doc.id)
            return meta.get(column) if meta is not None else ""
        return str(getattr(doc, column))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        doc = self._docs[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "chars":
                return f"{doc.chars:,}"
            if column == "format" and doc.extraction:
                return f"{doc.format} · {doc.extraction.upper()}"  # e.g. "pdf · OCR"
            if column == "title":
                return readable(doc.title, QFont())  # Old Hangul spelled out where no font draws it
            return self._value(doc, column)
        if role == SORT_ROLE:
            if column in ("chars", "sections"):
                return getattr(doc, column)
            value = self._value(doc, column)
            # ISO dates of any precision sort in time order as text (2024 < 2024-03 < 2024-03-05).
            return value.casefold() if value else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(doc)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("chars", "sections"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
