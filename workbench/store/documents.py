"""Documents and their blocks in the project database."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from workbench.core.errors import DocumentNotFoundError
from workbench.core.models import Block, BlockKind, DocumentInfo, ExtractedDocument
from workbench.store.project import now_iso

_INFO_COLUMNS = """d.id, d.source, d.title, d.format, d.size_bytes, d.chars, d.sections,
    d.file_sha256, d.text_sha256, d.encoding, d.ingested_at, d.updated_at, d.missing, d.entities_sha,
    d.metadata, d.extraction,
    (SELECT COUNT(*) FROM blocks b WHERE b.doc_id = d.id) AS block_count"""


@dataclass(slots=True)
class StoredFile:
    id: int
    file_sha256: str
    missing: bool


def _info(row: sqlite3.Row) -> DocumentInfo:
    return DocumentInfo(
        id=row["id"], source=row["source"], title=row["title"], format=row["format"],
        size_bytes=row["size_bytes"], chars=row["chars"], blocks=row["block_count"],
        sections=row["sections"], file_sha256=row["file_sha256"], text_sha256=row["text_sha256"],
        encoding=row["encoding"], ingested_at=row["ingested_at"], updated_at=row["updated_at"],
        missing=bool(row["missing"]), entities_sha=row["entities_sha"],
        metadata=json.loads(row["metadata"] or "{}"), extraction=row["extraction"],
    )


def _count_sections(doc: ExtractedDocument) -> int:
    return sum(1 for b in doc.blocks if b.kind is BlockKind.HEADING)


class DocumentRepository:
    """Reads and writes documents. Callers own transactions (see ``transaction``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def opener(self):
        """A function that opens another repository on a new read-only
        connection to the same database: call it in the thread that will use
        it (a connection belongs to the thread that opened it), close its
        ``.conn`` when done."""
        from pathlib import Path

        from workbench.store.project import connect

        path = Path(self.conn.execute("PRAGMA database_list").fetchone()[2])
        return lambda: DocumentRepository(connect(path, readonly=True))

    # --- writes ---------------------------------------------------------

    def add(self, source: str, doc: ExtractedDocument, size_bytes: int, file_sha256: str,
            text_sha256: str) -> int:
        stamp = now_iso()
        cur = self.conn.execute(
            """INSERT INTO documents (source, title, format, size_bytes, file_sha256, text_sha256,
                   encoding, text, chars, sections, ingested_at, updated_at, metadata, extraction)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (source, doc.title, doc.format, size_bytes, file_sha256, text_sha256, doc.encoding,
             doc.text, len(doc.text), _count_sections(doc), stamp, stamp,
             json.dumps(doc.metadata, ensure_ascii=False), doc.extraction),
        )
        doc_id = int(cur.lastrowid)
        self._insert_blocks(doc_id, doc.blocks)
        self._bump_version()
        return doc_id

    def replace(self, doc_id: int, doc: ExtractedDocument, size_bytes: int, file_sha256: str,
                text_sha256: str) -> None:
        """New text for a changed file; the document keeps its id."""
        self.conn.execute(
            """UPDATE documents SET title = ?, format = ?, size_bytes = ?, file_sha256 = ?,
                   text_sha256 = ?, encoding = ?, text = ?, chars = ?, sections = ?,
                   updated_at = ?, missing = 0, metadata = ?, extraction = ?
               WHERE id = ?""",
            (doc.title, doc.format, size_bytes, file_sha256, text_sha256, doc.encoding, doc.text,
             len(doc.text), _count_sections(doc), now_iso(), json.dumps(doc.metadata, ensure_ascii=False),
             doc.extraction, doc_id),
        )
        self.conn.execute("DELETE FROM blocks WHERE doc_id = ?", (doc_id,))
        self._insert_blocks(doc_id, doc.blocks)
        # The old text's mentions go with it: their offsets no longer fit. An
        # empty entities_sha marks the document for extraction, which the same
        # ingest does next, or (if it is killed first) the next index job.
        self.conn.execute("DELETE FROM entities WHERE doc_id = ?", (doc_id,))
        self.conn.execute("UPDATE documents SET entities_sha = '' WHERE id = ?", (doc_id,))
        self._bump_version()

    def set_title(self, doc_id: int, title: str) -> None:
        """The title the library shows (an imported source's own title); the
        text does not change, so derived data stays in step."""
        self.conn.execute("UPDATE documents SET title = ? WHERE id = ?", (title, doc_id))

    def _bump_version(self) -> None:
        """Count every change of document text, so derived data (the index) can
        tell in one read whether it is still in step."""
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('content_version', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def content_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'content_version'").fetchone()
        return int(row[0]) if row else 0

    def set_missing(self, doc_id: int, missing: bool) -> None:
        self.conn.execute("UPDATE documents SET missing = ? WHERE id = ?", (int(missing), doc_id))

    def _insert_blocks(self, doc_id: int, blocks: list[Block]) -> None:
        self.conn.executemany(
            "INSERT INTO blocks (doc_id, seq, kind, level, start, end, section, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, b.seq, b.kind.value, b.level, b.start, b.end,
                 json.dumps(b.section_path, ensure_ascii=False), json.dumps(b.meta, ensure_ascii=False))
                for b in blocks
            ],
        )

    # --- reads ----------------------------------------------------------

    def by_source(self, source: str) -> StoredFile | None:
        row = self.conn.execute(
            "SELECT id, file_sha256, missing FROM documents WHERE source = ?", (source,)
        ).fetchone()
        return StoredFile(row["id"], row["file_sha256"], bool(row["missing"])) if row else None

    def same_text(self, text_sha256: str, other_than: int) -> list[tuple[int, str, str]]:
        """(id, title, source) of the other documents with this text, oldest first:
        the ingest report names them (the same press release as .hwp and .hwpx)."""
        rows = self.conn.execute("SELECT id, title, source FROM documents WHERE text_sha256 = ? AND id != ? "
                                 "ORDER BY id", (text_sha256, other_than)).fetchall()
        return [(row["id"], row["title"], row["source"]) for row in rows]

    def sources_under(self, folder: str) -> dict[str, int]:
        """Sources stored from inside ``folder`` (a path prefix), to find removed files."""
        prefix = folder.rstrip("/\\") + "/"
        rows = self.conn.execute(
            "SELECT id, source FROM documents WHERE substr(source, 1, ?) = ?", (len(prefix), prefix)
        ).fetchall()
        return {row["source"]: row["id"] for row in rows}

    def list(self) -> list[DocumentInfo]:
        rows = self.conn.execute(f"SELECT {_INFO_COLUMNS} FROM documents d ORDER BY d.id").fetchall()
        return [_info(r) for r in rows]

    def infos(self, doc_ids: list[int]) -> dict[int, DocumentInfo]:
        """The details of the given documents (one query; missing ids left out)."""
        out: dict[int, DocumentInfo] = {}
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT {_INFO_COLUMNS} FROM documents d WHERE d.id IN ({marks})", chunk):
                out[row["id"]] = _info(row)
        return out

    def names(self) -> list[tuple[int, str, str]]:
        """(id, title, file name) of every document: what title: and doc: filters match."""
        from pathlib import Path

        return [(r[0], r[1], Path(r[2]).name) for r in self.conn.execute("SELECT id, title, source FROM documents")]

    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def info(self, doc_id: int) -> DocumentInfo:
        row = self.conn.execute(f"SELECT {_INFO_COLUMNS} FROM documents d WHERE d.id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DocumentNotFoundError(f"No document with id {doc_id}", f"문서 {doc_id}이(가) 없습니다")
        return _info(row)

    def resolve(self, ref: str) -> int:
        """Find a document by id, source path, file name or unique title prefix."""
        ref = ref.strip()
        if ref.isdigit():
            row = self.conn.execute("SELECT id FROM documents WHERE id = ?", (int(ref),)).fetchone()
            if row:
                return row[0]
        for query, arg in (
            ("SELECT id FROM documents WHERE source = ?", ref),
            ("SELECT id FROM documents WHERE source LIKE ? ESCAPE '\\'", "%/" + _like(ref)),
            ("SELECT id FROM documents WHERE title LIKE ? ESCAPE '\\'", _like(ref) + "%"),
        ):
            rows = self.conn.execute(query, (arg,)).fetchall()
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise DocumentNotFoundError(
                    f"{ref!r} matches {len(rows)} documents; use the id from `workbench docs`",
                    f"{ref!r}에 해당하는 문서가 {len(rows)}개입니다. `workbench docs`의 id를 쓰세요",
                )
        raise DocumentNotFoundError(f"No document matches {ref!r}; see `workbench docs`",
                                    f"{ref!r}에 해당하는 문서가 없습니다. `workbench docs`를 보세요")

    def text(self, doc_id: int) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DocumentNotFoundError(f"No document with id {doc_id}", f"문서 {doc_id}이(가) 없습니다")
        return row[0]

    def text_range(self, doc_id: int, start: int, end: int) -> str:
        """``text[start:end]`` without loading the whole text (SQLite counts characters)."""
        row = self.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                                (start + 1, end - start, doc_id)).fetchone()
        if row is None:
            raise DocumentNotFoundError(f"No document with id {doc_id}", f"문서 {doc_id}이(가) 없습니다")
        return row[0]

    def blocks(self, doc_id: int) -> list[Block]:
        rows = self.conn.execute(
            "SELECT seq, kind, level, start, end, section, meta FROM blocks WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        ).fetchall()
        return [
            Block(BlockKind(r["kind"]), r["start"], r["end"], r["level"], json.loads(r["section"]),
                  json.loads(r["meta"]), r["seq"])
            for r in rows
        ]

    def log(self, run_at: str, source: str, status: str, code: str | None, message: str) -> None:
        self.conn.execute(
            "INSERT INTO ingest_log (run_at, source, status, code, message) VALUES (?, ?, ?, ?, ?)",
            (run_at, source, status, code, message),
        )


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
