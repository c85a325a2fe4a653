"""The task runner: supersession by key, cancel that reaches the job and
returns its partial result, errors logged with their traceback, and the
inline pool tests use."""

from __future__ import annotations

import threading

import pytest

from workbench.core.progress import Cancelled, Progress
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


def test_a_newer_task_with_the_same_key_supersedes_the_older(qtbot):
    runner = TaskRunner()
    gate = threading.Event()

    def slow(token):
        yield Progress(0, 1)
        gate.wait(10)
        return "old"

    def fast(token):
        yield Progress(0, 1)
        return "new"

    results = []
    old = runner.prepare("search", slow, key="search")
    old.finished.connect(results.append)
    runner.submit(old)
    new = runner.prepare("search", fast, key="search")
    new.finished.connect(results.append)
    with qtbot.waitSignal(new.finished, timeout=5000):
        runner.submit(new)
    gate.set()
    qtbot.waitUntil(lambda: not runner.active, timeout=5000)
    qtbot.wait(20)
    assert results == ["new"] and old.superseded and old.token.cancelled


def test_cancel_reaches_the_job_and_its_partial_result_comes_back():
    runner = TaskRunner(pool=InlinePool())

    def job(token):
        done = []
        try:
            for i in range(10):
                done.append(i)
                yield Progress(i + 1, 10)
        except Cancelled:
            return {"done": done, "cancelled": True}
        return {"done": done, "cancelled": False}

    task = runner.prepare("job", job)
    task.progress.connect(lambda p: task.cancel() if p.done == 3 else None)
    results = []
    task.finished.connect(results.append)
    runner.submit(task)
    assert results == [{"done": [0, 1, 2], "cancelled": True}] and task.outcome == "finished"


def test_failures_are_logged_with_their_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    from workbench.services.logs import configure_logging, log_file

    configure_logging()
    runner = TaskRunner(pool=InlinePool())

    def broken(token):
        yield Progress(0, 1)
        raise ValueError("a reader broke")

    task = runner.prepare("broken", broken)
    errors = []
    task.failed.connect(errors.append)
    runner.submit(task)
    assert str(errors[0]) == "a reader broke" and "Traceback" in errors[0].__traceback_text__
    logged = log_file().read_text(encoding="utf-8")
    assert "task 'broken' failed" in logged and "ValueError: a reader broke" in logged


def test_the_error_dialog_offers_the_details(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    from workbench.services import projects
    from workbench.ui.main_window import MainWindow

    win = MainWindow(projects.open_project(tmp_path / "p"), TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)

    def broken(token):
        yield Progress(0, 1)
        raise KeyError("boom")

    win.runner.start("broken", broken)
    box = win.status.last_error_box
    assert "KeyError" in box.text() and "KeyError: 'boom'" in box.detailedText()
    assert "workbench.log" in box.informativeText()
