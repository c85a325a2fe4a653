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
    _key(picker.filter, Qt.Key.Key_Return)  # the existing 정책 / 규제, listed first, not "Create tag “규”"
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
    assert window.tagging.undo_stack.undoText() == "edit the passage “인공지능 기본법”"


def _listed(dialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def test_a_few_letters_of_an_existing_tag_pick_it_not_a_new_one(qtbot):
    """반도체 exists; typing 반도 and Enter tags 반도체 (the analyst's session
    made a new tag 반도 because “Create tag “반도”” came first)."""
    dialog = TagPickerDialog(["반도체", "정책 / 반도체 지원", "예산"], "반도체 수출")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.filter.setFocus()
    _type(dialog.filter, "반도")
    assert _listed(dialog) == ["반도체", "정책 / 반도체 지원", "Create tag “반도”"]  # existing first, create last
    assert dialog.list.currentRow() == 0  # … and the first existing one highlighted
    _key(dialog.filter, Qt.Key.Key_Return)
    assert dialog.chosen == ["반도체"]
    _type(dialog.filter, "반도")  # the new tag is still there: moved to, then Enter
    _key(dialog.filter, Qt.Key.Key_Down)
    _key(dialog.filter, Qt.Key.Key_Down)
    _key(dialog.filter, Qt.Key.Key_Return)
    assert dialog.chosen == ["반도체", "반도"]


def test_the_exact_tag_comes_first(qtbot):
    dialog = TagPickerDialog(["경제 / 규제", "규제 완화", "규제"], "x")  # 경제 / 규제 sorts before 규제
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.filter.setFocus()
    _type(dialog.filter, "규제")
    # the tag itself, then tags of that name elsewhere, then longer names
    assert _listed(dialog) == ["규제", "경제 / 규제", "규제 완화"] and dialog.list.currentRow() == 0
    assert "Create tag “규제”" not in _listed(dialog)  # it exists: nothing to create
    _type(dialog.filter, " 완화")
    assert _listed(dialog) == ["규제 완화"]
    dialog.filter.clear()
    _type(dialog.filter, "무역")  # nothing matches: Enter creates
    assert _listed(dialog) == ["Create tag “무역”"] and dialog.list.currentRow() == 0
    _key(dialog.filter, Qt.Key.Key_Return)
    assert dialog.chosen == ["무역"]


def test_saving_with_every_tag_removed_says_why_and_keeps_the_note(qtbot):
    dialog = TagPickerDialog(["예산"], "인공지능 기본법", chosen=["예산"], note="처음", editing=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.filter.setFocus()
    _key(dialog.filter, Qt.Key.Key_Backspace)  # the only chip goes
    assert dialog.chosen == []
    dialog.note.setFocus()
    _key(dialog.note, Qt.Key.Key_End, CTRL)
    _type(dialog.note, " 고침")
    _key(dialog.note, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.note_text() == "처음 고침"  # not saved, nothing lost
    assert dialog.warning.isVisible() and "Choose at least one tag" in dialog.warning.text()
    assert dialog.delete_button.isVisible()  # … or delete the passage
    _type(dialog.filter, "예산")
    _key(dialog.filter, Qt.Key.Key_Return)
    assert not dialog.warning.isVisible()  # a tag chosen: the warning goes
    _key(dialog.note, Qt.Key.Key_Return, CTRL)
    assert dialog.result() == 1 and dialog.chosen == ["예산"] and dialog.note_text() == "처음 고침"


def test_tagging_with_no_tag_says_why_too(qtbot):
    dialog = TagPickerDialog(["예산"], "x")
    qtbot.addWidget(dialog)
    dialog.show()
    _key(dialog.filter, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "Choose at least one tag" in dialog.warning.text()
    assert not dialog.delete_button.isVisible()  # nothing to delete yet


def test_edit_with_every_tag_removed_offers_to_delete_the_passage(qtbot, window, monkeypatch):  # noqa: F811
    from PySide6.QtWidgets import QMessageBox

    select(window.left, "인공지능 기본법")
    assert window.tagging.tag_selection(window.left, tags=["예산"], note="처음")
    window.annotations.table.selectRow(0)
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))

    def steps(dialog):
        _key(_here(dialog), Qt.Key.Key_Backspace)
        _key(_here(dialog), Qt.Key.Key_Return, CTRL)
        assert dialog.isVisible() and dialog.delete_button.isVisible()
        dialog.delete_button.click()

    errors = _on_next_modal(steps)
    qtbot.mouseClick(window.annotations.edit_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert asked and "인공지능 기본법" in asked[0]  # the usual question, naming the passage
    assert svc.list_annotations(window.project) == []


def test_removing_a_tag_then_closing_the_edit_dialog_does_not_crash(qtbot, window):  # noqa: F811
    """Backspace took the chip away (deleted later); the chip's handler held the
    dialog, so the dialog died inside the chip's destructor: the app crashed
    (a bus error) as soon as the window went back to its event loop."""
    select(window.left, "인공지능 기본법")
    assert window.tagging.tag_selection(window.left, tags=["예산"], note="처음")
    window.annotations.table.selectRow(0)

    def steps(dialog):
        _key(_here(dialog), Qt.Key.Key_Backspace)
        assert dialog.chosen == []
        dialog.reject()

    errors = _on_next_modal(steps)
    qtbot.mouseClick(window.annotations.edit_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)  # the deferred deletes run here
    assert not errors, errors
    assert [r.tags for r in svc.list_annotations(window.project)] == [["예산"]]  # cancelled: unchanged
