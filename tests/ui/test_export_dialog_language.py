"""File → Export in a Korean window writes a Korean workbook: the window's
language is the file's (sheets, headers, entity types, printed header), and
the preview shows the entity types the file will hold."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from tests.helpers.passages import many_passages
from workbench.entities.types import LABELS_KO
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def korean_window(qtbot, tmp_path):
    project = many_passages(tmp_path, 5)
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    win.set_language("ko")
    yield win
    win.set_language("en")


def test_save_in_a_korean_window_writes_korean(qtbot, korean_window, tmp_path, monkeypatch):
    win = korean_window
    win.export_action.trigger()  # File → Export (Ctrl+E)
    dialog = win.export_dialog
    qtbot.addWidget(dialog)
    model = dialog.preview_model
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    entities = columns.index("개체")
    shown = [model.item(r, entities).text() for r in range(model.rowCount())]
    assert any(text.startswith(tuple(LABELS_KO.values())) for text in shown), shown
    out = tmp_path / "브리핑.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Excel (*.xlsx)"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    wb = load_workbook(out)
    assert wb.sheetnames == ["구절", "산업", "정책", "요약", "개체", "출처"]
    assert [c.value for c in wb["구절"][1]][:3] == ["번호", "문서", "원본 파일"]
    assert wb["개체"].cell(row=2, column=1).value in LABELS_KO.values()
    assert wb["출처"].cell(row=2, column=8).value == "보고서"
    assert wb["구절"].oddHeader.left.text == "워크벤치 브리핑"
