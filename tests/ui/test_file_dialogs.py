"""Qt's own file dialogs in Korean mode: File → Add documents (open files), Add folder
(choose a folder) and Save as PDF (save a file) show no English — qtbase_ko.qm
only has Qt 5's "Look in:", "Files of type:" and QFileDialog's "Folder", while
Qt 6 asks for "&Look in:", "Files of &type:" and QAbstractFileIconProvider's
"Folder" — and the add-documents filter lists the page images that are OCR'd."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QComboBox, QFileDialog, QLabel, QLineEdit, QTreeView,
)

from workbench.corpus.readers import SUPPORTED_EXTENSIONS
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.i18n import apply_language
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


def answer_file_dialog(qtbot, handle):
    """Run ``handle(dialog)`` on the file dialog the next action opens (modal: the
    action only returns once it is closed), then close it if ``handle`` did not.
    Returns a list that holds handle's result, or raises what handle raised."""
    outcome: list = []

    def poll() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QFileDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        try:
            outcome.append(handle(dialog))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test, not in Qt's event loop
            outcome.append(exc)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, poll)
    return outcome


def result(outcome: list):
    assert outcome, "no file dialog opened"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def listed(qtbot, dialog: QFileDialog, name: str) -> dict[str, str]:
    """The dialog's row for ``name`` once its folder is read: column header → text."""
    view = dialog.findChild(QTreeView, "treeView")
    model, root = view.model(), view.rootIndex()

    def row():
        for r in range(model.rowCount(view.rootIndex())):
            if model.index(r, 0, view.rootIndex()).data() == name:
                return r
        return None

    qtbot.waitUntil(lambda: row() is not None, timeout=5000)
    root = view.rootIndex()
    return {str(model.headerData(c, view.header().orientation())): model.index(row(), c, root).data()
            for c in range(model.columnCount(root))}


ALLOWED = {"pdf", "png"}  # file names and format names stay as they are


def english(dialog: QFileDialog) -> list[str]:
    """Words of English in what the analyst reads on the dialog (not file names or filters)."""
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    for button in dialog.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip()]
    view = dialog.findChild(QTreeView, "treeView")
    texts += [str(view.model().headerData(c, view.header().orientation())) for c in range(view.model().columnCount())]
    return [t for t in texts if any(w.casefold() not in ALLOWED for w in re.findall(r"[A-Za-z]{3,}", t or ""))]


@pytest.fixture
def korean(qtbot, project, tmp_path):
    apply_language("ko")
    folder = tmp_path / "받은 자료"
    (folder / "하위 폴더").mkdir(parents=True)
    (folder / "보도자료.txt").write_text("과기정통부가 발표했다.", encoding="utf-8")
    (folder / "스캔.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "열린 문서.txt").write_text("과기정통부가 발표했다.", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "열린 문서.txt"], index=False, entities=False))
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    yield win, folder
    apply_language("en")


def test_add_documents_dialog_is_korean_and_offers_the_images_that_are_ocrd(qtbot, korean):
    win, folder = korean

    def look(dialog):
        dialog.setDirectory(str(folder))
        row = listed(qtbot, dialog, "하위 폴더")
        shown = listed(qtbot, dialog, "스캔.png")
        labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel)}
        combo = dialog.findChild(QComboBox, "fileTypeCombo")
        return row, shown, labels, combo.itemText(0), english(dialog)

    outcome = answer_file_dialog(qtbot, look)
    win.add_files_action.trigger()
    row, shown, labels, documents_filter, left_in_english = result(outcome)
    assert labels["lookInLabel"] == "다음에서 찾기(&L):" and labels["fileTypeLabel"] == "파일 형식(&T):"
    assert "폴더" in row.values(), row  # the Type column (유형) of a folder
    assert shown  # a scanned page is offered under 문서 (documents), not only under *
    assert documents_filter.startswith("문서 (")
    patterns = set(documents_filter[documents_filter.index("(") + 1:-1].split())
    assert patterns == {f"*{ext}" for ext in SUPPORTED_EXTENSIONS}, patterns
    assert not left_in_english, left_in_english


def test_add_folder_and_save_as_pdf_dialogs_are_korean(qtbot, korean):
    win, folder = korean

    def look(dialog):
        dialog.setDirectory(str(folder))
        listed(qtbot, dialog, "하위 폴더")
        return {w.objectName(): w.text() for w in dialog.findChildren(QLabel)}, english(dialog)

    outcome = answer_file_dialog(qtbot, look)
    win.add_folder_action.trigger()
    labels, left_in_english = result(outcome)
    assert labels["lookInLabel"] == "다음에서 찾기(&L):" and not left_in_english, (labels, left_in_english)

    assert win.left.doc_id is not None  # a document to save
    outcome = answer_file_dialog(qtbot, look)
    win.pdf_action.trigger()
    labels, left_in_english = result(outcome)
    assert labels["fileTypeLabel"] == "파일 형식(&T):" and not left_in_english, (labels, left_in_english)


def test_choosing_files_in_the_dialog_adds_them(qtbot, korean):
    """The analyst goes to the folder, types two names in 파일 이름 and presses 열기
    (ASCII names: QTest types no Hangul)."""
    from PySide6.QtWidgets import QDialogButtonBox

    win, folder = korean
    (folder / "first.txt").write_text("첫째 문서입니다.", encoding="utf-8")
    (folder / "second.txt").write_text("둘째 문서입니다.", encoding="utf-8")

    def choose(dialog):
        dialog.setDirectory(str(folder))
        listed(qtbot, dialog, "second.txt")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "fileNameEdit"), '"first.txt" "second.txt"')
        dialog.findChild(QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Open).click()

    outcome = answer_file_dialog(qtbot, choose)
    with qtbot.waitSignal(win.project_ctl.ready, timeout=60_000):
        win.add_files_action.trigger()
    result(outcome)
    report = win.project_ctl.last_ingest_dialog
    assert report is not None and report.model.rowCount() == 2
