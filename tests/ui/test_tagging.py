"""Tagging in the window: select, tag (picker), shading, panel, undo/redo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from tests.ui.helpers import select
from workbench.ui.main_window import MainWindow
from workbench.ui.tag_picker import TagPickerDialog
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
TEXT = "😀 제1장 서론\n\n과기정통부가 인공지능 기본법 시행령을 발표했다. 업계는 환영했다."


@pytest.fixture
def window(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    path = tmp_path / "memo.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path], index=False))
    win = MainWindow(project, TaskRunner(pool=InlinePool()))  # tasks run inline: no waiting
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    return win




def test_tag_selection_shade_undo_redo(window):
    pane = window.left
    start = select(pane, "인공지능 기본법")
    assert window.tagging.tag_selection(pane, tags=["정책 / 규제"], note="핵심\n두 줄")
    [row] = svc.list_annotations(window.project)
    assert (row.start, row.end, row.quote, row.tags, row.note) == (start, start + 8, "인공지능 기본법",
                                                                    ["정책 / 규제"], "핵심\n두 줄")
    assert window.annotations.model.rowCount() == 1
    assert pane.annotations and pane.highlighter.notes.spans  # shaded
    assert pane.annotations_at(pane.map.to_qt(start + 1))[0]["tags"] == ["정책 / 규제"]
    window.tagging.undo_stack.undo()
    assert svc.list_annotations(window.project) == [] and window.annotations.model.rowCount() == 0
    assert not pane.highlighter.notes.spans
    window.tagging.undo_stack.redo()
    assert [r.quote for r in svc.list_annotations(window.project)] == ["인공지능 기본법"]


def test_overlapping_tags_and_panel_actions(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)  # delete asks
    pane = window.left
    select(pane, "인공지능 기본법 시행령")
    window.tagging.tag_selection(pane, tags=["규제"], note="")
    select(pane, "시행령을 발표했다")
    window.tagging.tag_selection(pane, tags=["발표"], note="")
    kinds = {s.kind.split(":")[2] for s in pane.highlighter.notes.spans}
    assert kinds == {"1", "2"}  # the overlap is drawn differently
    window.annotations.table.selectRow(0)
    qtbot.mouseClick(window.annotations.delete_button, Qt.MouseButton.LeftButton)
    assert len(svc.list_annotations(window.project)) == 1
    window.tagging.undo_stack.undo()
    assert len(svc.list_annotations(window.project)) == 2
    index = window.annotations.proxy.index(0, 0)
    window.annotations.table.doubleClicked.emit(index)
    target = index.data(Qt.ItemDataRole.UserRole + 7)
    assert window.left.view.textCursor().selectedText() == target["quote"]


def test_picker_is_keyboard_first(qtbot):
    dialog = TagPickerDialog(["정책 / 규제", "예산"], "인공지능 기본법")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.filter.setFocus()
    dialog.filter.setText("규")
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["정책 / 규제", "Create tag “규”"]
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)  # the existing tag, first and highlighted
    assert dialog.chosen == ["정책 / 규제"] and dialog.isVisible()  # Enter adds, the dialog stays open
    assert dialog.focusWidget() is dialog.filter  # … ready for the next tag
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)  # Enter on the empty box: the note
    assert dialog.focusWidget() is dialog.note
    qtbot.keyClicks(dialog.note, "check")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # a new line in the note, not "apply"
    assert dialog.isVisible()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == 1 and dialog.note_text() == "check\n"

    fresh = TagPickerDialog(["예산"], "x")
    qtbot.addWidget(fresh)
    fresh.show()
    fresh.filter.setText("새 태그")
    assert fresh.list.item(0).text() == "Create tag “새 태그”"  # the cue that Enter creates a tag
    qtbot.keyClick(fresh.filter, Qt.Key.Key_Return)
    assert fresh.chosen == ["새 태그"]
    fresh.filter.setText("예산")
    assert fresh.list.count() == 1 and fresh.list.item(0).text() == "예산"  # no "create" for an existing tag

    editing = TagPickerDialog(["예산", "반응"], "x", chosen=["예산", "반응"])
    qtbot.addWidget(editing)
    chip = next(w for w in editing.chips.findChildren(QToolButton) if w.text().startswith("예산"))
    chip.click()
    assert editing.chosen == ["반응"]


def test_codebook_changes_are_undoable(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    pane = window.left
    select(pane, "인공지능 기본법")
    window.tagging.tag_selection(pane, tags=["규제"], note="")
    select(pane, "업계는 환영했다")
    window.tagging.tag_selection(pane, tags=["반응"], note="")
    assert sorted(window.codebook.paths) == ["규제", "반응"]
    window.codebook.command.emit("merge tags", lambda p: books.merge_tags(p, "반응", "규제"))
    assert [r.tags for r in svc.list_annotations(window.project)] == [["규제"], ["규제"]]
    window.tagging.undo_stack.undo()
    assert sorted(r.tags[0] for r in svc.list_annotations(window.project)) == ["규제", "반응"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.codebook.delete("규제")
    assert "규제" not in window.codebook.paths
    assert sorted(r.tags[0] for r in svc.list_annotations(window.project)) == ["규제", "반응"]  # the record stays
    window.tagging.undo_stack.undo()
    assert "규제" in window.codebook.paths
    stack = window.tagging.undo_stack
    window.codebook.command.emit("move tag", lambda p: books.move_tag(p, "규제", "규제"))
    assert "under itself" in window.status.last_error_box.text()
    assert stack.undoText().startswith("tag the passage “") and stack.index() == stack.count()  # nothing refused left to undo


def test_orphaned_annotation_is_reattached_to_a_selection(qtbot, window, tmp_path):
    pane = window.left
    select(pane, "업계는 환영했다")
    window.tagging.tag_selection(pane, tags=["반응"], note="")
    (tmp_path / "memo.txt").write_text(TEXT.replace(" 업계는 환영했다.", " 시장은 반겼다."), encoding="utf-8")
    report = run_job(ingest(window.project, [tmp_path / "memo.txt"], index=False))
    assert report.annotations()["orphaned"] == 1
    window.events.publish(report.changes)  # what the window's own ingest task does when it ends
    assert "시장은 반겼다" in pane.text  # the pane reloaded the new text
    [row] = window.annotations.model.rows
    assert row["status"] == "orphaned"
    model = window.annotations.model
    coder = model.KEYS.index("coder")  # who tagged it, shown beside the dates
    assert model.headerData(coder, Qt.Orientation.Horizontal) == "Coded by"
    assert model.index(0, coder).data() == svc.list_annotations(window.project)[0].created_by != ""
    select(window.left, "시장은 반겼다")
    window.annotations.table.selectRow(0)
    qtbot.mouseClick(window.annotations.reattach_button, Qt.MouseButton.LeftButton)
    [fixed] = svc.list_annotations(window.project)
    assert (fixed.status, fixed.quote) == ("anchored", "시장은 반겼다")
    window.tagging.undo_stack.undo()
    assert svc.list_annotations(window.project)[0].status == "orphaned"


def test_export_dialog_previews_and_writes(qtbot, window, tmp_path):
    from openpyxl import load_workbook

    pane = window.left
    select(pane, "인공지능 기본법")
    window.tagging.tag_selection(pane, tags=["규제"], note="메모")
    select(pane, "업계는 환영했다")
    window.tagging.tag_selection(pane, tags=["반응"], note="")
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    assert dialog.preview_model.rowCount() == 2
    dialog.tags.item(0).setSelected(True)  # 규제 (sorted codebook: 규제, 반응)
    assert dialog.preview_model.rowCount() == 1
    dialog.columns.item(2).setCheckState(Qt.CheckState.Unchecked)  # drop "Source file"
    out = tmp_path / "out.xlsx"
    dialog.export_to(out, ask_to_open=False)
    ws = load_workbook(out)["Passages"]
    assert [c.value for c in ws[1]][:3] == ["No.", "Document", "Section"]
    assert ws.max_row == 2 and ws.cell(row=2, column=5).value == "인공지능 기본법"


def test_search_hits_export_to_excel(qtbot, window, tmp_path):
    from openpyxl import load_workbook

    window.search_panel.query.setCurrentText("과기정통부")
    out = tmp_path / "hits.xlsx"
    window.search_panel.export_to_excel(str(out))
    hits = load_workbook(out)["Hits"]
    assert hits.max_row >= 2 and hits.cell(row=2, column=1).value == "과기정통부"


def test_tag_filter_on_a_parent_lists_its_childrens_passages(window):
    """As the search ``tag:정책`` does: 정책 lists passages tagged 정책 / AI 기본법."""
    pane = window.left
    select(pane, "인공지능 기본법")
    window.tagging.tag_selection(pane, tags=["정책 / AI 기본법"], note="")
    select(pane, "업계는 환영했다")
    window.tagging.tag_selection(pane, tags=["반응"], note="")
    select(pane, "과기정통부")
    window.tagging.tag_selection(pane, tags=["정책기관"], note="")  # a name that only starts like 정책
    panel = window.annotations
    combo = panel.tag_filter
    combo.setCurrentIndex(combo.findData("정책"))
    assert combo.currentIndex() > 0
    quote = panel.model.KEYS.index("quote")
    assert [panel.proxy.index(r, quote).data() for r in range(panel.proxy.rowCount())] == ["인공지능 기본법"]
    combo.setCurrentIndex(combo.findData("정책 / AI 기본법"))
    assert panel.proxy.rowCount() == 1
    combo.setCurrentIndex(0)
    assert panel.proxy.rowCount() == 3


def test_dates_in_the_tagged_passages_are_read_whole_on_a_laptop(qtbot, window):
    """At 1366×768 the 작성일시/수정일시 columns showed “2026-12-03 …”: date and time fit now."""
    select(window.left, "인공지능 기본법")
    window.tagging.tag_selection(window.left, tags=["규제"], note="")
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    table, model = window.annotations.table, window.annotations.model
    for key in ("created_at", "updated_at"):
        column = model.KEYS.index(key)
        shown = model.index(0, column).data()
        assert len(shown) == 16 and shown[10] == " "  # 2026-12-03 14:05
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), key  # not cut with “…”
        assert table.columnWidth(column) >= table.horizontalHeader().sectionSizeHint(column), key


def test_a_tag_a_colleague_adds_shows_who_added_it_and_undo_gives_it_back(qtbot, window, monkeypatch):
    """Tags carry their own coder: the panel's tooltip names who applied each,
    and undoing the colleague's edit leaves the passage as the author left it."""
    from workbench.services.analyst import set_analyst
    from workbench.ui.controllers import tagging as tagging_controller

    set_analyst(window.project, "김분석")
    select(window.left, "인공지능 기본법")
    window.tagging.tag_selection(window.left, tags=["규제"], note="")
    set_analyst(window.project, "이검토")

    class Picker:  # the colleague adds 전망 in the tag picker and presses Save
        delete_requested = False
        chosen = ["규제", "전망"]

        def __init__(self, *args, **kwargs):
            pass

        def exec(self):
            return True

        def note_text(self):
            return "보완"

    monkeypatch.setattr(tagging_controller, "TagPickerDialog", Picker)
    panel = window.annotations
    row = panel.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 7)
    window.tagging.edit(row)
    tags = panel.proxy.index(0, panel.model.KEYS.index("tags"))
    tip = tags.data(Qt.ItemDataRole.ToolTipRole)
    assert "규제 — 김분석" in tip and "전망 — 이검토" in tip, tip
    assert tags.data() == "규제, 전망"
    window.tagging.undo_stack.undo()
    [back] = svc.list_annotations(window.project)
    assert (back.tags, back.note, back.updated_by) == (["규제"], "", "김분석")
    window.tagging.undo_stack.redo()
    assert [a["by"] for a in svc.list_annotations(window.project)[0].to_json()["tag_applied"]] == ["김분석", "이검토"]
