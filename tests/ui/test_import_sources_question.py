"""File → Import of a .qdpx that names texts outside its archive: before the
job starts the window asks, naming the folder (the .qdpx's own), whether to
read them from it, from another folder the analyst chooses, or to skip
them; nothing outside the archive is read without that answer. A long read
shows how far it is, in MB."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from workbench.core.progress import Progress
from workbench.services import projects
from workbench.services.documents import list_documents
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
NS = "urn:QDA-XML:project:1.0"
BESIDE = "파일 옆에 둔 인터뷰 원문입니다."
ELSEWHERE = "다른 폴더의 인터뷰 원문입니다."


@pytest.fixture
def exchange(tmp_path):
    """A .qdpx with one text inside and one named beside it (relative://)."""
    folder = tmp_path / "exchange"
    folder.mkdir()
    (folder / "beside.txt").write_text(BESIDE, encoding="utf-8")
    qde = (f'<Project xmlns="{NS}" name="colleague" origin="somebody"><Sources>'
           '<TextSource guid="50000000-0000-4000-8000-000000000001" name="inside" plainTextPath="internal://a.txt"/>'
           '<TextSource guid="50000000-0000-4000-8000-000000000002" name="beside" '
           'plainTextPath="relative://beside.txt"/></Sources></Project>')
    path = folder / "colleague.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("sources/a.txt", "압축 파일 안의 원문입니다.".encode("utf-8"))
    return path


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(projects.open_project(tmp_path / "target"), TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    return win


def _answer(button_text: str, seen: list) -> None:
    """Press ``button_text`` in the question once it is open (keeping its texts)."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.append((box.text(), box.informativeText(), [b.text() for b in box.buttons()]))
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()
    QTimer.singleShot(10, press)


def _texts(project) -> list[str]:
    from workbench.store.documents import DocumentRepository

    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        return sorted(repo.text(info.id) for info in repo.list())
    finally:
        conn.close()


def test_the_window_asks_and_reads_from_the_folder_of_the_file(window, exchange):
    seen = []
    _answer("Read from this folder", seen)
    window.importer.import_file(str(exchange))
    [(text, details, buttons)] = seen
    assert f"1 source texts outside its archive: {exchange.parent}" in text and "this folder" in text
    assert "relative://beside.txt" in details
    assert set(buttons) == {"Read from this folder", "Choose another folder…", "Skip them", "Cancel"}
    assert BESIDE in _texts(window.project) and len(list_documents(window.project)) == 2
    statuses = {window.importer.last_dialog.model.item(r, 0).data()
                for r in range(window.importer.last_dialog.model.rowCount())}
    assert statuses == {"added"}


def test_skipping_reads_nothing_outside_and_the_report_says_why(window, exchange):
    seen = []
    _answer("Skip them", seen)
    window.importer.import_file(str(exchange))
    assert seen and BESIDE not in _texts(window.project) and len(list_documents(window.project)) == 1
    model = window.importer.last_dialog.model
    messages = [model.item(r, 3).text() for r in range(model.rowCount()) if model.item(r, 0).data() == "skipped"]
    assert len(messages) == 1 and "relative://beside.txt: not read" in messages[0]


def test_another_folder_can_be_chosen(window, exchange, tmp_path, monkeypatch):
    other = tmp_path / "texts"
    other.mkdir()
    (other / "beside.txt").write_text(ELSEWHERE, encoding="utf-8")
    asked = []

    def choose(parent, caption, folder, *args, **kwargs):
        asked.append((caption, folder))
        return str(other)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    _answer("Choose another folder…", [])
    window.importer.import_file(str(exchange))
    assert asked == [("Folder that holds the texts", str(exchange.parent))]
    texts = _texts(window.project)
    assert ELSEWHERE in texts and BESIDE not in texts


def test_cancel_imports_nothing(window, exchange):
    seen = []
    _answer_cancel(seen)
    assert window.importer.import_file(str(exchange)) is None
    assert seen and list_documents(window.project) == [] and window.importer.last_dialog is None


def _answer_cancel(seen: list) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()
    QTimer.singleShot(10, press)


def test_a_file_with_everything_inside_asks_nothing(window, tmp_path, monkeypatch):
    path = tmp_path / "inside.qdpx"
    qde = (f'<Project xmlns="{NS}" name="c"><Sources><TextSource guid="50000000-0000-4000-8000-000000000001" '
           'name="inside" plainTextPath="internal://a.txt"/></Sources></Project>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("sources/a.txt", "안의 원문.".encode("utf-8"))
    monkeypatch.setattr(type(window.importer), "ask_sources_folder",
                        lambda *a: pytest.fail("asked about a file with no text outside it"))
    window.importer.import_file(str(path))
    assert len(list_documents(window.project)) == 1


def test_the_question_is_asked_in_korean(window, exchange, korean):
    seen = []
    _answer("이 폴더에서 읽기", seen)
    window.importer.import_file(str(exchange))
    [(text, details, buttons)] = seen
    assert text.startswith(f"이 파일은 압축 파일 밖의 원문 1개를 가리킵니다: {exchange.parent}")
    assert text.endswith("이 폴더에서 읽을까요?")
    assert "고른 폴더 안의 일반 파일만 읽습니다" in details
    assert set(buttons) == {"이 폴더에서 읽기", "다른 폴더 고르기…", "건너뛰기", "취소"}


def test_a_long_read_shows_how_far_it_is(window):
    messages = []
    window.importer.message.connect(messages.append)
    window.importer._progress(Progress(30 * 2**20, 200 * 2**20, "sources/big.txt", 30 * 2**20, 200 * 2**20, "read"))
    assert messages == ["Reading sources/big.txt: 30 of 200 MB"]
