"""Read-only use cases on documents: list them, show one with its structure."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.models import Block, DocumentInfo
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project


@dataclass(slots=True)
class DocumentView:
    info: DocumentInfo
    text: str
    blocks: list[Block]

    def to_json(self) -> dict:
        return {
            **self.info.to_json(),
            "text": self.text,
            "blocks": [
                {"seq": b.seq, "kind": b.kind.value, "level": b.level, "start": b.start, "end": b.end,
                 "section": b.section, "section_path": b.section_path, "meta": b.meta,
                 "text": self.text[b.start:b.end]}
                for b in self.blocks
            ],
        }


def list_documents(project: Project) -> list[DocumentInfo]:
    conn = project.connect()
    try:
        return DocumentRepository(conn).list()
    finally:
        conn.close()


def show_document(project: Project, ref: str) -> DocumentView:
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        doc_id = repo.resolve(ref)
        return DocumentView(repo.info(doc_id), repo.text(doc_id), repo.blocks(doc_id))
    finally:
        conn.close()
