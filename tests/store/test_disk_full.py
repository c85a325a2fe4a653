"""A full disk says so, where, and that nothing changed: it was "an unexpected
error (OSError / OperationalError)" for ingest, tag, search and reindex."""

from __future__ import annotations

import errno

import pytest

from workbench.core.errors import DiskFullError
from workbench.services import annotations as svc
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import search, update_index
from workbench.store import project as project_module

TEXT = "과기정통부가 인공지능 기본법 시행령을 발표했다.\n\n업계는 환영했다."


@pytest.fixture
def doc(project, tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path]))
    return project, tmp_path


def _full_database(monkeypatch) -> None:
    """SQLite's own "database or disk is full": every new connection may not grow the file."""
    real = project_module.connect

    def connect(path, readonly=False):
        conn = real(path, readonly)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn
    monkeypatch.setattr(project_module, "connect", connect)


def test_tagging_and_ingest_on_a_full_disk_say_so_and_change_nothing(doc, monkeypatch):
    project, tmp_path = doc
    before = svc.list_annotations(project)
    _full_database(monkeypatch)
    big = tmp_path / "big.txt"
    big.write_text("반도체 수출이 늘었다. " * 20000, encoding="utf-8")
    with pytest.raises(DiskFullError) as caught:
        for _ in range(50):  # until the database must grow
            svc.tag_passage(project, "memo.txt", ["규제"], quote="인공지능 기본법", note="메모 " * 2000)
    assert "disk is full" in caught.value.message and str(project.root) in caught.value.message
    assert "디스크가 가득" in caught.value.message_ko and "바뀌지 않았습니다" in caught.value.message_ko
    report = run_job(ingest(project, [big], index=False))
    assert report.failed and "disk is full" in report.files[0].message, report.to_json()
    monkeypatch.undo()
    assert len(svc.list_annotations(project)) >= len(before)  # what was saved before is all there
    assert search(project, "과기정통부").total == 1


def test_an_index_write_on_a_full_disk_says_so_and_keeps_the_old_index(doc, monkeypatch):
    project, _ = doc
    from whoosh.filedb import filestore

    def no_space(self, name, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", name)
    monkeypatch.setattr(filestore.FileStorage, "create_file", no_space)
    with pytest.raises(DiskFullError) as caught:
        run_job(update_index(project, rebuild=True))
    assert str(project.index_dir) in caught.value.message and "검색 색인" in caught.value.message_ko
    monkeypatch.undo()
    assert search(project, "과기정통부").total == 1  # the old index answers
    assert not any(".new" in p.name for p in project.root.iterdir())


def test_the_command_line_says_the_disk_is_full(doc, monkeypatch, capsys):
    from workbench.cli.main import main

    project, _ = doc
    _full_database(monkeypatch)
    code = 0
    for _ in range(50):
        code = main(["tag", "memo.txt", "--quote", "업계는 환영했다", "--tag", "반응", "--note", "메모 " * 2000,
                     "--project", str(project.root)])
        if code:
            break
    err = capsys.readouterr().err
    assert code == 2 and "disk is full" in err and "unexpected" not in err, err
