"""One document's text has a limit that the whole ingest fits a laptop under.

Reading was bounded (64 MB of text, 1 GB HWPX bombs refused), but a file that
passed went on to Kiwi as one document: a 40 MB text held 3.2 GB after six
minutes and was still indexing; the issue's 224 KB HWPX with 50 MB of text took
15 minutes at 8.7 GB. Ingest memory grows by about 215 bytes a character of
one document (benchmarks/hostile.py), so a document over MAX_DOCUMENT_CHARS
(8.5 times the longest real report here, the 415-page 교육부 HWP) is refused by
name, for any format, before its structure is built."""

from __future__ import annotations

import zipfile

import pytest

from workbench.core.errors import ReadError
from workbench.corpus import extract
from workbench.corpus.extract import MAX_DOCUMENT_CHARS, extract_file
from tests.helpers.files import make_hwpx

SECTION = "Contents/section0.xml"


def test_a_text_one_character_over_the_limit_is_refused_and_one_under_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "MAX_DOCUMENT_CHARS", 1000)
    under, over = tmp_path / "under.txt", tmp_path / "over.txt"
    under.write_text("가" * 1000, encoding="utf-8")
    over.write_text("가" * 1001, encoding="utf-8")
    assert len(extract_file(under).text) == 1000
    with pytest.raises(ReadError) as caught:
        extract_file(over)
    assert caught.value.code == "too_large"
    assert "over.txt" in caught.value.message and "1,001 characters" in caught.value.message
    assert "1,000" in caught.value.message and "split" in caught.value.message
    assert "1,001자" in caught.value.message_ko and "나눠서" in caught.value.message_ko


def test_a_small_hwpx_holding_millions_of_characters_is_refused(tmp_path):
    """Small on disk (it compresses 1:200), over the limit once read: the
    second paragraph of a real HWPX written again and again."""
    small = make_hwpx(tmp_path / "small.hwpx", "첫 문단\n\n정부는 인공지능 기본법 시행령을 발표했다. 업계는 환영했다.")
    path = tmp_path / "report.hwpx"
    with zipfile.ZipFile(small) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == SECTION:
                xml = data.decode("utf-8")
                start = xml.index("<hp:p ", xml.index("</hp:p>"))
                end = xml.index("</hp:p>", start) + len("</hp:p>")
                copies = MAX_DOCUMENT_CHARS // 30 + 1000  # 35 characters each
                data = (xml[:end] + xml[start:end] * copies + xml[end:]).encode("utf-8")
            new.writestr(info, data)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(ReadError) as caught:
        extract_file(path)
    assert caught.value.code == "too_large" and "characters" in caught.value.message


def test_the_limit_leaves_room_for_every_real_report():
    assert MAX_DOCUMENT_CHARS >= 8 * 470_557  # the 415-page report's characters, eight times over
