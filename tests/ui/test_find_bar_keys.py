"""Find in document as the analyst steps through the matches: ↓ or Enter for the
next one, ↑ or Shift+Enter for the previous one, wrapping at the ends; the
buttons say so in Korean."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from workbench.services.documents import list_documents, show_document
from workbench.ui.i18n import apply_language
from workbench.ui.reader import ReaderPane

pytestmark = pytest.mark.gui


@pytest.fixture
def pane(qtbot, seeded_project):
    pane = ReaderPane("left")
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    qtbot.waitExposed(pane)
    doc = next(d for d in list_documents(seeded_project) if d.source.endswith("004_2c1d2e21fcbb52ad.txt"))
    pane.load(show_document(seeded_project, str(doc.id)), [], set())
    return pane


def _find(qtbot, pane, needle: str) -> None:
    pane.show_find()
    pane.find_box.setText(needle)
    with qtbot.waitSignal(pane.find_bar.searched, timeout=5000):
        qtbot.keyClick(pane.find_box, Qt.Key.Key_Return)


def _shown(pane) -> str:
    return pane.find_bar.count.text()


def test_enter_goes_down_and_shift_enter_goes_back_up(qtbot, pane):
    _find(qtbot, pane, "미국")
    total = len(pane.find_bar.matches)
    assert total > 3 and _shown(pane) == f"1/{total}"
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Return)
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert _shown(pane) == f"3/{total}"
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert _shown(pane) == f"2/{total}"
    start, end = pane.find_bar.matches[1]
    assert pane.view.textCursor().selectedText() == pane.text[start:end] == "미국"
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Enter, Qt.KeyboardModifier.ShiftModifier)
    assert _shown(pane) == f"{total}/{total}"  # before the first: the last
    assert pane.find_box.hasFocus()  # typing goes on in the box


def test_the_arrow_buttons_step_and_say_what_they_do_in_korean(qtbot, pane):
    bar = pane.find_bar
    _find(qtbot, pane, "미국")
    total = len(bar.matches)
    assert (bar.prev.text(), bar.next.text()) == ("↑", "↓")
    assert bar.prev.isVisible() and bar.next.isVisible()
    bar.next.click()
    bar.next.click()
    assert _shown(pane) == f"3/{total}"
    bar.prev.click()
    assert _shown(pane) == f"2/{total}"
    apply_language("ko")
    try:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert bar.prev.toolTip() == "이전 찾은 곳 (Shift+Enter)"
        assert bar.next.toolTip() == "다음 찾은 곳 (Enter)"
        assert "Shift+Enter" in bar.box.placeholderText() and "이전" in bar.box.placeholderText()
    finally:
        apply_language("en")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert bar.prev.toolTip() == "Previous match (Shift+Enter)"
