"""The project store: schema versions, WAL, transactions, one writer at a time."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from workbench.core.errors import ProjectError, ProjectLockedError, SchemaTooNewError
from workbench.store import schema
from workbench.store.project import Project, transaction


def test_new_project_has_latest_schema_and_wal(tmp_path):
    project = Project.open(tmp_path / "p")
    conn = project.connect()
    assert schema.version(conn) == schema.LATEST
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "blocks", "meta", "ingest_log"} <= tables
    assert project.get_meta(conn, "created_at")


def test_reopening_is_idempotent(tmp_path):
    Project.open(tmp_path / "p")
    project = Project.open(tmp_path / "p")
    assert schema.version(project.connect()) == schema.LATEST


def test_newer_schema_is_refused_not_downgraded(tmp_path):
    project = Project.open(tmp_path / "p")
    conn = project.connect()
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    with pytest.raises(SchemaTooNewError) as info:
        Project.open(tmp_path / "p")
    assert "newer Workbench" in info.value.message


def test_migration_failure_leaves_old_version(tmp_path, monkeypatch):
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + ["CREATE TABLE half (x INTEGER);\nINSERT INTO no_such_table VALUES (1);"])
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))
    with pytest.raises(sqlite3.Error):
        Project.open(tmp_path / "p")
    conn = sqlite3.connect(tmp_path / "p" / "workbench.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST - 1
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0


def test_transaction_rolls_back_on_error(tmp_path):
    project = Project.open(tmp_path / "p")
    conn = project.connect()
    with pytest.raises(RuntimeError):
        with transaction(conn):
            project.set_meta(conn, "k", "v")
            raise RuntimeError("disk full")
    assert project.get_meta(conn, "k") is None


def test_not_a_project_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ProjectError):
        Project.open(tmp_path / "file")
    with pytest.raises(ProjectError):
        Project.open(tmp_path / "missing", create=False)


def test_second_process_gets_a_clear_lock_message(tmp_path):
    project = Project.open(tmp_path / "p")
    holder = textwrap.dedent(f"""
        import sys, time
        from workbench.store.project import Project
        p = Project({str(project.root)!r})
        with p.write_lock():
            print("locked", flush=True)
            sys.stdin.readline()
    """)
    proc = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(ProjectLockedError) as info:
            with project.write_lock():
                pass
        assert f"pid {proc.pid}" in info.value.message
        assert "다른 Workbench 프로세스" in info.value.message_ko
    finally:
        proc.stdin.write("\n")
        proc.stdin.flush()
        proc.wait(timeout=10)
    with project.write_lock():  # released when the holder ended
        pass


def test_lock_released_when_holder_is_killed(tmp_path):
    project = Project.open(tmp_path / "p")
    holder = f"""
import time
from workbench.store.project import Project
p = Project({str(project.root)!r})
p._gate.file_lock.acquire(timeout=0)
print("locked", flush=True)
time.sleep(60)
"""
    proc = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    proc.kill()
    proc.wait(timeout=10)
    with project.write_lock():
        pass
