"""Entity mentions and corrections in the project database."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

from workbench.store.project import now_iso


@dataclass(frozen=True, slots=True)
class StoredMention:
    doc_id: int
    start: int
    end: int
    text: str
    type: str
    canonical: str
    evidence: str

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "text": self.text, "type": self.type, "start": self.start,
                "end": self.end, "canonical": self.canonical, "evidence": self.evidence}


def mentions_sha(rows: list[tuple]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(row).encode("utf-8"))
    return digest.hexdigest()[:16]


class EntityRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def replace(self, doc_id: int, mentions) -> bool:
        """Store a document's mentions; True if they differ from what was stored."""
        rows = [(m.start, m.end, m.text, m.type.value if hasattr(m.type, "value") else m.type, m.canonical,
                 m.evidence) for m in mentions]
        sha = mentions_sha(rows)
        old = self.conn.execute("SELECT entities_sha FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if old is not None and old[0] == sha:
            return False
        self.conn.execute("DELETE FROM entities WHERE doc_id = ?", (doc_id,))
        self.conn.executemany(
            "INSERT INTO entities (doc_id, start, end, text, type, canonical, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, *row) for row in rows],
        )
        self.conn.execute("UPDATE documents SET entities_sha = ? WHERE id = ?", (sha, doc_id))
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('content_version', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )
        return True

    def mentions(self, doc_id: int) -> list[StoredMention]:
        rows = self.conn.execute(
            "SELECT doc_id, start, end, text, type, canonical, evidence FROM entities WHERE doc_id = ? ORDER BY start",
            (doc_id,),
        ).fetchall()
        return [StoredMention(*r) for r in rows]

    def facets(self, doc_id: int | None = None, kind: str | None = None) -> list[dict]:
        where, args = [], []
        if doc_id is not None:
            where.append("doc_id = ?")
            args.append(doc_id)
        if kind:
            where.append("type = ?")
            args.append(kind)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        rows = self.conn.execute(
            f"SELECT type, canonical, COUNT(*) AS mentions, COUNT(DISTINCT doc_id) AS documents, "
            f"GROUP_CONCAT(DISTINCT doc_id) AS doc_ids FROM entities {clause} "
            f"GROUP BY type, canonical ORDER BY mentions DESC, canonical",
            args,
        ).fetchall()
        return [{"type": r["type"], "canonical": r["canonical"], "mentions": r["mentions"],
                 "documents": r["documents"], "doc_ids": sorted(int(x) for x in (r["doc_ids"] or "").split(",") if x)}
                for r in rows]

    def type_counts(self, doc_id: int | None = None) -> dict[str, int]:
        clause, args = ("WHERE doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        rows = self.conn.execute(f"SELECT type, COUNT(*) FROM entities {clause} GROUP BY type", args).fetchall()
        return {r[0]: r[1] for r in rows}

    # --- corrections ------------------------------------------------------------

    def add_edit(self, action: str, name: str = "", value: str = "", doc_id: int | None = None,
                 start: int | None = None, end: int | None = None, quote: str = "") -> int:
        cur = self.conn.execute(
            "INSERT INTO entity_edits (action, name, value, doc_id, start, end, quote, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (action, name, value, doc_id, start, end, quote, now_iso()),
        )
        return int(cur.lastrowid)

    def edits(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT id, action, name, value, doc_id, start, end, quote FROM entity_edits ORDER BY id"
        ).fetchall()
