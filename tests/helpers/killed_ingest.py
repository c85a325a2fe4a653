"""What an ingest killed between storing a changed text and extracting its
entities leaves in the database, made in process (a real kill is in
tests/services/test_killed_index_phase.py)."""

from __future__ import annotations

from pathlib import Path

from workbench.corpus.extract import extract_file, text_sha256
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project

ADDED = "과학기술정보통신부는 새 계획을 발표했다.\n\n"


def left_unextracted(project: Project, seed: Path, folder: Path) -> tuple[int, str]:
    """Ingest a copy of ``seed``, then store the copy's new text (``ADDED`` in
    front, so every old offset is off) as the killed ingest's read phase did.
    Returns the document's id and its new text."""
    source = folder / "news.txt"
    source.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    run_job(ingest(project, [source]))
    source.write_text(ADDED + source.read_text(encoding="utf-8"), encoding="utf-8")
    conn = project.connect()
    try:
        docs = DocumentRepository(conn)
        doc_id = docs.list()[0].id
        new = extract_file(source)
        with project.writing(conn):
            docs.replace(doc_id, new, source.stat().st_size, "changed", text_sha256(new.text))
    finally:
        conn.close()
    return doc_id, new.text
