"""Asking whether the index is in step is cheap: no Kiwi (the window asks on
its GUI thread at every start, and loading Kiwi there froze it for ~5 s)."""

from __future__ import annotations

import json

from tests.helpers.kiwi_calls import watch_main_thread_kiwi
from workbench.search.index import META_FILE
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import add_alias, index_state, update_index


def test_index_state_never_asks_for_kiwi(seeded_project, monkeypatch):
    calls = watch_main_thread_kiwi(monkeypatch)
    assert index_state(seeded_project) == "ready"
    assert calls == [], "index_state asked for Kiwi:\n" + "\n".join(calls)


def test_a_new_alias_still_puts_the_index_behind_without_kiwi(project, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("과기정통부가 인공지능 기본법 시행령을 발표했다.", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt"]))
    assert index_state(project) == "ready"
    add_alias(project, "엔비디아", ["NVIDIA", "엔비디아코리아"])
    calls = watch_main_thread_kiwi(monkeypatch)
    assert index_state(project) == "unusable"  # built with another alias list: rebuilt by the index job
    assert calls == []


def test_an_index_described_by_an_older_version_is_brought_in_step_not_rebuilt(project, tmp_path, monkeypatch):
    """Indexes made before the cheap description have no ``names_source``: the
    state says "behind" (without Kiwi) and the index job only rewrites the
    description — no rebuild of a large corpus on upgrade."""
    (tmp_path / "a.txt").write_text("과기정통부가 인공지능 기본법 시행령을 발표했다.", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt"]))
    meta_path = project.index_dir / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert "names_source" in meta
    del meta["names_source"]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    calls = watch_main_thread_kiwi(monkeypatch)
    assert index_state(project) == "behind"
    assert calls == []
    report = run_job(update_index(project))
    assert not report.rebuilt and report.indexed == 0
    assert index_state(project) == "ready"


def test_the_version_is_read_while_another_thread_imports_kiwi(monkeypatch):
    """The warm-up thread imports kiwipiepy while the window asks whether the index
    is in step: a module half imported (in sys.modules, no __version__ yet) crashed
    the window at start. The version comes from the package's metadata."""
    import sys
    import types
    from importlib import metadata

    from workbench.search import index

    monkeypatch.setitem(sys.modules, "kiwipiepy", types.ModuleType("kiwipiepy"))  # half imported
    index._kiwi_version.cache_clear()
    try:
        assert index._kiwi_version() == metadata.version("kiwipiepy")
    finally:
        index._kiwi_version.cache_clear()
