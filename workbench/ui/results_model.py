"""Search results as a Qt list model: passages or documents, with HTML snippets."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

HitRole = Qt.ItemDataRole.UserRole + 1
MARK_OPEN = '<span style="background:#FFB000">'  # how a <mark> of the snippet is drawn
_Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []  # Hit or DocHit
        self.documents = False

    def set_results(self, rows: list, documents: bool) -> None:
        self.beginResetModel()
        self.rows, self.documents = list(rows), documents
        self.endResetModel()

    def append(self, rows: list) -> None:
        """Results stream in batches; the view grows without resetting."""
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == HitRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if self.documents:
                head = self.tr("{0} — {1} passages").format(html.escape(row.title), row.hits)
                snippet = row.best.snippet
            else:
                head = html.escape(row.title) + (f" <span style='color:#777'>› {html.escape(row.section)}</span>"
                                                 if row.section else "")
                snippet = row.snippet
            marked = snippet.replace("<mark>", MARK_OPEN).replace("</mark>", "</span>")
            return f"<b>{head}</b><br>{marked}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.source
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Draws the rich-text snippet of a result, wrapped to the view's width."""

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(Qt.ItemDataRole.DisplayRole) or "")
        doc.setTextWidth(max(100, option.rect.width() - 8))
        return doc

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        self.initStyleOption(option, index)
        width = option.widget.viewport().width() if option.widget else 400
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 6)

