"""File → Import REFI-QDA project… in the real window: the import runs as a
task, the documents appear in the library, the codebook and passages
panels follow, and the report lists every item in the UI's language."""

from __future__ import annotations

import pytest

from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services import projects
from workbench.services.export import export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def exported(tmp_path):
    source = projects.open_project(tmp_path / "source")
    (tmp_path / "a.txt").write_text("반응 😀 뒤: 예산이 늘었다.\n\n규제 이야기.", encoding="utf-8")
    run_job(ingest(source, [tmp_path / "a.txt"], index=False, entities=False))
    svc.tag_passage(source, "a.txt", ["정책 / 예산"], quote="예산이 늘었다", note="메모")
    export_briefing(source, tmp_path / "out.qdpx")
    return tmp_path / "out.qdpx"


def test_import_from_the_window_fills_library_codebook_and_passages(qtbot, tmp_path, exported):
    win = MainWindow(projects.open_project(tmp_path / "target"), TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    assert win.import_action.text() and win.import_action in win.file_menu.actions()
    win.importer.import_file(str(exported))
    dialog = win.importer.last_dialog
    statuses = [dialog.model.item(r, 0).data() for r in range(dialog.model.rowCount())]
    assert sorted(statuses) == ["added", "created", "created", "imported"]
    assert win.library.model.rowCount() == 1
    assert [t.path for t in books.codebook(win.project)] == ["정책", "정책 / 예산"]
    assert len(svc.list_annotations(win.project)) == 1


def test_a_broken_file_is_reported_in_the_window(qtbot, tmp_path):
    win = MainWindow(projects.open_project(tmp_path / "target"), TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"no zip")
    win.importer.import_file(str(broken))
    assert win.importer.last_dialog is None
    assert "broken.qdpx" in win.status.label.text()


def test_closing_the_window_closes_its_error_box(qtbot, tmp_path):
    """An error box left open outlived its window (it stayed on screen, in the old language)."""
    win = MainWindow(projects.open_project(tmp_path / "target"), TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"no zip")
    win.importer.import_file(str(broken))
    box = win.status.last_error_box
    assert box is not None and box.isVisible()
    win.close()
    assert not box.isVisible()
