"""A .qdpx is untrusted: its sources may name texts outside the archive. An
absolute:// path to a system file, relative:// climbing out with "../", a
bare absolute path, a basePath pointing at the user's SSH folder, and a link
beside the .qdpx to a file elsewhere were all read and stored (and would have
shipped in the next export). Now nothing outside the archive is read unless
the analyst chose a folder for such texts, and then only regular files inside
it (tests/services/test_refi_sources_from.py has the rest of the hostile
cases)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tests.services.test_refi_import import _documents
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx

NS = "urn:QDA-XML:project:1.0"
SECRET = "SECRET-KEY-material-7f3a 비밀"


def _source(n: int, ref: str) -> str:
    return f'<TextSource guid="50000000-0000-4000-8000-00000000000{n}" name="s{n}" plainTextPath="{ref}"/>'


def _qdpx(folder: Path, refs: list[str], base_path: str = "") -> Path:
    base = f' basePath="{base_path}"' if base_path else ""
    qde = (f'<Project xmlns="{NS}" name="hostile" origin="somebody"{base}><Sources>'
           + "".join(_source(i + 1, ref) for i, ref in enumerate(refs)) + "</Sources></Project>")
    path = folder / "hostile.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
    return path


@pytest.fixture
def places(tmp_path):
    """An exchange folder holding the .qdpx, and elsewhere a secret (an SSH folder's key)."""
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    ssh = tmp_path / "home" / ".ssh"
    ssh.mkdir(parents=True)
    (ssh / "id_rsa").write_text(SECRET, encoding="utf-8")
    return exchange, ssh / "id_rsa"


def _stored_text(project) -> str:
    """Every stored text, as one string (to look for what must not be there)."""
    return "\n".join(_documents(project).values())


def test_no_path_in_the_file_reads_outside_its_folder(tmp_path, places):
    exchange, secret = places
    os.symlink(secret, exchange / "link.txt")  # a link beside the .qdpx to a file elsewhere
    refs = [
        f"absolute://{secret}",
        f"relative://../home/.ssh/id_rsa",
        str(secret),  # a bare absolute path
        "relative://id_rsa",  # with basePath = the SSH folder
        "relative://link.txt",
    ]
    path = _qdpx(exchange, refs, base_path=str(secret.parent))
    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, path, index=False, entities=False))
    assert report.count("source", "added") == 0
    skipped = [i for i in report.items if i.kind == "source" and i.status != "added"]
    assert len(skipped) == len(refs)
    # By default nothing outside the archive is read; each says so and how to allow it.
    assert all("outside the archive" in i.message and "--sources-from" in i.message for i in skipped)
    assert all("압축 파일 밖" in i.message_ko for i in skipped)
    assert SECRET not in _stored_text(project)
    # With the exchange folder chosen, each still names something outside it (the fifth,
    # relative://id_rsa beside the .qdpx, is simply not there: basePath is not followed).
    again = run_job(import_qdpx(open_project(tmp_path / "q"), path, index=False, entities=False,
                                sources_from=exchange))
    refused = [i for i in again.items if i.kind == "source"]
    assert again.count("source", "added") == 0 and len(refused) == len(refs)
    assert sum("outside the chosen folder" in i.message for i in refused) == 4
    assert SECRET not in _stored_text(open_project(tmp_path / "q"))


def test_a_text_beside_the_qdpx_is_read_when_its_folder_is_chosen(tmp_path, places):
    exchange, _ = places
    (exchange / "texts").mkdir()
    (exchange / "texts" / "interview.txt").write_text("인터뷰 원문입니다.", encoding="utf-8")
    (exchange / "memo.txt").write_text("회의 메모입니다.", encoding="utf-8")
    path = _qdpx(exchange, ["relative://texts/interview.txt", f"absolute://{exchange / 'memo.txt'}"])
    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, path, index=False, entities=False, sources_from=exchange))
    assert report.count("source", "added") == 2  # below the folder, and a full path into it
    assert "인터뷰 원문입니다." in _stored_text(project) and "회의 메모입니다." in _stored_text(project)
