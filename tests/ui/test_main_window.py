"""The window, driven offscreen with qtbot: it lists documents and shows them."""

from __future__ import annotations

import pytest

from workbench.core.progress import Progress
from workbench.services import projects
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def test_lists_documents_and_reads_the_selected_one(qtbot, seeded_project):
    window = MainWindow(seeded_project)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.start()
    assert window.model.rowCount() == 5
    assert "5" in window.status_label.text()
    row = next(r for r in range(5) if window.model.document(r).title.startswith("2024년 국내외"))
    window.table.selectRow(row)
    text = window.reader.toPlainText()
    assert text.startswith("2024년 국내외 인공지능 산업 동향 연구")
    assert "제1절 미국" in text and "<ul" not in text


def test_first_launch_seeds_default_project_in_background(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    project = projects.open_project()
    window = MainWindow(project)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=30_000):
        window.start()
    assert window.model.rowCount() == 5
    assert window.reader.toPlainText()  # first document opened
    qtbot.waitUntil(lambda: not window.progress.isVisible() and not window.cancel_button.isVisible(), timeout=5000)


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
