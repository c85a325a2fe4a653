"""Zip-based documents (HWPX, DOCX) that unpack to far more than they weigh:
a 1 MB HWPX inflating to 1 GB peaked at 2.2 GB of memory, because every
member was read whole after testzip(). Now members are inflated a chunk at a
time and counted, and a part over the limit is refused by name, in bounded
memory; a header that lies about a size is caught by the CRC."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from workbench.core.errors import ReadError
from workbench.corpus.extract import extract_file
from workbench.corpus.readers.ooxml import MAX_PART_BYTES
from tests.helpers.files import make_docx, make_hwpx

MB = 1024 * 1024


def _inflate_member(source: Path, target: Path, member: str, extra_mb: int) -> Path:
    """Copy ``source`` with ``extra_mb`` MB of spaces appended to ``member`` (legal
    after an XML document's root), written a chunk at a time: small on disk."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename != member:
                new.writestr(info, data)
                continue
            entry = zipfile.ZipInfo(member)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with new.open(entry, "w", force_zip64=True) as out:
                out.write(data)
                for _ in range(extra_mb):
                    out.write(b" " * MB)
    return target


def _refused(path: Path) -> tuple[ReadError, int]:
    """The error reading ``path`` raised, and the peak of Python's memory while it did."""
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as caught:
            extract_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, peak


@pytest.mark.parametrize("kind", ["hwpx", "docx"])
def test_a_part_that_unpacks_past_the_limit_is_refused_by_name_in_little_memory(tmp_path, kind):
    if kind == "hwpx":
        small, member = make_hwpx(tmp_path / "small.hwpx", "# 제목\n\n본문 문단입니다."), "Contents/section0.xml"
    else:
        small, member = make_docx(tmp_path / "small.docx"), "word/document.xml"
    bomb = _inflate_member(small, tmp_path / f"bomb.{kind}", member, MAX_PART_BYTES // MB + 36)
    assert bomb.stat().st_size < 2 * MB  # a hundred megabytes of markup in a small file
    caught, peak = _refused(bomb)
    assert caught.code == "too_large"
    assert member in caught.message and "64 MB" in caught.message and "64MB" in caught.message_ko
    assert peak < 40 * MB, f"peak {peak / MB:.0f} MB"


def test_a_header_that_understates_a_size_is_refused_as_damaged_without_reading_on(tmp_path):
    """The central directory says 100 bytes; the data inflates to 100 MB."""
    bomb = _inflate_member(make_docx(tmp_path / "small.docx"), tmp_path / "liar.docx", "word/document.xml", 100)
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    # Rewrite the uncompressed size in the central directory (and its zip64 field, which holds it here).
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while at >= 0 and bytes(data[at + 46:at + 46 + struct.unpack_from("<H", data, at + 28)[0]]) != name:
        at = data.find(b"PK\x01\x02", at + 4)
    assert at >= 0
    if struct.unpack_from("<I", data, at + 24)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, at + 24, 100)
    pos = at + 46 + len(name)
    end = pos + struct.unpack_from("<H", data, at + 30)[0]
    while pos < end:
        tag, size = struct.unpack_from("<HH", data, pos)
        if tag == 1:
            struct.pack_into("<Q", data, pos + 4, 100)
        pos += 4 + size
    liar = tmp_path / "liar2.docx"
    liar.write_bytes(bytes(data))
    with zipfile.ZipFile(liar) as archive:
        assert archive.getinfo("word/document.xml").file_size == 100 != info.file_size
    caught, peak = _refused(liar)
    assert caught.code in ("damaged", "too_large")
    assert peak < 40 * MB, f"peak {peak / MB:.0f} MB"
