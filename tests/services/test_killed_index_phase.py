"""A kill -9 during the entities-and-index phase of an ingest. The documents
are saved before that phase, so none is lost; but those not reached yet were
left without entities (or, for a changed file, with the old text's entities
at offsets that no longer fit), and neither a rebuild nor the next search
ever extracted them. Now any job that brings the index in step first
extracts what an interrupted run left, and a changed text drops its old
mentions in the transaction that stores it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.store.test_index_processes import _in_step
from tests.helpers.killed_ingest import left_unextracted
from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import index_state, search, update_index
from workbench.store.documents import DocumentRepository
from workbench.store.entities import EntityRepository

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Ingest, killing the process itself (SIGKILL, nothing cleans up) once the
# index phase has reached document ``argv[3]``.
KILLED_INGEST = textwrap.dedent("""
    import os, signal, sys
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.projects import open_project

    kill_at = int(sys.argv[3])

    def on_progress(step):
        if step.stage == "index" and step.done >= kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    run_job(ingest(open_project(sys.argv[1]), [sys.argv[2]]), on_progress)
    print("the ingest ended before the kill", flush=True)
""")


def _small_corpus(tmp_path: Path) -> Path:
    """The four news seeds (the 840 KB report would only make the test slower)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.iterdir())[:4]:
        shutil.copy(path, corpus / path.name)
    return corpus


def _killed_ingest(root: Path, corpus: Path, kill_at: int) -> None:
    proc = subprocess.run([sys.executable, "-c", KILLED_INGEST, str(root), str(corpus), str(kill_at)],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "LANG": "C.UTF-8"})
    assert proc.returncode == -9, (proc.stdout, proc.stderr[-2000:])


def _cli(root: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "workbench", *args, "--project", str(root)], check=True,
                   capture_output=True, timeout=600, env={**os.environ, "LANG": "C.UTF-8"})


def _mentions_by_file(root: Path) -> dict[str, list[tuple]]:
    project = projects.open_project(root)
    conn = project.connect()
    try:
        entities = EntityRepository(conn)
        return {Path(d.source).name: [(m.start, m.end, m.text, m.type, m.canonical)
                                      for m in entities.mentions(d.id)]
                for d in DocumentRepository(conn).list()}
    finally:
        conn.close()


def _pending(root: Path) -> list[str]:
    project = projects.open_project(root)
    conn = project.connect()
    try:
        return [Path(r[0]).name for r in conn.execute("SELECT source FROM documents WHERE entities_sha = ''")]
    finally:
        conn.close()


@pytest.mark.slow
def test_a_first_ingest_killed_in_its_index_phase_is_completed_by_the_next_search(tmp_path, seeded_project):
    """Killed after the first of four documents was extracted and indexed. (A
    rebuild, and the window's index job, take the same path: the in-process
    test below, and the changed-file test's reindex.)"""
    corpus = _small_corpus(tmp_path)
    root = tmp_path / "p"
    _killed_ingest(root, corpus, 1)
    assert len(_mentions_by_file(root)) == 4  # every document was saved before the kill
    assert _pending(root), "the kill should have left documents whose entities were not extracted"

    _cli(root, "search", "반도체")
    assert _pending(root) == []
    # The same entities as a project whose ingest ran to the end.
    complete = _mentions_by_file(seeded_project.root)
    assert _mentions_by_file(root) == {name: complete[name] for name in _mentions_by_file(root)}
    _in_step(root)


def test_a_rebuild_extracts_what_a_killed_ingest_left(project, seeds_dir, tmp_path):
    """``workbench reindex`` (a rebuild) takes the pending documents through
    the same Kiwi pass; the state is the one a kill before extraction leaves
    (the real kill is the test above)."""
    doc_id, text = left_unextracted(project, seeds_dir / "001_430102f8735eb5df.txt", tmp_path)
    report = run_job(update_index(project, rebuild=True))
    assert report.rebuilt and report.extracted == [doc_id]
    assert _pending(project.root) == []
    conn = project.connect()
    try:
        mentions = EntityRepository(conn).mentions(doc_id)
    finally:
        conn.close()
    assert [m for m in mentions if text[m.start:m.end] != m.text] == []
    assert any(m.start == 0 and m.text == "과학기술정보통신부" for m in mentions)
    _in_step(project.root)


def test_the_next_index_job_extracts_what_a_killed_ingest_left(project, seeds_dir, tmp_path):
    """In process: the index is usable, but a document's new text was stored
    and the process died before extracting it."""
    doc_id, text = left_unextracted(project, seeds_dir / "001_430102f8735eb5df.txt", tmp_path)
    conn = project.connect()
    try:
        assert EntityRepository(conn).mentions(doc_id) == []  # the old text's mentions went with it
    finally:
        conn.close()
    assert index_state(project) == "behind"

    report = run_job(update_index(project))  # what the window runs at open, or any search
    assert report.extracted == [doc_id]
    assert index_state(project) == "ready"
    conn = project.connect()
    try:
        mentions = EntityRepository(conn).mentions(doc_id)
    finally:
        conn.close()
    assert mentions and mentions[0].start == 0 and mentions[0].text == "과학기술정보통신부"
    assert [m for m in mentions if text[m.start:m.end] != m.text] == []
    assert search(project, "entity:과학기술정보통신부").total >= 1  # indexed with its entities
    assert run_job(update_index(project)).extracted == []  # nothing left pending


def test_an_ingest_told_not_to_extract_leaves_extraction_to_a_later_job(project, seeds_dir, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text((seeds_dir / "001_430102f8735eb5df.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = run_job(ingest(project, [source], entities=False))
    assert report.entity_docs == [] and report.index["indexed"] == 1
    assert len(_pending(project.root)) == 1
