"""The report after adding documents, as the analyst reads it: long messages (a
DRM notice) wrap and show every line, file names are whole (the full path in
a tooltip and in the detail box), columns can be resized, an OCR'd file says
how many pages were recognised, and a file with the text of a document
already in the project says which one — in Korean and in English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.i18n import apply_language
from workbench.ui.ingest_dialog import IngestReportDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
REAL = Path("/work/shared/realfiles/files")
PRESS = "2024_1Q_해외직접투자_보도자료"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="the shared real files are not on this machine")


def rows(dialog) -> dict[str, dict[str, str]]:
    """Each row by file name: what its cells show, and their tooltips."""
    model, out = dialog.model, {}
    for r in range(model.rowCount()):
        cells = [model.item(r, c) for c in range(model.columnCount())]
        out[cells[1].text()] = {"status": cells[0].text(), "code": cells[0].data(), "path": cells[1].toolTip(),
                                "message": cells[2].text(), "full": cells[2].toolTip(), "row": r}
    return out


@pytest.fixture
def korean():
    apply_language("ko")
    yield
    apply_language("en")


@needs_real
def test_long_messages_wrap_and_file_names_are_whole(qtbot, project, tmp_path, korean):
    deep = tmp_path / "받은 자료" / "2025년 하반기" / "정책연구과제 관련 부처 회신 문서 모음"
    deep.mkdir(parents=True)
    drm = shutil.copy(REAL / "nasty" / "fasoo_drm_이미용_부속서_00.docx", deep)
    marked = shutil.copy(REAL / "nasty" / "markany_drm_010000000000141568.hwp", deep)
    press = shutil.copy(REAL / "hwp" / f"{PRESS}.hwp", deep)
    report = run_job(ingest(project, [drm, marked, press], index=False, entities=False))
    dialog = IngestReportDialog(report, "ko")
    qtbot.addWidget(dialog)
    dialog.resize(760, 420)  # narrower than its default: the DRM notice takes three or more lines
    dialog.show()
    qtbot.waitExposed(dialog)
    table, shown = dialog.table, rows(dialog)
    notice = shown[Path(drm).name]
    assert notice["status"] == "실패" and "Fasoo DRM" in notice["message"]
    assert notice["full"].startswith(Path(drm).name) and "보호되지 않은 파일을 요청한 뒤 추가하세요" in notice["full"]
    for name, row in shown.items():
        assert row["path"] == str(Path(deep) / name)  # the whole path, in the tooltip
        needed = table.sizeHintForRow(row["row"])
        assert table.rowHeight(row["row"]) >= needed, (name, table.rowHeight(row["row"]), needed)  # every line
    assert table.sizeHintForColumn(1) <= table.columnWidth(1)  # every file name is whole
    assert table.rowHeight(notice["row"]) >= 3 * table.fontMetrics().lineSpacing()
    header = table.horizontalHeader()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive  # the analyst can widen it

    rect = table.visualRect(dialog.model.index(notice["row"], 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    detail = dialog.detail.toPlainText()
    assert str(Path(deep) / Path(drm).name) in detail and notice["full"] in detail  # to read whole, or copy


@needs_real
@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_same_press_release_twice_is_added_and_the_report_says_which(qtbot, project, tmp_path, language):
    from tests.corpus.test_ocr import SENTENCES, needs_tesseract, page_image

    ocr = not needs_tesseract.args[0]
    paths = [REAL / "hwp" / f"{PRESS}.hwp", REAL / "hwpx" / f"{PRESS}.hwpx", REAL / "nasty" / "hwp5_named_hwpx-01.hwpx"]
    if ocr:
        paths.append(page_image(tmp_path / "스캔.png", SENTENCES[:2]))
    apply_language(language)
    try:
        win = MainWindow(project, TaskRunner(pool=InlinePool()))
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.ready, timeout=20_000):
            win.start()
        with qtbot.waitSignal(win.project_ctl.ready, timeout=120_000):
            win.project_ctl.ingest_paths([str(p) for p in paths])
        dialog = win.project_ctl.last_ingest_dialog
        shown = rows(dialog)
        original = f"{PRESS}.hwp"
        assert shown[original]["code"] == "added" and shown[original]["status"] in ("추가됨", "added")
        for name in (f"{PRESS}.hwpx", "hwp5_named_hwpx-01.hwpx"):
            row = shown[name]
            assert row["code"] == "added"
            if language == "ko":
                assert row["status"] == "추가됨 · 같은 내용"
                assert f"같은 내용의 문서가 이미 있습니다: {original}" in row["message"], row["message"]
            else:
                assert row["status"] == "added · same text"
                assert f"the same text as a document already in the project: {original}" in row["message"]
        summary = dialog.summary.text()
        assert ("2개는 프로젝트에 이미 있는 문서와 내용이 같습니다" if language == "ko"
                else "2 with the same text as a document already in the project") in summary, summary
        if ocr:
            pages = "1쪽을 OCR로 읽었습니다" if language == "ko" else "1 page read by OCR"
            assert pages in shown["스캔.png"]["message"], shown["스캔.png"]
        assert win.library.model.rowCount() == len(paths)  # each is added: the analyst may want both
    finally:
        apply_language("en")
