"""Every project has its own id (schema v8), made once: exported GUIDs are
derived from it, so it must survive reopening and reach older projects."""

from __future__ import annotations

import sqlite3
import uuid

from workbench.services.projects import open_project
from workbench.store import schema
from workbench.store.project import project_uuid


def _ids(project) -> list[str]:
    conn = project.connect()
    try:
        return [r[0] for r in conn.execute("SELECT value FROM meta WHERE key = 'project_id'")]
    finally:
        conn.close()


def test_a_new_project_has_an_id_that_stays(tmp_path):
    project = open_project(tmp_path / "p")
    [first] = _ids(project)
    assert uuid.UUID(first)
    assert _ids(open_project(tmp_path / "p")) == [first]
    conn = project.connect()
    try:
        assert project_uuid(conn) == uuid.UUID(first)
    finally:
        conn.close()


def test_an_older_project_opens_and_gets_one(tmp_path):
    root = tmp_path / "old"
    root.mkdir()
    conn = sqlite3.connect(root / "workbench.sqlite")
    schema.migrate(conn, up_to=7)  # a project written by the version before v8
    conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', '2024-01-01T00:00:00+00:00')")
    conn.commit()
    assert conn.execute("SELECT COUNT(*) FROM meta WHERE key = 'project_id'").fetchone()[0] == 0
    conn.close()
    project = open_project(root)
    conn = project.connect()
    try:
        assert schema.version(conn) == schema.LATEST >= 8
    finally:
        conn.close()
    [made] = _ids(project)
    assert _ids(open_project(root)) == [made]  # made once, not on every open
    projects = {made, _ids(open_project(tmp_path / "another"))[0]}
    assert len(projects) == 2  # two projects never share one


def test_passages_from_before_v9_keep_no_coder_and_export_as_the_analyst(tmp_path):
    """v9 adds who tagged a passage; older passages get "" (the project's
    analyst, who made them), never a guess."""
    root = tmp_path / "old"
    root.mkdir()
    conn = sqlite3.connect(root / "workbench.sqlite")
    schema.migrate(conn, up_to=8)
    conn.execute("INSERT INTO documents (id, source, title, format, size_bytes, file_sha256, text_sha256, text, "
                 "chars, sections, ingested_at, updated_at) VALUES (1, '/a.txt', 'a', 'txt', 3, 'x', 'y', 'abc', "
                 "3, 0, 't', 't')")
    conn.execute("INSERT INTO annotations (id, doc_id, start, end, quote, text_sha256, created_at, updated_at) "
                 "VALUES (1, 1, 0, 2, 'ab', 'y', '2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    from workbench.services.annotations import list_annotations

    [row] = list_annotations(open_project(root))
    assert (row.created_by, row.updated_by, row.created_at) == ("", "", "2024-01-01T00:00:00+00:00")
