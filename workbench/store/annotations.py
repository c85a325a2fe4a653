"""The codebook (tags) and tagged passages (annotations) in the database.

Callers own transactions: one user action (tag a passage, merge two tags)
is one transaction, so a crash loses at most the action in flight.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from workbench.core.errors import AmbiguousTagError
from workbench.store.project import now_iso

PATH_SEPARATOR = " / "


def normalise_path(path: str) -> str:
    """"정책/규제", " 정책 /  규제 " and "정책 / 규제" name the same tag."""
    return PATH_SEPARATOR.join(p.strip() for p in path.split("/") if p.strip())


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
    # Display names, sorted: a live tag's full path, or the name a deleted tag left behind.
    tags: list[str] = field(default_factory=list)
    tag_ids: list[int | None] = field(default_factory=list)  # same order; None for a deleted tag
    # Who tagged it and who last changed it, by name; "" for the project's analyst (rows from before v9).
    created_by: str = ""
    updated_by: str = ""
    # Who applied each tag and when, same order as ``tags``: a colleague may add a tag to
    # this passage. Rows from before v10 give the passage's creator and creation time.
    tag_applied: list[tuple[str, str]] = field(default_factory=list)

    def applied(self, i: int) -> tuple[str, str]:
        """(who, when) for the i-th tag: the stored name ("" is the project's analyst) and time."""
        by, at = self.tag_applied[i] if i < len(self.tag_applied) else ("", "")
        return by or self.created_by, at or self.created_at

    def to_json(self) -> dict:
        return {"id": self.id, "doc_id": self.doc_id, "start": self.start, "end": self.end, "quote": self.quote,
                "tags": self.tags, "tag_ids": self.tag_ids, "note": self.note, "status": self.status,
                "text_sha256": self.text_sha256, "created_at": self.created_at, "updated_at": self.updated_at,
                "created_by": self.created_by, "updated_by": self.updated_by,
                "tag_applied": [{"tag": name, "by": by, "at": at}
                                for name, (by, at) in zip(self.tags, map(self.applied, range(len(self.tags))))]}


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
            tag.path = PATH_SEPARATOR.join(reversed(parts))
        return rows

    def paths(self) -> dict[int, str]:
        return {t.id: t.path for t in self.list()}

    def find(self, ref: str) -> TagRow | None:
        """A tag by its full path, or by its last part when only one tag ends so.

        Raises :class:`AmbiguousTagError` (listing the candidates) when the last
        part alone names several tags, e.g. 규제 for 정책 / 규제 and 산업 / 규제.
        """
        key = normalise_path(ref)
        tags = self.list()
        exact = next((t for t in tags if t.path == key), None)
        if exact is not None or PATH_SEPARATOR in key:
            return exact
        named = [t for t in tags if t.name == key]
        if len(named) > 1:
            raise AmbiguousTagError(key, sorted(t.path for t in named))
        return named[0] if named else None

    def subtree(self, tag_id: int) -> set[int]:
        """The tag and every tag under it."""
        children: dict[int | None, list[int]] = {}
        for tag in self.list():
            children.setdefault(tag.parent_id, []).append(tag.id)
        out, todo = set(), [tag_id]
        while todo:
            node = todo.pop()
            if node not in out:
                out.add(node)
                todo.extend(children.get(node, []))
        return out

    def sibling(self, name: str, parent_id: int | None, other_than: int | None = None) -> int | None:
        """The id of a tag called ``name`` under ``parent_id``, if there is one."""
        row = self.conn.execute("SELECT id FROM tags WHERE COALESCE(parent_id, 0) = ? AND name = ? AND id != ?",
                                (parent_id or 0, name, other_than or -1)).fetchone()
        return row[0] if row else None

    def add(self, name: str, parent_id: int | None, color: str, description: str) -> int:
        # Never an id a deleted tag's memo still names (kept for the delete's undo):
        # SQLite would give the highest deleted id again, and the new tag showed that memo.
        taken = self.conn.execute(
            "SELECT MAX(id) FROM (SELECT MAX(id) AS id FROM tags "
            "UNION ALL SELECT MAX(target_id) FROM memos WHERE kind = 'tag')").fetchone()[0] or 0
        cur = self.conn.execute(
            "INSERT INTO tags (id, name, parent_id, color, description, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (taken + 1, name, parent_id, color, description, now_iso()))
        return int(cur.lastrowid)

    def update(self, tag_id: int, **fields) -> None:
        for column in ("name", "parent_id", "color", "description"):
            if column in fields:
                self.conn.execute(f"UPDATE tags SET {column} = ? WHERE id = ?", (fields[column], tag_id))
        if "name" in fields:
            self.conn.execute("UPDATE annotation_tags SET tag_name = ? WHERE tag_id = ?", (fields["name"], tag_id))

    def delete(self, tag_id: int) -> None:
        """Delete a tag; its children move up a level. The passages that had it
        keep its full path as a record ("경제 / 해외투자", not "해외투자"), so
        two deleted tags with one last part stay told apart."""
        path = self.paths().get(tag_id)
        if path is not None:
            self.conn.execute("UPDATE annotation_tags SET tag_name = ? WHERE tag_id = ?", (path, tag_id))
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
            status: str = "anchored", created_by: str = "", updated_at: str | None = None,
            updated_by: str | None = None) -> int:
        """``updated_at``/``updated_by`` default to the creation's: a passage
        brought back (undo) or imported keeps the history it had."""
        created_at = created_at or now_iso()
        cur = self.conn.execute(
            "INSERT INTO annotations (id, doc_id, start, end, quote, prefix, suffix, text_sha256, note, status, "
            "created_at, updated_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (annotation_id, doc_id, start, end, quote, prefix, suffix, text_sha, note, status,
             created_at, updated_at or created_at, created_by, created_by if updated_by is None else updated_by))
        new_id = int(cur.lastrowid)
        self.set_tags(new_id, tags, by=created_by, at=created_at)
        return new_id

    def set_tags(self, annotation_id: int, tags: list[tuple], by: str = "", at: str | None = None) -> None:
        """Make the passage's tags ``tags``: (tag id or None, name), or with
        (…, applied_by, applied_at) to say who applied each (a restore, an
        import). A tag the passage already has keeps who applied it and when;
        a new one is applied by ``by`` at ``at`` (now)."""
        kept = {(r[0], r[1]): (r[2], r[3]) for r in self.conn.execute(
            "SELECT tag_id, tag_name, applied_by, applied_at FROM annotation_tags WHERE annotation_id = ?",
            (annotation_id,))}
        at = at or now_iso()
        rows = []
        for ref in tags:
            tag_id, name = ref[0], ref[1]
            who, when = (ref[2], ref[3]) if len(ref) >= 4 else kept.get((tag_id, name), (by, at))
            rows.append((annotation_id, tag_id, name, who, when))
        self.conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
        self.conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id, tag_name, applied_by, applied_at) "
                              "VALUES (?, ?, ?, ?, ?)", rows)

    def add_tags(self, annotation_id: int, tags: list[tuple[int, str]], by: str = "") -> None:
        """Give the passage ``tags`` (id, name) it does not have yet, applied by
        ``by`` now; its other tags are left as they are."""
        have = {r[0] for r in self.conn.execute("SELECT tag_id FROM annotation_tags WHERE annotation_id = ?",
                                                (annotation_id,))}
        at = now_iso()
        self.conn.executemany(
            "INSERT INTO annotation_tags (annotation_id, tag_id, tag_name, applied_by, applied_at) "
            "VALUES (?, ?, ?, ?, ?)", [(annotation_id, i, n, by, at) for i, n in tags if i not in have])

    def update(self, annotation_id: int, **fields) -> None:
        allowed = ("start", "end", "quote", "prefix", "suffix", "text_sha256", "note", "status", "updated_by")
        sets = [(k, v) for k, v in fields.items() if k in allowed]
        if sets:  # ``updated_at`` may be given: an import keeps the time the file says it was changed
            self.conn.execute(
                f"UPDATE annotations SET {', '.join(f'{k} = ?' for k, _ in sets)}, updated_at = ? WHERE id = ?",
                [v for _, v in sets] + [fields.get("updated_at") or now_iso(), annotation_id])

    def delete(self, annotation_id: int) -> None:
        self.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))

    def get(self, annotation_id: int) -> AnnotationRow | None:
        rows = self.query(where="a.id = ?", args=(annotation_id,))
        return rows[0] if rows else None

    def query(self, where: str = "1", args: tuple = ()) -> list[AnnotationRow]:
        rows = self.conn.execute(
            f"SELECT a.*, (SELECT GROUP_CONCAT(COALESCE(tag_id, '') || char(30) || tag_name || char(30) || "
            f"applied_by || char(30) || applied_at, char(31)) "
            f"FROM annotation_tags t WHERE t.annotation_id = a.id) AS tag_refs "
            f"FROM annotations a WHERE {where} ORDER BY a.doc_id, a.start", args).fetchall()
        paths = TagRepository(self.conn).paths() if rows else {}
        out = []
        for r in rows:
            refs = []
            for ref in (r["tag_refs"] or "").split("\x1f") if r["tag_refs"] else []:
                raw_id, rest = ref.split("\x1e", 1)
                name, by, at = rest.rsplit("\x1e", 2)  # a name may hold anything; the last two never do
                tag_id = int(raw_id) if raw_id else None
                refs.append((paths.get(tag_id, name) if tag_id is not None else name, tag_id, (by, at)))
            refs.sort(key=lambda ref: (ref[0], ref[1] or 0))
            out.append(AnnotationRow(r["id"], r["doc_id"], r["start"], r["end"], r["quote"], r["prefix"],
                                     r["suffix"], r["text_sha256"], r["note"], r["status"], r["created_at"],
                                     r["updated_at"], [ref[0] for ref in refs], [ref[1] for ref in refs],
                                     r["created_by"], r["updated_by"], [ref[2] for ref in refs]))
        return out

    def for_document(self, doc_id: int) -> list[AnnotationRow]:
        return self.query("a.doc_id = ?", (doc_id,))

    def with_tags(self, tag_ids: set[int], deleted_names: set[str] = frozenset()) -> list[AnnotationRow]:
        """Passages carrying any of the tags (by id), or a deleted tag's kept name."""
        ids, names = sorted(tag_ids), sorted(deleted_names)
        where = " OR ".join(filter(None, (
            f"tag_id IN ({','.join('?' * len(ids))})" if ids else "",
            f"(tag_id IS NULL AND tag_name IN ({','.join('?' * len(names))}))" if names else "")))
        if not where:
            return []
        return self.query(f"a.id IN (SELECT annotation_id FROM annotation_tags WHERE {where})", (*ids, *names))

    def deleted_tag_names(self) -> set[str]:
        """Names deleted tags left on passages (kept as a record)."""
        return {r[0] for r in self.conn.execute("SELECT DISTINCT tag_name FROM annotation_tags WHERE tag_id IS NULL")}


def tagged(conn: sqlite3.Connection, ref: str) -> list[AnnotationRow]:
    """Passages tagged ``ref`` or a tag under it: the one place a tag named by
    the analyst (full path, unique last part, or a deleted tag's kept name)
    becomes passages — for the ``tag:`` search filter, ``--tag`` and exports."""
    from workbench.core.errors import WorkbenchError

    tag = TagRepository(conn).find(ref)
    repo = AnnotationRepository(conn)
    if tag is not None:
        return repo.with_tags(TagRepository(conn).subtree(tag.id))
    key = normalise_path(ref)
    if key in repo.deleted_tag_names():
        return repo.with_tags(set(), {key})
    raise WorkbenchError(f"No tag {key!r} in the codebook; see `workbench codebook`",
                         f"코드북에 {key!r} 태그가 없습니다. `workbench codebook`을 보세요")
