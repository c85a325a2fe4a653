"""Document details in the window: the library's Date and Publisher columns
(sorted in time order, undated last), the tooltip, and the "Edit document
details…" dialog saving through the service (undoable) and updating the row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.metadata import document_meta
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui

FILES = {
    "news.txt": "AI 기본법 시행령 입법예고\n입력 2024.03.05 17:03\n\n인공지능 기본법 시행령을 공개했다.\n\n"
                "김지선 기자 river@etnews.com",
    "press.txt": "보도자료\n보도시점\t2024. 6. 21.(금) 11:00\n\n디지털 행정 혁신\n\n"
                 "□ 행정안전부(장관 이상민)는 21일 인공지능 행정 서비스를 발표했다.",
    "report.txt": "2023년 인공지능 산업 동향 연구\n\n홍길동/김철수\n\n2023. 12.\n\n인공지능 산업이 성장했다.",
    "memo.txt": "회의 메모\n\n인공지능 도입 방안을 논의했다.",
}


@pytest.fixture
def window(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [folder], index=False))
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    return win


def _column(win, name: str) -> int:
    return win.library.model.COLUMNS.index(name)


def _shown(win, column: str) -> list[str]:
    """The column's cells in the order the library shows them."""
    proxy, col = win.library.proxy, _column(win, column)
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def _doc_id(win, file_name: str) -> int:
    model = win.library.model
    return next(model.document(r).id for r in range(model.rowCount()) if model.document(r).file_name == file_name)


def _row_of(win, doc_id: int) -> int:
    proxy, model = win.library.proxy, win.library.model
    return next(r for r in range(proxy.rowCount()) if model.document(proxy.mapToSource(proxy.index(r, 0)).row()).id
                == doc_id)


def test_library_shows_and_sorts_by_date(window):
    win = window
    headers = [win.library.model.headerData(c, Qt.Orientation.Horizontal) for c in range(win.library.model.columnCount())]
    assert headers[:3] == ["Title", "Date", "Publisher"]
    win.library.table.sortByColumn(_column(win, "date"), Qt.SortOrder.AscendingOrder)
    assert _shown(win, "date") == ["2023-12", "2024-03-05", "2024-06-21", ""]  # undated last
    win.library.table.sortByColumn(_column(win, "date"), Qt.SortOrder.DescendingOrder)
    assert _shown(win, "date") == ["2024-06-21", "2024-03-05", "2023-12", ""]  # still last
    win.library.table.sortByColumn(_column(win, "publisher"), Qt.SortOrder.AscendingOrder)
    assert _shown(win, "publisher") == ["전자신문", "행정안전부", "", ""]
    tip = win.library.proxy.index(_row_of(win, _doc_id(win, "news.txt")), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Publisher: 전자신문 (read from the text)" in tip and "Author: 김지선" in tip and "Type: News article" in tip


def test_edit_through_the_dialog_updates_the_row(qtbot, window):
    win = window
    memo = _doc_id(win, "memo.txt")
    win.library.table.sortByColumn(_column(win, "date"), Qt.SortOrder.AscendingOrder)
    # The context menu offers it.
    win.library.table.selectRow(_row_of(win, memo))
    rect = win.library.table.visualRect(win.library.proxy.index(_row_of(win, memo), 0))
    win.library._context_menu(rect.center())
    menu = win.library.context_menu
    qtbot.addWidget(menu)
    [edit] = [a for a in menu.actions() if a.text() == "Edit document details…"]
    edit.trigger()
    dialog = win.documents.dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.origins["date"].text() == "not found"

    # A date that is not one is refused in the dialog: it stays open and nothing is written.
    dialog.set_value("date", "2024-13-40")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog) and "not a date" in dialog.error.text()
    assert document_meta(win.project, memo).date == ""

    dialog.set_value("date", "2024년 1월 2일")
    dialog.set_value("publisher", "내부 회의")
    dialog.set_value("doc_type", "minutes")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    meta = document_meta(win.project, memo)
    assert (meta.date, meta.publisher, meta.doc_type) == ("2024-01-02", "내부 회의", "minutes")
    assert meta.sources == {"date": "analyst", "publisher": "analyst", "doc_type": "analyst"}
    # The row follows at once, in its new place.
    assert _shown(win, "date") == ["2023-12", "2024-01-02", "2024-03-05", "2024-06-21"]
    row = _row_of(win, memo)
    assert win.library.proxy.index(row, _column(win, "publisher")).data() == "내부 회의"
    assert "Date: 2024-01-02 (your correction)" in win.library.proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)

    # Undo puts it back (the text had no date).
    win.tagging.undo_stack.undo()
    assert document_meta(win.project, memo).values == {}
    assert _shown(win, "date") == ["2023-12", "2024-03-05", "2024-06-21", ""]
    win.tagging.undo_stack.redo()
    assert win.library.proxy.index(_row_of(win, memo), _column(win, "date")).data() == "2024-01-02"


def test_dialog_shows_where_values_came_from_and_saves_only_changes(qtbot, window):
    win = window
    news = _doc_id(win, "news.txt")
    win.library.table.selectRow(_row_of(win, news))
    win.library.edit_current()  # Ctrl+I
    dialog = win.documents.dialog
    qtbot.addWidget(dialog)
    assert dialog.edits["publisher"].text() == "전자신문"
    assert dialog.origins["publisher"].text() == "read from the text"
    assert dialog.type_box.currentText() == "News article"
    assert dialog.values() == {}  # nothing changed: nothing to save
    dialog.set_value("author", "김지선, 이순신")
    assert dialog.values() == {"author": "김지선, 이순신"}
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    dialog = win.documents.edit(news)
    qtbot.addWidget(dialog)
    assert dialog.origins["author"].text() == "your correction (automatic: 김지선)"
    dialog.set_value("author", "")  # back to the text's value
    dialog.accept()
    assert document_meta(win.project, news).source("author") == "inferred"
    assert win.library.proxy.index(_row_of(win, news), _column(win, "publisher")).data() == "전자신문"
    dialog.close()
