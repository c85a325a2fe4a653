"""Analysis › Coder agreement… in the real window: the menu action opens the
dialog, the coders are chosen in its combos, Compare fills the table with
the figures worked out by hand, choosing a tag and a document lists where
the coders differ, and double-clicking a span opens the document in the
readers at it (A's on the left, B's on the right) — with an emoji before
the spans, so a UTF-16 slip would show. Export writes the workbook."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from workbench.services import annotations as svc
from workbench.services import projects
from workbench.services.analyst import set_analyst
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui

A, B = "김분석", "이검토"
# 4 + 17 × 6 − 1 = 105 characters (the last space is not kept); the emoji take two UTF-16 units each.
TEXT = ("😀🇰🇷 " + "반도체 지원 정책을 발표했다. " * 6).rstrip()


@pytest.fixture
def window(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    (tmp_path / "memo.txt").write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "memo.txt"], entities=False))
    set_analyst(project, A)
    svc.tag_passage(project, "memo.txt", ["정책"], start=10, end=30)
    set_analyst(project, B)
    svc.tag_passage(project, "memo.txt", ["정책"], start=20, end=50)
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=30_000):
        win.start()
    return win


def _action(win):
    menu = win.findChild(type(win.menuBar().actions()[0].menu()), "analysis-menu")
    return next(a for a in menu.actions() if a.objectName() == "agreement-action")


def _cells(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_compare_two_coders_and_read_a_disagreement(window, qtbot, tmp_path, monkeypatch):
    from workbench.ui.agreement_dialog import AgreementDialog

    assert len(window.left.text) == 105
    _action(window).trigger()
    dialog = window.findChild(AgreementDialog, "agreement-dialog")  # this window's, not another test's
    assert dialog.isVisible()
    assert dialog.width() <= 1280 and dialog.height() <= 720
    assert [dialog.coder_a.itemText(i) for i in range(dialog.coder_a.count())] == [A, B]  # equal codings: by name
    dialog.coder_a.setCurrentText(A)
    dialog.coder_b.setCurrentText(B)
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    # 정책 in memo (N = 105): A 10–30 (20), B 20–50 (30), both 20–30 (10),
    # neither 105 − 20 − 30 + 10 = 65. agreement (10 + 65)/105 = 71.43 %.
    # pA = 20/105, pB = 30/105; pe = (20·30 + 85·75)/105² = (600 + 6375)/11025 = 6975/11025
    # po = 75/105 = 7875/11025 → kappa = (7875 − 6975)/(11025 − 6975) = 900/4050 = 0.2222
    rows = _cells(dialog.tags_view)
    assert rows == [["정책", "1", "71.43", "0.222", "fair agreement", "20", "30", "10"]]
    assert "71.43 %" in dialog.total.text() and "0.222" in dialog.total.text()
    # The tag's row is chosen: its document; the document's row: where they differ.
    assert _cells(dialog.docs_view)[0][1:4] == ["105", "71.43", "0.222"]
    spans = _cells(dialog.spans_view)
    assert [s[:3] for s in spans] == [[f"only {A}", "10", "20"], ["both", "20", "30"], [f"only {B}", "30", "50"]]
    assert spans[2][3] == TEXT[30:50].strip()

    # B's span opens in the right reader at it: the selection is exactly those characters.
    view = dialog.spans_view
    index = view.model().index(2, 0)
    where = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double-click starts with a click
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    cursor = window.right.view.textCursor()
    assert cursor.selectedText() == TEXT[30:50]
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on A's span: the left reader
    assert window.left.view.textCursor().selectedText() == TEXT[10:20]

    out = tmp_path / "일치도.xlsx"
    monkeypatch.setattr("workbench.ui.agreement_dialog.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out), "Excel (*.xlsx)"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    summary = list(load_workbook(out)["Summary"].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert summary[:4] == ("정책", 1, 71.43, 0.2222)


def test_a_new_coding_updates_the_figures_and_korean_reads_kappa(window, qtbot, korean):
    _action(window).trigger()
    from workbench.ui.agreement_dialog import AgreementDialog

    dialog = window.findChild(AgreementDialog, "agreement-dialog")
    dialog.coder_b.setCurrentText(B)
    dialog.compare_button.click()
    assert _cells(dialog.tags_view)[0][4] == "어느 정도 일치"
    assert dialog.windowTitle() == "코더 간 일치도"
    # B tags A's passage too, through the window's write path: the dialog follows.
    outcome = svc.tag_passage(window.project, "memo.txt", ["정책"], start=10, end=20)
    window.events.publish(outcome.changes)
    # B now covers 10–50 (40), both 10–30 (20), neither 105 − 20 − 40 + 20 = 65; agreement 85/105 = 80.95 %
    assert _cells(dialog.tags_view)[0][2] == "80.95"
