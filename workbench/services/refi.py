"""REFI-QDA export use cases: the project's passages as a ``.qdpx`` and the
codebook's GUIDs, shared with the ``.qdc`` export (services.codebook) so that
the same tag has the same GUID in both files and in every later export.

``<Users>`` names everyone who tagged or changed an exported passage
(services.analyst): the name stored on the passage, or for older passages
the project's analyst now.

Memos (services.memos) go as ``<Note>``s with their authors and dates: the
whole journal, the memos of the documents the file holds, and the memos of
the live tags; a memo an import brought keeps that file's GUID.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from workbench.core.ids import stable_guid, user_guid
from workbench.export.code_names import unique_names
from workbench.export.filenames import safe_file_name
from workbench.export.qdpx import QdaCode, QdaCoding, QdaMemo, QdaSource, QdaUser, write_qdpx
from workbench.services.analyst import analyst_name
from workbench.store.annotations import PATH_SEPARATOR, TagRepository
from workbench.store.documents import DocumentRepository
from workbench.store.memos import DOCUMENT, TAG, MemoRepository
from workbench.store.project import Project, project_uuid

def code_key_guid(project_id: uuid.UUID, key: tuple) -> str:
    """A code's GUID: ("tag", id) for a live tag, ("deleted", name) for a name a deleted tag left."""
    return stable_guid(project_id, "code", ":".join(str(part) for part in key))


def tag_guids(conn) -> dict[int, str]:
    """Each live tag's GUID, by id: what the .qdc and the .qdpx both use."""
    project_id = project_uuid(conn)
    return {t.id: code_key_guid(project_id, ("tag", t.id)) for t in TagRepository(conn).list()}


def export_qdpx(project: Project, out: Path, annotations, unique_code_names: bool = False) -> dict:
    """The passages as a .qdpx. ``unique_code_names``: every code gets a name
    no other code has (``정책 / 규제`` is written ``규제 (정책)``, see
    export.code_names), for QualCoder, which keeps one code per name and
    drops the codings of the rest; the result's ``renamed_codes`` lists each
    change. Off, names are the analyst's, nested as in the codebook."""
    conn = project.connect()
    try:
        project_id = project_uuid(conn)
        name = analyst_name(project, conn)
        user = QdaUser(user_guid(name), name)
        created = project.get_meta(conn, "created_at")
        docs = DocumentRepository(conn)
        tags = sorted(TagRepository(conn).list(), key=lambda t: t.path)
        codes = [QdaCode(("tag", t.id), tuple(t.path.split(PATH_SEPARATOR)), t.color, t.description) for t in tags]
        # A deleted tag lives on as a name on its passages: keep it as a code too.
        deleted = sorted({name for a in annotations for name, i in zip(a.tags, a.tag_ids) if i is None})
        codes += [QdaCode(("deleted", name), (name,), "#999999", "deleted from the codebook; kept as a record")
                  for name in deleted]
        for code in codes:
            code.guid = code_key_guid(project_id, code.key)
        renamed = []
        if unique_code_names:
            unique = unique_names([code.path for code in codes])
            for code, code_name in zip(codes, unique.names):
                code.name = code_name
            renamed = unique.renamed
        taken: set[str] = set()
        people: dict[str, QdaUser] = {name: user}
        sources = []
        for doc_id in sorted({a.doc_id for a in annotations}):
            info = docs.info(doc_id)
            sources.append(QdaSource(doc_id, safe_file_name(info.title, taken), docs.text(doc_id),
                                     guid=stable_guid(project_id, "source", doc_id), title=info.title,
                                     # who added it, and when, in the program it was imported from
                                     created=info.metadata.get("refi_created_at") or info.ingested_at,
                                     modified=info.updated_at,
                                     creator=_person(people, info.metadata["refi_created_by"])
                                     if info.metadata.get("refi_created_by") else None))
        codings = []
        for a in annotations:
            applied: dict[tuple, tuple[QdaUser, str | None]] = {}
            for n, (tag, i) in enumerate(zip(a.tags, a.tag_ids)):
                by, at = a.applied(n)  # the tag's own coder: a colleague may have added it
                applied.setdefault(("tag", i) if i is not None else ("deleted", tag), (_person(people, by or name), at))
            keys = list(applied)
            codings.append(QdaCoding(
                a.doc_id, a.start, a.end, keys, a.note, guid=stable_guid(project_id, "selection", a.id),
                coding_guids={k: stable_guid(project_id, "coding", f"{a.id}:{':'.join(map(str, k))}") for k in keys},
                note_guid=stable_guid(project_id, "note", a.id), created=a.created_at, modified=a.updated_at,
                creator=_person(people, a.created_by or name),
                modifier=_person(people, a.updated_by or a.created_by or name), applied=applied))
        memos = _memos(conn, project_id, people, name, {s.doc_id for s in sources})
    finally:
        conn.close()
    write_qdpx(out, project.root.name, user, codes, sources, codings, created=created, memos=memos)
    return {"path": str(out), "format": "qdpx", "passages": len(codings), "documents": len(sources),
            "memos": len(memos),
            "unique_code_names": unique_code_names, "renamed_codes": [r.to_json() for r in renamed]}


def _person(people: dict[str, QdaUser], name: str) -> QdaUser:
    """One QdaUser per name: a user's GUID is derived from the name (core.ids),
    so the same coder has the same GUID in every export and project."""
    if name not in people:
        people[name] = QdaUser(user_guid(name), name)
    return people[name]


def _memos(conn, project_id: uuid.UUID, people: dict[str, QdaUser], analyst: str,
           doc_ids: set[int]) -> list[QdaMemo]:
    """The journal, the exported documents' memos and the live tags' memos."""
    live = {t.id for t in TagRepository(conn).list()}
    out = []
    for memo in MemoRepository(conn).list():
        if memo.kind == DOCUMENT and memo.target_id not in doc_ids or memo.kind == TAG and memo.target_id not in live:
            continue
        on = (("source", memo.target_id) if memo.kind == DOCUMENT else ("code", ("tag", memo.target_id))
              if memo.kind == TAG else None)
        out.append(QdaMemo(memo.guid or stable_guid(project_id, "memo", memo.id), memo.text, on,
                           _person(people, memo.author or analyst), _person(people, memo.modifier or analyst),
                           memo.created_at, memo.updated_at))
    return out
