"""Ingest: adds, skips unchanged, updates in place, reports removed and bad files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workbench.core.progress import CancelToken
from workbench.services.documents import list_documents, show_document
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.store.project import Project
from tests.conftest import SEEDS
from tests.helpers import files


def _ingest(project, *paths, **kw):
    progress = []
    report = run_job(ingest(project, list(paths), **kw), progress.append)
    return report, progress


def test_seeds_ingested_with_progress(seeded_project):
    docs = list_documents(seeded_project)
    assert [d.source.rsplit("/", 1)[1] for d in docs] == sorted(p.name for p in SEEDS.iterdir())
    report_doc = next(d for d in docs if d.source.endswith("004_2c1d2e21fcbb52ad.txt"))
    assert report_doc.title == "2024년 국내외 인공지능 산업 동향 연구"
    assert report_doc.chars > 400_000 and report_doc.sections > 150
    view = show_document(seeded_project, str(report_doc.id))
    for block in view.blocks:
        assert view.text[block.start:block.end]


def test_reingest_unchanged_changed_removed(project, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    a = folder / "a.txt"
    b = folder / "b.txt"
    a.write_text("제1장 서론\n\n과기정통부가 발표했다.", encoding="utf-8")
    b.write_text("오픈AI 코리아가 출범했다.", encoding="utf-8")
    first, progress = _ingest(project, folder)
    assert first.summary()["added"] == 2 and not first.failed
    assert progress[-1].done == progress[-1].total == 2
    ids = {d.source: d.id for d in list_documents(project)}

    second, _ = _ingest(project, folder)
    assert second.summary()["unchanged"] == 2

    a.write_text("제1장 서론\n\n과기정통부가 새 계획을 발표했다.", encoding="utf-8")
    b.unlink()
    third, _ = _ingest(project, folder)
    by_status = {f.status: f for f in third.files}
    assert by_status["updated"].doc_id == ids[str(a)]  # keeps its id
    assert by_status["removed"].doc_id == ids[str(b)]
    docs = {d.source: d for d in list_documents(project)}
    assert "새 계획" in show_document(project, str(ids[str(a)])).text
    assert docs[str(b)].missing  # kept, marked missing
    b.write_text("오픈AI 코리아가 출범했다.", encoding="utf-8")
    fourth, _ = _ingest(project, folder)
    assert {f.status for f in fourth.files} == {"unchanged"}
    assert not {d.source: d for d in list_documents(project)}[str(b)].missing


def test_bad_files_never_stop_the_run_or_touch_others(project, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("정상 문서입니다.", encoding="utf-8")
    (folder / "cp949.txt").write_bytes("과기정통부 보도자료입니다.".encode("cp949"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    files.truncate(files.make_docx(folder / "cut.docx"))
    files.make_pdf(folder / "secret.pdf", password="pw")
    (folder / "notes.xyz").write_text("?")
    (folder / ".hidden.txt").write_text("hidden")
    report, _ = _ingest(project, folder, tmp_path / "nope.txt")
    status = {f.path.rsplit("/", 1)[1]: (f.status, f.code) for f in report.files}
    assert status == {
        "cp949.txt": ("added", None), "good.txt": ("added", None),
        "empty.txt": ("failed", "empty"), "image.txt": ("failed", "binary"),
        "cut.docx": ("failed", "damaged"), "secret.pdf": ("failed", "encrypted"),
        "notes.xyz": ("skipped", "unsupported"), "nope.txt": ("failed", "not_found"),
    }
    assert report.failed
    json.dumps(report.to_json(), ensure_ascii=False)  # serialisable for --json
    texts = {d.title for d in list_documents(project)}
    assert texts == {"정상 문서입니다.", "과기정통부 보도자료입니다."}
    conn = project.connect()
    logged = conn.execute("SELECT COUNT(*) FROM ingest_log WHERE status = 'failed'").fetchone()[0]
    assert logged == 4  # every file's outcome is logged (not-found paths are reported only)


def test_cancel_stops_between_files(project, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"문서 {i}번입니다.", encoding="utf-8")
    token = CancelToken()
    job = ingest(project, [folder], cancel=token)
    next(job)  # start
    next(job)  # first file done
    token.cancel()
    report = run_job(job)
    assert report.cancelled
    assert len(list_documents(project)) == 1


def test_project_survives_reader_crash(project, tmp_path, monkeypatch):
    """A reader library raising something unexpected becomes a per-file failure."""
    from workbench.corpus.readers import text

    (tmp_path / "ok.md").write_text("# 제목\n\n본문", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("본문입니다", encoding="utf-8")

    def boom(path, data):
        raise ZeroDivisionError("library bug")

    monkeypatch.setattr(text, "read_markdown", boom)
    report, _ = _ingest(project, tmp_path / "ok.md", tmp_path / "ok.txt")
    status = {f.path.rsplit("/", 1)[1]: f for f in report.files}
    assert status["ok.md"].status == "failed" and "library bug" in status["ok.md"].message
    assert status["ok.txt"].status == "added"


@pytest.mark.slow
def test_default_project_is_seeded_once(tmp_path, monkeypatch):
    from workbench.services import projects

    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    project = projects.open_project()
    assert project.root == (tmp_path / "home" / "default").resolve()
    assert projects.needs_seeding(project)
    run_job(projects.seed_default_project(project))
    assert len(list_documents(project)) == 5
    assert not projects.needs_seeding(project)
    other = Project.open(tmp_path / "other")
    assert not projects.needs_seeding(other)


def test_copied_seed_folder_reingest_is_isolated(project, tmp_path):
    """Ingesting a second folder never marks documents of the first as removed."""
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(SEEDS, one)
    two.mkdir()
    (two / "x.txt").write_text("다른 문서", encoding="utf-8")
    _ingest(project, one, index=False)
    report, _ = _ingest(project, two, index=False)
    assert [f.status for f in report.files] == ["added"]
    assert not any(d.missing for d in list_documents(project))


REAL = Path("/work/shared/realfiles/files")
PRESS = "2024_1Q_해외직접투자_보도자료"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="the shared real files are not on this machine")


@needs_real
def test_a_file_with_the_text_of_a_document_already_there_is_added_and_says_so(project, tmp_path):
    """The same press release as .hwp, .hwpx and an HWP named .hwpx: each is added (the
    analyst may want both), and the report says which document has the same text."""
    hwp, hwpx, renamed = REAL / "hwp" / f"{PRESS}.hwp", REAL / "hwpx" / f"{PRESS}.hwpx", \
        REAL / "nasty" / "hwp5_named_hwpx-01.hwpx"
    first, _ = _ingest(project, hwp, index=False, entities=False)
    [original] = first.files
    assert original.status == "added" and original.duplicate_of is None
    assert "같은 내용" not in original.message_ko

    report, _ = _ingest(project, hwpx, renamed, index=False, entities=False)
    by_name = {Path(f.path).name: f for f in report.files}
    for name in (hwpx.name, renamed.name):
        f = by_name[name]
        assert f.status == "added" and f.duplicate_of == original.doc_id
        assert f"같은 내용의 문서가 이미 있습니다: {hwp.name}" in f.message_ko, f.message_ko
        assert f"same text as a document already in the project: {hwp.name}" in f.message, f.message
    assert len(list_documents(project)) == 3
    data = report.to_json()
    assert [f["duplicate_of"] for f in data["files"]] == [original.doc_id, original.doc_id]
    assert data["summary"]["duplicates"] == 2


def test_a_changed_file_that_now_has_another_documents_text_says_so(project, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("과기정통부가 인공지능 기본법 시행령을 발표했다.", encoding="utf-8")
    b.write_text("초안입니다.", encoding="utf-8")
    _ingest(project, a, b, index=False, entities=False)
    b.write_text("과기정통부가 인공지능 기본법 시행령을 발표했다.", encoding="utf-8")
    report, _ = _ingest(project, b, index=False, entities=False)
    [f] = report.files
    assert f.status == "updated" and "같은 내용의 문서가 이미 있습니다: a.txt" in f.message_ko


@pytest.mark.slow
def test_an_ocrd_file_says_how_many_pages_were_recognised(project, tmp_path):
    from tests.corpus.test_ocr import SENTENCES, needs_tesseract, scanned_pdf

    if needs_tesseract.args[0]:
        pytest.skip(needs_tesseract.kwargs["reason"])
    pdf = scanned_pdf(tmp_path / "scan.pdf", [SENTENCES[:1], SENTENCES[1:2]])
    report, _ = _ingest(project, pdf, index=False, entities=False)
    [f] = report.files
    assert f.status == "added" and f.ocr_pages == 2
    assert "2 pages read by OCR" in f.message and "2쪽을 OCR로 읽었습니다" in f.message_ko, f.message_ko
