"""Comparison mode in the real window: Analysis ▸ Compare the two panes
(Ctrl+Shift+D) marks the changes in both panes, the bar counts them, F7 /
Shift+F7 walk them, linked scrolling follows the alignment, the table is
exported, and opening another document ends it."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.compare.test_compare import DELETED_SENTENCE, INSERTED_SENTENCE, edited_article
from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.compare_mode import CompareTool
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


def _long(inserted: bool) -> str:
    """120 articles; the new version has 15 more after the 10th, a changed figure in the 50th, no 70th."""
    lines = []
    for n in range(1, 121):
        if inserted and n == 70:
            continue
        money = 55 if inserted and n == 50 else n
        lines.append(f"제{n}조(사항 {n}) 과학기술정보통신부는 {n}번째 사업에 {money}억원을 지원한다. 세부 내용은 따로 정한다.")
        if inserted and n == 10:
            lines.extend(f"새 문단 {k}: 인공지능 반도체 지원을 늘린다." for k in range(15))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare-window")
    old, new = edited_article()
    files = {"기사_원본.txt": "😀 " + old, "기사_수정본.txt": "😀 " + new,
             "법안_현행.txt": _long(False), "법안_개정안.txt": _long(True)}
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    project = projects.open_project(root / "p")
    run_job(ingest(project, [root / name for name in files]))
    return root


@pytest.fixture
def window(qtbot, folder):
    win = MainWindow(projects.open_project(folder / "p"), TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    with qtbot.waitSignal(win.ready, timeout=30_000):
        win.start()
    return win


def _doc(win, title_start: str) -> int:
    from workbench.services.documents import list_documents

    return next(d.id for d in list_documents(win.project) if d.source.endswith(title_start))


def _tool(win) -> CompareTool:
    return next(t for t in win.analysis.tools if isinstance(t, CompareTool))


def _marked(pane, kind: str) -> list[str]:
    return [pane.text[pane.map.from_qt(s.start):pane.map.from_qt(s.end)] for s in pane.highlighter.changes.spans
            if s.kind == f"change:{kind}"]


def test_compare_the_two_panes_marks_counts_and_walks_the_changes(qtbot, window):
    from workbench.services.annotations import list_annotations, tag_passage

    tool = _tool(window)
    old = _doc(window, "기사_원본.txt")
    if not list_annotations(window.project, doc=str(old)):
        text = (window.project.root.parent / "기사_원본.txt").read_text(encoding="utf-8")
        at = text.index("110억원을")
        tag_passage(window.project, str(old), ["예산"], at, at + len("110억원을 투입해"))
    window.reading.open_in("left", old)
    window.reading.open_in("right", _doc(window, "기사_수정본.txt"))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tool.comparison is not None and tool.bar.isVisible()
    assert "3" in tool.bar.label.text() and "1 of 3" in tool.bar.label.text()  # F7 stands on the first change
    # The marks are at the texts' own words (the emoji before them is one code point, two UTF-16 units).
    assert _marked(window.left, "deleted") == [DELETED_SENTENCE, "110억원을"]
    assert _marked(window.right, "inserted") == [INSERTED_SENTENCE, "150억원을"]
    # Entities still show under the marks.
    left = window.left
    start = left.map.to_qt(left.text.index("110억원을"))
    kinds = [k for k, _a, _b in left.highlighter.spans_between(0, left.map.to_qt(len(left.text)))]
    assert "change:deleted" in kinds and any(not k.startswith("change:") for k in kinds)
    assert any(k == "change:deleted" and a == start for k, a, _b in left.highlighter.spans_between(start, start + 1))
    assert any(k.startswith("ann:") for k, _a, _b in left.highlighter.spans_between(start, start + 1))  # the tag too

    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert "2 of 3" in tool.bar.label.text()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    pair = tool.comparison.pairs[tool.comparison.differences()[2]]
    current = window.right.highlighter.current_change.spans[0]
    assert (window.right.map.from_qt(current.start), window.right.map.from_qt(current.end)) == \
        (pair.new.start, pair.new.end)
    assert "150억원을" in pair.new.text
    qtbot.keyClick(window, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert "2 of 3" in tool.bar.label.text()

    # Opening another document in a pane ends the comparison.
    window.reading.open_in("right", _doc(window, "법안_현행.txt"))
    assert tool.comparison is None and not tool.bar.isVisible()
    assert window.left.highlighter.changes.spans == []


def test_linked_scrolling_follows_the_alignment_not_line_counts(qtbot, window):
    tool = _tool(window)
    old, new = _doc(window, "법안_현행.txt"), _doc(window, "법안_개정안.txt")
    window.reading.open_in("left", old)
    window.library.compare_requested.emit(new)  # the library's "Compare with the left pane's document"
    assert tool.comparison is not None and window.right.doc_id == new
    summary = tool.comparison.summary()
    assert (summary["inserted"], summary["deleted"], summary["changed"]) == (15, 1, 1)
    assert window.link_action.isChecked()
    # The analyst scrolls the old version down to 제40조: the new one shows its 제40조 too,
    # 15 paragraphs further down its text.
    left, right = window.left, window.right
    target = left.text.index("제40조")
    bar = left.view.verticalScrollBar()
    cursor_y = None
    for _ in range(200):  # scroll as a wheel would, a few lines at a time
        if left.first_visible_offset() >= target:
            break
        bar.setValue(bar.value() + 3 * int(left.line_height()))
        cursor_y = bar.value()
    assert cursor_y is not None
    top_left = left.text[left.first_visible_offset():].split("(", 1)[0]
    top_right = right.text[right.first_visible_offset():].split("(", 1)[0]
    assert top_left == top_right and top_left.startswith("제")


def test_the_bar_exports_the_comparison_table(qtbot, window, tmp_path):
    tool = _tool(window)
    window.reading.open_in("left", _doc(window, "기사_원본.txt"))
    window.reading.open_in("right", _doc(window, "기사_수정본.txt"))
    window.analysis.menu.actions()  # the menu holds the action
    tool.compare_action.trigger()
    out = tmp_path / "대비표.xlsx"
    task = tool.export(str(out))
    assert task is not None and task.outcome == "finished"
    sheet = load_workbook(out).active
    texts = [str(sheet.cell(r, c).value) for r in range(4, sheet.max_row + 1) for c in (1, 2)]
    assert any(DELETED_SENTENCE in t for t in texts) and any("150억원을" in t for t in texts)
    assert "대비표" in window.status.label.text() or str(out) in window.status.label.text()


def test_comparing_needs_two_documents(qtbot, window):
    tool = _tool(window)
    window.reading.clear()  # the last session's panes are gone
    window.reading.open_in("left", _doc(window, "기사_원본.txt"))
    tool.compare_action.trigger()
    assert tool.comparison is None and not tool.bar.isVisible()
    assert window.status.label.text()
