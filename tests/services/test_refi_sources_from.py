"""Nothing outside a .qdpx's archive is read unless the analyst chose a folder
for the texts it names there (``sources_from``; CLI ``--sources-from DIR``;
the window asks). Then ``relative://x`` is DIR/x, and any path is read only
when its real path (links resolved) is a regular file inside DIR: never an
absolute path elsewhere, never ``../`` out of DIR, never the file's own
basePath, never a link (in the archive or in DIR) pointing out, never a
device or FIFO — and a FIFO must not make the import wait."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from workbench.cli.main import main as cli
from workbench.export.qdpx_read import outside_sources, read_qdpx
from tests.services.test_refi_import import _documents
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx

NS = "urn:QDA-XML:project:1.0"
SECRET = "SECRET-KEY-material-9c1e 비밀"
ALLOWED = "허락한 폴더의 인터뷰 원문입니다."


def _qdpx(path: Path, refs: list[str], base_path: str = "", members: dict[str, bytes] | None = None,
          links: dict[str, str] | None = None) -> Path:
    """A .qdpx whose text sources s1, s2, … name ``refs``; ``members`` are
    added as files, ``links`` as symbolic-link members (name → target)."""
    base = f' basePath="{base_path}"' if base_path else ""
    sources = "".join(f'<TextSource guid="50000000-0000-4000-8000-{i:012d}" name="s{i}" plainTextPath="{ref}"/>'
                      for i, ref in enumerate(refs, 1))
    qde = f'<Project xmlns="{NS}" name="hostile" origin="somebody"{base}><Sources>{sources}</Sources></Project>'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        for name, data in (members or {}).items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3  # Unix, so the mode bits count
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


@pytest.fixture
def places(tmp_path):
    """The folder the analyst chooses (a text in it, a subfolder), the folder of
    the .qdpx, and a secret elsewhere (an SSH folder's key)."""
    chosen = tmp_path / "chosen"
    (chosen / "texts").mkdir(parents=True)
    (chosen / "texts" / "interview.txt").write_text(ALLOWED, encoding="utf-8")
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    ssh = tmp_path / "home" / ".ssh"
    ssh.mkdir(parents=True)
    (ssh / "id_rsa").write_text(SECRET, encoding="utf-8")
    return chosen, exchange, ssh / "id_rsa"


def _stored(project) -> str:
    """Every stored text, as one string (to look for what must not be there)."""
    return "\n".join(_documents(project).values())


def _import(tmp_path, path, name="p", **kw):
    project = open_project(tmp_path / name)
    report = run_job(import_qdpx(project, path, index=False, entities=False, **kw))
    return project, report


def _reasons(report) -> dict[str, str]:
    return {i.name: i.message for i in report.items if i.kind == "source" and i.status == "skipped"}


def test_by_default_no_text_outside_the_archive_is_read_not_even_beside_the_file(tmp_path, places):
    chosen, exchange, secret = places
    (exchange / "beside.txt").write_text("파일 옆의 원문입니다.", encoding="utf-8")
    refs = ["relative://beside.txt", f"absolute://{exchange / 'beside.txt'}", "beside.txt",
            f"absolute://{secret}", "relative://../home/.ssh/id_rsa"]
    path = _qdpx(exchange / "f.qdpx", refs, members={"sources/inside.txt": "안의 원문".encode()})
    assert outside_sources(path) == refs  # the window's question lists exactly these
    project, report = _import(tmp_path, path)
    reasons = _reasons(report)
    assert report.count("source", "added") == 0 and len(reasons) == len(refs)
    for i, ref in enumerate(refs, 1):  # each names its path and how to allow it, in both languages
        assert reasons[f"s{i}"].startswith(f"{ref}: not read") and "--sources-from" in reasons[f"s{i}"]
    ko = {i.name: i.message_ko for i in report.skipped}
    assert all("압축 파일 밖" in text and "--sources-from" in text for text in ko.values())
    assert _stored(project) == ""


def test_a_chosen_folder_is_read_and_nothing_outside_it(tmp_path, places):
    chosen, exchange, secret = places
    os.symlink(secret, chosen / "link-out.txt")  # a link in the folder pointing out of it
    os.symlink(chosen / "texts" / "interview.txt", chosen / "link-in.txt")  # a link that stays inside
    refs = {
        "relative://texts/interview.txt": "added",
        f"absolute://{chosen / 'texts' / 'interview.txt'}": "added",  # an absolute path into the folder
        "relative://link-in.txt": "added",
        f"absolute://{secret}": "outside the chosen folder",
        str(secret): "outside the chosen folder",  # a bare absolute path
        "relative://../home/.ssh/id_rsa": "outside the chosen folder",
        "relative://texts/../../home/.ssh/id_rsa": "outside the chosen folder",
        "relative://link-out.txt": "outside the chosen folder",
        "relative://id_rsa": "not there",  # basePath (the SSH folder) is never followed
        "relative://texts": "not a regular file",  # a folder
    }
    path = _qdpx(exchange / "f.qdpx", list(refs), base_path=str(secret.parent))
    project, report = _import(tmp_path, path, sources_from=chosen)
    items = {i.name: i for i in report.items if i.kind == "source"}
    for n, (ref, expected) in enumerate(refs.items(), 1):
        item = items[f"s{n}"]
        if expected == "added":
            assert item.status in ("added", "merged"), (ref, item.message)
        else:
            assert item.status == "skipped" and expected in item.message, (ref, item.message)
    assert report.count("source", "added") == 1  # the three readings of one text are one document
    assert ALLOWED in _stored(project) and SECRET not in _stored(project)
    added = next(i for i in report.items if i.status == "added")
    assert str(chosen / "texts" / "interview.txt") in added.message  # the report says where it was read


def test_the_folder_of_the_qdpx_is_read_only_when_chosen(tmp_path, places):
    _chosen, exchange, _secret = places
    (exchange / "beside.txt").write_text("파일 옆의 원문입니다.", encoding="utf-8")
    path = _qdpx(exchange / "f.qdpx", ["relative://beside.txt"])
    assert _import(tmp_path, path, "a")[1].count("source", "added") == 0
    project, report = _import(tmp_path, path, "b", sources_from=exchange)
    assert report.count("source", "added") == 1 and "파일 옆의 원문입니다." in _stored(project)


def test_devices_are_refused_as_files_outside_the_folder(tmp_path, places):
    chosen, exchange, _ = places
    os.symlink("/dev/zero", chosen / "zero.txt")
    path = _qdpx(exchange / "f.qdpx", ["absolute:///dev/zero", "relative://zero.txt", "absolute:///dev/stdin"])
    project, report = _import(tmp_path, path, sources_from=chosen)
    assert report.count("source", "added") == 0
    assert all("outside the chosen folder" in m for m in _reasons(report).values())


@pytest.mark.timeout(20)
def test_a_fifo_in_the_chosen_folder_is_refused_without_waiting(tmp_path, places):
    chosen, exchange, _ = places
    os.mkfifo(chosen / "pipe.txt")  # opening it for reading would block until a writer comes
    path = _qdpx(exchange / "f.qdpx", ["relative://pipe.txt", "relative://texts/interview.txt"])
    project, report = _import(tmp_path, path, sources_from=chosen)
    assert "not a regular file" in _reasons(report)["s1"]
    assert report.count("source", "added") == 1 and ALLOWED in _stored(project)


def test_a_link_member_in_the_archive_is_not_read_as_a_text(tmp_path, places):
    chosen, exchange, secret = places
    path = _qdpx(exchange / "f.qdpx", ["internal://s1.txt", "internal://s2.txt"],
                 members={"sources/s2.txt": "보통 원문입니다.".encode()},
                 links={"sources/s1.txt": str(secret)})
    project, report = _import(tmp_path, path, sources_from=chosen)
    assert "a link in the archive" in _reasons(report)["s1"]
    assert report.count("source", "added") == 1
    assert SECRET not in _stored(project) and str(secret) not in _stored(project)


def test_read_qdpx_takes_the_folder_too(tmp_path, places):
    chosen, exchange, secret = places
    path = _qdpx(exchange / "f.qdpx", ["relative://texts/interview.txt", f"absolute://{secret}"])
    default = read_qdpx(path)
    assert [s.text for s in default.sources] == [None, None]
    assert [s.outside_ref for s in default.sources] == ["relative://texts/interview.txt", f"absolute://{secret}"]
    chosen_read = read_qdpx(path, sources_from=chosen)
    assert chosen_read.sources[0].text == ALLOWED and chosen_read.sources[1].text is None


def test_the_command_line_reads_outside_texts_only_with_sources_from(tmp_path, places, capsys):
    chosen, exchange, secret = places
    path = _qdpx(exchange / "f.qdpx", ["relative://texts/interview.txt", f"absolute://{secret}"])
    assert cli(["import", str(path), "--project", str(tmp_path / "a"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "--sources-from FOLDER" in out and "0 documents added" in out
    code = cli(["import", str(path), "--project", str(tmp_path / "b"), "--json", "--sources-from", str(chosen)])
    result = json.loads(capsys.readouterr().out)
    assert code == 1 and result["summary"]["source"] == {"added": 1, "skipped": 1}
    assert ALLOWED in _stored(open_project(tmp_path / "b")) and SECRET not in _stored(open_project(tmp_path / "b"))
    assert cli(["import", str(path), "--project", str(tmp_path / "c"), "--sources-from",
                str(tmp_path / "no-such-folder")]) == 2
