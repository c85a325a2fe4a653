"""Memos in the database (schema v11): the project journal's dated entries,
one memo per document and one per tag, each with who wrote it and who last
changed it, and when.

Callers own transactions. A memo's text is NFC (as every stored text is), so
the ``memo:`` search filter and exports see what the analyst typed, however
the keyboard composed it.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import asdict, dataclass

from workbench.store.project import now_iso

PROJECT, DOCUMENT, TAG = "project", "document", "tag"
KINDS = (PROJECT, DOCUMENT, TAG)
_COLUMNS = "id, kind, target_id, text, author, created_at, updated_at, updated_by, guid"


@dataclass(slots=True)
class Memo:
    id: int
    kind: str  # "project" (a journal entry), "document" or "tag"
    target_id: int  # the document's or tag's id; 0 for a journal entry
    text: str
    author: str  # who wrote it, by name
    created_at: str  # ISO 8601, UTC
    updated_at: str
    updated_by: str = ""  # who last changed it; "" means the author
    guid: str = ""  # the REFI-QDA <Note> GUID an import brought; "" for one made here

    @property
    def modifier(self) -> str:
        return self.updated_by or self.author

    def to_json(self) -> dict:
        return asdict(self) | {"updated_by": self.modifier}


def _row(r) -> Memo:
    return Memo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])


def normal(text: str) -> str:
    """A memo's text as stored: NFC, trailing space and blank lines gone."""
    return unicodedata.normalize("NFC", text).strip()


class MemoRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, memo_id: int) -> Memo | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM memos WHERE id = ?", (memo_id,)).fetchone()
        return _row(row) if row else None

    def for_target(self, kind: str, target_id: int) -> Memo | None:
        """The memo of one document or tag."""
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM memos WHERE kind = ? AND target_id = ?",
                                (kind, target_id)).fetchone()
        return _row(row) if row else None

    def by_guid(self, guid: str) -> Memo | None:
        if not guid:
            return None
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM memos WHERE guid = ? COLLATE NOCASE", (guid,)).fetchone()
        return _row(row) if row else None

    def list(self, kind: str | None = None) -> list[Memo]:
        """Memos of one kind (all, without), oldest first: a journal reads in time order."""
        where, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        return [_row(r) for r in self.conn.execute(
            f"SELECT {_COLUMNS} FROM memos {where} ORDER BY created_at, id", args)]

    def document_texts(self) -> dict[int, str]:
        """Each document's memo text, by document id (for the ``memo:`` filter)."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT target_id, text FROM memos WHERE kind = 'document'")}

    def add(self, kind: str, target_id: int, text: str, author: str, created_at: str | None = None,
            updated_at: str | None = None, updated_by: str = "", guid: str = "") -> int:
        if kind not in KINDS:
            raise ValueError(f"memo kind {kind!r}")
        created = created_at or now_iso()
        cur = self.conn.execute(
            "INSERT INTO memos (kind, target_id, text, author, created_at, updated_at, updated_by, guid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, target_id if kind != PROJECT else 0, normal(text), author, created, updated_at or created,
             updated_by if updated_by != author else "", guid))
        return int(cur.lastrowid)

    def update(self, memo_id: int, text: str, by: str, at: str | None = None) -> None:
        memo = self.get(memo_id)
        self.conn.execute("UPDATE memos SET text = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                          (normal(text), at or now_iso(), "" if memo and by == memo.author else by, memo_id))

    def delete(self, memo_id: int) -> None:
        self.conn.execute("DELETE FROM memos WHERE id = ?", (memo_id,))

    def restore(self, memo: Memo) -> int:
        """Put a deleted memo back as it was (undo), with its id when it is free."""
        taken = self.get(memo.id) is not None
        cur = self.conn.execute(
            "INSERT INTO memos (id, kind, target_id, text, author, created_at, updated_at, updated_by, guid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (None if taken else memo.id, memo.kind, memo.target_id, memo.text, memo.author, memo.created_at,
             memo.updated_at, memo.updated_by, memo.guid))
        return int(cur.lastrowid)
