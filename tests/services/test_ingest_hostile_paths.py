"""Ingest reads only what the analyst chose (issue 24, items 1 and 4).

A folder may hold links out of it (``shadow.txt`` → the system's password
file), FIFOs that would block a read forever, and file names that are not
UTF-8. Links out and special files are skipped and said so; a name that is
not UTF-8 is ingested and shown with its odd byte escaped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from workbench.core.shown import shown, shown_path
from workbench.services.documents import list_documents, show_document
from workbench.services.ingest import collect, ingest
from workbench.services.jobs import run_job

posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and byte file names as on Linux")


def _ingest(project, *paths):
    return run_job(ingest(project, list(paths), index=False, entities=False))


def _by_name(report):
    return {Path(f.path).name: f for f in report.files}


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "outside" / "shadow.txt"
    secret.parent.mkdir()
    secret.write_text("root:$6$secret-hash:19000:0:99999:7:::", encoding="utf-8")
    return secret


@posix_only
def test_a_link_out_of_the_folder_is_skipped_and_said_so(project, tmp_path, outside):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text("과기정통부가 발표했다.", encoding="utf-8")
    (folder / "shadow.txt").symlink_to(outside)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    report = _ingest(project, folder)
    files = _by_name(report)
    assert files["a.txt"].status == "added"
    assert files["shadow.txt"].status == "skipped" and files["shadow.txt"].code == "link_outside"
    assert "outside" in files["shadow.txt"].message and files["shadow.txt"].message_ko
    assert files["dangling.txt"].status == "skipped"
    assert not report.failed
    texts = [show_document(project, str(d.id)).text for d in list_documents(project)]
    assert not any("secret-hash" in t for t in texts)


@posix_only
def test_a_link_inside_the_folder_is_read_once_as_its_target(project, tmp_path):
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    target = folder / "sub" / "real.txt"
    target.write_text("오픈AI 코리아가 출범했다.", encoding="utf-8")
    (folder / "alias.txt").symlink_to(target)
    report = _ingest(project, folder)
    assert report.summary()["added"] == 1 and report.summary()["duplicates"] == 0
    assert [d.source for d in list_documents(project)] == [str(target)]


@posix_only
def test_folder_links_are_not_walked_and_loops_do_not_hang(project, tmp_path, outside):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text("본문", encoding="utf-8")
    (folder / "out").symlink_to(outside.parent, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    files, early, _ = collect([folder])
    assert files == [folder / "a.txt"]
    skipped = {Path(r.path).name: r for r in early}
    assert skipped["out"].status == skipped["loop"].status == "skipped"
    assert skipped["out"].code == "link_outside" and skipped["loop"].code == "link_folder"


@posix_only
def test_a_fifo_in_the_folder_is_skipped_without_blocking(project, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text("본문", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("report", _ingest(project, folder)), daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the reader so the test run can end, then fail
        with open(folder / "pipe.txt", "w"):
            pass
        pytest.fail("ingest blocked on a FIFO")
    files = _by_name(result["report"])
    assert files["a.txt"].status == "added"
    assert files["pipe.txt"].status == "skipped" and files["pipe.txt"].code == "not_regular"


@posix_only
def test_an_explicit_link_is_followed_but_an_explicit_fifo_refused(project, tmp_path, outside):
    link = tmp_path / "named.txt"
    link.symlink_to(outside)
    fifo = tmp_path / "named-pipe.txt"
    os.mkfifo(fifo)
    report = _ingest(project, link, fifo)
    statuses = {f.path: f for f in report.files}
    assert statuses[str(outside)].status == "added"  # the analyst named it
    refused = statuses[str(fifo)]
    assert refused.status == "failed" and refused.code == "not_regular" and refused.message_ko


def test_shown_escapes_undecodable_bytes_only():
    assert shown("정책 a.txt") == "정책 a.txt"
    assert shown_path(b"caf\xe9.txt") == "caf\\xe9.txt"
    assert shown("x\ud800y") == "x\\ud800y"


def _with_a_latin1_name(folder):
    """Two files with UTF-8 names and café.txt named in Latin-1 (not UTF-8)."""
    folder.mkdir()
    (folder / "a.txt").write_text("첫째 문서", encoding="utf-8")
    (folder / "b.txt").write_text("둘째 문서", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write("셋째 문서".encode("utf-8"))
    return folder


@posix_only
def test_a_name_that_is_not_utf8_is_ingested_and_shown_escaped(project, tmp_path):
    folder = _with_a_latin1_name(tmp_path / "d")
    report = _ingest(project, folder)
    assert report.summary()["added"] == 3, report.to_json()
    json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")  # every string can be written out
    odd = next(f for f in report.files if "caf" in f.path)
    assert odd.path.endswith("caf\\xe9.txt") and "caf\\xe9" in odd.message
    docs = list_documents(project)
    assert any(d.source.endswith("caf\\xe9.txt") for d in docs)

    again = _ingest(project, folder)  # the stored name finds the same file: unchanged, not removed
    assert again.summary()["unchanged"] == 3 and again.summary()["removed"] == 0, again.to_json()


@posix_only
def test_cli_ingests_a_folder_with_a_latin1_name(tmp_path):
    folder = _with_a_latin1_name(tmp_path / "d")
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "workbench", "ingest", str(folder), "--project",
                           str(tmp_path / "p"), "-v"], capture_output=True, env=env, timeout=300)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert "caf\\xe9.txt" in out and "3 added" in out
