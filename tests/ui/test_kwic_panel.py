"""Analysis ▸ Keyword in context… in the real window: the menu action opens
it on the search box's query and lists every match (checked against the
text), a header click sorts by the words before, a double-click opens the
reader with the match selected (after an emoji: code points, not UTF-16),
Tag… tags the selected matches at their offsets and Ctrl+Z takes it back,
Excel… writes the table, and it all fits a 1280×720 screen, in Korean too."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.ui.test_project_state import make_window
from workbench.services import annotations as annotation_service
from workbench.ui.kwic_panel import LEFT, SHORTCUT, KwicDialog

pytestmark = pytest.mark.gui

A = ("😀 정부는 반도체를 육성한다. 반도체가 성장했다.\n\n"
     "한국의 반도체 수출이 늘었다. 미국의 반도체가 성장했다. 정부가 반도체를 지원한다.")
B = "반도체는 수출이 늘었다. 날씨가 맑다."
FILES = {"a.txt": A, "b.txt": B}


def _open(qtbot, tmp_path, query: str = "반도체"):
    win = make_window(qtbot, tmp_path, files=FILES)
    win.search_panel.query.setCurrentText(query)
    action = win.findChild(QAction, "kwic-action")
    assert action in win.analysis.menu.actions()
    action.trigger()  # the menu's action, as a click on it runs it
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, KwicDialog) and w.isVisible() and w.parent() is win)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    return win, dialog


def _texts(win) -> dict[int, str]:
    from workbench.services.documents import list_documents, show_document

    return {d.id: show_document(win.project, str(d.id)).text for d in list_documents(win.project)}


def _click_header(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_the_menu_action_lists_every_match_with_the_text_around_it(qtbot, tmp_path):
    win, dialog = _open(qtbot, tmp_path)
    assert dialog.query.text() == "반도체"  # the search box's query
    texts = _texts(win)
    expected = {(d, m.start(), m.end()) for d, t in texts.items() for m in re.finditer("반도체", t)}
    rows = dialog.model.rows
    assert {(r.doc_id, r.start, r.end) for r in rows} == expected and len(expected) == 6  # 5 in A, 1 in B
    width = dialog.width_box.value()
    for r in rows:
        text = texts[r.doc_id]
        assert (r.left, r.match, r.right) == (text[max(0, r.start - width):r.start], text[r.start:r.end],
                                              text[r.end:r.end + width])
    shown = dialog.model.index(0, 0).data()
    assert "\n" not in shown  # a line break is shown as a space in the table
    assert dialog.status.text().startswith("6 matches in 2 documents")
    assert dialog.model.index(0, 1).data(Qt.ItemDataRole.FontRole).bold()
    # The shortcut is its own: no other action of the window answers it.
    owners = [a for a in win.findChildren(QAction) if QKeySequence(SHORTCUT) in a.shortcuts()]
    assert owners == [win.findChild(QAction, "kwic-action")]


def test_a_header_click_sorts_by_the_words_before(qtbot, tmp_path):
    win, dialog = _open(qtbot, tmp_path)
    _click_header(qtbot, dialog.table, LEFT)
    assert dialog.model.sort_by == "left" and dialog.sort.currentData() == "left"
    rows = dialog.model.rows
    government = [i for i, r in enumerate(rows) if re.search(r"정부[는가] $", r.left)]
    assert len(government) == 2 and government[1] == government[0] + 1  # 정부는 / 정부가 together
    firsts = [r.left_key[0] for r in rows if r.left_key]
    assert firsts == sorted(firsts)
    assert dialog.table.horizontalHeader().sortIndicatorSection() == LEFT


def test_a_double_click_opens_the_reader_at_the_match_after_an_emoji(qtbot, tmp_path):
    win, dialog = _open(qtbot, tmp_path)
    a = next(r.doc_id for r in dialog.model.rows if r.title and "😀" in _texts(win)[r.doc_id])
    row = next(i for i, r in enumerate(dialog.model.rows) if r.doc_id == a and r.start == A.index("반도체"))
    index = dialog.model.index(row, 1)
    dialog.table.scrollTo(index)
    rect = dialog.table.visualRect(index)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click starts so
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = win.right
    assert pane.doc_id == a
    start = A.index("반도체")
    assert pane.view.selection_offsets() == (start, start + 3)
    assert pane.view.textCursor().selectedText() == "반도체"
    # Enter on another row: the reader moves to that match.
    other = next(i for i, r in enumerate(dialog.model.rows) if r.doc_id == a and r.start == A.index("반도체가 성장"))
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(other, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert pane.view.selection_offsets() == (A.index("반도체가 성장"), A.index("반도체가 성장") + 3)


def test_tag_tags_the_selected_matches_and_ctrl_z_undoes_it(qtbot, tmp_path):
    win, dialog = _open(qtbot, tmp_path)
    chosen = [i for i, r in enumerate(dialog.model.rows) if r.right.startswith("가 성장")]
    assert len(chosen) == 2
    for i in chosen:
        dialog.table.selectionModel().select(dialog.model.index(i, 0),
                                             dialog.table.selectionModel().SelectionFlag.Select
                                             | dialog.table.selectionModel().SelectionFlag.Rows)
    assert dialog.tag_button.isEnabled(), len(dialog.selected_rows())
    spans = {(dialog.model.rows[i].doc_id, dialog.model.rows[i].start, dialog.model.rows[i].end) for i in chosen}
    errors: list[BaseException] = []

    def answer() -> None:
        picker = QApplication.activeModalWidget()
        try:
            for ch in "성장 주체":
                QTest.sendKeyEvent(QTest.KeyAction.Click, picker.filter, Qt.Key.Key_unknown, ch,
                                   Qt.KeyboardModifier.NoModifier)
            QTest.keyClick(picker.filter, Qt.Key.Key_Return)
            QTest.keyClick(picker.filter, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            if picker.isVisible():
                picker.reject()

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(dialog.tag_button, Qt.MouseButton.LeftButton)
    assert not errors
    stored = {(r.doc_id, r.start, r.end) for r in annotation_service.list_annotations(win.project, tag="성장 주체")}
    assert stored == spans
    assert all(r.quote == "반도체" for r in annotation_service.list_annotations(win.project, tag="성장 주체"))
    assert dialog.tag.findText("성장 주체") >= 0  # the new tag is offered as a filter at once
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)  # shortcuts work in the active window only
    dialog.table.setFocus()
    QTest.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # in the dialog itself
    assert annotation_service.list_annotations(win.project) == []  # both matches: one step
    QTest.keyClick(dialog.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo puts both back
    assert {(r.doc_id, r.start, r.end) for r in annotation_service.list_annotations(win.project)} == spans


def test_excel_writes_the_table_as_listed(qtbot, tmp_path, monkeypatch):
    win, dialog = _open(qtbot, tmp_path)
    _click_header(qtbot, dialog.table, 2)  # by the words after
    out = tmp_path / "용례.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "Excel (*.xlsx)")))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert out.exists()
    sheet = load_workbook(out).worksheets[0]
    listed = [(r[0], r[3], r[5]) for r in list(sheet.iter_rows(values_only=True))[1:]]
    assert listed == [(r.doc_id, r.match, r.start) for r in dialog.model.rows]
    assert str(out) in dialog.status.text()


def test_filters_and_fits_a_small_screen_in_korean(qtbot, tmp_path, korean):
    win, dialog = _open(qtbot, tmp_path)
    b = next(r.doc_id for r in dialog.model.rows if r.left == "" and r.right.startswith("는 수출"))
    dialog.document.setCurrentIndex(dialog.document.findData(b))
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: {r.doc_id for r in dialog.model.rows} == {b}, timeout=20_000)
    dialog.date_from.setText("2024-13")
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "날짜" in dialog.status.text(), timeout=20_000)  # the error, in Korean
    assert dialog.windowTitle() == "용례 보기(검색어 문맥)"
    assert dialog.frameGeometry().width() <= 1280 and dialog.frameGeometry().height() <= 720
    assert dialog.minimumSizeHint().width() <= 1280 and dialog.minimumSizeHint().height() <= 680
