"""Press everything in the real window, in Korean and in English: every menu
and toolbar action, every dock and pane button, every context-menu action and
the buttons of the dialogs they open — on a project with the seeds and real
HWP/HWPX files, a search done, two documents open and a passage tagged.

Nothing may raise, report an unexpected error, fail a task with an error
nobody wrote a message for, or leave a crash report; in Korean mode no English
may be left on screen. Controls are found, not listed (``presser.py``), so a
new control is covered without a new test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from tests.ui.presser import Presser, _label
from workbench.services.annotations import tag_passage
from workbench.services.codebook import export_codebook
from workbench.services.export import export_briefing
from workbench.services.documents import list_documents
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.logs import log_dir
from workbench.services.projects import open_project

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "fixtures" / "realfiles"
REAL_FILES = [REAL / "hwp" / "k-water-rfp.hwp", REAL / "hwpx" / "table-vpos-01_정부혁신_보도자료.hwpx",
              REAL / "text" / "의대증원찬성_utf8.txt"]  # "2월 29일" in a transcript once crashed the timeline


@pytest.fixture(scope="module")
def walked_project_template(seeded_project, tmp_path_factory):
    """The seeds and two real government files, one passage tagged: copied for each language."""
    root = tmp_path_factory.mktemp("press") / "template"
    shutil.copytree(seeded_project.root, root)
    project = open_project(root)
    report = run_job(ingest(project, REAL_FILES))
    assert report.summary()["added"] == len(REAL_FILES), report.to_json()
    docs = list_documents(project)
    news = next(d for d in docs if d.source.endswith(".txt") and "002" in d.source)
    tag_passage(project, str(news.id), ["정책 / 투자"], quote="파운데이션 모델", note="검토할 것")
    # What the import controls open: this project's own REFI-QDA files, made by its exports.
    export_briefing(project, root.parent / "exchange.qdpx")
    export_codebook(project, root.parent / "exchange.qdc")
    return root


def _answers(tmp_path: Path, exchange: Path) -> dict[str, Path]:
    """Files the automatic answers open, by the first suffix a dialog's filter
    names: a text to add, a project and codebooks to import."""
    text = tmp_path / "새 문서.txt"
    text.write_text("새로 추가한 문서입니다.\n과기정통부는 반도체 투자를 늘린다고 밝혔다.\n", encoding="utf-8")
    codebook = tmp_path / "codebook.csv"
    codebook.write_text("tag,description,color\n정책 / 규제,규제 관련,#aa3300\n", encoding="utf-8-sig")
    return {".qdpx": exchange / "exchange.qdpx", ".qdc": exchange / "exchange.qdc", ".txt": text, ".csv": codebook}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_press_every_control(qtbot, monkeypatch, tmp_path, walked_project_template, language):
    from workbench.ui.i18n import apply_language
    from workbench.ui.main_window import MainWindow
    from workbench.ui.tasks import InlinePool, TaskRunner

    root = tmp_path / "project"
    shutil.copytree(walked_project_template, root)
    project = open_project(root)
    crashes_before = set(log_dir().glob("crash-*.txt")) if log_dir().exists() else set()
    apply_language(language)
    try:
        window = MainWindow(project, TaskRunner(pool=InlinePool()))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        presser = Presser(window, qtbot, monkeypatch, tmp_path, language, _answers(tmp_path, walked_project_template.parent))
        presser.data_words = (str(root), root.name, str(tmp_path))
        presser.press("start", window.start)
        _set_the_scene(window, project, presser)
        _walk(window, presser)
        crashes = (set(log_dir().glob("crash-*.txt")) if log_dir().exists() else set()) - crashes_before
        assert not crashes, sorted(map(str, crashes))
        assert len(presser.pressed) > 80, presser.pressed  # the walk reached the controls
        assert not presser.problems.items, "\n".join(presser.problems.items)
    finally:
        if "presser" in locals():
            presser.stop()
        apply_language("en")


def _set_the_scene(window, project, presser) -> None:
    """A search done, the report on the left and a news article on the right, a
    word selected on the left, the find bars open."""
    docs = list_documents(project)
    report = next(d for d in docs if "004" in d.source)
    news = next(d for d in docs if "002" in d.source)
    presser.press("search", lambda: window.run_search("반도체"))
    presser.press("open left", lambda: window.reading.open_in("left", report.id))
    presser.press("open right", lambda: window.reading.open_in("right", news.id))
    for pane in window.reading.panes:
        presser.press(f"find in {pane.objectName()}", pane.show_find)
        pane.find_box.setText("인공지능")
    from tests.ui.helpers import select

    mention = window.left.mentions[0]
    select(window.left, window.left.text[mention.start:mention.end])


def _walk(window, presser) -> None:
    last = {window.quit_action, window.new_action, window.open_action}
    last |= set(window.recent_menu.actions()) | set(window.language_actions.values())
    # Dock and pane buttons, until pressing opens no new ones (a chart kind shows its own).
    seen: set[int] = set()
    for _round in range(3):
        fresh = [b for b in presser.buttons() if id(b) not in seen]
        if not fresh:
            break
        seen |= {id(b) for b in fresh}
        for button in fresh:
            if isValid(button) and button.isEnabled() and presser.reveal(button):
                presser.press(_label(button), button.click)
    # Every kind of chart drawn, reset and exported (its controls show with it).
    charts = window.charts_panel
    presser.reveal(charts)
    for i in range(charts.kind.count()):
        presser.press(f"chart kind {i}", lambda i=i: charts.kind.setCurrentIndex(i))
        for button in (charts.draw, charts.reset, charts.export_button):
            presser.press(f"chart kind {i}: {_label(button)}", button.click)
    _context_menus(window, presser)
    actions = presser.menu_actions()
    for action in [a for a in actions if a not in last] + [a for a in actions if a in last and a
                                                             is not window.quit_action]:
        if isValid(action) and action.isEnabled():
            name = action.text() or action.objectName() or action.shortcut().toString()
            presser.press(f"action “{name}”", action.trigger)
    presser.press("quit", window.quit_action.trigger)


def _context_menus(window, presser) -> None:
    """Each context menu's every action, the menu opened afresh for each."""
    targets = []
    for pane in window.reading.panes:
        if pane.doc_id is not None and pane.mentions:
            mention = pane.mentions[0]
            pane.goto(mention.start, mention.end)
            rect = pane.view.cursorRect(pane.view.textCursor())
            targets.append((f"{pane.objectName()} reader", pane.view, rect.center()))
    for name, view in (("library", window.library.table), ("codebook", window.codebook.tree),
                       ("tagged passages", window.annotations.table)):
        presser.reveal(view)
        model = view.model()
        if model is not None and model.rowCount() > 0:
            view.setCurrentIndex(model.index(0, 0))
            targets.append((name, view, view.visualRect(model.index(0, 0)).center()))
        targets.append((f"{name} (empty space)", view, QPoint(2, max(view.viewport().height() - 2, 2))))
    for name, widget, point in targets:
        labels = presser.context_menu(widget, point)
        for i, label in enumerate(labels):
            presser.press(f"{name} menu “{label}”", lambda w=widget, p=point, i=i: presser.context_menu(w, p, i))
