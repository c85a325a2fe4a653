"""Auto-code from the window: the search panel's button (and Analysis ▸
Auto-code…) opens the dialog with the search; Preview lists what will be
tagged; a row shows in the reader; Tag tags them all; one Ctrl+Z takes the
whole run back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.services import projects
from workbench.services.annotations import list_annotations
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.autocode_dialog import AutocodeDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
A = "과학기술정보통신부는 반도체 지원을 늘린다고 밝혔다. 과기정통부 장관은 환영했다 그러나 우려도 있다."
B = "😀 과기정통부가 발표했다. 오픈AI와 협력한다."


@pytest.fixture
def window(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    for name, text in (("a.txt", A), ("b.txt", B)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt", tmp_path / "b.txt"]))
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=30_000):
        win.start()
    return win


def _open_from_the_search_panel(qtbot, win) -> AutocodeDialog:
    win.search_panel.query.setCurrentText("과기정통부")
    qtbot.mouseClick(win.search_panel.autocode, Qt.MouseButton.LeftButton)
    dialog = win.findChild(AutocodeDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_preview_then_tag_then_one_undo(qtbot, window):
    dialog = _open_from_the_search_panel(qtbot, window)
    assert dialog.query.text() == "과기정통부"
    assert not dialog.apply_button.isEnabled()  # nothing previewed yet
    dialog.tag.setCurrentText("정책 / 부처")
    dialog.unit.setCurrentIndex(dialog.unit.findData("sentence"))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 3
    assert "3" in dialog.summary.text() and "정책 / 부처" in dialog.summary.text()
    quotes = sorted(span.quote for span in dialog.model.spans)
    assert quotes == ["과기정통부 장관은 환영했다", "과학기술정보통신부는 반도체 지원을 늘린다고 밝혔다.", "😀 과기정통부가 발표했다."]

    # A row shows its span in the right pane (offsets in code points: the emoji is one).
    row = next(i for i, s in enumerate(dialog.model.spans) if s.quote.startswith("😀"))
    dialog.show_span(dialog.model.index(row, 1))
    assert window.right.view.selection_offsets() == (dialog.model.spans[row].start, dialog.model.spans[row].end)

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    stored = list_annotations(window.project, tag="정책 / 부처")
    assert sorted(r.quote for r in stored) == quotes
    assert "Ctrl+Z" in window.status.label.text()

    window.undo_action.trigger()  # the whole run, in one step
    assert list_annotations(window.project) == []
    window.redo_action.trigger()
    assert len(list_annotations(window.project, tag="정책 / 부처")) == 3


def test_a_change_after_the_preview_takes_the_tag_button_away(qtbot, window):
    dialog = _open_from_the_search_panel(qtbot, window)
    dialog.tag.setCurrentText("부처")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.apply_button.isEnabled()
    dialog.unit.setCurrentIndex(dialog.unit.findData("paragraph"))
    assert not dialog.apply_button.isEnabled() and dialog.model.rowCount() == 0


def test_the_analysis_menu_opens_it_with_the_search_and_a_bad_query_is_said_in_korean(qtbot, window, korean):
    window.search_panel.query.setCurrentText('"반도체')
    action = next(a for a in window.analysis.menu.actions() if a.shortcut().toString() == "Ctrl+Shift+A")
    assert action.text() == "검색 결과 자동 코딩…"
    action.trigger()
    dialog = window.findChild(AutocodeDialog)
    assert dialog.windowTitle() == "검색 결과 자동 코딩"
    dialog.tag.setCurrentText("부처")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() and not dialog.apply_button.isEnabled()
    assert list_annotations(window.project) == []
