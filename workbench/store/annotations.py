"""The codebook (tags) and tagged passages (annotations) in the database.

Callers own transactions: one user action (tag a passage, merge two tags)
is one transaction, so a crash loses at most the action in flight.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from workbench.store.project import now_iso


@dataclass(slots=True)
class TagRow:
    id: int
    name: str
    parent_id: int | None
    color: str
    description: str
    path: str = ""  # "Parent / Child"

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "parent_id": self.parent_id, "color": self.color,
                "description": self.description, "path": self.path}


@dataclass(slots=True)
class AnnotationRow:
    id: int
    doc_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    text_sha256: str
    note: str
    status: str
    created_at: str
    updated_at: str
    tags: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"id": self.id, "doc_id": self.doc_id, "start": self.start, "end": self.end, "quote": self.quote,
                "tags": self.tags, "note": self.note, "status": self.status, "created_at": self.created_at,
                "updated_at": self.updated_at}


class TagRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def list(self) -> list[TagRow]:
        rows = [TagRow(r["id"], r["name"], r["parent_id"], r["color"], r["description"])
                for r in self.conn.execute("SELECT id, name, parent_id, color, description FROM tags ORDER BY id")]
        by_id = {t.id: t for t in rows}
        for tag in rows:
            parts, seen, node = [tag.name], {tag.id}, tag
            while node.parent_id is not None and node.parent_id in by_id and node.parent_id not in seen:
                node = by_id[node.parent_id]
                seen.add(node.id)
                parts.append(node.name)
            tag.path = " / ".join(reversed(parts))
        return rows

    def add(self, name: str, parent_id: int | None, color: str, description: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO tags (name, parent_id, color, description, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, parent_id, color, description, now_iso()))
        return int(cur.lastrowid)

    def update(self, tag_id: int, **fields) -> None:
        for column in ("name", "parent_id", "color", "description"):
            if column in fields:
                self.conn.execute(f"UPDATE tags SET {column} = ? WHERE id = ?", (fields[column], tag_id))
        if "name" in fields:
            self.conn.execute("UPDATE annotation_tags SET tag_name = ? WHERE tag_id = ?", (fields["name"], tag_id))

    def delete(self, tag_id: int) -> None:
        self.conn.execute("UPDATE tags SET parent_id = (SELECT parent_id FROM tags WHERE id = ?) WHERE parent_id = ?",
                          (tag_id, tag_id))
        self.conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))

    def merge(self, source_id: int, target_id: int) -> int:
        """Move the source's passages to the target, then delete the source."""
        target = self.conn.execute("SELECT name FROM tags WHERE id = ?", (target_id,)).fetchone()[0]
        # Passages that already carry the target keep one row.
        self.conn.execute(
            "DELETE FROM annotation_tags WHERE tag_id = ? AND annotation_id IN "
            "(SELECT annotation_id FROM annotation_tags WHERE tag_id = ?)", (source_id, target_id))
        moved = self.conn.execute("UPDATE annotation_tags SET tag_id = ?, tag_name = ? WHERE tag_id = ?",
                                  (target_id, target, source_id)).rowcount
        self.delete(source_id)
        return moved

    def usage(self, tag_id: int) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM annotation_tags WHERE tag_id = ?", (tag_id,)).fetchone()[0]


class AnnotationRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, doc_id: int, start: int, end: int, quote: str, prefix: str, suffix: str, text_sha: str,
            note: str, tags: list[tuple[int, str]], created_at: str | None = None, annotation_id: int | None = None,
            status: str = "anchored") -> int:
        stamp = now_iso()
        cur = self.conn.execute(
            "INSERT INTO annotations (id, doc_id, start, end, quote, prefix, suffix, text_sha256, note, status, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (annotation_id, doc_id, start, end, quote, prefix, suffix, text_sha, note, status,
             created_at or stamp, stamp))
        new_id = int(cur.lastrowid)
        self.set_tags(new_id, tags)
        return new_id

    def set_tags(self, annotation_id: int, tags: list[tuple[int | None, str]]) -> None:
        self.conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
        self.conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id, tag_name) VALUES (?, ?, ?)",
                              [(annotation_id, tag_id, name) for tag_id, name in tags])

    def update(self, annotation_id: int, **fields) -> None:
        allowed = ("start", "end", "quote", "prefix", "suffix", "text_sha256", "note", "status")
        sets = [(k, v) for k, v in fields.items() if k in allowed]
        if sets:
            self.conn.execute(
                f"UPDATE annotations SET {', '.join(f'{k} = ?' for k, _ in sets)}, updated_at = ? WHERE id = ?",
                [v for _, v in sets] + [now_iso(), annotation_id])

    def delete(self, annotation_id: int) -> None:
        self.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))

    def get(self, annotation_id: int) -> AnnotationRow | None:
        rows = self.query(where="a.id = ?", args=(annotation_id,))
        return rows[0] if rows else None

    def query(self, where: str = "1", args: tuple = ()) -> list[AnnotationRow]:
        rows = self.conn.execute(
            f"SELECT a.*, (SELECT GROUP_CONCAT(tag_name, char(31)) FROM annotation_tags t "
            f"WHERE t.annotation_id = a.id) AS tag_names FROM annotations a WHERE {where} ORDER BY a.doc_id, a.start",
            args).fetchall()
        return [AnnotationRow(r["id"], r["doc_id"], r["start"], r["end"], r["quote"], r["prefix"], r["suffix"],
                              r["text_sha256"], r["note"], r["status"], r["created_at"], r["updated_at"],
                              sorted((r["tag_names"] or "").split("\x1f")) if r["tag_names"] else [])
                for r in rows]

    def for_document(self, doc_id: int) -> list[AnnotationRow]:
        return self.query("a.doc_id = ?", (doc_id,))

    def with_tag(self, tag_names: list[str]) -> list[AnnotationRow]:
        marks = ",".join("?" * len(tag_names))
        return self.query(f"a.id IN (SELECT annotation_id FROM annotation_tags WHERE tag_name IN ({marks}))",
                          tuple(tag_names))
