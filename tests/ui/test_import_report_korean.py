"""The REFI-QDA import report in a Korean window reads in Korean: what was skipped
— a picture, a recording, a PDF, a memo on no passage — is named in Korean, not
by the file format's element names ("PictureSource:") or "note"."""

from __future__ import annotations

import re
import zipfile

import pytest

from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx
from workbench.ui.import_dialog import ImportReportDialog

pytestmark = pytest.mark.gui
NS = "urn:QDA-XML:project:1.0"


def _qdpx(path):
    guid = "60000000-0000-4000-8000-{:012d}".format
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="colleague" origin="MAXQDA">'
           '<Sources>'
           f'<TextSource guid="{guid(1)}" name="보도자료.txt" plainTextPath="internal://s1.txt"/>'
           f'<PictureSource guid="{guid(2)}" name="현장 사진.jpg" path="internal://p.jpg"/>'
           f'<PictureSource guid="{guid(3)}" path="internal://q.png"/>'
           f'<AudioSource guid="{guid(4)}" name="인터뷰.mp3" path="internal://a.mp3"/>'
           f'<VideoSource guid="{guid(5)}" name="회의.mp4" path="internal://v.mp4"/>'
           f'<PDFSource guid="{guid(6)}" name="원문.pdf" path="internal://d.pdf"/>'
           '</Sources>'
           f'<Notes><Note guid="{guid(7)}" name="메모"><PlainTextContent>프로젝트 전체 메모</PlainTextContent></Note></Notes>'
           '</Project>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("sources/s1.txt", "정부는 인공지능 기본법 시행령을 발표했다.".encode("utf-8"))
    return path


def test_skipped_sources_and_memos_are_named_in_korean(qtbot, tmp_path, korean):
    report = run_job(import_qdpx(open_project(tmp_path / "p"), _qdpx(tmp_path / "colleague.qdpx"),
                                 index=False, entities=False))
    dialog = ImportReportDialog(report, "ko")
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.model
    rows = [[model.item(r, c).text() for c in range(model.columnCount())] for r in range(model.rowCount())]
    skipped = {r[2]: r for r in rows if r[0] == "건너뜀"}
    assert len(skipped) == 5, rows  # the project's memo is no longer skipped: it goes to the journal (issue 25)
    english = [(cell, word) for row in rows for cell in row for word in re.findall(r"[A-Za-z]{3,}", cell)
               if word not in ("PDF", "txt", "jpg", "mp3", "mp4", "pdf", "Workbench")]
    assert not english, english
    assert skipped["현장 사진.jpg"][3].startswith("그림:")
    assert skipped["인터뷰.mp3"][3].startswith("녹음:") and skipped["회의.mp4"][3].startswith("동영상:")
    assert skipped["원문.pdf"][3].startswith("PDF:")
    assert "그림" in skipped  # a picture with no name is called a picture
    memo = next(r for r in rows if r[1] == "메모")
    assert memo[0] == "가져옴" and memo[2] == "메모" and memo[3] == "연구 일지에 추가"
    dialog.table.selectRow(rows.index(skipped["현장 사진.jpg"]))
    detail = dialog.detail.toPlainText()
    assert "PictureSource" not in detail and "그림:" in detail


def test_in_english_the_kinds_are_words_too(qtbot, tmp_path):
    report = run_job(import_qdpx(open_project(tmp_path / "p"), _qdpx(tmp_path / "colleague.qdpx"),
                                 index=False, entities=False))
    dialog = ImportReportDialog(report, "en")
    qtbot.addWidget(dialog)
    model = dialog.model
    cells = [model.item(r, c).text() for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert not any("Source" in cell for cell in cells), cells
    assert "a picture: only text sources can be imported" in cells
