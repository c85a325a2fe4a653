"""Hostile XML inside HWPX and DOCX: comments, processing instructions and
entities (an internal message "Invalid input tag of type <class '_cython…'>"),
nesting libxml2 stops ("use XML_PARSE_HUGE"), and a text of millions of
letters on one line (the title patterns never returned)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from workbench.core.errors import ReadError
from workbench.corpus.extract import MAX_DOCUMENT_CHARS, extract_file
from workbench.corpus.titles import clean_title
from tests.helpers.files import make_docx, make_hwpx


def _rewrite(src: Path, dst: Path, member: str, change) -> Path:
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, change(data) if info.filename == member else data)
    return dst


@pytest.fixture
def hwpx(tmp_path) -> Path:
    return make_hwpx(tmp_path / "a.hwpx", "# 제목\n\n본문 문단입니다.")


def test_comments_instructions_and_entities_in_a_paragraph_are_read_past(hwpx, tmp_path):
    commented = _rewrite(hwpx, tmp_path / "c.hwpx", "Contents/section0.xml",
                         lambda b: b.replace(b"<hp:t>", b"<hp:t><!-- c -->\xec\x95\x9e<?pi x?>", 1))
    assert "본문 문단입니다" in extract_file(commented).text
    laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    entities = _rewrite(hwpx, tmp_path / "e.hwpx", "Contents/section0.xml",
                        lambda b: laughs + b.split(b"?>", 1)[1].replace(b"<hp:t>", b"<hp:t>&c;", 1))
    doc = extract_file(entities)
    assert "본문 문단입니다" in doc.text and "aaaa" not in doc.text  # never expanded


@pytest.mark.parametrize("kind", ["hwpx", "docx"])
def test_nesting_libxml2_stops_is_refused_as_unsafe_in_words_an_analyst_reads(kind, hwpx, tmp_path):
    if kind == "hwpx":
        source, member, anchor = hwpx, "Contents/section0.xml", b"<hp:t>"
    else:
        source, member, anchor = make_docx(tmp_path / "a.docx"), "word/document.xml", b"<w:body>"
    deep = _rewrite(source, tmp_path / f"deep.{kind}", member,
                    lambda b: b.replace(anchor, anchor + b"<x>" * 3000 + b"</x>" * 3000, 1))
    with pytest.raises(ReadError) as caught:
        extract_file(deep)
    assert caught.value.code == "unsafe" and member in caught.value.message
    assert "XML_PARSE_HUGE" not in caught.value.message and "안전하지 않아" in caught.value.message_ko


@pytest.mark.timeout(60)
def test_millions_of_letters_on_one_line_are_read_and_titled_in_linear_time(hwpx, tmp_path):
    """A 50-letter word already made the identifier pattern backtrack without end."""
    clean_title("a" * 60)  # returns at all: it did not (the timeout fails the test)
    letters = MAX_DOCUMENT_CHARS - 100_000  # as long as one document may be
    long = _rewrite(hwpx, tmp_path / "long.hwpx", "Contents/section0.xml",
                    lambda b: b.replace(b"<hp:t>", b"<hp:t>" + b"a" * letters, 1))
    doc = extract_file(long)
    assert len(doc.text) > letters
    assert doc.title is None or len(doc.title) <= 200
