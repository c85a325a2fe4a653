"""Who applied each tag to a passage, and when: a colleague who adds a tag
to an analyst's passage is that tag's coder, and undo, codebook undo and a
project from before the column keep it right."""

from __future__ import annotations

import sqlite3

import pytest

from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.analyst import set_analyst
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.store import schema

TEXT = "과학기술정보통신부는 인공지능 기본법 시행령을 발표했다.\n\n전문가들은 규제 완화가 필요하다고 봤다. 😀 끝."


@pytest.fixture
def doc(project, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path], index=False))
    return project


def _applied(row) -> dict[str, str]:
    return {a["tag"]: a["by"] for a in row.to_json()["tag_applied"]}


def test_a_colleagues_tag_is_theirs_and_the_first_tag_stays_the_authors(doc):
    set_analyst(doc, "김분석")
    a = svc.tag_passage(doc, "memo.txt", ["규제"], quote="규제 완화").value
    set_analyst(doc, "이검토")
    edited = svc.update_annotation(doc, a.id, tags=["규제", "전망"]).value
    assert _applied(edited) == {"규제": "김분석", "전망": "이검토"}
    assert edited.created_by == "김분석" and edited.updated_by == "이검토"
    by_tag = dict(zip(edited.tags, edited.tag_applied))
    assert by_tag["규제"][1] == a.created_at  # when the author tagged it, not when the colleague edited
    assert by_tag["전망"][1] >= a.created_at
    # The panel's rows say the same, with names resolved.
    row = svc.annotation_table(doc)[0]
    assert {x["tag"]: x["by"] for x in row["tag_applied"]} == {"규제": "김분석", "전망": "이검토"}


def test_undo_of_a_delete_and_of_a_codebook_change_keep_who_applied_each_tag(doc):
    set_analyst(doc, "김분석")
    a = svc.tag_passage(doc, "memo.txt", ["규제"], quote="인공지능 기본법").value
    set_analyst(doc, "이검토")
    before = svc.update_annotation(doc, a.id, tags=["규제", "AI"]).value
    gone = svc.delete_annotation(doc, a.id).value
    set_analyst(doc, "박제삼")  # whoever presses undo does not become the coder
    back = svc.restore_annotation(doc, gone).value
    assert back.tag_applied == before.tag_applied and _applied(back) == {"AI": "이검토", "규제": "김분석"}
    snapshot = books.codebook_snapshot(doc)
    tag = next(t for t in books.codebook(doc) if t.path == "AI")
    books.delete_tag(doc, "AI")
    books.restore_codebook(doc, snapshot)
    assert svc.get_annotation(doc, a.id).tag_applied == before.tag_applied


def test_a_project_from_before_v10_reads_the_passages_creator_as_every_tags_coder(doc, tmp_path):
    conn = sqlite3.connect(tmp_path / "v9.sqlite")
    schema.migrate(conn, up_to=9)
    schema.migrate(conn)
    columns = {r[1]: r[4] for r in conn.execute("PRAGMA table_info(annotation_tags)")}
    assert columns["applied_by"] == columns["applied_at"] == "''"  # what rows from before v10 read
    set_analyst(doc, "옛분석")
    a = svc.tag_passage(doc, "memo.txt", ["규제"], quote="규제 완화").value
    with doc.writing() as writing:  # as the migration leaves a row tagged before v10
        writing.execute("UPDATE annotation_tags SET applied_by = '', applied_at = ''")
    row = svc.get_annotation(doc, a.id)
    assert row.applied(0) == ("옛분석", a.created_at)
    assert row.to_json()["tag_applied"] == [{"tag": "규제", "by": "옛분석", "at": a.created_at}]
