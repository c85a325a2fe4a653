"""Keeping the index in step: incremental updates, self-repair, cancel, aliases."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from workbench.core.progress import Cancelled, CancelToken
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.core.errors import IndexNotReadyError
from workbench.search.query import QueryError
from workbench.services.search import add_alias, search, search_in_step, update_index


@pytest.fixture
def small_project(project, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("제1장 서론\n\n과기정통부가 인공지능 기본법 시행령을 발표했다.", encoding="utf-8")
    (folder / "b.txt").write_text("전자신문은 코엑스에서 공공솔루션마켓을 열었다. 앤트로픽도 참석했다.", encoding="utf-8")
    report = run_job(ingest(project, [folder]))
    assert report.index["indexed"] == 2
    return project, folder


def test_ingest_shares_one_kiwi_pass_and_leaves_the_index_ready(project, tmp_path, monkeypatch):
    """Entities are found from the tokens the index job made: the extractor's
    own Kiwi is never asked. Afterwards the index is in step (the entities it
    stored do not leave it looking stale)."""
    import workbench.services.entities as entities
    from workbench.services.entities import facets
    from workbench.services.search import index_state

    def no_kiwi(lines):
        raise AssertionError("entity extraction tokenised on its own")

    monkeypatch.setattr(entities, "_tokenize", no_kiwi)
    (tmp_path / "c.txt").write_text("과기정통부\n\n김철수 장관은 과기정통부가 인공지능 기본법 시행령을 발표했다고 말했다.",
                                    encoding="utf-8")
    report = run_job(ingest(project, [tmp_path / "c.txt"]))
    assert report.entities_changed == 1 and report.index["indexed"] == 1
    assert any(f["canonical"] == "과학기술정보통신부" for f in facets(project))
    assert index_state(project) == "ready"
    # Where the time went, for benchmarks: every phase of the job, no more than the whole.
    phases = report.index["phases"]
    assert {"entities", "analysis", "postings", "segments"} <= set(phases)
    assert sum(phases.values()) <= report.index["seconds"] + 0.05


def test_ingest_indexes_only_what_changed(small_project):
    project, folder = small_project
    (folder / "c.txt").write_text("오픈AI가 서울에 사무소를 열었다.", encoding="utf-8")
    report = run_job(ingest(project, [folder]))
    assert report.summary()["added"] == 1 and report.summary()["unchanged"] == 2
    assert report.index["indexed"] == 1
    (folder / "a.txt").write_text("제1장 서론\n\n중기부가 새 지원책을 내놓았다.", encoding="utf-8")
    report = run_job(ingest(project, [folder]))
    assert report.index["indexed"] == 1
    assert search(project, "중소벤처기업부").total == 1  # alias of 중기부
    assert search(project, "시행령").total == 0  # the old text is gone from the index


def test_missing_index_is_rebuilt_with_a_message(small_project):
    import shutil

    project, _ = small_project
    shutil.rmtree(project.index_dir)
    with pytest.raises(IndexNotReadyError) as info:
        search(project, "앤트로픽")  # searching never writes: it says the index is not there
    assert "missing" in info.value.message and "색인" in info.value.message_ko
    result = search_in_step(project, "앤트로픽")  # the explicit job the CLI runs first
    assert result.total == 1
    assert any("missing" in w and "rebuilt" in w for w in result.warnings)


def test_damaged_index_is_rebuilt(small_project):
    project, _ = small_project
    segments = [p for p in project.index_dir.iterdir() if p.suffix in (".seg", ".toc")]
    assert segments
    for path in segments:
        path.write_bytes(b"\x00garbage" * 10)
    with pytest.raises(IndexNotReadyError):
        search(project, "과기정통부")
    result = search_in_step(project, "과기정통부")
    assert result.total == 1
    assert any("damaged" in w or "description" in w for w in result.warnings)
    assert not any(".new" in p.name or ".old" in p.name for p in project.index_dir.parent.iterdir())


def test_cancelled_rebuild_keeps_the_old_index(small_project):
    project, _ = small_project
    token = CancelToken()
    job = update_index(project, rebuild=True, cancel=token)
    next(job)
    token.cancel()
    with pytest.raises(Cancelled):
        run_job(job)
    assert search(project, "앤트로픽").total == 1
    assert not any(".new" in p.name for p in project.index_dir.parent.iterdir())


def test_reindex_rebuilds_from_the_database(small_project):
    project, _ = small_project
    report = run_job(update_index(project, rebuild=True))
    assert report.rebuilt and report.indexed == 2


def test_project_aliases_expand_queries(small_project):
    project, _ = small_project
    assert search(project, "etnews").total == 0
    add_alias(project, "전자신문", ["etnews", "이티뉴스"])
    result = search(project, "etnews")
    assert result.total == 1 and result.expansions == {"etnews": ["전자신문", "이티뉴스"]}


def test_kiwi_loads_lazily_once_per_process(tmp_path):
    script = f"""
import workbench.corpus.kiwi as analysis
from workbench.services.projects import open_project
from workbench.services.ingest import ingest
from workbench.services.documents import list_documents
from workbench.services.jobs import run_job
from workbench.services.search import search_in_step
p = open_project({str(tmp_path / 'p')!r})
import pathlib; pathlib.Path({str(tmp_path / 'x.txt')!r}).write_text('과기정통부가 발표했다', encoding='utf-8')
run_job(ingest(p, [{str(tmp_path / 'x.txt')!r}], index=False))
list_documents(p)
print('before', analysis.kiwi_loaded())
search_in_step(p, '과기정통부'); k1 = analysis._kiwi
search_in_step(p, '발표'); k2 = analysis._kiwi
print('after', analysis.kiwi_loaded(), k1 is k2)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={**os.environ}).stdout.split("\n")
    assert out[:2] == ["before False", "after True True"]


def test_a_byte_that_is_not_utf8_in_a_query_is_refused_and_rebuilds_nothing(small_project, tmp_path):
    """The terminal hands Python an invalid byte as a lone surrogate: it was
    reported as a damaged index and the whole index was rebuilt."""
    project, _ = small_project
    before = {p.name: p.stat().st_mtime_ns for p in project.index_dir.iterdir()}
    with pytest.raises(QueryError) as caught:
        search(project, "과기정통부 \udcff")
    assert caught.value.position == 6 and "UTF-8" in caught.value.message_ko
    proc = subprocess.run([os.fsencode(sys.executable), b"-m", b"workbench", b"search", "과기정통부 ".encode() + b"\xff",
                           b"--project", os.fsencode(project.root)], capture_output=True, timeout=120,
                          env={**os.environ, "LANG": "C.UTF-8"})
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "not UTF-8" in err and "damaged" not in err, (proc.returncode, err)
    assert {p.name: p.stat().st_mtime_ns for p in project.index_dir.iterdir()} == before  # nothing rebuilt


def test_an_index_copied_from_a_sibling_project_is_not_trusted(small_project, tmp_path):
    """Same change counter, other passages: the copied index answered with the
    sibling's text. The index names its project, and a copy is rebuilt."""
    import shutil

    from workbench.services.projects import open_project
    from workbench.services.search import index_state

    project, _ = small_project
    sibling = open_project(tmp_path / "sibling")
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("제1장 서론\n\n중기부가 반도체 지원책을 내놓았다.", encoding="utf-8")
    (other / "b.txt").write_text("앤트로픽이 서울에 사무소를 열었다. 오픈AI도 왔다.", encoding="utf-8")
    run_job(ingest(sibling, [other]))
    assert search(sibling, "과기정통부").total == 0
    shutil.rmtree(sibling.index_dir)
    shutil.copytree(project.index_dir, sibling.index_dir)  # same counter: two documents ingested once each
    assert index_state(sibling) == "unusable"
    with pytest.raises(IndexNotReadyError) as caught:
        search(sibling, "과기정통부")
    assert "another project" in caught.value.message and "다른 프로젝트" in caught.value.message_ko
    result = search_in_step(sibling, "과기정통부")
    assert result.total == 0 and search(sibling, "중소벤처기업부").total == 1
    assert any("another project" in w for w in result.warnings)
