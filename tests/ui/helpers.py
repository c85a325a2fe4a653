"""What several window tests do: select a quote in a reader pane as the analyst would."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor


def select(pane, quote: str) -> int:
    """Select the first occurrence of ``quote`` in the pane (code points → Qt units); returns its start."""
    start = pane.text.index(quote)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.map.to_qt(start))
    cursor.setPosition(pane.map.to_qt(start + len(quote)), QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    return start
