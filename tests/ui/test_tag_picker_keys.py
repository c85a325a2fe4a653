"""The tag picker by keyboard, with real key presses: Enter in the tag box
adds the tag (or creates "A / B") and stays there for the next one; Enter on
an empty box, or Tab, goes to the note; Ctrl+Enter applies. Editing a
passage opens the picker under its own title."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import select
from tests.ui.test_tagging import window  # noqa: F401 - the fixture: a window on a one-document project
from workbench.services import annotations as svc
from workbench.ui.tag_picker import TagPickerDialog

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def _type(widget, text: str) -> None:
    """Key presses carrying text, Korean included, as a keyboard or an input
    method delivers them (qtbot.keyClicks handles Latin-1 only)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def _key(widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)


def _here(dialog):
    """Where a key press lands: the dialog's focused widget."""
    widget = dialog.focusWidget()
    assert widget is not None, "nothing in the dialog has the keyboard"
    return widget


def _on_next_modal(steps) -> list[BaseException]:
    """Run ``steps(dialog)`` on the modal dialog about to open; a failing step
    closes it rather than leave the test waiting. Returns the errors."""
    errors: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            steps(dialog)
        except BaseException as exc:  # noqa: BLE001 - reported by the test, after the dialog closed
            errors.append(exc)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return errors


@pytest.fixture
def picker(qtbot):
    dialog = TagPickerDialog(["정책 / 규제", "예산"], "인공지능 기본법")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.filter.setFocus()
    return dialog


def test_enter_adds_and_stays_in_the_tag_box(picker):
    _type(picker.filter, "경제 / 해외투자")
    _key(picker.filter, Qt.Key.Key_Return)  # creates "경제 / 해외투자"
    assert picker.chosen == ["경제 / 해외투자"] and picker.isVisible()
    assert picker.focusWidget() is picker.filter and picker.filter.text() == ""  # ready for the next tag
    _type(picker.filter, "규")
    _key(picker.filter, Qt.Key.Key_Down)  # from "Create tag “규”" down to 정책 / 규제
    _key(picker.filter, Qt.Key.Key_Return)
    assert picker.chosen == ["경제 / 해외투자", "정책 / 규제"] and picker.focusWidget() is picker.filter
    _key(picker.filter, Qt.Key.Key_Return)  # an empty box: on to the note
    assert picker.focusWidget() is picker.note and picker.chosen == ["경제 / 해외투자", "정책 / 규제"]
    _type(picker.note, "검토 필요")
    _key(picker.note, Qt.Key.Key_Return)  # a new line in the note, not "apply"
    assert picker.isVisible()
    _key(picker.note, Qt.Key.Key_Return, CTRL)
    assert picker.result() == 1 and picker.note_text() == "검토 필요\n"


def test_tab_goes_to_the_note_and_backspace_takes_the_last_tag_back(picker):
    _type(picker.filter, "예산")
    _key(picker.filter, Qt.Key.Key_Return)
    _type(picker.filter, "반응")
    _key(picker.filter, Qt.Key.Key_Return)
    assert picker.chosen == ["예산", "반응"]
    _key(picker.filter, Qt.Key.Key_Backspace)  # an empty box: the last chip goes
    assert picker.chosen == ["예산"]
    _key(picker.filter, Qt.Key.Key_Tab)
    assert picker.focusWidget() is picker.note


def test_ctrl_enter_applies_what_is_typed(picker):
    _type(picker.filter, "예산")
    _key(picker.filter, Qt.Key.Key_Return, CTRL)
    assert picker.result() == 1 and picker.chosen == ["예산"]


def test_ctrl_t_tags_a_selection_with_two_tags_by_keyboard(qtbot, window):  # noqa: F811
    select(window.left, "인공지능 기본법")
    titles = []

    def steps(dialog):
        titles.append(dialog.windowTitle())
        for tag in ("경제 / 해외투자", "반응"):
            _type(_here(dialog), tag)
            _key(_here(dialog), Qt.Key.Key_Return)
        _key(_here(dialog), Qt.Key.Key_Return)
        _type(_here(dialog), "두 태그")
        _key(_here(dialog), Qt.Key.Key_Return, CTRL)

    window.show()  # a shortcut needs its window active (offscreen too)
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    window.left.view.setFocus()
    errors = _on_next_modal(steps)
    QTest.keyClick(window.left.view, Qt.Key.Key_T, CTRL)
    assert not errors, errors
    assert titles == ["Tag passage"]
    [row] = svc.list_annotations(window.project)
    assert (row.quote, row.tags, row.note) == ("인공지능 기본법", ["경제 / 해외투자", "반응"], "두 태그")


def test_edit_dialog_has_its_own_title_and_edits_by_keyboard(qtbot, window):  # noqa: F811
    select(window.left, "인공지능 기본법")
    assert window.tagging.tag_selection(window.left, tags=["예산"], note="처음")
    window.annotations.table.selectRow(0)
    seen = []

    def steps(dialog):
        seen.append((dialog.windowTitle(), list(dialog.chosen), dialog.note_text()))
        _type(_here(dialog), "반응")
        _key(_here(dialog), Qt.Key.Key_Return)
        _key(_here(dialog), Qt.Key.Key_Return, CTRL)

    errors = _on_next_modal(steps)
    qtbot.mouseClick(window.annotations.edit_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert seen == [("Edit tags and note", ["예산"], "처음")]
    assert svc.list_annotations(window.project)[0].tags == ["반응", "예산"]
    assert window.tagging.undo_stack.undoText() == "edit annotation"
