"""Save document as PDF names the file once with ".pdf": a title that ends a
sentence ("…조치입니다.") was offered as "…조치입니다..pdf"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.main_window import MainWindow
from workbench.ui.printing import pdf_name, pdf_path
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    source = tmp_path / "opinion.txt"
    source.write_text("의대 정원 증원은 최소한의 필수적 조치입니다.\n\n정부는 2024년 2월 증원 규모를 발표했다.",
                      encoding="utf-8")
    run_job(ingest(project, [source]))
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    win.reading.open_in("left", 1)
    return win


def test_a_title_ending_in_a_full_stop_is_offered_with_one_dot(qtbot, window, tmp_path, monkeypatch):
    assert window.left.title.text().endswith("조치입니다.")
    offered = []

    def dialog(_parent, _caption, suggested, _filter):
        offered.append(suggested)
        return str(tmp_path / suggested), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    written = window.save_pdf()
    assert offered == ["의대 정원 증원은 최소한의 필수적 조치입니다.pdf"]
    assert written.name == offered[0] and written.is_file()
    assert not list(tmp_path.glob("*..pdf"))


def test_a_name_typed_with_a_dot_or_without_pdf_gets_pdf_once(qtbot, window, tmp_path):
    assert window.save_pdf(str(tmp_path / "브리핑.")).name == "브리핑.pdf"
    assert window.save_pdf(str(tmp_path / "브리핑..pdf")).name == "브리핑.pdf"
    assert window.save_pdf(str(tmp_path / "memo")).name == "memo.pdf"
    assert window.save_pdf(str(tmp_path / "memo.PDF")).name == "memo.PDF"
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["memo.pdf", "브리핑.pdf"]


@pytest.mark.parametrize("title, name", [
    ("보도자료.", "보도자료.pdf"),
    ("끝이 점 세 개...", "끝이 점 세 개.pdf"),
    ("AI 기본법: 무엇이 바뀌나?", "AI 기본법 무엇이 바뀌나.pdf"),
    ("", "document.pdf"),
    ("...", "document.pdf"),
])
def test_the_offered_name(title, name):
    assert pdf_name(title) == name


def test_pdf_path_keeps_the_folder():
    assert pdf_path(Path("/tmp/a.b/보고서.")) == Path("/tmp/a.b/보고서.pdf")
