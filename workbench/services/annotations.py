"""Tagging use cases: tag passages, edit and delete them (with a snapshot to
undo), re-attach orphans, re-anchor when a document changes.

Every write returns an :class:`Outcome` naming what changed. A tag, an edit
and a re-attach may carry ``seen_sha``, the hash of the text the analyst was
looking at: when the stored text is no longer that text (the document was
re-ingested meanwhile), the write is refused — a tag is never stored against
text the analyst did not see.
"""

from __future__ import annotations

from bisect import bisect_right

from workbench.annotations.anchoring import ANCHORED, Selector, reanchor, selector
from workbench.core.changes import Changes, Outcome
from workbench.core.errors import StaleTextError, WorkbenchError
from workbench.core.xmltext import control_characters
from workbench.services.analyst import analyst_name
from workbench.store.annotations import (
    PATH_SEPARATOR, AnnotationRepository, AnnotationRow, TagRepository, normalise_path, tagged,
)
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project

PALETTE = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F")


def _no_annotation(annotation_id: int) -> WorkbenchError:
    return WorkbenchError(f"No annotation {annotation_id}", f"주석 {annotation_id}이(가) 없습니다")


def _stale(title: str) -> StaleTextError:
    return StaleTextError(
        f"“{title}” changed since you were reading it (it was added again with new text). "
        "It has been reloaded: select the passage again",
        f"읽고 있던 “{title}”의 내용이 바뀌었습니다(새 내용으로 다시 추가됨). 다시 불러왔으니 구간을 다시 선택하세요")


def check_tag_name(name: str) -> None:
    """A tag's name is one line of visible text: a control character (a bell
    pasted from a PDF, a tab, a newline) is refused with a message, never
    stored — XML files (.xlsx sheet names, .qdc, .qdpx) cannot hold most of
    them, and an export used to crash on one."""
    found = control_characters(name)
    if found:
        raise WorkbenchError(
            f"A tag's name cannot hold control characters (found {', '.join(found)} in {name!r}); "
            "type the name again without them",
            f"태그 이름에는 제어 문자를 쓸 수 없습니다({name!r}에 {', '.join(found)}). 제어 문자 없이 다시 입력하세요")


def resolve_tags(conn, names: list[str], create: bool = True, exact: bool = False) -> tuple[list[tuple[int, str]], bool]:
    """Tag ids for names typed or picked by the analyst; creates missing ones.

    A name is a full path ("정책 / 규제" creates 정책 and 규제 under it) or, unless
    ``exact``, the last part of exactly one tag; "/규제" is the top-level tag
    규제 whatever ends in 규제 elsewhere. Returns the (id, name) pairs and
    whether the codebook grew.
    """
    repo = TagRepository(conn)
    out, created = [], False
    # A leading "/" anchors the name at the top level: "/규제" is the top-level 규제
    # (created if missing) even where 정책 / 규제 and 산업 / 규제 exist.
    wanted = dict.fromkeys((normalise_path(n), exact or n.strip().startswith("/")) for n in names if n.strip())
    for name, whole_path in wanted:
        tag = None
        if whole_path:
            tag = next((t for t in repo.list() if t.path == name), None)
        else:
            tag = repo.find(name)
        if tag is None:
            if not create:
                raise WorkbenchError(f"No tag {name!r} in the codebook", f"코드북에 {name!r} 태그가 없습니다")
            parent_id = None
            for part in name.split(PATH_SEPARATOR):
                found = repo.sibling(part, parent_id)
                if found is None:
                    check_tag_name(part)
                parent_id = found if found is not None else repo.add(part, parent_id, PALETTE[len(repo.list()) % 9], "")
                created = created or found is None
            tag = next(t for t in repo.list() if t.id == parent_id)
        out.append((tag.id, tag.name))
    return out, created


def tag_passage(project: Project, doc_ref: str, tags: list[str], start: int | None = None, end: int | None = None,
                quote: str | None = None, note: str = "", seen_sha: str | None = None) -> Outcome[AnnotationRow]:
    if not tags:
        raise WorkbenchError("Give at least one tag", "태그를 하나 이상 주세요")
    with project.writing() as conn:
        docs = DocumentRepository(conn)
        doc_id = docs.resolve(doc_ref)
        text, info = docs.text(doc_id), docs.info(doc_id)
        if seen_sha is not None and seen_sha != info.text_sha256:
            raise _stale(info.title)
        if quote is not None:
            start = text.find(quote)
            if start < 0:
                raise WorkbenchError(f"The quote is not in document {doc_id}", f"문서 {doc_id}에 그 인용문이 없습니다")
            end = start + len(quote)
        if start is None or end is None or not (0 <= start < end <= len(text)):
            raise WorkbenchError(f"A passage needs 0 <= start < end <= {len(text)}",
                                 f"구간은 0 <= 시작 < 끝 <= {len(text)}이어야 합니다")
        sel = selector(text, start, end)
        refs, created = resolve_tags(conn, tags)
        repo = AnnotationRepository(conn)
        new_id = repo.add(doc_id, start, end, sel.quote, sel.prefix, sel.suffix, info.text_sha256, note, refs,
                          created_by=analyst_name(project, conn))
        return Outcome(repo.get(new_id), Changes.of(annotations=[new_id], annotation_docs=[doc_id],
                                                    codebook=created))


def update_annotation(project: Project, annotation_id: int, note: str | None = None, tags: list[str] | None = None,
                      seen_sha: str | None = None) -> Outcome[AnnotationRow]:
    """Change a passage's note or tags. ``seen_sha`` is the text hash the passage
    was anchored on when the analyst looked at it."""
    with project.writing() as conn:
        repo = AnnotationRepository(conn)
        row = repo.get(annotation_id)
        if row is None:
            raise _no_annotation(annotation_id)
        if seen_sha is not None and seen_sha != row.text_sha256:
            raise _stale(DocumentRepository(conn).info(row.doc_id).title)
        created = False
        who = analyst_name(project, conn)
        if note is not None:
            repo.update(annotation_id, note=note, updated_by=who)
        if tags is not None:
            refs, created = resolve_tags(conn, tags)
            repo.set_tags(annotation_id, refs, by=who)  # tags it had keep who applied them
            repo.update(annotation_id, updated_by=who)
        return Outcome(repo.get(annotation_id), Changes.of(annotations=[annotation_id], annotation_docs=[row.doc_id],
                                                           codebook=created))


def delete_annotation(project: Project, annotation_id: int) -> Outcome[AnnotationRow]:
    """Delete, returning what was deleted so it can be restored (undo)."""
    with project.writing() as conn:
        repo = AnnotationRepository(conn)
        row = repo.get(annotation_id)
        if row is None:
            raise _no_annotation(annotation_id)
        repo.delete(annotation_id)
        return Outcome(row, Changes.of(annotations=[annotation_id], annotation_docs=[row.doc_id]))


def restore_annotation(project: Project, row: AnnotationRow) -> Outcome[AnnotationRow]:
    """Put back a deleted (or earlier state of an) annotation, with its id, tags and dates."""
    with project.writing() as conn:
        _restore(conn, row)
        return Outcome(AnnotationRepository(conn).get(row.id),
                       Changes.of(annotations=[row.id], annotation_docs=[row.doc_id]))


def put_back(project: Project, remove: list[int], rows: list[AnnotationRow]) -> Outcome[int]:
    """In one transaction, delete the passages ``remove`` and put ``rows``
    back as they were: the undo and redo of a change to many passages at once
    (an auto-code run). Returns how many passages changed."""
    with project.writing() as conn:
        repo = AnnotationRepository(conn)
        docs = {r.doc_id for r in rows}
        for annotation_id in remove:
            row = repo.get(annotation_id)
            if row is not None:
                docs.add(row.doc_id)
                repo.delete(annotation_id)
        for row in rows:
            _restore(conn, row)
        ids = set(remove) | {r.id for r in rows}
        return Outcome(len(ids), Changes.of(annotations=ids, annotation_docs=docs))


def _restore(conn, row: AnnotationRow) -> None:
    repo = AnnotationRepository(conn)
    if repo.get(row.id) is not None:
        repo.delete(row.id)
    # A live tag is linked by id with its own name; a tag deleted since keeps
    # its full path as the record, as delete_tag leaves it.
    names = {t.id: t.name for t in TagRepository(conn).list()}
    applied = row.tag_applied or [("", "")] * len(row.tags)
    refs = [((tag_id, names[tag_id]) if tag_id in names else (None, name)) + tuple(who)
            for name, tag_id, who in zip(row.tags, row.tag_ids, applied)]
    repo.add(row.doc_id, row.start, row.end, row.quote, row.prefix, row.suffix, row.text_sha256, row.note,
             refs, created_at=row.created_at, annotation_id=row.id, status=row.status, created_by=row.created_by,
             updated_at=row.updated_at, updated_by=row.updated_by)


def get_annotation(project: Project, annotation_id: int) -> AnnotationRow:
    conn = project.connect()
    try:
        row = AnnotationRepository(conn).get(annotation_id)
    finally:
        conn.close()
    if row is None:
        raise _no_annotation(annotation_id)
    return row


def reattach(project: Project, annotation_id: int, start: int, end: int,
             seen_sha: str | None = None) -> Outcome[AnnotationRow]:
    """Place an (orphaned) annotation by hand on text the analyst selected."""
    with project.writing() as conn:
        repo = AnnotationRepository(conn)
        row = repo.get(annotation_id)
        if row is None:
            raise _no_annotation(annotation_id)
        docs = DocumentRepository(conn)
        info = docs.info(row.doc_id)
        if seen_sha is not None and seen_sha != info.text_sha256:
            raise _stale(info.title)
        text = docs.text(row.doc_id)
        if not 0 <= start < end <= len(text):
            raise WorkbenchError(f"A passage needs 0 <= start < end <= {len(text)}",
                                 f"구간은 0 <= 시작 < 끝 <= {len(text)}이어야 합니다")
        sel = selector(text, start, end)
        repo.update(annotation_id, start=start, end=end, quote=sel.quote, prefix=sel.prefix, suffix=sel.suffix,
                    text_sha256=info.text_sha256, status=ANCHORED, updated_by=analyst_name(project, conn))
        return Outcome(repo.get(annotation_id), Changes.of(annotations=[annotation_id], annotation_docs=[row.doc_id]))


def list_annotations(project: Project, tag: str | None = None, doc: str | None = None,
                     status: str | None = None) -> list[AnnotationRow]:
    conn = project.connect()
    try:
        rows = tagged(conn, tag) if tag else AnnotationRepository(conn).query()
        if doc:
            doc_id = DocumentRepository(conn).resolve(doc)
            rows = [r for r in rows if r.doc_id == doc_id]
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


def annotation_table(project: Project, rows: list[AnnotationRow] | None = None) -> list[dict]:
    """Rows for the annotations panel: each annotation with its document's title,
    the section path of the passage and who tagged it (``coder``: the stored
    name, else the project's analyst, who made the passages from before v9)."""
    rows = list_annotations(project) if rows is None else rows
    conn = project.connect()
    try:
        docs = DocumentRepository(conn)
        analyst = analyst_name(project, conn)
        cache: dict[int, tuple[str, list[int], list[str]]] = {}
        out = []
        for row in rows:
            if row.doc_id not in cache:
                blocks = docs.blocks(row.doc_id)
                cache[row.doc_id] = (docs.info(row.doc_id).title, [b.start for b in blocks],
                                     [b.section for b in blocks])
            title, starts, sections = cache[row.doc_id]
            i = bisect_right(starts, row.start) - 1
            record = row.to_json()
            for applied in record["tag_applied"]:
                applied["by"] = applied["by"] or analyst
            out.append({**record, "title": title, "section": sections[i] if i >= 0 else "",
                        "coder": row.created_by or analyst})
        return out
    finally:
        conn.close()
