"""A document's date, publisher, author, URL and type: what the file and its
text say (``documents.metadata``, written at ingest) and the analyst's
corrections (``document_meta_edits``, one row per document and field).

The *effective* value of a field is the analyst's, else the stored one; each
comes with where it came from ("analyst", "file" or "inferred"). Services,
search filters, exports and charts all read it through
:func:`effective_metadata`, so an edit counts everywhere at once, without
re-indexing. Callers own transactions.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.corpus.doc_meta import (
    ANALYST, FIELDS, HEAD_CHARS, INFERRED_KEY, TAIL_CHARS, doc_type_label, infer_with_sources, merge_metadata,
    stored_sources,
)
from workbench.store.project import now_iso


@dataclass(slots=True)
class DocumentMeta:
    """One document's effective metadata."""

    doc_id: int
    values: dict[str, str] = field(default_factory=dict)  # field → effective value (present fields only)
    sources: dict[str, str] = field(default_factory=dict)  # field → "analyst" | "file" | "inferred"
    stored: dict[str, str] = field(default_factory=dict)  # everything the file and the text gave (title, keywords…)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def source(self, name: str) -> str:
        return self.sources.get(name, "")

    @property
    def date(self) -> str:
        return self.get("date")

    @property
    def publisher(self) -> str:
        return self.get("publisher")

    @property
    def author(self) -> str:
        return self.get("author")

    @property
    def url(self) -> str:
        return self.get("url")

    @property
    def doc_type(self) -> str:
        return self.get("doc_type")

    def automatic(self, name: str) -> str:
        """What the file or the text says, whatever the analyst wrote."""
        return self.stored.get(name, "")

    def type_label(self, language: str = "en") -> str:
        return doc_type_label(self.doc_type, language) if self.doc_type else ""

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, **{name: self.get(name) for name in FIELDS},
                "sources": {name: self.sources[name] for name in FIELDS if name in self.sources},
                "file_metadata": {k: v for k, v in self.stored.items() if k not in FIELDS and k != INFERRED_KEY}}


def _meta(raw: str | None) -> dict[str, str]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class MetadataEditRepository:
    """The analyst's corrections, by document and field."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def set(self, doc_id: int, name: str, value: str) -> None:
        self.conn.execute(
            """INSERT INTO document_meta_edits (doc_id, field, value, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT(doc_id, field) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""",
            (doc_id, name, value, now_iso()))

    def clear(self, doc_id: int, name: str) -> bool:
        return self.conn.execute("DELETE FROM document_meta_edits WHERE doc_id = ? AND field = ?",
                                 (doc_id, name)).rowcount > 0

    def edits(self, doc_ids: Iterable[int] | None = None) -> dict[int, dict[str, str]]:
        out: dict[int, dict[str, str]] = {}
        for row in _rows(self.conn, "SELECT doc_id, field, value FROM document_meta_edits", doc_ids):
            out.setdefault(row[0], {})[row[1]] = row[2]
        return out


def _rows(conn: sqlite3.Connection, sql: str, doc_ids: Iterable[int] | None, column: str = "doc_id"):
    if doc_ids is None:
        return conn.execute(sql).fetchall()
    ids = sorted({int(i) for i in doc_ids})
    rows = []
    for i in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[i:i + 500]
        rows += conn.execute(f"{sql} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    return rows


def effective_metadata(conn: sqlite3.Connection, doc_ids: Iterable[int] | None = None) -> dict[int, DocumentMeta]:
    """Every (or the given) document's effective metadata: the analyst's edit of a
    field, else what the file or its text gave."""
    edits = MetadataEditRepository(conn).edits(doc_ids)
    out: dict[int, DocumentMeta] = {}
    for doc_id, raw in _rows(conn, "SELECT id, metadata FROM documents", doc_ids, "id"):
        stored = _meta(raw)
        sources = stored_sources(stored)
        meta = DocumentMeta(doc_id, {n: str(stored[n]) for n in sources}, dict(sources), stored)
        for name, value in edits.get(doc_id, {}).items():
            if name in FIELDS and value:
                meta.values[name] = value
                meta.sources[name] = ANALYST
        out[doc_id] = meta
    return out


def backfill_inferred(conn: sqlite3.Connection) -> int:
    """Read the date, publisher, author, URL and type from the text of documents
    stored before they were read at ingest (the v7 migration). Only the top and
    the bottom of each text are read, as at ingest. Returns how many changed."""
    rows = conn.execute(
        f"""SELECT id, source, title, metadata, length(text) AS n, substr(text, 1, {HEAD_CHARS}) AS head,
                   substr(text, -{TAIL_CHARS}) AS tail FROM documents""").fetchall()
    changed = 0
    for row in rows:
        stored = _meta(row[3])
        if INFERRED_KEY in stored:
            continue
        text = row[5] if row[4] <= HEAD_CHARS else row[5] + "\n" + row[6]
        try:
            found = infer_with_sources(text, [], stored, row[1], title=row[2])
        except Exception:  # a heuristic must never stop a project from opening
            continue
        conn.execute("UPDATE documents SET metadata = ? WHERE id = ?",
                     (json.dumps(merge_metadata(stored, found), ensure_ascii=False), row[0]))
        changed += 1
    return changed
