"""A Qt table model over the project's document list (read through services)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.core.models import DocumentInfo
from workbench.ui.keyed_rows import sync_rows

_Index = QModelIndex | QPersistentModelIndex


class DocumentTableModel(QAbstractTableModel):
    COLUMNS = ("title", "file_name", "format", "chars", "sections", "source")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._docs: list[DocumentInfo] = []

    def set_documents(self, docs: list[DocumentInfo]) -> None:
        """Update rows in place (selection and scroll stay), matched by document id."""
        sync_rows(self, self._docs, list(docs), key=lambda d: d.id)

    def document(self, row: int) -> DocumentInfo:
        return self._docs[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("File"), self.tr("Format"), self.tr("Characters"), self.tr("Headings"),
                    self.tr("Source"))[section]
        return None

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
            return str(getattr(doc, column))
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = "\n" + self.tr("Text recognised from page images (OCR): check it against the original") \
                if doc.extraction == "ocr" else ""
            return f"{doc.title}\n{doc.source}{extra}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("chars", "sections"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
