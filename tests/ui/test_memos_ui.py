"""Memos in the window (issue 25), each run from its own control in a real
main window: Analysis ▸ Project journal… adds an entry that is listed and
saved; the library's context menu writes a document's memo, which the
library then marks; the codebook's context menu writes a tag's definition
and memo, which its tooltip shows. Every dialog fits 1280×720."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.test_codebook_panel import _menu_action
from tests.ui.test_project_state import make_window
from workbench.services import codebook as books
from workbench.services import memos
from workbench.services.analyst import set_analyst

pytestmark = pytest.mark.gui

FILES = {"news.txt": "😀 과학기술정보통신부가 인공지능 기본법 시행령을 공개했다.",
         "memo.txt": "회의 메모\n\n인공지능 도입 방안을 논의했다."}


@pytest.fixture
def win(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, files=FILES)
    set_analyst(window.project, "김분석")
    return window


def _fits(dialog) -> None:
    assert dialog.width() <= 1280 and dialog.height() <= 720


def test_the_journal_action_adds_an_entry_that_is_listed_and_saved(qtbot, win, monkeypatch):
    [action] = [a for a in win.analysis.menu.actions() if a.objectName() == "project-journal"]
    assert action.text() == "Project journal…"
    action.trigger()
    [tool] = [t for t in win.analysis.tools if hasattr(t, "journal_action")]
    dialog = tool.journal
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.model.rowCount() == 0
    _fits(dialog)
    dialog.editor.setPlainText("코딩 원칙: 규제는 법령 언급만")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    [entry] = memos.journal(win.project)
    assert (entry.text, entry.author) == ("코딩 원칙: 규제는 법령 언급만", "김분석")
    assert dialog.model.rowCount() == 1
    assert [dialog.model.item(0, c).text() for c in (1, 2)] == ["김분석", "코딩 원칙: 규제는 법령 언급만"]
    assert dialog.model.item(0, 0).text()[:4].isdigit()  # its date
    # Change the chosen entry, then delete it (asked first).
    assert dialog.chosen() == entry.id
    dialog.editor.setPlainText("코딩 원칙 (고침)")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert memos.journal(win.project)[0].text == "코딩 원칙 (고침)" and dialog.model.item(0, 2).text() == "코딩 원칙 (고침)"
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert memos.journal(win.project) == [] and dialog.model.rowCount() == 0


def _row_of(win, name: str) -> int:
    library = win.library
    for row in range(library.proxy.rowCount()):
        source = library.proxy.mapToSource(library.proxy.index(row, 0)).row()
        if library.model.document(source).file_name == name:
            return row
    raise AssertionError(name)


def test_a_document_memo_from_the_librarys_context_menu_is_saved_and_marked(qtbot, win):
    library = win.library
    row = _row_of(win, "memo.txt")
    index = library.proxy.index(row, 0)
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    library.table.selectRow(row)
    library._context_menu(library.table.visualRect(index).center())
    menu = library.context_menu
    qtbot.addWidget(menu)
    [action] = [a for a in menu.actions() if a.text() == "Memo…"]
    action.trigger()
    [tool] = [t for t in win.analysis.tools if hasattr(t, "journal_action")]
    dialog = tool.dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and "회의 메모" in dialog.windowTitle()
    _fits(dialog)
    dialog.editor.setPlainText("검토 필요: 도입 방안")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    doc_id = library.model.document(library.proxy.mapToSource(index).row()).id
    assert memos.document_memo(win.project, doc_id).text == "검토 필요: 도입 방안"
    index = library.proxy.index(_row_of(win, "memo.txt"), 0)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "검토 필요: 도입 방안" in index.data(Qt.ItemDataRole.ToolTipRole)
    other = library.proxy.index(_row_of(win, "news.txt"), 0)
    assert other.data(Qt.ItemDataRole.DecorationRole) is None
    # Opening it again shows the memo and who wrote it.
    library._context_menu(library.table.visualRect(index).center())
    [action] = [a for a in library.context_menu.actions() if a.text() == "Memo…"]
    action.trigger()
    assert tool.dialog.text() == "검토 필요: 도입 방안" and "김분석" in tool.dialog.stamp.text()
    tool.dialog.reject()


def test_a_tag_memo_from_the_codebook_shows_in_its_tooltip(qtbot, win):
    books.create_tag(win.project, "정책 / 규제", description="")
    win.tagging.refresh()
    [tool] = [t for t in win.analysis.tools if hasattr(t, "journal_action")]
    _menu_action(qtbot, win.codebook, "정책 / 규제", "Definition and memo…")
    dialog = tool.dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.definition is not None
    _fits(dialog)
    dialog.definition.setPlainText("규제를 만들거나 푸는 조치")
    dialog.editor.setPlainText("완화도 규제에 넣음")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert {t.path: t.description for t in books.codebook(win.project)}["정책 / 규제"] == "규제를 만들거나 푸는 조치"
    model = win.codebook.model
    [index] = model.match(model.index(0, 0), Qt.ItemDataRole.DisplayRole, "규제", 1,
                          Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("규제를 만들거나 푸는 조치") and "완화도 규제에 넣음" in tip and "김분석" in tip
