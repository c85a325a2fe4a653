"""One write path: a write waits for another thread's transaction instead of
failing; the lock is released whatever fails; long jobs hold it only while
writing; cancel returns what was committed; search never writes; a tag on
text the analyst did not see is refused; every write says what it changed."""

from __future__ import annotations

import threading
import time

import pytest

from tests.helpers.slow_reader import hold_reading
from workbench.core.errors import ProjectError, ProjectLockedError, StaleTextError
from workbench.core.progress import Cancelled
from workbench.services import annotations as svc
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import index_state, search, update_index
from workbench.store.project import Project

TEXT = "제1장 서론\n\n과학기술정보통신부는 인공지능 기본법 시행령을 발표했다. 업계는 환영했다."


@pytest.fixture
def memo(project, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path], index=False, entities=False))
    return project, path


def test_a_write_waits_for_another_threads_transaction(memo):
    project, _ = memo
    held, release = threading.Event(), threading.Event()

    def job() -> None:  # a background job in the middle of a write transaction
        with project.writing():
            held.set()
            release.wait(5)

    thread = threading.Thread(target=job)
    thread.start()
    held.wait(5)
    waited = []
    other = Project(project.root)  # another handle on the same folder shares the gate
    other.on_wait = lambda: (waited.append(True), threading.Timer(0.3, release.set).start())
    started = time.perf_counter()
    row = svc.tag_passage(other, "memo.txt", ["규제"], quote="시행령").value  # never "another process (our pid)"
    thread.join(5)
    assert row.quote == "시행령"
    assert waited == [True]  # the window is told, so it can say so
    assert time.perf_counter() - started >= 0.25


def test_the_gate_is_reentrant_and_the_file_lock_belongs_to_the_process(memo):
    project, _ = memo
    with project.write_lock():
        with project.write_lock():  # a service calling another under the lock
            pass
        errors = []

        def other_thread() -> None:
            try:
                with project.write_lock(wait=0):
                    pass
            except ProjectError as exc:
                errors.append(exc)

        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join(5)
        assert errors and not isinstance(errors[0], ProjectLockedError)  # busy in this process, not "another process"
    with project.write_lock(wait=0):  # free again
        pass


def test_a_failing_connect_releases_the_lock(memo, monkeypatch):
    project, _ = memo

    def broken(*args, **kwargs):
        raise ProjectError("disk gone", "디스크 없음")

    monkeypatch.setattr(Project, "connect", broken)
    with pytest.raises(ProjectError):
        svc.tag_passage(project, "memo.txt", ["규제"], quote="시행령")
    monkeypatch.undo()
    free = []

    def other_thread() -> None:
        with project.write_lock(wait=0):  # at once, or ProjectBusyError
            free.append(True)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join(5)
    assert free == [True]  # another thread gets the gate at once
    assert svc.tag_passage(project, "memo.txt", ["규제"], quote="시행령").value.quote == "시행령"


def test_ingest_holds_the_lock_only_while_writing(project, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"문서 {n}: 과기정통부가 발표했다.", encoding="utf-8")
    reading, go_on = hold_reading(monkeypatch, "1.txt")
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("report", run_job(
        ingest(project, [folder], index=False, entities=False))))
    thread.start()
    assert reading.wait(10)
    with project.write_lock(wait=0):  # free while the job reads a file
        pass
    row = svc.tag_passage(project, "0.txt", ["메모"], quote="과기정통부").value
    go_on.set()
    thread.join(20)
    assert row.quote == "과기정통부" and result["report"].summary()["added"] == 3


def test_cancelled_ingest_returns_what_it_committed(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(8):
        (folder / f"{n:02}.txt").write_text(f"문서 {n}", encoding="utf-8")
    job = ingest(project, [folder])
    progress = next(job)
    while progress.done < 4:
        progress = next(job)
    with pytest.raises(StopIteration) as stop:
        job.throw(Cancelled())  # what the task runner does when the analyst presses Cancel
    report = stop.value.value
    assert report.cancelled and report.summary()["added"] == 4
    assert sorted(report.changes.documents_added) == [1, 2, 3, 4]
    from workbench.services.documents import list_documents

    assert len(list_documents(project)) == 4  # committed, listed, nothing half-written


def test_a_tag_on_text_the_analyst_did_not_see_is_refused(memo):
    project, path = memo
    from workbench.services.documents import show_document

    seen = show_document(project, "memo.txt").info.text_sha256
    path.write_text(TEXT.replace("제1장 서론", "제1장 개요와 배경"), encoding="utf-8")
    run_job(ingest(project, [path], index=False, entities=False))
    with pytest.raises(StaleTextError) as info:
        svc.tag_passage(project, "memo.txt", ["규제"], start=30, end=33, seen_sha=seen)
    assert "select the passage again" in info.value.message and "다시 선택" in info.value.message_ko
    assert svc.list_annotations(project) == []
    row = svc.tag_passage(project, "memo.txt", ["메모"], quote="업계는").value
    with pytest.raises(StaleTextError):
        svc.reattach(project, row.id, 0, 3, seen_sha=seen)
    fresh = show_document(project, "memo.txt").info.text_sha256
    assert svc.reattach(project, row.id, 0, 3, seen_sha=fresh).value.quote == "제1장"


def test_writes_say_what_they_changed(memo):
    project, _ = memo
    tagged = svc.tag_passage(project, "memo.txt", ["정책 / 규제"], quote="시행령")
    assert tagged.changes.annotations == {tagged.value.id} and tagged.changes.codebook  # two tags created
    again = svc.tag_passage(project, "memo.txt", ["정책 / 규제"], quote="업계는")
    assert not again.changes.codebook
    doc_id = tagged.value.doc_id
    assert again.changes.touches_document(doc_id) and not again.changes.touches_document(doc_id + 1)
    assert svc.delete_annotation(project, tagged.value.id).changes.annotation_docs == {doc_id}


def test_search_never_writes_and_says_when_the_index_is_behind(memo, tmp_path):
    project, _ = memo
    run_job(update_index(project))
    assert index_state(project) == "ready"
    (tmp_path / "late.txt").write_text("오픈AI가 서울에 사무소를 열었다.", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "late.txt"], index=False, entities=False))
    before = {p.name: p.stat().st_mtime_ns for p in project.index_dir.iterdir()}
    result = search(project, "오픈AI")
    assert result.index_behind and result.total == 0 and "catching up" in result.warnings[0]
    assert {p.name: p.stat().st_mtime_ns for p in project.index_dir.iterdir()} == before  # nothing written
    assert index_state(project) == "behind"
    run_job(update_index(project))  # the explicit job
    result = search(project, "오픈AI")
    assert not result.index_behind and result.total == 1
