"""Schema versions and migrations of the project database.

``PRAGMA user_version`` holds the version. Each migration runs in one
transaction with the version bump, so a crash mid-migration leaves the old
version intact. A database newer than this program is refused, never
"downgraded".
"""

from __future__ import annotations

import sqlite3

from workbench.core.errors import SchemaTooNewError

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    format       TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    file_sha256  TEXT NOT NULL,
    text_sha256  TEXT NOT NULL,
    encoding     TEXT,
    text         TEXT NOT NULL,
    chars        INTEGER NOT NULL,
    sections     INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    missing      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE blocks (
    id       INTEGER PRIMARY KEY,
    doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    level    INTEGER NOT NULL DEFAULT 0,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    section  TEXT NOT NULL DEFAULT '[]',
    meta     TEXT NOT NULL DEFAULT '{}',
    UNIQUE (doc_id, seq),
    CHECK (start <= end)
);
CREATE INDEX blocks_doc ON blocks (doc_id, start);
CREATE TABLE ingest_log (
    id       INTEGER PRIMARY KEY,
    run_at   TEXT NOT NULL,
    source   TEXT NOT NULL,
    status   TEXT NOT NULL,
    code     TEXT,
    message  TEXT NOT NULL DEFAULT ''
);
"""

# v2: a project's own aliases (names of the same thing), added by the user.
_V2 = """
CREATE TABLE user_aliases (
    id         INTEGER PRIMARY KEY,
    canonical  TEXT NOT NULL,
    type       TEXT NOT NULL DEFAULT 'ORG',
    aliases    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
"""

# v3: entity mentions found at ingest, and the analyst's corrections to them.
_V3 = """
CREATE TABLE entities (
    id        INTEGER PRIMARY KEY,
    doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    type      TEXT NOT NULL,
    canonical TEXT NOT NULL,
    evidence  TEXT NOT NULL,
    CHECK (start < end)
);
CREATE INDEX entities_doc ON entities (doc_id, start);
CREATE INDEX entities_name ON entities (canonical, type);
CREATE TABLE entity_edits (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    value      TEXT NOT NULL DEFAULT '',
    doc_id     INTEGER,
    start      INTEGER,
    end        INTEGER,
    quote      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
ALTER TABLE documents ADD COLUMN entities_sha TEXT NOT NULL DEFAULT '';
"""

# v4: the codebook and tagged passages. A deleted tag leaves its name on the
# passages that had it (tag_name), so nothing an analyst coded disappears.
_V4 = """
CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES tags(id) ON DELETE SET NULL,
    color       TEXT NOT NULL DEFAULT '#4E79A7',
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX tags_parent ON tags (parent_id);
CREATE TABLE annotations (
    id          INTEGER PRIMARY KEY,
    doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    text_sha256 TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'anchored',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (start <= end)
);
CREATE INDEX annotations_doc ON annotations (doc_id, start);
CREATE TABLE annotation_tags (
    annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    tag_id        INTEGER REFERENCES tags(id) ON DELETE SET NULL,
    tag_name      TEXT NOT NULL
);
CREATE INDEX annotation_tags_annotation ON annotation_tags (annotation_id);
CREATE INDEX annotation_tags_tag ON annotation_tags (tag_id);
"""


def _v5(conn: sqlite3.Connection) -> None:
    """v5: a tag is its place in the tree, so two siblings can no longer share a
    name. Tags are referred to by id everywhere; the path is only a display
    name. Siblings that already share a name are kept (none is merged: their
    passages stay apart) and the later ones renamed "name (2)", "name (3)"."""
    rows = conn.execute("SELECT id, COALESCE(parent_id, 0) AS parent, name FROM tags ORDER BY id").fetchall()
    taken = {(r[1], r[2]) for r in rows}
    seen: set[tuple[int, str]] = set()
    for tag_id, parent, name in rows:
        if (parent, name) not in seen:
            seen.add((parent, name))
            continue
        n = 2
        while (parent, f"{name} ({n})") in taken:
            n += 1
        new = f"{name} ({n})"
        taken.add((parent, new))
        seen.add((parent, new))
        conn.execute("UPDATE tags SET name = ? WHERE id = ?", (new, tag_id))
        conn.execute("UPDATE annotation_tags SET tag_name = ? WHERE tag_id = ?", (new, tag_id))
    conn.execute("CREATE UNIQUE INDEX tags_sibling_name ON tags (COALESCE(parent_id, 0), name)")


# v6: what a file says about itself (title, author, dates… as JSON) and how its
# text was obtained ("" from the file's own text, "ocr" by OCR).
_V6 = """
ALTER TABLE documents ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
ALTER TABLE documents ADD COLUMN extraction TEXT NOT NULL DEFAULT '';
"""



def _v7(conn: sqlite3.Connection) -> None:
    """v7: the analyst's corrections to a document's date, publisher, author,
    URL and type, one row per document and field, kept apart from what the
    file and the text say so that re-ingesting a file (which keeps its
    document id) never loses them. Documents stored before get their date,
    publisher, author, URL and type read from their text now."""
    conn.execute("""CREATE TABLE document_meta_edits (
        doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        field      TEXT NOT NULL,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, field)
    )""")
    from workbench.store.metadata import backfill_inferred

    backfill_inferred(conn)


def _v8(conn: sqlite3.Connection) -> None:
    """v8: the project's own id, made once and never changed. REFI-QDA GUIDs
    are derived from it and the row's id (core.ids), so a tag keeps its GUID
    across exports and in both the .qdc and the .qdpx, and another tool that
    re-imports an export updates its codes instead of duplicating them."""
    import uuid

    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('project_id', ?)", (str(uuid.uuid4()),))


# v9: who tagged a passage and who last changed it, by name as exports give
# it in REFI-QDA <Users>. "" (rows made before v9) means the project's analyst
# at the time of export, which is who made them: Workbench had one analyst.
_V9 = """
ALTER TABLE annotations ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE annotations ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
"""


# v10: who applied each tag to a passage and when. A passage can carry tags
# from two analysts (one adds a tag to a colleague's passage, or a REFI-QDA
# file's <Coding> names its own coder); agreement between coders and the
# export's <Coding creatingUser> need the tag's own. "" (rows from before v10)
# means the passage's creator and creation time.
_V10 = """
ALTER TABLE annotation_tags ADD COLUMN applied_by TEXT NOT NULL DEFAULT '';
ALTER TABLE annotation_tags ADD COLUMN applied_at TEXT NOT NULL DEFAULT '';
"""


# v11: memos — the project journal (kind "project": dated entries, each with
# its author), one memo per document and one per tag (a tag's definition stays
# its description, in tags.description: the memo is the analyst's dated
# thinking about it). Who wrote and last changed each, and when, travel to
# REFI-QDA as a <Note>'s users and dates; ``guid`` keeps the <Note>'s GUID an
# import brought, so the next export gives it back. A removed document takes
# its memo with it; a deleted tag's memo stays, so undoing the delete brings
# both back (memos of tags that no longer exist are not listed).
_V11 = """
CREATE TABLE memos (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('project', 'document', 'tag')),
    target_id  INTEGER NOT NULL DEFAULT 0,
    text       TEXT NOT NULL,
    author     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    guid       TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX memos_target ON memos (kind, target_id) WHERE kind != 'project';
CREATE INDEX memos_kind ON memos (kind, created_at);
CREATE TRIGGER memos_document_gone AFTER DELETE ON documents BEGIN
    DELETE FROM memos WHERE kind = 'document' AND target_id = OLD.id;
END;
"""


# Index i holds the step that takes the database from version i to i + 1: an
# SQL script, or a function for steps that must look at the data.
MIGRATIONS: list = [_V1, _V2, _V3, _V4, _v5, _V6, _v7, _v8, _V9, _V10, _V11]
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, up_to: int | None = None) -> int:
    """Bring the database to :data:`LATEST` (tests stop at ``up_to`` to make a
    project as an older version left it); returns the version it was at."""
    start = version(conn)
    if start > LATEST:
        raise SchemaTooNewError(
            f"This project was written by a newer Workbench (schema {start}, this version reads up to {LATEST}); "
            "update Workbench to open it",
            f"더 새로운 버전의 Workbench로 만든 프로젝트입니다(스키마 {start}, 이 버전은 {LATEST}까지). "
            "Workbench를 업데이트하세요",
        )
    for target in range(start, LATEST if up_to is None else up_to):
        conn.execute("BEGIN IMMEDIATE")
        try:
            step = MIGRATIONS[target]
            if callable(step):
                step(conn)
            else:
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


def _statements(script: str) -> list[str]:
    """Split a migration script; executescript() would commit on its own."""
    out, current = [], []
    for line in script.splitlines():
        current.append(line)
        if sqlite3.complete_statement("\n".join(current)):
            out.append("\n".join(current).strip())
            current = []
    return [s for s in out if s]
