"""Tables in the reader, on a real press release (2024 1Q 해외직접투자, HWP): the
quarterly table is a grid with each quarter's figure in its own cell, and a
cell is selected, tagged, found, copied and printed like any text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QTextCursor

from workbench.services import annotations as svc
from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui

RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles" / "hwp" / "2024_1Q_해외직접투자_보도자료.hwp"


@pytest.fixture
def window(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    run_job(ingest(project, [RELEASE], entities=False))
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.ready, timeout=30_000):
        win.start()
    return win


def _tables(doc):
    out, stack = [], list(doc.rootFrame().childFrames())
    while stack:
        frame = stack.pop(0)
        if hasattr(frame, "cellAt"):
            out.append(frame)
        stack.extend(frame.childFrames())
    return out


def _cell_texts(table, row: int) -> list[str]:
    texts = []
    for col in range(table.columns()):
        cell = table.cellAt(row, col)
        if cell.column() == col and cell.row() == row:
            cursor = cell.firstCursorPosition()
            cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
            texts.append(cursor.selectedText())
    return texts


def _quarter_table(pane):
    """The table whose header row names the quarters (a cell per quarter)."""
    for table in _tables(pane.view.document()):
        for row in range(min(table.rows(), 3)):
            cells = _cell_texts(table, row)
            if sum("분기" in c or "Q" in c for c in cells) >= 3:
                return table, row
    raise AssertionError("no table with a quarter per cell")


def test_the_quarterly_table_is_drawn_as_a_grid(window):
    pane = window.left
    window.reading.open_in("left", 1)
    table, header = _quarter_table(pane)
    assert table.columns() >= 4 and "\t" not in pane.view.document().toPlainText()
    cells = _cell_texts(table, header)
    quarters = [c for c in cells if "분기" in c or "Q" in c]
    assert all(len(q) < 20 for q in quarters)  # one quarter per cell, not years stacked in one
    # every table block the corpus stored is drawn: as many QTextTables as top-level table blocks
    stored = [b for b in pane.blocks if b.kind.value == "table" and len(b.meta.get("rows", [])) > 0]
    assert len(_tables(pane.view.document())) >= len(stored)


def test_a_cell_is_selected_tagged_and_quoted_as_stored(window):
    pane = window.left
    window.reading.open_in("left", 1)
    table, header = _quarter_table(pane)
    cell = table.cellAt(header + 1, table.columns() - 1)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    shown = cursor.selectedText()
    assert shown
    pane.view.setTextCursor(cursor)
    start, end = pane.view.selection_offsets()
    assert pane.text[start:end] == shown  # the stored text under the selection is what the analyst saw
    assert window.tagging.tag_selection(pane, tags=["통계"], note="")
    [row] = svc.list_annotations(window.project)
    assert (row.start, row.end, row.quote) == (start, end, shown)


def test_a_selection_over_rows_copies_as_tab_separated_rows(window):
    pane = window.left
    window.reading.open_in("left", 1)
    table, header = _quarter_table(pane)
    first = table.cellAt(header + 1, 0).firstCursorPosition()  # two data rows, first cell to last
    last = table.cellAt(header + 2, table.columns() - 1).lastCursorPosition()
    cursor = QTextCursor(first)
    cursor.setPosition(last.position(), QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    pane.view.copy()
    rows = QGuiApplication.clipboard().text().split("\n")
    assert len(rows) == 2  # a row per line …
    assert rows[0].split("\t") == _cell_texts(table, header + 1)  # … a cell per tab, as a spreadsheet pastes them
    assert rows[1].split("\t")[0] == _cell_texts(table, header + 2)[0]


def test_a_search_hit_inside_a_cell_is_marked(window):
    pane = window.left
    window.reading.open_in("left", 1)
    table, header = _quarter_table(pane)
    cell = table.cellAt(header + 1, 0)
    word = _cell_texts(table, header + 1)[0].split()[0]
    at = pane.text.index(word, pane.map.from_qt(cell.firstCursorPosition().position()))
    pane.show_hits([(at, at + len(word))])
    pane.goto(at)
    painted = [s for s in pane.view.extraSelections() if s.format.background().color().alpha()]
    assert any((s.cursor.selectionStart(), s.cursor.selectionEnd()) == (pane.map.to_qt(at), pane.map.to_qt(at) + len(word))
               and s.cursor.selectedText() == word for s in painted)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils installs with make test")
def test_the_printed_pdf_draws_the_table(window, tmp_path):
    from workbench.ui.printing import printable_document, save_pdf

    pane = window.left
    window.reading.open_in("left", 1)
    table, header = _quarter_table(pane)
    doc = printable_document(pane, lambda k: k)
    assert _tables(doc), "the printed copy has no table"
    out = save_pdf(pane, tmp_path / "release.pdf", lambda k: k)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    quarters = [c for c in _cell_texts(table, header) if c]
    line = next((ln for ln in text.splitlines() if sum(q in ln for q in quarters) >= 3), None)
    assert line is not None, "the quarters are not side by side on one printed line"


def test_the_position_under_the_mouse_is_qt_s_own_without_a_hit_test(window):
    """Tooltips, the context menu and clicks find the character under the mouse by
    the blocks' boxes (a hit test before Qt has laid the whole document out lays
    out all of it); on paragraphs and table cells alike it is the character Qt's
    own hit test finds."""
    from PySide6.QtCore import QPoint

    pane = window.left
    window.reading.open_in("left", 1)
    table, header = _quarter_table(pane)
    pane.goto(pane.map.from_qt(table.cellAt(header + 1, 2).firstCursorPosition().position()))
    view = pane.view
    points = [QPoint(x, y) for x in range(10, view.viewport().width() - 10, 37)
              for y in range(5, view.viewport().height() - 5, 23)]
    layout = view.document().documentLayout()
    offset = QPoint(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    on_text = [p for p in points  # points on a block's box, not on a border or the margin between blocks
               if layout.blockBoundingRect(view.document().findBlock(view.cursorForPosition(p).position()))
               .contains((p + offset).toPointF())]
    assert len(on_text) > 40
    differ = [(p, view.position_at_point(p), view.cursorForPosition(p).position()) for p in on_text
              if view.position_at_point(p) != view.cursorForPosition(p).position()]
    assert len(differ) <= len(on_text) // 50, differ[:5]
    cells = [p for p in on_text if QTextCursor(view.document()).currentTable() is None
             and view.cursorForPosition(p).currentTable() is not None]
    assert cells and all(view.position_at_point(p) == view.cursorForPosition(p).position() for p in cells)


def test_copying_then_quitting_does_not_crash(tmp_path):
    """The clipboard owned the copied text's QMimeData past Python's end: the process
    crashed as it exited (a segfault, exit code 139) after any copy from the reader."""
    import os
    import sys

    script = tmp_path / "copy_then_quit.py"  # not copy.py: that would shadow the standard library
    script.write_text(
        "from PySide6.QtWidgets import QApplication\n"
        "import workbench.ui.main_window  # noqa: F401 - the app imports the reader through it\n"
        "from workbench.ui.reader import ReaderPane\n"
        "app = QApplication([])\n"
        "pane = ReaderPane('left')\n"
        "pane.text = '가나다'\n"
        "pane.view.setPlainText('가나다')\n"
        "pane.view.selectAll()\n"
        "pane.view.copy()\n"
        "assert QApplication.clipboard().text() == '가나다'\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
