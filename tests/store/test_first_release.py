"""A project made by the first release opens with today's code and loses
nothing: its documents, codebook, tagged passages (at the same text), notes,
aliases and entity corrections survive every migration since (v4 → latest),
search works once the derived index is rebuilt, and an export runs.

The project is tests/fixtures/projects/first-release-v4.sql, written by the
first release's own code (see the README beside it)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import ROOT
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.export import export_briefing
from workbench.services.projects import open_project
from workbench.store import schema
from workbench.store.documents import DocumentRepository

DUMP = ROOT / "tests" / "fixtures" / "projects" / "first-release-v4.sql"


@pytest.fixture
def old_project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    conn = sqlite3.connect(root / "workbench.sqlite")
    conn.executescript(DUMP.read_text(encoding="utf-8"))
    conn.commit()
    assert schema.version(conn) == 4
    conn.close()
    return root


def test_a_first_release_project_opens_with_everything_the_analyst_made(old_project):
    project = open_project(old_project)
    conn = project.connect()
    try:
        assert schema.version(conn) == schema.LATEST
        docs = DocumentRepository(conn)
        texts = {info.id: docs.text(info.id) for info in docs.list()}
        aliases = [tuple(r) for r in conn.execute("SELECT canonical, aliases FROM user_aliases")]
        edits = {(r[0], r[1]) for r in conn.execute("SELECT action, name FROM entity_edits")}
        rejected = conn.execute("SELECT COUNT(*) FROM entities WHERE canonical = '코엑스'").fetchone()[0]
    finally:
        conn.close()
    assert len(texts) == 2
    assert ("행안부", "행정안전부") in aliases and ("한국IT서비스산업협회", "") in aliases
    assert ("reject_name", "코엑스") in edits and rejected == 0  # the added entity is a user alias (above)
    book = {t.path: (t.color, t.description) for t in books.codebook(project)}
    assert book["정책 / 공공 AI"] == ("#E15759", "공공부문 인공지능 사업")
    assert book["산업"][0] == "#59A14F"
    rows = {r.quote: r for r in svc.list_annotations(project)}
    assert set(rows) == {"한국형 정부 전용 초거대 AI 구축", "오픈AI 코리아의 화려한 출범"}
    for row in rows.values():  # still on the text the analyst tagged, anchored
        assert texts[row.doc_id][row.start:row.end] == row.quote and row.status == "anchored"
        assert row.created_by == ""  # tagged before who-tagged was kept: the project's analyst
    assert rows["한국형 정부 전용 초거대 AI 구축"].note == "핵심 사업"
    assert rows["오픈AI 코리아의 화려한 출범"].tags == ["산업", "정책 / 공공 AI"]


@pytest.mark.slow
def test_a_first_release_project_searches_and_exports(old_project, tmp_path, capsys):
    from workbench.cli.main import main

    assert main(["search", "행정안전부 OR 초거대", "--project", str(old_project), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] >= 1 and any("초거대" in hit["snippet"] for hit in found["hits"])
    assert main(["search", "tag:산업", "--project", str(old_project), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1
    project = open_project(old_project)
    export_briefing(project, tmp_path / "b.xlsx")
    export_briefing(project, tmp_path / "b.qdpx")
    assert (tmp_path / "b.xlsx").stat().st_size > 0 and (tmp_path / "b.qdpx").stat().st_size > 0
