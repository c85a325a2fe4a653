"""Tagging through the service and the CLI; the codebook; re-anchoring at
re-ingest; a writer killed mid-stream leaves a consistent database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from workbench.core.errors import WorkbenchError
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import search_in_step

TEXT = ("제1장 서론\n\n과학기술정보통신부는 인공지능 기본법 시행령을 발표했다. 업계는 환영했다.\n\n"
        "제2장 예산\n\n정부는 110억원을 투입해 과제별 지원을 확대한다고 밝혔다.\n\n"
        "제3장 전망\n\n전문가들은 규제 완화가 필요하다고 봤다.")


@pytest.fixture
def doc(project, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path], index=False))
    return project, path


def test_tag_by_quote_and_by_offsets(doc):
    project, _ = doc
    a = svc.tag_passage(project, "memo.txt", ["정책 / 규제"], quote="인공지능 기본법 시행령", note="핵심\n두 줄").value
    assert a.quote == "인공지능 기본법 시행령" and a.tags == ["정책 / 규제"] and a.note == "핵심\n두 줄"
    start = TEXT.index("110억원")
    b = svc.tag_passage(project, "memo.txt", ["예산", "규제"], start=start, end=start + 5).value
    assert b.quote == "110억원" and b.tags == ["예산", "정책 / 규제"]  # 규제 is the one tag ending so
    assert [t.path for t in books.codebook(project)] == ["예산", "정책", "정책 / 규제"]
    assert {r.id for r in svc.list_annotations(project, tag="정책")} == {a.id, b.id}  # a parent covers children
    assert [r.id for r in svc.list_annotations(project, tag="예산")] == [b.id]
    with pytest.raises(WorkbenchError):
        svc.tag_passage(project, "memo.txt", ["x"], quote="없는 문장")
    with pytest.raises(WorkbenchError):
        svc.tag_passage(project, "memo.txt", ["x"], start=5, end=2)


def test_edit_delete_and_undo(doc):
    project, _ = doc
    a = svc.tag_passage(project, "memo.txt", ["규제"], quote="규제 완화").value
    svc.update_annotation(project, a.id, note="검토 필요", tags=["규제", "전망"])
    assert svc.list_annotations(project)[0].tags == ["규제", "전망"]
    gone = svc.delete_annotation(project, a.id).value
    assert svc.list_annotations(project) == []
    restored = svc.restore_annotation(project, gone).value
    assert (restored.id, restored.note, restored.tags, restored.created_at) == (a.id, "검토 필요", ["규제", "전망"],
                                                                               a.created_at)


def test_codebook_merge_rename_move_delete(doc, tmp_path):
    project, _ = doc
    a = svc.tag_passage(project, "memo.txt", ["규제"], quote="인공지능 기본법").value
    b = svc.tag_passage(project, "memo.txt", ["규제완화", "규제"], quote="규제 완화").value
    moved = books.merge_tags(project, "규제완화", "규제").value
    assert moved == 0  # b already had 규제: one row kept, nothing duplicated
    assert [r.tags for r in svc.list_annotations(project)] == [["규제"], ["규제"]]
    books.rename_tag(project, "규제", "규제 정책")
    assert {tuple(r.tags) for r in svc.list_annotations(project)} == {("규제 정책",)}
    books.create_tag(project, "정책")
    books.move_tag(project, "규제 정책", "정책")
    assert "정책 / 규제 정책" in [t.path for t in books.codebook(project)]
    assert {tuple(r.tags) for r in svc.list_annotations(project)} == {("정책 / 규제 정책",)}  # the path follows
    with pytest.raises(WorkbenchError):
        books.move_tag(project, "정책", "규제 정책")  # under its own child
    assert books.delete_tag(project, "규제 정책").value == 2
    rows = svc.list_annotations(project)
    assert {r.id for r in rows} == {a.id, b.id} and all(r.tags == ["정책 / 규제 정책"] for r in rows)  # the record: the path


def test_codebook_round_trips_csv_and_qdc(doc, tmp_path):
    from lxml import etree

    project, _ = doc
    books.create_tag(project, "정책 / 규제", color="#E15759", description="법·제도")
    books.create_tag(project, "예산")
    for name in ("book.csv", "book.qdc"):
        assert books.export_codebook(project, tmp_path / name) == 3
    root = etree.fromstring((tmp_path / "book.qdc").read_bytes())
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    assert (tmp_path / "book.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    from workbench.services.projects import open_project

    for name in ("book.csv", "book.qdc"):
        other = open_project(tmp_path / f"other-{name}")
        assert books.import_codebook(other, tmp_path / name).value == 3
        tags = {t.path: t for t in books.codebook(other)}
        assert tags["정책 / 규제"].color == "#E15759" and tags["정책 / 규제"].description == "법·제도"


def test_reingest_reanchors_and_reports(doc):
    project, path = doc
    kept = svc.tag_passage(project, "memo.txt", ["A"], quote="인공지능 기본법 시행령").value
    edited = svc.tag_passage(project, "memo.txt", ["B"], quote="정부는 110억원을 투입해 과제별 지원을 확대한다고 밝혔다.").value
    deleted = svc.tag_passage(project, "memo.txt", ["C"], quote="전문가들은 규제 완화가 필요하다고 봤다.").value
    new_text = ("[속보] 앞에 새 문단.\n\n" + TEXT.replace("110억원을 투입해 과제별 지원을", "120억원을 투입해 과제 지원을")
                .split("제3장")[0])
    path.write_text(new_text, encoding="utf-8")
    report = run_job(ingest(project, [path], index=False))
    assert report.annotations() == {"moved": 2, "orphaned": 1}
    assert "2 annotations moved, 1 orphaned" in report.files[0].message
    rows = {r.id: r for r in svc.list_annotations(project)}
    assert len(rows) == 3  # nothing dropped
    assert rows[kept.id].status == "moved" and new_text[rows[kept.id].start:rows[kept.id].end] == "인공지능 기본법 시행령"
    assert rows[edited.id].status == "moved" and "120억원" in new_text[rows[edited.id].start:rows[edited.id].end]
    assert rows[deleted.id].status == "orphaned"
    assert [r.id for r in svc.list_annotations(project, status="orphaned")] == [deleted.id]
    fixed = svc.reattach(project, deleted.id, 0, 4).value
    assert fixed.status == "anchored" and fixed.quote == new_text[0:4]


def test_tag_filter_in_search(doc):
    project, _ = doc
    svc.tag_passage(project, "memo.txt", ["예산"], quote="110억원을 투입해")
    assert search_in_step(project, "tag:예산").total == 1
    assert search_in_step(project, "tag:예산 정부").total == 1
    assert search_in_step(project, "tag:예산 인공지능").total == 0
    with pytest.raises(WorkbenchError, match="No tag"):
        search_in_step(project, "tag:없음")  # said, not silently nothing
    svc.tag_passage(project, "memo.txt", ["전망"], quote="규제 완화", note="추가 검토 필요")
    assert search_in_step(project, "note:검토").total == 1
    assert search_in_step(project, "note:검토 규제").total == 1
    assert search_in_step(project, "note:없는말").total == 0


def test_cli_tag_annotations_codebook(doc):
    project, _ = doc

    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "workbench", *args, "--project", str(project.root), "--json"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    row = run("tag", "memo.txt", "--quote", "인공지능 기본법", "--tag", "규제", "--tag", "정책", "--note", "메모")
    assert row["quote"] == "인공지능 기본법" and row["tags"] == ["규제", "정책"]
    [listed] = run("annotations", "--tag", "규제")
    assert {"id", "doc_id", "start", "end", "quote", "tags", "note", "status"} <= listed.keys()
    assert listed["status"] == "anchored"
    assert {t["path"] for t in run("codebook")} == {"규제", "정책"}


WRITER = """
import sys
from workbench.services.projects import open_project
from workbench.services import annotations as svc
from workbench.services import codebook as books
project = open_project(sys.argv[1])
n = 0
while True:
    svc.tag_passage(project, "memo.txt", [f"tag{n % 7}", "bulk"], start=n % 50, end=n % 50 + 10, note="x" * 200)
    n += 1
    if n == 20:
        print("writing", flush=True)
"""


@pytest.mark.slow
def test_killed_writer_leaves_a_consistent_database(doc):
    project, _ = doc
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(project.root)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    conn = sqlite3.connect(project.db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = conn.execute("SELECT COUNT(*) FROM annotations").fetchone()[0]
    assert count >= 20
    # Every annotation has both its tags: each one was written in one transaction.
    assert conn.execute("SELECT COUNT(*) FROM annotations a WHERE (SELECT COUNT(*) FROM annotation_tags t "
                        "WHERE t.annotation_id = a.id) != 2").fetchone()[0] == 0
    conn.close()
    svc.tag_passage(project, "memo.txt", ["after"], quote="업계는")  # the lock died with the writer
