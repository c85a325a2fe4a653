"""A window opened after an ingest was killed before it extracted a changed
document's entities: its index job extracts them, and the reader showing the
document draws the new highlights (at the new text's offsets)."""

from __future__ import annotations

import pytest

from tests.helpers.killed_ingest import left_unextracted
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


def test_the_window_s_index_job_draws_the_entities_a_killed_ingest_left(qtbot, project, seeds_dir, tmp_path):
    doc_id, text = left_unextracted(project, seeds_dir / "001_430102f8735eb5df.txt", tmp_path)
    runner = TaskRunner(pool=InlinePool())
    index_tasks = []
    runner.ended.connect(lambda task: index_tasks.append(task.superseded) if task.name == "index" else None)
    win = MainWindow(project, runner)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=60_000):
        win.start()
    # One index job, run to its end: announcing each extracted document as it
    # went made the window start another, which waited two minutes on the first.
    assert index_tasks == [False]
    win.reading.open_in("left", doc_id)
    qtbot.waitUntil(lambda: any(m.start == 0 for m in win.left.mentions), timeout=30_000)
    first = min(win.left.mentions, key=lambda m: m.start)
    assert (first.start, first.text, first.type) == (0, "과학기술정보통신부", "ORG")
    assert all(text[m.start:m.end] == m.text for m in win.left.mentions)
