"""The real main window, driven offscreen with qtbot; waits on signals, never sleeps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from workbench.core.progress import Progress
from workbench.services import projects
from workbench.services.documents import list_documents
from workbench.ui.main_window import MainWindow
from workbench.ui.palette import background
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, seeded_project):
    win = MainWindow(seeded_project, TaskRunner(pool=InlinePool()))  # tasks run inline: no waiting
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    return win


def doc_id(project, prefix):
    return next(d.id for d in list_documents(project) if d.source.rsplit("/", 1)[1].startswith(prefix))


def formats_at(pane, start):
    """Background colours Qt applied around a code-point offset of the open document."""
    pane.goto(start)  # on screen: what is painted there
    return {f.background().color().name(QColor.NameFormat.HexRgb)
            for f in pane.highlighter.formats_at(pane.map.to_qt(start))}


def test_library_lists_documents_and_opens_one_in_each_pane(window, seeded_project):
    assert window.library.model.rowCount() == 5
    assert window.left.doc_id is not None  # the first document opens on start
    report, news = doc_id(seeded_project, "004"), doc_id(seeded_project, "002")
    ms = window.reading.open_in("left", report)
    window.reading.open_in("right", news)
    assert window.left.view.toPlainText().startswith("2024년 국내외 인공지능 산업 동향 연구")
    assert window.right.title.text() == "독자 AI 파운데이션 모델 개발 사업 본격화"
    assert ms < 5000
    outline = [window.left.outline.itemText(i).strip() for i in range(window.left.outline.count())]
    assert "제1절 미국" in outline


def test_search_and_activate_a_hit_scrolls_the_right_pane(qtbot, window, seeded_project):
    with qtbot.waitSignal(window.search_panel.finished, timeout=30_000):
        window.run_search("과기정통부가")
    model = window.search_panel.model
    assert model.rowCount() > 0
    assert "과학기술정보통신부" in window.search_panel.status.text()  # the alias expansion is shown
    index = model.index(0)
    hit = index.data(Qt.ItemDataRole.UserRole + 1)
    window.search_panel.list.doubleClicked.emit(index)
    pane = window.right
    assert pane.doc_id == hit.doc_id
    start, end = hit.matches[0]
    assert pane.view.textCursor().selectedText() == pane.text[start:end]
    assert any(s.kind == "hit" for s in pane.highlighter.hits.spans)
    assert pane.markers.fractions  # markers beside the scrollbar


def test_entity_types_toggle_their_highlights(window, seeded_project):
    window.reading.open_in("left", doc_id(seeded_project, "002"))
    pane = window.left
    person = next(m for m in pane.mentions if m.type == "PERSON")
    colour = background("PERSON").name()
    assert colour in formats_at(pane, person.start)
    window.legend.set_enabled("PERSON", False)
    assert "PERSON" not in pane.highlighter.enabled
    assert colour not in formats_at(pane, person.start)
    assert pane.mention_at(pane.map.to_qt(person.start)) is None
    window.legend.set_enabled("PERSON", True)
    assert pane.mention_at(pane.map.to_qt(person.start)).text == person.text


def wheel(view, notches: int) -> None:
    """Turn the mouse wheel over a reader: positive notches scroll down."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    viewport = view.viewport()
    at = QPointF(viewport.width() / 2, viewport.height() / 2)
    for _ in range(abs(notches)):
        event = QWheelEvent(at, QPointF(viewport.mapToGlobal(at.toPoint())), QPoint(), QPoint(0, -120 if notches > 0 else 120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)


def top_y(pane) -> float:
    """Where the first line on screen is in the document, in lines of the pane's text."""
    return pane.view.verticalScrollBar().value() / pane.line_height()


def test_linked_scrolling_moves_both_panes_by_the_same_lines(window, seeded_project):
    article, report = doc_id(seeded_project, "000"), doc_id(seeded_project, "004")  # 3K characters, 423K
    window.reading.open_in("left", article)
    window.reading.open_in("right", report)
    window.resize(1200, 700)
    left, right = window.left, window.right
    left_bar, right_bar = left.view.verticalScrollBar(), right.view.verticalScrollBar()
    window.link_action.setChecked(False)
    QApplication.processEvents()  # the resize laid out: the panes are where they will stay
    before = right_bar.value()
    wheel(left.view, 2)
    assert left_bar.value() > 0 and right_bar.value() == before  # not linked: the report stays
    left_bar.setValue(0)
    window.link_action.setChecked(True)
    right.show_at_top(len(right.text) // 2)  # a jump in one pane: the other stays where it is
    assert left_bar.value() == 0
    start = (left_bar.value(), right_bar.value(), right.first_visible_offset())
    first_line = top_y(right)

    wheel(left.view, 5)  # five notches in the article
    moved = top_y(left) - start[0] / left.line_height()
    assert moved >= 5 and abs((top_y(right) - first_line) - moved) < 0.05  # the same number of lines
    assert 0 < right.first_visible_offset() - start[2] < 3000  # a few paragraphs of the report, not chapters
    wheel(left.view, -5)
    assert (left_bar.value(), right_bar.value(), right.first_visible_offset()) == start  # both back

    wheel(right.view, -5)  # up in the report: the article is at its top and cannot follow
    assert left_bar.value() == 0 and right_bar.value() < start[1]
    wheel(right.view, 5)
    assert (left_bar.value(), right_bar.value()) == start[:2]  # both back again
    assert abs(right.first_visible_offset() - start[2]) < 60  # (Qt itself may round the report's pixel offset by one)

    left_bar.setValue(left_bar.maximum())  # dragging the scrollbar moves the other pane as much
    assert abs((top_y(right) - first_line) - top_y(left)) < 0.05 and top_y(left) > 0


def test_find_in_document(qtbot, window, seeded_project):
    """Typed in Korean into the 423K-character report: no keystroke waits for a
    search, and the first match shown is the first on or below the screen's top."""
    from tests.ui.helpers import type_text

    window.reading.open_in("left", doc_id(seeded_project, "004"))
    pane = window.left
    needle = "인공지능"
    starts, at = [], pane.text.find(needle)
    while at >= 0:
        starts.append(at)
        at = pane.text.find(needle, at + 1)
    pane.show_at_top(starts[len(starts) // 2] + 10)  # reading in the middle of the report
    top = pane.first_visible_offset()
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible() and pane.find_box.hasFocus()
    searches = []
    pane.find_bar.searched.connect(lambda: searches.append(pane.find_box.text()))
    with qtbot.waitSignal(pane.find_bar.searched, timeout=5000):
        for ch in needle:
            type_text(pane.find_box, ch)
            # A key only restarts the pause timer: the report is not searched while the
            # analyst types (it was, 100-350 ms a key, and keys were lost).
            assert not searches, searches
    assert searches == [needle]  # one search, for the whole word
    first = next(i for i, s in enumerate(starts) if s >= top)
    assert pane.find_box.text() == needle
    assert pane.find_count.text() == f"{first + 1}/{len(starts)}"  # from the screen, not the document's top
    cursor = pane.view.textCursor()
    assert cursor.selectedText() == needle and pane.map.from_qt(cursor.selectionStart()) == starts[first]
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Return)
    assert pane.find_count.text() == f"{first + 2}/{len(starts)}"
    pane.find_prev.click()
    assert pane.find_count.text() == f"{first + 1}/{len(starts)}"
    bar = pane.view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the analyst scrolls to the end: Enter searches from there, wrapping
    after = [i for i, s in enumerate(starts) if s >= pane.first_visible_offset()]
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Return)
    assert pane.find_count.text() == f"{(after[0] if after else 0) + 1}/{len(starts)}"
    pane.find_box.clear()
    type_text(pane.find_box, "반도체")
    with qtbot.waitSignal(pane.find_bar.searched, timeout=5000):
        qtbot.keyClick(pane.find_box, Qt.Key.Key_Return)  # Enter before the pause: searched at once
    assert pane.view.textCursor().selectedText() == "반도체"
    assert pane.find_count.text().endswith(f"/{pane.text.count('반도체')}")
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible() and not pane.find_bar.matches


def test_language_switch(window):
    window.set_language("ko")
    assert window.library_dock.windowTitle() == "자료실"
    assert window.legend.buttons["PERSON"].text() == "인물"
    window.set_language("en")
    assert window.library_dock.windowTitle() == "Library"
    assert window.legend.buttons["PERSON"].text() == "Person"


def test_swap_panes(window, seeded_project):
    a, b = doc_id(seeded_project, "001"), doc_id(seeded_project, "003")
    window.reading.open_in("left", a)
    window.reading.open_in("right", b)
    window.reading.swap()
    assert (window.left.doc_id, window.right.doc_id) == (b, a)


def test_emoji_offsets_and_corrections_from_the_reader(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    path = tmp_path / "emoji.txt"
    path.write_text("😀😀 과기정통부가 발표했다. 🚀 코엑스에서 열렸다.", encoding="utf-8")
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job

    run_job(ingest(project, [path]))
    win = MainWindow(project)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    pane = win.left
    org = next(m for m in pane.mentions if m.text == "과기정통부")
    assert org.start == 3 and pane.map.to_qt(org.start) == 5  # two emoji: two extra UTF-16 units
    assert pane.mention_at(5).text == "과기정통부" and pane.mention_at(4) is None
    pane.goto(org.start, org.end)
    assert pane.view.textCursor().selectedText() == "과기정통부"
    coex = next(m for m in pane.mentions if m.text == "코엑스")
    # Other jobs (the start-up warm-up, the index update a correction starts) end on the same
    # signal: after each correction, wait until no job is left, then look.
    def settled() -> bool:
        return not win.runner.active

    qtbot.waitUntil(settled, timeout=30_000)
    with qtbot.waitSignal(win.runner.ended, timeout=30_000):
        pane.view.mention_action.emit("type:ORG", coex)
    qtbot.waitUntil(settled, timeout=30_000)
    assert next(m for m in win.left.mentions if m.text == "코엑스").type == "ORG"
    with qtbot.waitSignal(win.runner.ended, timeout=30_000):
        pane.view.mention_action.emit("reject_name", next(m for m in win.left.mentions if m.text == "코엑스"))
    qtbot.waitUntil(settled, timeout=30_000)
    assert not any(m.text == "코엑스" for m in win.left.mentions)


def test_first_launch_seeds_default_project_in_background(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    project = projects.open_project()
    window = MainWindow(project)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        window.start()
    assert window.library.model.rowCount() == 5
    assert window.left.view.toPlainText()  # first document opened
    qtbot.waitUntil(lambda: not window.status.progress.isVisible() and not window.status.cancel_button.isVisible(), timeout=5000)


def test_task_runner_reports_progress_result_errors_and_cancel(qtbot):
    runner = TaskRunner()

    def job(token):
        for i in range(3):
            yield Progress(i + 1, 3, f"item {i}")
        return "done"

    task = runner.prepare("count", job)
    seen = []
    task.progress.connect(seen.append)
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        runner.submit(task)
    assert blocker.args == ["done"]
    assert [p.done for p in seen] == [1, 2, 3]

    def broken(token):
        yield Progress(0, 1)
        raise ValueError("bad input")

    task = runner.prepare("broken", broken)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        runner.submit(task)
    assert str(blocker.args[0]) == "bad input"

    def endless(token):
        n = 0
        while True:
            n += 1
            yield Progress(n, 0)

    task = runner.prepare("endless", endless)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        runner.submit(task)
        task.cancel()
    assert runner.wait(5000)


def test_add_documents_shows_an_ingest_report(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    win = MainWindow(project)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("과기정통부가 발표했다.", encoding="utf-8")
    (folder / "empty.txt").write_text("")
    with qtbot.waitSignal(win.ready, timeout=60_000):
        win.project_ctl.ingest_paths([str(folder)])
    dialog = win.project_ctl.last_ingest_dialog
    rows = {dialog.model.item(r, 1).text().rsplit("/", 1)[-1]: (dialog.model.item(r, 0).text(),
                                                              dialog.model.item(r, 2).text())
            for r in range(dialog.model.rowCount())}
    assert rows["good.txt"][0] == "added"
    assert rows["empty.txt"][0] == "failed" and "empty" in rows["empty.txt"][1]
    assert win.library.model.rowCount() == 1
