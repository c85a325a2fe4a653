"""Several Workbench processes on one project at once: an ingest and two
searches, two reindexes, searches on a project whose index is missing. Every
process exits 0 (one builds the index, the others wait for it) and the index
ends in step with the database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.services import projects
from workbench.search.index import _key
from workbench.services.search import index_state, search_index
from workbench.store.documents import DocumentRepository

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _corpus(tmp_path: Path) -> Path:
    """The four seed articles and the report's first 100,000 characters: the
    processes race the same way over a fifth of the text (the whole 838 KB
    report made each Kiwi pass, and so each test, take minutes)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        (corpus / seed.name).write_text(text[:100_000], encoding="utf-8")
    return corpus


def _start(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "workbench", *args, "--project", str(project)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "LANG": "C.UTF-8"})


def _all_succeed(procs: list[subprocess.Popen]) -> None:
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        outcomes.append((proc.args[3], proc.returncode, err[-600:]))
    assert [code for _, code, _ in outcomes] == [0] * len(procs), outcomes


def _in_step(root: Path) -> None:
    project = projects.open_project(root)
    assert index_state(project) == "ready"
    conn = project.connect()
    try:
        wanted = {_key(d) for d in DocumentRepository(conn).list()}
    finally:
        conn.close()
    index = search_index(project)
    try:
        assert index.indexed_keys() == wanted
    finally:
        index.close()
    leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith("index") and p.name != "index")
    assert leftovers == [], leftovers  # no half-built folders left beside the index


def test_a_first_ingest_and_two_searches_at_once_all_succeed(tmp_path):
    corpus = _corpus(tmp_path)
    root = tmp_path / "p"
    procs = [_start(root, "ingest", str(corpus)), _start(root, "search", "반도체"), _start(root, "search", "AI")]
    _all_succeed(procs)
    _in_step(root)


def test_searches_and_reindexes_on_a_project_without_its_index_all_succeed(tmp_path):
    corpus = _corpus(tmp_path)
    root = tmp_path / "p"
    subprocess.run([sys.executable, "-m", "workbench", "ingest", str(corpus), "--project", str(root)],
                   check=True, capture_output=True, timeout=600)
    shutil.rmtree(root / "index")
    procs = [_start(root, "search", "반도체"), _start(root, "search", "정부"), _start(root, "reindex"),
             _start(root, "reindex")]
    _all_succeed(procs)
    _in_step(root)
