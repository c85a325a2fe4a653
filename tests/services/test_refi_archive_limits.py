"""Sizes are checked while a .qdpx is inflated, not taken from its header:
a member whose header says 100 bytes over 300 MB of data cost 2.2 GB before
it was refused (the member was read whole). Now members are read in chunks,
counted as they inflate, and refused at the limit (a text source over 64 MB,
project.qde over 128 MB, an import over 512 MB in all), quickly and in little
memory. Reading a big archive yields progress in bytes (stage "read") and
stops at a cancel."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.progress import CancelToken
from workbench.export import qdpx_read
from workbench.export.qdpx_read import read_qdpx
from workbench.services import codebook as books
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.refi_import import import_qdpx

NS = "urn:QDA-XML:project:1.0"
MB = 1024 * 1024


def _qde(members: list[str]) -> bytes:
    sources = "".join(f'<TextSource guid="50000000-0000-4000-8000-{i:012d}" name="s{i}" '
                      f'plainTextPath="internal://{name}"/>' for i, name in enumerate(members, 1))
    return (f'<Project xmlns="{NS}" name="big" origin="somebody"><CodeBook><Codes>'
            f'<Code guid="10000000-0000-4000-8000-000000000001" name="코드" isCodable="true"/></Codes></CodeBook>'
            f'<Sources>{sources}</Sources></Project>').encode("utf-8")


def _write_big(archive: zipfile.ZipFile, name: str, megabytes: int, byte: bytes = b"a") -> None:
    """A member of ``megabytes`` MB written in chunks (the test itself stays small)."""
    chunk = byte * MB
    with archive.open(zipfile.ZipInfo(name), "w", force_zip64=False) as member:
        for _ in range(megabytes):
            member.write(chunk)


def _lie_about_size(path: Path, name: str, size: int) -> None:
    """Patch the member's uncompressed size in its local header and in the
    central directory, as a crafted file would."""
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo(name).header_offset
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, offset + 22, size)  # local file header: uncompressed size
    at = data.find(b"PK\x01\x02")
    while at != -1:  # central directory entries: uncompressed size at +24, name at +46
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + length]) == name.encode():
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def lying(tmp_path_factory) -> Path:
    """project.qde and a text whose header says 100 bytes but which inflates to 300 MB."""
    path = tmp_path_factory.mktemp("lying") / "lying.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _qde(["big.txt"]))
        _write_big(archive, "sources/big.txt", 300)
    _lie_about_size(path, "sources/big.txt", 100)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("sources/big.txt").file_size == 100  # the lie is what zipfile believes
    return path


@pytest.mark.timeout(60)
def test_a_header_that_lies_about_the_size_is_refused_quickly_in_little_memory(tmp_path, lying):
    project = open_project(tmp_path / "p")
    tracemalloc.start()
    began = time.perf_counter()
    try:
        with pytest.raises(WorkbenchError) as caught:
            run_job(import_qdpx(project, lying, index=False, entities=False))
        took = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * MB, f"peak {peak / MB:.0f} MB"
    assert took < 10, f"{took:.1f} s"
    message = caught.value.message
    assert "lying.qdpx" in message and "sources/big.txt" in message and "size" in message
    assert "nothing was imported" in message and "아무것도 가져오지 않았습니다" in caught.value.message_ko
    assert books.codebook(project) == []


@pytest.mark.timeout(120)
def test_a_text_over_the_limit_is_refused_by_its_header_and_the_others_come_in(tmp_path):
    path = tmp_path / "honest.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _qde(["big.txt", "small.txt"]))
        _write_big(archive, "sources/big.txt", 65)  # 65 MB: over the 64 MB limit, and the header says so
        archive.writestr("sources/small.txt", "작은 원문입니다.")
    tracemalloc.start()
    try:
        report = run_job(import_qdpx(open_project(tmp_path / "p"), path, index=False, entities=False))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * MB  # refused before it was read
    [skipped] = [i for i in report.skipped if i.kind == "source"]
    assert skipped.name == "s1" and "over the 64 MB limit for one text source" in skipped.message
    assert "원문 하나의 한도 64 MB" in skipped.message_ko
    assert report.count("source", "added") == 1


def test_a_text_over_the_limit_is_refused_while_inflating_whatever_the_header_says(tmp_path, monkeypatch):
    """The limit counts the bytes as they come out of the inflater, not the
    header's word: the header says 1 KB (under the limit), and zipfile is made
    to read on past it (it stops at the header's size by itself, a defence
    this test takes away)."""
    path = tmp_path / "f.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _qde(["big.txt"]))
        _write_big(archive, "sources/big.txt", 3)
    _lie_about_size(path, "sources/big.txt", 1024)
    monkeypatch.setattr(qdpx_read, "CHUNK", 64 * 1024)
    real_open = zipfile.ZipFile.open

    def reads_on(self, name, *args, **kwargs):
        stream = real_open(self, name, *args, **kwargs)
        if getattr(name, "filename", name) == "sources/big.txt":
            stream._left = 3 * MB
        return stream

    monkeypatch.setattr(zipfile.ZipFile, "open", reads_on)
    monkeypatch.setattr(qdpx_read, "MAX_TEXT_BYTES", 1 * MB)
    parsed = read_qdpx(path)
    [source] = parsed.sources
    assert source.text is None and "over the 1 MB limit" in source.problem[0]
    assert "more than" in source.problem[0] and "when unpacked" in source.problem[0]


def test_the_whole_archive_has_a_budget(tmp_path, monkeypatch):
    path = tmp_path / "f.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _qde([f"t{i}.txt" for i in range(4)]))
        for i in range(4):
            _write_big(archive, f"sources/t{i}.txt", 1, bytes([ord("a") + i]))
    monkeypatch.setattr(qdpx_read, "MAX_TOTAL_BYTES", 3 * MB)
    with pytest.raises(WorkbenchError) as caught:
        read_qdpx(path)
    assert "more than 3 MB, the most one import reads" in caught.value.message


def test_project_qde_has_its_own_limit(tmp_path, monkeypatch):
    path = tmp_path / "f.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _qde(["a.txt"]) + b"<!--" + b" " * (2 * MB) + b"-->")
    monkeypatch.setattr(qdpx_read, "MAX_QDE_BYTES", 1 * MB)
    with pytest.raises(WorkbenchError) as caught:
        read_qdpx(path)
    assert "over the 1 MB limit for the project file" in caught.value.message
    assert qdpx_read.MAX_TEXT_BYTES == 64 * MB  # what the messages name for a text source


@pytest.fixture
def several_mb(tmp_path) -> Path:
    path = tmp_path / "several.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _qde([f"t{i}.txt" for i in range(3)]))
        for i in range(3):
            _write_big(archive, f"sources/t{i}.txt", 3, b"a")
    return path


def test_reading_a_big_archive_yields_progress_in_bytes(tmp_path, several_mb):
    seen = []
    parsed = run_job(qdpx_read.read_qdpx_job(several_mb), seen.append)
    read = [p for p in seen if p.stage == "read"]
    assert len(read) >= 9  # a chunk at a time: 3 texts of 3 MB, 1 MB chunks
    done = [p.bytes_done for p in read]
    assert done == sorted(done) and done[-1] >= 9 * MB
    assert all(p.bytes_total >= p.bytes_done and p.done == p.bytes_done for p in read)
    assert read[-1].bytes_total <= 10 * MB  # the bar's total: what the import means to read, not every member
    assert [len(s.text) for s in parsed.sources] == [3 * MB] * 3


def test_a_cancel_while_reading_stops_the_import_and_writes_nothing(tmp_path, several_mb):
    token = CancelToken()
    seen = []

    def cancel_after_a_few_megabytes(progress) -> None:
        seen.append(progress)
        if progress.stage == "read" and progress.bytes_done >= 2 * MB:
            token.cancel()

    project = open_project(tmp_path / "p")
    report = run_job(import_qdpx(project, several_mb, cancel=token, index=False, entities=False),
                     cancel_after_a_few_megabytes)
    assert report.cancelled and report.items == []
    assert max(p.bytes_done for p in seen) < 4 * MB  # stopped at the next chunk, not at the end
    assert books.codebook(project) == [] and not (project.root / "imported").exists()
