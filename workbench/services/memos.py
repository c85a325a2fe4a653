"""Memos, the QDA analyst's running thoughts: a project journal of dated
entries (each with its author), a memo on a document and a memo on a tag.

A tag's *definition and rules* are its description (tags.description), as
they always were: the codebook, the .qdc and the REFI-QDA ``<Description>``
of a code all carry it, so it is not a second copy here. A tag's memo is the
analyst's dated note beside it (why the tag was split, doubts about its
edges); :func:`set_tag_memo` edits both in one transaction. A document and a
tag have one memo each (as in MAXQDA and ATLAS.ti); the journal is a list.

Every write returns ``Outcome(value, Changes(memos=True))`` (with
``codebook=True`` when a definition changed) so the library's memo marks,
the codebook's tooltips and the journal refresh from one notification. The
author is the project's analyst (services.analyst) at the time of writing.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.changes import Changes, Outcome
from workbench.core.errors import WorkbenchError
from workbench.services.analyst import analyst_name
from workbench.store.annotations import TagRepository
from workbench.store.documents import DocumentRepository
from workbench.store.memos import DOCUMENT, PROJECT, TAG, Memo, MemoRepository, normal
from workbench.store.project import Project

MEMOS = Changes(memos=True)
MAX_MEMO_CHARS = 200_000  # a long memo is a few pages; this keeps one cell, one note, one tooltip sane

__all__ = ["Memo", "MemoView", "MEMOS", "add_journal_entry", "delete_journal_entry", "delete_memo",
           "document_memo", "edit_journal_entry", "journal", "list_memos", "memo_documents", "memo_rows", "restore_memo",
           "set_document_memo", "set_tag_memo", "tag_memo", "tag_memos"]


@dataclass(slots=True)
class MemoView:
    """A memo with what it is about, as the briefing and ``memo list`` show it."""

    memo: Memo
    target: str  # the document's title, the tag's path, "" for the journal

    def to_json(self) -> dict:
        return self.memo.to_json() | {"target": self.target}


def _check(text: str) -> str:
    text = normal(text)
    if len(text) > MAX_MEMO_CHARS:
        raise WorkbenchError(f"A memo holds at most {MAX_MEMO_CHARS:,} characters (this one has {len(text):,})",
                             f"메모는 {MAX_MEMO_CHARS:,}자까지 쓸 수 있습니다(지금 {len(text):,}자)")
    return text


def _tag_id(conn, ref: str | int) -> int:
    if isinstance(ref, int):
        if conn.execute("SELECT 1 FROM tags WHERE id = ?", (ref,)).fetchone() is None:
            raise WorkbenchError(f"No tag with id {ref}", f"ID {ref}인 태그가 없습니다")
        return ref
    tag = TagRepository(conn).find(ref)
    if tag is None:
        raise WorkbenchError(f"No tag {ref!r} in the codebook", f"코드북에 {ref!r} 태그가 없습니다")
    return tag.id


def _doc_id(conn, ref: str | int) -> int:
    if isinstance(ref, int):
        DocumentRepository(conn).info(ref)  # raises DocumentNotFoundError, in both languages
        return ref
    return DocumentRepository(conn).resolve(ref)


def _read(project: Project, read):
    conn = project.connect()
    try:
        return read(conn)
    finally:
        conn.close()


def _set(conn, project: Project, kind: str, target_id: int, text: str) -> Memo | None:
    """Write, change or (empty text) delete the memo of one target; the memo now, or None."""
    repo = MemoRepository(conn)
    old = repo.for_target(kind, target_id)
    who = analyst_name(project, conn)
    if not text:
        if old is not None:
            repo.delete(old.id)
        return None
    if old is None:
        return repo.get(repo.add(kind, target_id, text, who))
    if old.text != text:
        repo.update(old.id, text, who)
    return repo.get(old.id)


# --- documents ------------------------------------------------------------------------------

def document_memo(project: Project, doc: int | str) -> Memo | None:
    return _read(project, lambda conn: MemoRepository(conn).for_target(DOCUMENT, _doc_id(conn, doc)))


def memo_documents(project: Project) -> dict[int, str]:
    """Each document that has a memo, with its text (the library marks them)."""
    return _read(project, lambda conn: MemoRepository(conn).document_texts())


def set_document_memo(project: Project, doc: int | str, text: str) -> Outcome[Memo | None]:
    """The document's memo is now ``text`` (empty deletes it)."""
    text = _check(text)
    with project.writing() as conn:
        return Outcome(_set(conn, project, DOCUMENT, _doc_id(conn, doc), text), MEMOS)


# --- tags -----------------------------------------------------------------------------------

def tag_memo(project: Project, tag: int | str) -> Memo | None:
    return _read(project, lambda conn: MemoRepository(conn).for_target(TAG, _tag_id(conn, tag)))


def tag_memos(project: Project) -> dict[int, Memo]:
    """The memo of every live tag, by tag id (the codebook's tooltips)."""
    def read(conn):
        live = {t.id for t in TagRepository(conn).list()}
        return {m.target_id: m for m in MemoRepository(conn).list(TAG) if m.target_id in live}
    return _read(project, read)


def set_tag_memo(project: Project, tag: int | str, text: str | None = None,
                 definition: str | None = None) -> Outcome[Memo | None]:
    """A tag's memo (``text``; empty deletes it) and/or its definition and rules
    (the description, ``definition``): None leaves either as it is."""
    text = _check(text) if text is not None else None
    with project.writing() as conn:
        tag_id = _tag_id(conn, tag)
        changes = MEMOS
        if definition is not None:
            definition = _check(definition)
            if conn.execute("SELECT description FROM tags WHERE id = ?", (tag_id,)).fetchone()[0] != definition:
                TagRepository(conn).update(tag_id, description=definition)
                changes = changes | Changes(codebook=True)
        if text is None:
            return Outcome(MemoRepository(conn).for_target(TAG, tag_id), changes)
        return Outcome(_set(conn, project, TAG, tag_id, text), changes)


# --- the journal ----------------------------------------------------------------------------

def journal(project: Project) -> list[Memo]:
    """The project journal, oldest entry first."""
    return _read(project, lambda conn: MemoRepository(conn).list(PROJECT))


def add_journal_entry(project: Project, text: str) -> Outcome[Memo]:
    text = _check(text)
    if not text:
        raise WorkbenchError("A journal entry needs some text", "일지 항목에 내용을 적어야 합니다")
    with project.writing() as conn:
        repo = MemoRepository(conn)
        return Outcome(repo.get(repo.add(PROJECT, 0, text, analyst_name(project, conn))), MEMOS)


def _entry(conn, entry_id: int) -> Memo:
    memo = MemoRepository(conn).get(entry_id)
    if memo is None or memo.kind != PROJECT:
        raise WorkbenchError(f"No journal entry {entry_id}", f"일지 항목 {entry_id}이(가) 없습니다")
    return memo


def edit_journal_entry(project: Project, entry_id: int, text: str) -> Outcome[Memo]:
    text = _check(text)
    if not text:
        raise WorkbenchError("A journal entry needs some text (delete it instead)",
                             "일지 항목에 내용을 적어야 합니다(지우려면 삭제하세요)")
    with project.writing() as conn:
        memo = _entry(conn, entry_id)
        if memo.text != text:
            MemoRepository(conn).update(entry_id, text, analyst_name(project, conn))
        return Outcome(MemoRepository(conn).get(entry_id), MEMOS)


def delete_journal_entry(project: Project, entry_id: int) -> Outcome[Memo]:
    """Delete one entry; returns it as it was (for undo: :func:`restore_memo`)."""
    with project.writing() as conn:
        memo = _entry(conn, entry_id)
        MemoRepository(conn).delete(entry_id)
        return Outcome(memo, MEMOS)


def delete_memo(project: Project, memo_id: int) -> Outcome[Memo | None]:
    with project.writing() as conn:
        repo = MemoRepository(conn)
        memo = repo.get(memo_id)
        if memo is not None:
            repo.delete(memo_id)
        return Outcome(memo, MEMOS)


def restore_memo(project: Project, memo: Memo) -> Outcome[Memo]:
    """Put back a deleted memo with its author and dates (undo)."""
    with project.writing() as conn:
        repo = MemoRepository(conn)
        if memo.kind != PROJECT and (old := repo.for_target(memo.kind, memo.target_id)) is not None:
            repo.delete(old.id)
        return Outcome(repo.get(repo.restore(memo)), MEMOS)


# --- everything -----------------------------------------------------------------------------

def list_memos(project: Project) -> list[MemoView]:
    """Every memo with what it is about: the journal (oldest first), then the
    documents' memos by title, then the tags' by path. A tag's memo whose tag
    was deleted is left out (it comes back with the tag on undo)."""
    def read(conn):
        repo = MemoRepository(conn)
        titles = {doc_id: title for doc_id, title, _ in DocumentRepository(conn).names()}
        paths = TagRepository(conn).paths()
        out = [MemoView(m, "") for m in repo.list(PROJECT)]
        out += sorted((MemoView(m, titles[m.target_id]) for m in repo.list(DOCUMENT) if m.target_id in titles),
                      key=lambda v: (v.target, v.memo.target_id))
        out += sorted((MemoView(m, paths[m.target_id]) for m in repo.list(TAG) if m.target_id in paths),
                      key=lambda v: v.target)
        return out
    return _read(project, read)


def memo_rows(project: Project, local_time) -> list:
    """The briefing's Memos sheet (export.memo_sheet): the journal, the
    documents' memos, then every tag that has a definition or a memo, in the
    codebook's order. ``local_time`` turns a stored UTC time into the
    analyst's local one (services.export)."""
    from workbench.export.memo_sheet import MemoRow

    def row(memo: Memo, about: str, definition: str = "") -> MemoRow:
        return MemoRow(memo.kind, about, memo.text, definition, memo.author, local_time(memo.created_at),
                       memo.modifier, local_time(memo.updated_at))

    views = list_memos(project)
    rows = [row(v.memo, v.target) for v in views if v.memo.kind != TAG]
    tag_memo_by_path = {v.target: v.memo for v in views if v.memo.kind == TAG}
    tags = _read(project, lambda conn: sorted(TagRepository(conn).list(), key=lambda t: t.path))
    for tag in tags:
        memo = tag_memo_by_path.get(tag.path)
        if memo is not None:
            rows.append(row(memo, tag.path, tag.description))
        elif tag.description:
            rows.append(MemoRow(TAG, tag.path, "", tag.description))
    return rows
