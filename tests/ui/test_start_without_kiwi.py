"""The window is usable at once: starting it never asks for Kiwi on the GUI
thread (loading Kiwi takes ~5 s; the warm-up task loads it behind the
window). Calls are counted, not timed."""

from __future__ import annotations

import pytest

from tests.helpers.kiwi_calls import watch_main_thread_kiwi
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def test_starting_the_window_leaves_kiwi_to_the_background(qtbot, seeded_project, monkeypatch):
    calls = watch_main_thread_kiwi(monkeypatch)
    win = MainWindow(seeded_project, TaskRunner())  # real pool threads, as in the app
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    started = []
    win.runner.started.connect(lambda task: started.append(task.name))
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    assert calls == [], "the GUI thread asked for Kiwi while starting:\n" + "\n".join(calls)
    assert "warm-up" in started  # Kiwi does load — behind the window
    qtbot.waitUntil(lambda: not win.runner.active, timeout=60_000)
    assert calls == [], "the GUI thread asked for Kiwi after starting:\n" + "\n".join(calls)
