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


def type_text(widget, text: str) -> None:
    """Key presses carrying text, Korean included, as a keyboard or an input
    method delivers them (QTest.keyClicks handles ASCII only)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def pick_section(qtbot, pane, title: str) -> int:
    """Choose a section in a pane's outline list with the mouse, as the analyst does; returns its index."""
    from PySide6.QtCore import Qt

    index = next(i for i in range(pane.outline.count()) if pane.outline.itemText(i).strip() == title)
    pane.outline.showPopup()
    view = pane.outline.view()
    item = view.model().index(index, 0)
    view.scrollTo(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(item).center())
    return index
