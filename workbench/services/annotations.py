"""Tagging use cases: tag passages, edit and delete them (with a snapshot to
undo), re-anchor them when a document changes, and keep the codebook."""

from __future__ import annotations

from pathlib import Path

from workbench.annotations.anchoring import ANCHORED, Selector, reanchor, selector
from workbench.annotations.codebook_io import CodeRow, from_csv, from_qdc, to_csv, to_qdc
from workbench.core.errors import WorkbenchError
from workbench.store.annotations import AnnotationRepository, AnnotationRow, TagRepository, TagRow
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project, transaction

PALETTE = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F")


class _Session:
    """A connection under the project's write lock, with one transaction."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def __enter__(self):
        self._lock = self.project.write_lock()
        self._lock.__enter__()
        self.conn = self.project.connect()
        self._tx = transaction(self.conn)
        self._tx.__enter__()
        return self.conn

    def __exit__(self, *exc):
        try:
            self._tx.__exit__(*exc)
        finally:
            self.conn.close()
            self._lock.__exit__(*exc)
        return False


def _read(project: Project):
    return project.connect()


def _find_tag(tags: list[TagRow], name: str) -> TagRow | None:
    key = name.strip()
    return next((t for t in tags if t.path == key), None) or next((t for t in tags if t.name == key), None)


def _resolve_tags(conn, names: list[str], create: bool = True) -> list[tuple[int, str]]:
    repo = TagRepository(conn)
    tags = repo.list()
    out = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        tag = _find_tag(tags, name)
        if tag is None:
            if not create:
                raise WorkbenchError(f"No tag {name!r} in the codebook", f"코드북에 {name!r} 태그가 없습니다")
            parent_id = None
            *parents, leaf = [p.strip() for p in name.split("/")]
            for parent in parents:  # "Policy / Regulation" creates the path
                found = next((t for t in repo.list() if t.name == parent and t.parent_id == parent_id), None)
                parent_id = found.id if found else repo.add(parent, parent_id, PALETTE[len(repo.list()) % 9], "")
            new_id = repo.add(leaf, parent_id, PALETTE[len(repo.list()) % len(PALETTE)], "")
            tags = repo.list()
            tag = next(t for t in tags if t.id == new_id)
        out.append((tag.id, tag.name))
    return out


def tag_passage(project: Project, doc_ref: str, tags: list[str], start: int | None = None, end: int | None = None,
                quote: str | None = None, note: str = "") -> AnnotationRow:
    if not tags:
        raise WorkbenchError("Give at least one tag", "태그를 하나 이상 주세요")
    with _Session(project) as conn:
        docs = DocumentRepository(conn)
        doc_id = docs.resolve(doc_ref)
        text, info = docs.text(doc_id), docs.info(doc_id)
        if quote is not None:
            start = text.find(quote)
            if start < 0:
                raise WorkbenchError(f"The quote is not in document {doc_id}", f"문서 {doc_id}에 그 인용문이 없습니다")
            end = start + len(quote)
        if start is None or end is None or not (0 <= start < end <= len(text)):
            raise WorkbenchError(f"A passage needs 0 <= start < end <= {len(text)}",
                                 f"구간은 0 <= 시작 < 끝 <= {len(text)}이어야 합니다")
        sel = selector(text, start, end)
        repo = AnnotationRepository(conn)
        new_id = repo.add(doc_id, start, end, sel.quote, sel.prefix, sel.suffix, info.text_sha256, note,
                          _resolve_tags(conn, tags))
        return repo.get(new_id)


def update_annotation(project: Project, annotation_id: int, note: str | None = None,
                      tags: list[str] | None = None) -> AnnotationRow:
    with _Session(project) as conn:
        repo = AnnotationRepository(conn)
        if repo.get(annotation_id) is None:
            raise WorkbenchError(f"No annotation {annotation_id}", f"주석 {annotation_id}이(가) 없습니다")
        if note is not None:
            repo.update(annotation_id, note=note)
        if tags is not None:
            repo.set_tags(annotation_id, _resolve_tags(conn, tags))
            repo.update(annotation_id)
        return repo.get(annotation_id)


def delete_annotation(project: Project, annotation_id: int) -> AnnotationRow:
    """Delete and return what was deleted, so it can be restored (undo)."""
    with _Session(project) as conn:
        repo = AnnotationRepository(conn)
        row = repo.get(annotation_id)
        if row is None:
            raise WorkbenchError(f"No annotation {annotation_id}", f"주석 {annotation_id}이(가) 없습니다")
        repo.delete(annotation_id)
        return row


def restore_annotation(project: Project, row: AnnotationRow) -> AnnotationRow:
    with _Session(project) as conn:
        repo = AnnotationRepository(conn)
        repo.add(row.doc_id, row.start, row.end, row.quote, row.prefix, row.suffix, row.text_sha256, row.note,
                 _resolve_tags(conn, row.tags), created_at=row.created_at, annotation_id=row.id, status=row.status)
        return repo.get(row.id)


def get_annotation(project: Project, annotation_id: int) -> AnnotationRow:
    conn = _read(project)
    try:
        row = AnnotationRepository(conn).get(annotation_id)
    finally:
        conn.close()
    if row is None:
        raise WorkbenchError(f"No annotation {annotation_id}", f"주석 {annotation_id}이(가) 없습니다")
    return row


def reattach(project: Project, annotation_id: int, start: int, end: int) -> AnnotationRow:
    """Place an orphaned annotation by hand."""
    with _Session(project) as conn:
        repo = AnnotationRepository(conn)
        row = repo.get(annotation_id)
        docs = DocumentRepository(conn)
        text = docs.text(row.doc_id)
        sel = selector(text, start, end)
        repo.update(annotation_id, start=start, end=end, quote=sel.quote, prefix=sel.prefix, suffix=sel.suffix,
                    text_sha256=docs.info(row.doc_id).text_sha256, status=ANCHORED)
        return repo.get(annotation_id)


def list_annotations(project: Project, tag: str | None = None, doc: str | None = None,
                     status: str | None = None) -> list[AnnotationRow]:
    conn = _read(project)
    try:
        repo = AnnotationRepository(conn)
        rows = repo.query()
        if doc:
            doc_id = DocumentRepository(conn).resolve(doc)
            rows = [r for r in rows if r.doc_id == doc_id]
        if tag:
            names = {t.name for t in TagRepository(conn).list() if t.path == tag or t.name == tag
                     or t.path.startswith(tag + " / ")} or {tag}
            rows = [r for r in rows if names & set(r.tags)]
        if status:
            rows = [r for r in rows if r.status == status]
        return rows
    finally:
        conn.close()


def reanchor_document(conn, doc_id: int, text: str, text_sha: str) -> dict[str, int]:
    """Re-anchor a changed document's annotations, inside the caller's transaction."""
    repo = AnnotationRepository(conn)
    counts = {"anchored": 0, "moved": 0, "orphaned": 0}
    for row in repo.for_document(doc_id):
        if row.text_sha256 == text_sha:
            counts["anchored"] += 1
            continue
        anchor = reanchor(text, Selector(row.start, row.end, row.quote, row.prefix, row.suffix))
        counts[anchor.status] += 1
        if anchor.status == "orphaned":
            repo.update(row.id, status="orphaned")
            continue
        sel = selector(text, anchor.start, anchor.end)
        repo.update(row.id, start=anchor.start, end=anchor.end, quote=sel.quote, prefix=sel.prefix,
                    suffix=sel.suffix, text_sha256=text_sha,
                    status="moved" if anchor.status == "moved" or row.status == "moved" else "anchored")
    return counts


# --- the codebook -----------------------------------------------------------------------


def codebook(project: Project) -> list[TagRow]:
    conn = _read(project)
    try:
        tags = TagRepository(conn).list()
        return sorted(tags, key=lambda t: t.path)
    finally:
        conn.close()


def create_tag(project: Project, path: str, color: str | None = None, description: str = "") -> TagRow:
    with _Session(project) as conn:
        [(tag_id, _)] = _resolve_tags(conn, [path])
        fields = {"description": description} | ({"color": color} if color else {})
        TagRepository(conn).update(tag_id, **fields)
        return next(t for t in TagRepository(conn).list() if t.id == tag_id)


def _tag_id(conn, name: str) -> int:
    tag = _find_tag(TagRepository(conn).list(), name)
    if tag is None:
        raise WorkbenchError(f"No tag {name!r} in the codebook", f"코드북에 {name!r} 태그가 없습니다")
    return tag.id


def rename_tag(project: Project, name: str, new_name: str) -> None:
    with _Session(project) as conn:
        TagRepository(conn).update(_tag_id(conn, name), name=new_name.strip())


def recolor_tag(project: Project, name: str, color: str) -> None:
    with _Session(project) as conn:
        TagRepository(conn).update(_tag_id(conn, name), color=color)


def move_tag(project: Project, name: str, new_parent: str | None) -> None:
    with _Session(project) as conn:
        tag_id = _tag_id(conn, name)
        parent_id = _tag_id(conn, new_parent) if new_parent else None
        node = parent_id
        tags = {t.id: t for t in TagRepository(conn).list()}
        while node is not None:  # no cycles: a tag cannot go under its own child
            if node == tag_id:
                raise WorkbenchError("A tag cannot be moved under itself", "태그를 자기 아래로 옮길 수 없습니다")
            node = tags[node].parent_id
        TagRepository(conn).update(tag_id, parent_id=parent_id)


def merge_tags(project: Project, source: str, target: str) -> int:
    with _Session(project) as conn:
        return TagRepository(conn).merge(_tag_id(conn, source), _tag_id(conn, target))


def delete_tag(project: Project, name: str) -> int:
    """Delete a tag; its passages keep the tag's name as a record. Returns how many."""
    with _Session(project) as conn:
        repo = TagRepository(conn)
        tag_id = _tag_id(conn, name)
        used = repo.usage(tag_id)
        repo.delete(tag_id)
        return used


def export_codebook(project: Project, path: Path) -> int:
    rows = [CodeRow(tuple(t.path.split(" / ")), t.color, t.description) for t in codebook(project)]
    path = Path(path)
    if path.suffix.lower() not in (".qdc", ".csv"):
        raise WorkbenchError(f"A codebook is exported as .qdc or .csv, not {path.suffix or 'a name without extension'}",
                             "코드북은 .qdc나 .csv로만 내보낼 수 있습니다")
    if path.suffix.lower() == ".qdc":
        path.write_bytes(to_qdc(rows))
    else:
        path.write_text(to_csv(rows), encoding="utf-8")
    return len(rows)


def import_codebook(project: Project, path: Path) -> int:
    path = Path(path)
    try:
        rows = from_qdc(path.read_bytes()) if path.suffix.lower() == ".qdc" else from_csv(
            path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, Exception) as exc:  # lxml and csv raise their own kinds
        raise WorkbenchError(f"{path.name}: not a readable codebook ({exc})",
                             f"{path.name}: 코드북을 읽을 수 없습니다 ({exc})") from exc
    with _Session(project) as conn:
        repo = TagRepository(conn)
        for row in rows:
            [(tag_id, _)] = _resolve_tags(conn, [" / ".join(row.path)])
            repo.update(tag_id, color=row.color, description=row.description)
    return len(rows)


def annotation_table(project: Project, rows: list[AnnotationRow] | None = None) -> list[dict]:
    """Rows for the annotations panel: each annotation with its document's title
    and the section path of the passage."""
    from bisect import bisect_right

    rows = list_annotations(project) if rows is None else rows
    conn = _read(project)
    try:
        docs = DocumentRepository(conn)
        cache: dict[int, tuple[str, list[int], list[str]]] = {}
        out = []
        for row in rows:
            if row.doc_id not in cache:
                blocks = docs.blocks(row.doc_id)
                cache[row.doc_id] = (docs.info(row.doc_id).title, [b.start for b in blocks],
                                     [b.section for b in blocks])
            title, starts, sections = cache[row.doc_id]
            i = bisect_right(starts, row.start) - 1
            out.append({**row.to_json(), "title": title, "section": sections[i] if i >= 0 else ""})
        return out
    finally:
        conn.close()


def tag_colors(project: Project) -> dict[str, str]:
    return {t.name: t.color for t in codebook(project)}


def codebook_snapshot(project: Project) -> tuple[list[tuple], list[tuple]]:
    """The codebook and every passage's tags, to undo a codebook change."""
    conn = _read(project)
    try:
        tags = [tuple(r) for r in conn.execute("SELECT id, name, parent_id, color, description, created_at FROM tags")]
        links = [tuple(r) for r in conn.execute("SELECT annotation_id, tag_id, tag_name FROM annotation_tags")]
        return tags, links
    finally:
        conn.close()


def restore_codebook(project: Project, snapshot: tuple[list[tuple], list[tuple]]) -> None:
    tags, links = snapshot
    with _Session(project) as conn:
        conn.execute("DELETE FROM annotation_tags")
        conn.execute("DELETE FROM tags")
        conn.executemany("INSERT INTO tags (id, name, parent_id, color, description, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)", tags)
        alive = {r[0] for r in conn.execute("SELECT id FROM annotations")}
        conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id, tag_name) VALUES (?, ?, ?)",
                         [link for link in links if link[0] in alive])
