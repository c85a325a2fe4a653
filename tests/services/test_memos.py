"""Memos (issue 25): a project journal of dated entries with their authors,
one memo per document and one per tag (beside the tag's definition, its
description), with who wrote and changed each and when; a v10 project
migrates to v11 and keeps its data."""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest

from workbench.core.errors import WorkbenchError
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services import memos
from workbench.services.analyst import set_analyst
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.store import schema
from workbench.store.documents import DocumentRepository

TEXT = "과학기술정보통신부는 인공지능 기본법 시행령을 발표했다.\n\n전문가들은 규제 완화가 필요하다고 봤다."


@pytest.fixture
def doc(project, tmp_path):
    path = tmp_path / "기사.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path], index=False, entities=False))
    set_analyst(project, "김분석")
    return project


def _doc_id(project) -> int:
    conn = project.connect()
    try:
        return DocumentRepository(conn).list()[0].id
    finally:
        conn.close()


def test_a_document_memo_keeps_its_author_and_who_changed_it_and_empty_deletes_it(doc):
    doc_id = _doc_id(doc)
    outcome = memos.set_document_memo(doc, doc_id, "  검토 필요: 시행령 초안과 비교\n")
    assert outcome.changes.memos and not outcome.changes.codebook
    first = outcome.value
    assert (first.text, first.author, first.modifier) == ("검토 필요: 시행령 초안과 비교", "김분석", "김분석")
    assert first.created_at == first.updated_at and first.created_at.endswith("+00:00")
    set_analyst(doc, "이검토")
    second = memos.set_document_memo(doc, "기사.txt", "검토 끝").value  # by file name, as the CLI names it
    assert (second.id, second.author, second.modifier, second.created_at) == (first.id, "김분석", "이검토",
                                                                            first.created_at)
    assert memos.memo_documents(doc) == {doc_id: "검토 끝"}
    assert memos.set_document_memo(doc, doc_id, "").value is None
    assert memos.document_memo(doc, doc_id) is None and memos.memo_documents(doc) == {}


def test_a_memo_is_stored_nfc(doc):
    decomposed = unicodedata.normalize("NFD", "검토")
    memo = memos.set_document_memo(doc, _doc_id(doc), decomposed).value
    assert memo.text == "검토" and len(memo.text) == 2


def test_the_journal_is_a_list_of_dated_entries_each_with_its_author(doc):
    first = memos.add_journal_entry(doc, "코딩 원칙: 규제는 법령 언급만").value
    set_analyst(doc, "이검토")
    second = memos.add_journal_entry(doc, "둘째 날: 전망 태그 추가").value
    entries = memos.journal(doc)
    assert [(e.text, e.author) for e in entries] == [("코딩 원칙: 규제는 법령 언급만", "김분석"),
                                                     ("둘째 날: 전망 태그 추가", "이검토")]
    edited = memos.edit_journal_entry(doc, first.id, "코딩 원칙: 규제는 법령 언급만 (수정)").value
    assert (edited.author, edited.modifier) == ("김분석", "이검토")
    gone = memos.delete_journal_entry(doc, second.id).value
    assert [e.id for e in memos.journal(doc)] == [first.id]
    back = memos.restore_memo(doc, gone).value
    assert (back.id, back.text, back.author, back.created_at) == (second.id, gone.text, "이검토", gone.created_at)
    with pytest.raises(WorkbenchError) as empty:
        memos.add_journal_entry(doc, "   ")
    assert empty.value.message_ko == "일지 항목에 내용을 적어야 합니다"


def test_a_tags_definition_is_its_description_and_its_memo_sits_beside_it(doc):
    books.create_tag(doc, "정책 / 규제")
    outcome = memos.set_tag_memo(doc, "규제", "법령 언급과 헷갈림 — 다음 회의에서", definition="법령·시행령의 규제 조항")
    assert outcome.changes.memos and outcome.changes.codebook
    assert {t.path: t.description for t in books.codebook(doc)}["정책 / 규제"] == "법령·시행령의 규제 조항"
    tag_id = next(t.id for t in books.codebook(doc) if t.path == "정책 / 규제")
    assert memos.tag_memos(doc)[tag_id].text == "법령 언급과 헷갈림 — 다음 회의에서"
    only_memo = memos.set_tag_memo(doc, "정책 / 규제", "정리됨")
    assert not only_memo.changes.codebook  # the definition was left as it was
    snapshot = books.codebook_snapshot(doc)
    books.delete_tag(doc, "정책 / 규제")
    assert tag_id not in memos.tag_memos(doc) and all(v.target != "정책 / 규제" for v in memos.list_memos(doc))
    books.restore_codebook(doc, snapshot)  # undoing the delete brings the memo back with the tag
    assert memos.tag_memos(doc)[tag_id].text == "정리됨"
    with pytest.raises(WorkbenchError):
        memos.set_tag_memo(doc, "없는 태그", "x")


def test_list_memos_names_each_memos_target_and_a_removed_document_takes_its_memo(doc, tmp_path):
    books.create_tag(doc, "전망")
    memos.set_tag_memo(doc, "전망", "미래 예측 문장")
    memos.set_document_memo(doc, _doc_id(doc), "문서 메모")
    memos.add_journal_entry(doc, "일지")
    assert [(v.memo.kind, v.target, v.memo.text) for v in memos.list_memos(doc)] == [
        ("project", "", "일지"), ("document", TEXT.split("\n")[0], "문서 메모"), ("tag", "전망", "미래 예측 문장")]
    with doc.writing() as conn:
        conn.execute("DELETE FROM documents")
    assert [v.memo.kind for v in memos.list_memos(doc)] == ["project", "tag"]
    conn = doc.connect()
    try:
        assert conn.execute("SELECT COUNT(*) FROM memos WHERE kind = 'document'").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_v10_project_migrates_to_v11_and_keeps_its_data(tmp_path):
    """A project as v10 left it (documents, codebook, a tagged passage) opens
    at v11 with everything in place and an empty memos table to write to."""
    root = tmp_path / "old"
    root.mkdir()
    conn = sqlite3.connect(root / "workbench.sqlite", isolation_level=None)
    schema.migrate(conn, up_to=10)
    assert schema.version(conn) == 10
    conn.execute("INSERT INTO documents (id, source, title, format, size_bytes, file_sha256, text_sha256, text, "
                 "chars, sections, ingested_at, updated_at) VALUES (1, '/x/a.txt', '옛 문서', 'txt', 9, 'f', 't', "
                 "'규제 완화 논의', 8, 0, '2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO tags (id, name, color, description, created_at) VALUES "
                 "(1, '규제', '#4E79A7', '규제 조항', '2024-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO annotations (id, doc_id, start, end, quote, text_sha256, note, created_at, updated_at) "
                 "VALUES (1, 1, 0, 2, '규제', 't', '메모', '2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO annotation_tags (annotation_id, tag_id, tag_name) VALUES (1, 1, '규제')")
    conn.close()

    project = open_project(root)
    conn = project.connect()
    try:
        assert schema.version(conn) == schema.LATEST == 11
        assert conn.execute("SELECT COUNT(*) FROM memos").fetchone()[0] == 0
    finally:
        conn.close()
    [row] = svc.list_annotations(project)
    assert (row.quote, row.tags, row.note) == ("규제", ["규제"], "메모")
    assert [(t.path, t.description) for t in books.codebook(project)] == [("규제", "규제 조항")]
    memos.set_document_memo(project, 1, "옮겨 온 프로젝트")
    assert memos.memo_documents(project) == {1: "옮겨 온 프로젝트"}


def test_a_new_tag_that_takes_a_deleted_tag_s_id_does_not_show_its_memo(project):
    """SQLite gives a new row the highest id deleted; the deleted tag's memo
    (kept so an undo of the delete brings it back) was shown on the new tag."""
    from workbench.services.codebook import create_tag, delete_tag
    from workbench.services.memos import set_tag_memo, tag_memo

    old = create_tag(project, "임시").value
    set_tag_memo(project, old.id, "임시 태그에 대한 메모")
    delete_tag(project, "임시")
    new = create_tag(project, "새 태그").value
    assert new.id != old.id  # SQLite would have given it old.id
    assert tag_memo(project, new.id) is None
    conn = project.connect()
    try:  # still there for the delete's undo
        assert conn.execute("SELECT text FROM memos WHERE kind = 'tag' AND target_id = ?", (old.id,)).fetchone()[0] \
            == "임시 태그에 대한 메모"
    finally:
        conn.close()
