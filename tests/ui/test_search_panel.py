"""The search panel as the analyst uses it: the Excel button writes the hits,
and the query box runs exactly what was typed — its history is a list to
pick from, never text completed into the box."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt

from tests.ui.helpers import type_text
from workbench.services.search import search
from workbench.ui.search_panel import HISTORY_KEY, SearchPanel
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot, seeded_project):
    QSettings().setValue(HISTORY_KEY, [])  # history from other tests would complete differently
    panel = SearchPanel(TaskRunner(pool=InlinePool()))
    qtbot.addWidget(panel)
    panel.set_project(seeded_project)
    panel.resize(420, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    return panel


def run_typed(qtbot, panel, text: str):
    box = panel.query.lineEdit()
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    type_text(box, text)
    with qtbot.waitSignal(panel.finished, timeout=30_000) as done:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    return done.args[0]


def test_the_excel_button_writes_the_hits(qtbot, panel, seeded_project, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "hits.xlsx"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: asked.append(args) or (str(out), "Excel (*.xlsx)")))
    run_typed(qtbot, panel, "반도체")
    qtbot.mouseClick(panel.export_hits, Qt.MouseButton.LeftButton)  # the real button: clicked(bool)
    assert asked and out.exists()
    sheet = load_workbook(out)["Hits"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = search(seeded_project, "반도체", limit=300).total
    assert len(rows) == expected > 0
    assert all(row[0] == "반도체" and "반도체" in row[6] for row in rows)
    assert panel.status.text().startswith(f"{expected} hits written to")


def test_search_and_export_buttons_ignore_the_checked_argument(qtbot, panel, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append(a) or ("", "")))
    panel.query.setCurrentText("반도체")
    with qtbot.waitSignal(panel.finished, timeout=30_000) as done:
        qtbot.mouseClick(panel.go, Qt.MouseButton.LeftButton)
    assert done.args[0].query == "반도체"
    status = panel.status.text()
    panel.export_hits.click()  # the analyst cancels the file dialog: nothing written, no error shown
    assert len(asked) == 1 and not list(tmp_path.iterdir())
    assert panel.status.text() == status


def test_enter_runs_what_was_typed_not_a_completed_history_entry(qtbot, panel, seeded_project):
    first = run_typed(qtbot, panel, "반도체 AND 미국 -중국")
    assert first.query == "반도체 AND 미국 -중국"
    second = run_typed(qtbot, panel, "반도체")
    assert panel.query.currentText() == "반도체"
    assert second.query == "반도체"
    assert panel.model.rowCount() == search(seeded_project, "반도체", limit=300).total > first.total
    assert [panel.query.itemText(i) for i in range(panel.query.count())] == ["반도체", "반도체 AND 미국 -중국"]


def test_history_is_a_list_to_pick_from(qtbot, panel):
    run_typed(qtbot, panel, "반도체 AND 미국 -중국")
    run_typed(qtbot, panel, "과기정통부")
    box = panel.query.lineEdit()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    type_text(box, "미국")  # a word inside an old query
    assert box.text() == "미국"  # nothing completed into the box
    popup = panel.query.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["반도체 AND 미국 -중국"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the analyst picks the entry
    with qtbot.waitSignal(panel.finished, timeout=30_000) as done:
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert done.args[0].query == "반도체 AND 미국 -중국"


def test_no_slot_in_the_reader_or_search_files_receives_checked():
    """The audit, kept: every clicked/triggered connection in these files ignores
    the checked argument (the check itself is tests/ui/test_checked_argument.py's)."""
    import ast
    from pathlib import Path

    from tests.ui.test_checked_argument import ROOT, connections

    files = ["workbench/ui/search_panel.py", "workbench/ui/reader.py", "workbench/ui/find_bar.py",
             "workbench/ui/controllers/reading.py", "workbench/ui/controllers/session.py",
             "workbench/ui/results_model.py", "workbench/ui/highlighter.py"]
    wrong, seen = [], 0
    for name in files:
        for signal, slot, line in connections(ast.parse(Path(ROOT / name).read_text(encoding="utf-8"))):
            seen += 1
            if ast.unparse(slot) == "self.annotation_clicked":
                continue  # the margin's own clicked(int), passed on as a signal
            required = len(slot.args.args) - len(slot.args.defaults) if isinstance(slot, ast.Lambda) else 99
            if required > (1 if signal == "toggled" else 0):
                wrong.append(f"{name}:{line}: {signal} → {ast.unparse(slot)}")
    assert seen >= 10 and not wrong, wrong


def test_the_excel_button_writes_korean_sheets_in_a_korean_window(qtbot, panel, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from workbench.ui.i18n import apply_language

    out = tmp_path / "검색결과.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    apply_language("ko")
    try:
        run_typed(qtbot, panel, "반도체")
        panel.export_hits.click()
    finally:
        apply_language("en")
    workbook = load_workbook(out)
    assert "Hits" not in workbook.sheetnames and "검색 결과" in workbook.sheetnames, workbook.sheetnames
