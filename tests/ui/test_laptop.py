"""The window on an analyst's laptop: it fits 1280×720 with long titles in
both panes, opening a document never resizes it, the layout suits the
screen, the last session comes back, shortcuts are registered once, and
first-run progress shows over the library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QKeySequence

from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
LONG = ("과학기술정보통신부 인공지능 기본법 시행령 제정안 입법예고에 따른 관계부처 합동 설명자료 및 "
        "산업계·학계·시민사회 의견 수렴 결과 보고서 (2025년 하반기 추진계획 포함) 최종본 ") * 3


@pytest.fixture
def long_titles(tmp_path):
    project = projects.open_project(tmp_path / "p")
    paths = []
    for n in range(2):
        path = tmp_path / f"long{n}.md"
        path.write_text(f"# {LONG}{n}\n\n## 제1장 {LONG}\n\n본문입니다. 과기정통부가 발표했다.\n\n" * 3, encoding="utf-8")
        paths.append(path)
    run_job(ingest(project, paths, entities=False))
    return project


def window(qtbot, project) -> MainWindow:
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    win.start()
    return win


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_window_fits_1280_by_720_with_long_titles_in_both_panes(qtbot, long_titles, language):
    from workbench.ui.i18n import apply_language

    apply_language(language)
    try:
        win = window(qtbot, long_titles)
        win.resize(1280, 720)
        qtbot.wait(10)
        before = win.size()
        win.reading.open_in("left", 1)
        win.reading.open_in("right", 2)
        qtbot.wait(10)
        hint = win.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720, hint
        assert win.size() == before  # opening a document never resizes the window
        assert win.left.title.elided() and LONG[:20] in win.left.title.toolTip()  # cut, with the whole in a tooltip
        assert win.search_panel.query.width() >= 200  # the query box stays usable
    finally:
        apply_language("en")


def test_default_layout_suits_the_screen(qtbot, long_titles):
    QSettings().remove("window")
    win = window(qtbot, long_titles)
    win.default_layout(QRect(0, 0, 1366, 728))
    assert win.tabifiedDockWidgets(win.library_dock) == [win.codebook_dock]  # sharing one dock on a laptop
    win.resize(2400, 1400)
    win.fit_to(QRect(0, 0, 1366, 728))  # a layout saved on a big monitor, opened on a laptop
    assert win.width() <= 1366 and win.height() <= 728


def test_the_last_session_comes_back(qtbot, long_titles):
    win = window(qtbot, long_titles)
    win.reading.open_in("right", 2)
    win.right.goto(len(win.right.text) - 5)
    where = win.right.first_visible_offset()
    win.search_panel.run_query("과기정통부")
    win.close()
    again = window(qtbot, long_titles)
    assert (again.left.doc_id, again.right.doc_id) == (win.left.doc_id, 2)
    assert abs(again.right.first_visible_offset() - where) < 200
    assert again.search_panel.query.currentText() == "과기정통부" and again.search_panel.model.rowCount() > 0


def test_shortcuts_are_registered_once(qtbot, long_titles):
    win = window(qtbot, long_titles)
    seen: dict[str, str] = {}
    actions = win.actions() + [win.undo_action, win.redo_action]
    for action in actions:
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen or seen[text] == action.text(), f"{text}: {seen.get(text)} and {action.text()}"
            seen[text] = action.text()
    redo = {k.toString() for k in win.redo_action.shortcuts()}
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= redo and "Ctrl+Z" in {k.toString() for k in win.undo_action.shortcuts()}
    assert QKeySequence("Ctrl+Q") in win.quit_action.shortcuts()
    assert QKeySequence("Ctrl+F") in win.find_action.shortcuts() and win.print_action.shortcuts()
    win.find_action.trigger()
    assert win.left.find_bar.isVisible()


@pytest.mark.parametrize("keys", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_redo_works_from_the_keyboard(qtbot, long_titles, keys):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.ui.helpers import select
    from workbench.services.annotations import list_annotations

    win = window(qtbot, long_titles)
    select(win.left, "과기정통부가 발표했다")
    win.tagging.tag_selection(win.left, tags=["발표"])
    win.windowHandle().requestActivate()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)  # shortcuts work in the active window only
    win.left.view.setFocus()
    QTest.keyClick(win.left.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list_annotations(win.project) == []
    sequence = QKeySequence(keys)[0]
    QTest.keyClick(win.left.view, sequence.key(), sequence.keyboardModifiers())
    assert [r.quote for r in list_annotations(win.project)] == ["과기정통부가 발표했다"]


def test_first_run_progress_is_shown_over_the_library(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    project = projects.open_project()
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    seen, started = [], []
    win.runner.started.connect(lambda task: started.append(task.name))

    def watch(task):
        task.progress.connect(lambda p: seen.append((win.library.busy.isVisibleTo(win.library),
                                                     win.library.busy_label.text(), win.library.model.rowCount())))

    win.runner.started.connect(watch)
    win.start()
    reading = [s for s in seen if "3/5" in s[1]]
    assert reading and reading[0][0]  # "Preparing the sample documents 3/5 — reading …", shown
    assert any(rows for _shown, _text, rows in seen if 0 < rows < 5)  # documents listed as they are added
    assert not win.library.busy.isVisibleTo(win.library) and win.library.model.rowCount() == 5
    assert "warm-up" in started  # Kiwi loads behind the window, not on the first search


def test_first_run_progress_only_moves_forward(qtbot, tmp_path, monkeypatch):
    """Seeding reads five files, then indexes them: one bar over both steps, never
    "5/5 — reading" at 100 % followed by "4/5 — indexing" at 80 %."""
    import re

    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    project = projects.open_project()
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    library, status = [], []

    def watch(task):
        if task.name == "seed":  # connected after the library's and the status bar's own slots: sees what they show
            task.progress.connect(lambda p: (
                library.append((win.library.busy_bar.value(), win.library.busy_bar.maximum(),
                                win.library.busy_label.text())),
                status.append((win.status.progress.value(), win.status.progress.maximum()))))

    win.runner.started.connect(watch)
    win.start()
    assert len(library) > 10
    for name, shown in (("library", [(v, m) for v, m, _ in library]), ("status bar", status)):
        fractions = [v / m for v, m in shown]
        assert all(a <= b for a, b in zip(fractions, fractions[1:])), (name, shown)
        assert fractions[-1] == 1.0, (name, shown)
    steps = [tuple(map(int, re.search(r"step (\d) of (\d)", text).groups())) for _, _, text in library]
    assert steps == sorted(steps) and {s for s, _ in steps} == {1, 2} and {n for _, n in steps} == {2}, steps
    assert all("reading" in text for (_, _, text), (s, _) in zip(library, steps) if s == 1 and "/5" in text)
    assert any("indexing" in text for (_, _, text), (s, _) in zip(library, steps) if s == 2)
    assert win.library.model.rowCount() == 5


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_switching_language_and_back_keeps_the_docks_as_they_were(qtbot, long_titles, size):
    """View → Language → English, then 한국어: every dock keeps its width and height."""
    from workbench.ui.i18n import apply_language

    apply_language("ko")
    try:
        win = window(qtbot, long_titles)
        win.resize(*size)
        win.default_layout(QRect(0, 0, *size))
        qtbot.wait(50)  # let the layout settle (no signal for it)
        win.reading.open_in("left", 1)
        docks = [win.library_dock, win.search_dock, win.annotations_dock, win.codebook_dock, win.charts_dock]
        # Docks on screen: a tab behind another (its size is Qt's bookkeeping) is not compared.
        shown = lambda: {d.objectName(): (d.width(), d.height()) for d in docks  # noqa: E731
                         if d.isVisible() and not d.visibleRegion().isEmpty()}
        before = shown()
        win.language_menu.menuAction().trigger()
        win.language_actions["en"].trigger()
        qtbot.wait(50)
        assert win.library_dock.windowTitle() == "Library"
        win.language_actions["ko"].trigger()
        qtbot.wait(50)
        assert win.library_dock.windowTitle() == "자료실"
        assert shown() == before
        assert win.size().toTuple() == size
    finally:
        apply_language("en")
