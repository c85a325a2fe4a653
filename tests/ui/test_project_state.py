"""The window keeps one true picture of the project: readers follow re-ingest,
a tag during a running job waits its turn, an older search never replaces a
newer one, a cancelled ingest shows what it committed, a failed write leaves
nothing on the undo stack, and find marks the characters it found."""

from __future__ import annotations

import threading

import pytest

from workbench.services import annotations as svc
from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from tests.helpers.slow_reader import hold_reading
from tests.ui.helpers import pick_section, select
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
OLD = "제1장 서론\n\n정부는 인공지능 기본법 시행령 초안을 공개했다. 업계는 환영했다.\n\n제2장 전망\n\n세부 지침은 연말에 나온다."
NEW = ("제1장 서론과 배경, 그리고 논의의 범위\n\n정부는 오늘 인공지능 기본법 시행령 초안을 공개했다. 업계는 환영했다.\n\n"
       "제2장 전망\n\n세부 지침은 연말에 나온다.")


def make_window(qtbot, tmp_path, inline: bool = True, files: dict[str, str] | None = None) -> MainWindow:
    project = projects.open_project(tmp_path / "p")
    files = {"memo.txt": OLD} if files is None else files
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    if files:
        run_job(ingest(project, [tmp_path / n for n in files], entities=False))
    win = MainWindow(project, TaskRunner(pool=InlinePool()) if inline else None)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=30_000):
        win.start()
    return win




def test_reingest_of_an_open_document_reloads_it_then_tags_what_is_selected(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path)
    pane = win.left
    assert pane.text == OLD
    pane.goto(OLD.index("세부 지침"))
    (tmp_path / "memo.txt").write_text(NEW, encoding="utf-8")
    win.project_ctl.ingest_paths([str(tmp_path / "memo.txt")])  # the window's own ingest (inline here)
    assert pane.text == NEW  # reloaded, not the old text
    assert pane.first_visible_offset() <= NEW.index("세부 지침") <= pane.first_visible_offset() + 400  # same place
    start = select(pane, "시행령")
    assert win.tagging.tag_selection(pane, tags=["규제"])
    [row] = svc.list_annotations(win.project)
    assert (row.quote, row.start) == ("시행령", start) and NEW[row.start:row.end] == "시행령"


def test_a_pane_that_missed_a_change_cannot_tag_unseen_text(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path)
    pane = win.left
    (tmp_path / "memo.txt").write_text(NEW, encoding="utf-8")
    run_job(ingest(win.project, [tmp_path / "memo.txt"], entities=False))  # changed behind the window's back
    select(pane, "시행령")
    assert not win.tagging.tag_selection(pane, tags=["규제"])
    assert svc.list_annotations(win.project) == []  # nothing stored against text the analyst did not see
    assert "select the passage again" in win.status.last_error_box.text()
    assert win.tagging.undo_stack.count() == 0
    win.tagging.undo_stack.undo()  # and nothing left to explode on Ctrl+Z


def test_a_tag_during_a_running_ingest_waits_its_turn(qtbot, tmp_path, monkeypatch):
    win = make_window(qtbot, tmp_path, inline=False)
    folder = tmp_path / "more"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"추가 문서 {n}: 과기정통부가 발표했다.", encoding="utf-8")
    reading, go_on = hold_reading(monkeypatch, "1.txt")
    task = win.project_ctl.ingest_paths([str(folder)])
    assert reading.wait(20)  # the ingest is running (between two files)
    select(win.left, "시행령")
    assert win.tagging.tag_selection(win.left, tags=["규제"])  # not "another process (our own pid)"
    assert [r.quote for r in svc.list_annotations(win.project)] == ["시행령"]
    with qtbot.waitSignal(task.finished, timeout=60_000):
        go_on.set()
    assert win.library.model.rowCount() == 4


def test_a_failed_tag_is_reported_and_not_left_on_the_undo_stack(qtbot, tmp_path, monkeypatch):
    from workbench.core.errors import ProjectLockedError

    win = make_window(qtbot, tmp_path)

    def locked(*args, **kwargs):
        raise ProjectLockedError("The project is being changed by another Workbench process (pid 1)",
                                 "다른 Workbench 프로세스가 프로젝트를 수정하고 있습니다(pid 1)")

    monkeypatch.setattr(svc, "tag_passage", locked)
    select(win.left, "시행령")
    assert not win.tagging.tag_selection(win.left, tags=["규제"])
    assert "another Workbench process" in win.status.last_error_box.text()
    assert win.tagging.undo_stack.count() == 0
    win.tagging.undo_stack.undo()  # used to raise AttributeError


def test_an_older_slower_search_never_replaces_a_newer_one(qtbot, tmp_path, monkeypatch):
    import workbench.ui.search_panel as panel_module

    win = make_window(qtbot, tmp_path, inline=False)
    release = threading.Event()
    real = panel_module.search

    def search(project, text, **kwargs):
        if text == "초안":
            release.wait(20)  # the first search is the slow one
        return real(project, text, **kwargs)

    monkeypatch.setattr(panel_module, "search", search)
    panel = win.search_panel
    panel.run_query("초안")
    with qtbot.waitSignal(panel.finished, timeout=30_000) as newer:
        panel.run_query("전망")
    release.set()
    qtbot.waitUntil(lambda: not win.runner.active, timeout=30_000)
    qtbot.wait(50)  # anything the old search still sends is delivered (and dropped)
    assert newer.args[0].query == "전망"
    assert panel.result.query == "전망" and win.reading.last_result.query == "전망"
    assert all("전망" in panel.model.rows[i].snippet for i in range(panel.model.rowCount()))


def test_cancelled_ingest_shows_what_was_committed(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path, files={})
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(8):
        (folder / f"{n:02}.txt").write_text(f"문서 {n}: 과기정통부가 발표했다.", encoding="utf-8")

    def watch(task):
        task.progress.connect(lambda p: task.cancel() if p.stage == "read" and p.done == 4 else None)

    win.runner.started.connect(watch)
    win.project_ctl.ingest_paths([str(folder)])
    assert win.library.model.rowCount() == 4  # what was committed is listed
    dialog = win.project_ctl.last_ingest_dialog
    assert "cancelled" in dialog.summary.text() and dialog.model.rowCount() == 4
    assert win.status.label.text().startswith("Cancelled") and "Reading" not in win.status.label.text()
    assert not win.status.progress.isVisible()


def test_find_marks_the_characters_it_found_when_casefolding_changes_length(qtbot, tmp_path):
    text = "Die Straße führt zum Ministerium. 😀 Das MINISTERIUM antwortet."
    win = make_window(qtbot, tmp_path, files={"de.txt": text})
    pane = win.left
    pane.show_find()
    with qtbot.waitSignal(pane.find_bar.searched, timeout=5000):  # after a pause in typing
        pane.find_box.setText("ministerium")
    assert pane.view.textCursor().selectedText() == "Ministerium"
    pane.find_next(1)
    assert pane.view.textCursor().selectedText() == "MINISTERIUM"  # after the emoji: UTF-16 handled too
    with qtbot.waitSignal(pane.find_bar.searched, timeout=5000):
        pane.find_box.setText("STRASSE")
    assert pane.view.textCursor().selectedText() == "Straße"


def test_panels_update_rows_in_place_and_keep_the_selection(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path)
    pane, panel = win.left, win.annotations
    select(pane, "시행령")
    win.tagging.tag_selection(pane, tags=["규제"])
    panel.table.selectRow(0)
    chosen = panel.selected()["id"]
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    select(pane, "업계는 환영했다")
    win.tagging.tag_selection(pane, tags=["반응"])
    assert panel.model.rowCount() == 2 and not resets
    assert panel.selected()["id"] == chosen  # the analyst's row is still the selected one
    win.tagging.undo_stack.undo()
    assert panel.model.rowCount() == 1 and panel.selected()["id"] == chosen


def test_a_write_that_must_wait_says_so(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path)
    held, release = threading.Event(), threading.Event()

    def job() -> None:  # a background job inside a write transaction
        with win.project.writing():
            held.set()
            release.wait(5)

    thread = threading.Thread(target=job)
    thread.start()
    held.wait(5)
    shown = []
    win.events.waiting.connect(lambda on: shown.append((on, win.status.label.text())))
    threading.Timer(0.3, release.set).start()
    select(win.left, "시행령")
    assert win.tagging.tag_selection(win.left, tags=["규제"])
    thread.join(5)
    assert shown[0] == (True, "Waiting for the running job to save its changes…") and shown[-1][0] is False
    assert [r.quote for r in svc.list_annotations(win.project)] == ["시행령"]


def sections(count: int = 40) -> str:
    """A markdown report long enough to scroll, with a heading per section."""
    body = "정부는 인공지능 기본법 시행령 초안을 공개했다. 업계는 환영했고 시민사회는 우려를 표했다. " * 6
    return "# 인공지능 정책 보고서\n\n머리말입니다.\n\n" + "".join(
        f"## 제{n}장 과제 {n}\n\n" + "\n\n".join([body] * 4) + "\n\n" for n in range(1, count + 1))


def test_the_session_is_saved_as_it_changes_and_a_new_window_restores_it(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    win = make_window(qtbot, tmp_path, files={"memo.txt": OLD, "report.md": sections()})
    win.resize(1100, 700)
    win.show()
    report = next(d.id for d in __import__("workbench.services.documents", fromlist=["x"]).list_documents(
        win.project) if d.source.endswith("report.md"))
    session = win.session
    saves = []
    session.saved.connect(lambda: saves.append(True))
    with qtbot.waitSignal(session.saved, timeout=10_000):
        win.reading.open_in("right", report)  # a document opened: saved
    pane = win.right
    bar = pane.view.verticalScrollBar()
    saves.clear()
    with qtbot.waitSignal(session.saved, timeout=10_000):
        for _ in range(40):  # the analyst scrolls: one save when the scrolling stops, not forty
            bar.setValue(bar.value() + 7)
    assert len(saves) == 1 and not session.timer.isActive()
    with qtbot.waitSignal(session.saved, timeout=10_000):
        win.search_panel.run_query("시행령")  # a query run: saved
    with qtbot.waitSignal(session.saved, timeout=10_000):
        pick_section(qtbot, pane, "제7장 과제 7")  # a jump: saved
    place, section = pane.first_visible_offset(), pane.outline.currentText()
    assert section.strip() == "제7장 과제 7" and place > 1000
    key = session._key()
    assert key.split("/")[1] in open(QSettings().fileName(), encoding="utf-8").read()  # on disk, now

    again = MainWindow(win.project, TaskRunner(pool=InlinePool()))  # the first window never closed
    qtbot.addWidget(again)
    again.resize(1100, 700)
    again.show()
    with qtbot.waitSignal(again.ready, timeout=30_000):
        again.start()
    assert again.right.doc_id == report
    assert abs(again.right.first_visible_offset() - place) < 200
    assert again.right.outline.currentText() == section  # the restored place's section, not the first one
    assert again.search_panel.query.currentText() == "시행령" and again.search_panel.model.rowCount() > 0
