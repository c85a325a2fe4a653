"""Placing another tool's character positions in Workbench's stored text:
each counting (code points, UTF-16 units, CR LF as one) is read only where
the quote or the standard says so, and offsets are carried through NFC and
the other normalisations exactly — or not at all."""

from __future__ import annotations

import unicodedata

from workbench.annotations.placement import (
    CODE_POINTS, CRLF_ONE, UTF16, OffsetMap, place_in_source, quote_matches, readings,
)


def _units(text: str, i: int) -> int:
    return len(text[:i].encode("utf-16-le")) // 2


def test_readings_differ_only_where_the_text_makes_them_differ():
    assert readings("abc def", 4, 7) == {CODE_POINTS: (4, 7)}
    text = "😀 ab 😀😀 cd"
    assert readings(text, 3, 5) == {CODE_POINTS: (3, 5), UTF16: (2, 4)}
    # "cd" counted in UTF-16 units ends past the text's 10 code points: only UTF-16 makes sense of it.
    cd = text.index("cd")
    assert readings(text, _units(text, cd), _units(text, cd + 2)) == {UTF16: (cd, cd + 2)}
    # A UTF-16 position inside a surrogate pair is not a reading.
    assert UTF16 not in readings("a😀b", 2, 3)


def test_the_quote_decides_and_a_mismatch_is_refused():
    text = "😀😀 예산 문장과 규제 문장"
    start = text.index("규제")
    placed = place_in_source(text, _units(text, start), _units(text, start + 5), "규제 문장", [CODE_POINTS])
    assert (placed.start, placed.end, placed.counting, placed.checked) == (start, start + 5, UTF16, True)
    refused = place_in_source(text, 3, 5, "없는 인용문", [CODE_POINTS])
    assert refused.start is None and "quote" in refused.reason[0] and refused.reason[1]
    # Without a quote the standard's code points are taken.
    assert place_in_source(text, 3, 5, None, [CODE_POINTS]).counting == CODE_POINTS


def test_crlf_counted_as_one_character():
    text = "첫 줄\r\n둘째 줄\r\n규제 문장"
    lf = text.replace("\r\n", "\n")
    start = lf.index("규제")
    placed = place_in_source(text, start, start + 5, "규제 문장", [CODE_POINTS])
    assert placed.counting == CRLF_ONE and text[placed.start:placed.end] == "규제 문장"


def test_quotes_may_be_shortened_and_spaced_differently():
    assert quote_matches("정부는  인공지능\n기본법 시행령을 발표했다", "정부는 인공지능 기본법 시행령…")
    assert not quote_matches("정부는 인공지능", "기업")
    assert not quote_matches("anything", "")


def test_offsets_through_nfc_crlf_and_removed_characters():
    stored = "대한민국 정부는\n\n인공지능 기본법을 발표했다. é!"
    raw = unicodedata.normalize("NFD", stored).replace("\n", "\r\n").replace("인공", "인\u200b공") + "\r\n\r\n"
    offsets = OffsetMap(raw, stored)
    for word in ("정부", "인공지능", "기본법을", "é", "대한민국 정부는\n\n인공"):
        raw_word = unicodedata.normalize("NFD", word).replace("\n", "\r\n").replace("인공", "인\u200b공")
        rs = raw.index(raw_word)
        s, e = offsets.start(rs), offsets.end(rs + len(raw_word))
        assert stored[s:e] == word
    # Inside a decomposed syllable there is no exact place.
    assert offsets.start(1) is None
    assert OffsetMap(stored, stored).identity
