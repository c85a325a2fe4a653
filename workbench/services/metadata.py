"""Document metadata use cases: read each document's date, publisher, author,
URL and type (the analyst's correction, else what the file or its text
says), and let the analyst correct them.

Corrections live in their own table, keyed by document id and field, so
re-ingesting a changed file (which keeps its document id) keeps them; an
empty value removes the correction and the file's or the text's value shows
again. Search filters (date:, publisher:, author:, doctype:), the library,
exports and charts read the same effective values, so a correction counts
everywhere at once, without re-indexing.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.core.changes import Changes, Outcome
from workbench.core.errors import WorkbenchError
from workbench.corpus.doc_meta import (
    ANALYST, DOC_TYPES, FIELDS, FILE, INFERRED, date_bounds, doc_type_label, normalise_date, normalise_doc_type,
)
from workbench.store.documents import DocumentRepository
from workbench.store.metadata import DocumentMeta, MetadataEditRepository, effective_metadata
from workbench.store.project import Project

__all__ = ["ANALYST", "DOC_TYPES", "FIELDS", "FILE", "INFERRED", "DocumentMeta", "clean_value", "date_bounds",
           "doc_type_label", "document_meta", "document_metadata", "field_name", "normalise_date",
           "normalise_doc_type", "set_document_metadata"]

# Other names a field may be given (the CLI's --set type=보도자료).
_FIELD_NAMES = {"type": "doc_type", "doctype": "doc_type", "doc-type": "doc_type", "source": "publisher",
                "publication_date": "date", "published": "date"}
MAX_VALUE_CHARS = 500


def field_name(name: str) -> str:
    """The field a name stands for; a clear error for an unknown one."""
    key = name.strip().lower()
    key = _FIELD_NAMES.get(key, key)
    if key not in FIELDS:
        raise WorkbenchError(f"Unknown document field {name!r}; the fields are {', '.join(FIELDS)}",
                             f"알 수 없는 문서 항목 {name!r}입니다. 항목: {', '.join(FIELDS)}")
    return key


def document_metadata(project: Project, doc_ids: Iterable[int] | None = None) -> dict[int, DocumentMeta]:
    """Each document's effective metadata (all documents, or ``doc_ids``), by id."""
    conn = project.connect()
    try:
        return effective_metadata(conn, doc_ids)
    finally:
        conn.close()


def document_meta(project: Project, doc_ref: str | int) -> DocumentMeta:
    """One document's effective metadata, the document named by id, file name, path or title."""
    conn = project.connect()
    try:
        doc_id = DocumentRepository(conn).resolve(str(doc_ref))
        return effective_metadata(conn, [doc_id])[doc_id]
    finally:
        conn.close()


def clean_value(name: str, value: str) -> str:
    """A field's value as it would be stored (dates normalised, types as codes);
    WorkbenchError, in English and Korean, when it cannot be."""
    value = " ".join(str(value).split())
    if len(value) > MAX_VALUE_CHARS:
        raise WorkbenchError(f"The {name} is {len(value):,} characters long; at most {MAX_VALUE_CHARS} are kept",
                             f"{name} 값이 {len(value):,}자입니다. 최대 {MAX_VALUE_CHARS}자까지 쓸 수 있습니다")
    if not value:
        return ""
    if name == "date":
        date = normalise_date(value)
        if date is None:
            raise WorkbenchError(
                f"{value!r} is not a date; write it like 2024, 2024-03, 2024-03-05, 2024.3.5 or 2024년 3월 5일",
                f"{value!r}은(는) 날짜가 아닙니다. 2024, 2024-03, 2024-03-05, 2024.3.5, 2024년 3월 5일처럼 쓰세요")
        return date
    if name == "doc_type":
        return normalise_doc_type(value)
    if name == "url" and " " in value:
        raise WorkbenchError(f"{value!r} is not a web address (it has spaces)",
                             f"{value!r}은(는) 웹 주소가 아닙니다(띄어쓰기가 있습니다)")
    return value


def set_document_metadata(project: Project, doc_ref: str | int, **fields: str | None) -> Outcome[DocumentMeta]:
    """Correct fields of a document: ``set_document_metadata(p, 3, date="2024.3.5", publisher="전자신문")``.

    A value of None leaves the field alone; an empty value removes the
    analyst's correction (the file's or the text's value shows again). Dates
    are normalised (2024, 2024-03, 2024-03-05, 2024.3.5, 2024년 3월 5일); a type
    named in either language becomes its code (보도자료 → press_release).
    Every value is checked before anything is written.
    """
    wanted = {field_name(k): clean_value(field_name(k), v) for k, v in fields.items() if v is not None}
    with project.writing() as conn:
        doc_id = DocumentRepository(conn).resolve(str(doc_ref))
        edits = MetadataEditRepository(conn)
        before = edits.edits([doc_id]).get(doc_id, {})
        changed = False
        for name, value in wanted.items():
            if value:
                if before.get(name) != value:
                    edits.set(doc_id, name, value)
                    changed = True
            elif edits.clear(doc_id, name):
                changed = True
        meta = effective_metadata(conn, [doc_id])[doc_id]
    return Outcome(meta, Changes(documents_meta=frozenset({doc_id})) if changed else Changes())
