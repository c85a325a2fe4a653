"""File → Export as the analyst reads it at 1366×768 in Korean: each preview row is
numbered once (by the No. column, not again by the table's row header), and an
Old Hangul title or tag that no font here draws is spelled out in the lists and
the preview — the exact text in the tooltip and in what is exported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from workbench.services import annotations as svc
from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.export_dialog import ExportDialog
from workbench.ui.old_hangul import drawable, has_conjoining_jamo
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
TITLE = "ᄒᆞᆫ글 옛 문서"
TAG = "ᄀᆞᄅᆞ침 / 옛말"


@pytest.fixture
def dialog(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    (tmp_path / "old.txt").write_text(f"{TITLE}\n\n훈민정음을 ᄀᆞᄅᆞ치는 글이다.", encoding="utf-8")
    (tmp_path / "new.txt").write_text("보도자료\n\n과기정통부가 반도체 지원책을 발표했다.", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "old.txt", tmp_path / "new.txt"]))
    svc.tag_passage(project, "old.txt", [TAG], quote="훈민정음")
    svc.tag_passage(project, "new.txt", ["정책"], quote="반도체 지원책")
    dialog = ExportDialog(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _row_texts(dialog) -> list[list[str]]:
    """What each preview row shows from left to right: its row header (when shown), then its cells."""
    model, view = dialog.preview_model, dialog.preview
    rows = []
    for r in range(model.rowCount()):
        header = [str(model.headerData(r, Qt.Orientation.Vertical))] if view.verticalHeader().isVisible() else []
        rows.append(header + [model.item(r, c).text() for c in range(model.columnCount())])
    return rows


def test_each_row_is_numbered_once(qtbot, dialog):
    rows = _row_texts(dialog)
    assert len(rows) == 2
    assert [r[0] for r in rows] == ["1", "2"]  # the No. column…
    assert all(not r[1].isdigit() for r in rows), rows  # …and not once more beside it


def test_old_hangul_titles_and_tags_are_spelled_out_and_still_chosen(qtbot, dialog):
    font = dialog.docs.font()
    if drawable(TITLE, font):
        pytest.skip("an Old Hangul font is installed")
    metrics = QFontMetrics(font)
    shown = [dialog.docs.item(i).text() for i in range(dialog.docs.count())]
    assert "ㅎㆍㄴ글 옛 문서" in shown and not any(has_conjoining_jamo(t) for t in shown), shown
    assert all(metrics.inFontUcs4(ord(ch)) for t in shown for ch in t if not ch.isspace())
    old = next(dialog.docs.item(i) for i in range(dialog.docs.count()) if dialog.docs.item(i).text().startswith("ㅎ"))
    assert old.toolTip() == TITLE  # the exact title
    tags = [dialog.tags.item(i).text() for i in range(dialog.tags.count())]
    assert "ㄱㆍㄹㆍ침 / 옛말" in tags and not any(has_conjoining_jamo(t) for t in tags), tags
    preview = [cell for row in _row_texts(dialog) for cell in row]
    assert not any(has_conjoining_jamo(cell) for cell in preview), preview
    assert "ㅎㆍㄴ글 옛 문서" in preview and "ㄱㆍㄹㆍ침 / 옛말" in preview

    tag = next(dialog.tags.item(i) for i in range(dialog.tags.count()) if dialog.tags.item(i).text() == "ㄱㆍㄹㆍ침 / 옛말")
    tag.setSelected(True)
    old.setSelected(True)
    assert dialog.selection()["tags"] == [TAG]  # the tag's own path, not its spelling
    assert len(dialog.annotations) == 1 and dialog.preview_model.rowCount() == 1
