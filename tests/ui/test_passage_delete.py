"""Deleting a tagged passage from the tagged-passages panel: it asks first,
naming the passage; says in the status bar what went; and Undo brings it
back. Pressed as an analyst would: the Delete button, and the Delete key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.helpers import select
from tests.ui.test_tagging import window  # noqa: F401 - the fixture: a window on a one-document project
from workbench.services import annotations as svc

pytestmark = pytest.mark.gui


@pytest.fixture
def tagged(window):  # noqa: F811
    pane = window.left
    select(pane, "인공지능 기본법")
    assert window.tagging.tag_selection(pane, tags=["정책 / 규제"], note="")
    select(pane, "업계는 환영했다")
    assert window.tagging.tag_selection(pane, tags=["반응"], note="")
    return window


def _select_row(panel, quote: str) -> None:
    for row in range(panel.proxy.rowCount()):
        if panel.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 7)["quote"] == quote:
            panel.table.selectRow(row)
            return
    raise AssertionError(f"{quote} is not in the panel")


def _answer(monkeypatch, button):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append((title, text))
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_delete_button_asks_names_the_passage_says_so_and_is_undoable(qtbot, tagged, monkeypatch):
    window, panel, stack = tagged, tagged.annotations, tagged.tagging.undo_stack
    _select_row(panel, "인공지능 기본법")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    [(title, text)] = asked
    title_of_document = panel.selected()["title"]
    assert "인공지능 기본법" in text and title_of_document in text and "정책 / 규제" in text  # which, where, how
    assert len(svc.list_annotations(window.project)) == 2 and stack.undoText().startswith("tag the passage “")  # No: nothing gone

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [r.quote for r in svc.list_annotations(window.project)] == ["업계는 환영했다"]
    assert panel.model.rowCount() == 1
    assert "인공지능 기본법" in window.status.label.text()  # the status bar says what was deleted
    assert "인공지능 기본법" in stack.undoText()  # on the undo stack, named
    assert "인공지능 기본법" in window.undo_action.text()  # … and so in Edit ▸ Undo
    window.undo_action.trigger()
    assert sorted(r.quote for r in svc.list_annotations(window.project)) == ["업계는 환영했다", "인공지능 기본법"]
    window.redo_action.trigger()
    assert [r.quote for r in svc.list_annotations(window.project)] == ["업계는 환영했다"]


def test_delete_key_asks_too(qtbot, tagged, monkeypatch):
    window, panel = tagged, tagged.annotations
    window.show()  # a shortcut needs its window active (offscreen too)
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    _select_row(panel, "업계는 환영했다")
    panel.table.setFocus()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert asked and "업계는 환영했다" in asked[0][1]
    assert [r.quote for r in svc.list_annotations(window.project)] == ["인공지능 기본법"]


def test_undo_and_redo_say_what_they_did_in_the_status_bar(qtbot, tagged, monkeypatch):
    """After Ctrl+Z the bar no longer says “Deleted … (Ctrl+Z to undo)”: it names what was undone."""
    window, panel = tagged, tagged.annotations
    _select_row(panel, "인공지능 기본법")
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "Ctrl+Z" in window.status.label.text()
    window.undo_action.trigger()
    said = window.status.label.text()
    assert "Ctrl+Z" not in said and said.startswith("Undone") and "인공지능 기본법" in said
    window.redo_action.trigger()
    said = window.status.label.text()
    assert said.startswith("Redone") and "인공지능 기본법" in said
    window.undo_action.trigger()
    window.undo_action.trigger()  # the tag of 업계는 환영했다 goes
    said = window.status.label.text()
    assert said.startswith("Undone") and "업계는 환영했다" in said
