"""Normalisation: NFC, newlines, HTML residue removed, the readable text kept."""

from __future__ import annotations

import unicodedata

from workbench.corpus.normalise import normalise_line, strip_markup
from workbench.corpus.structure import build, lines_to_parts


def test_nfd_hangul_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "한국어 문서")
    assert len(nfd) > len("한국어 문서")
    assert normalise_line(nfd) == ["한국어 문서"]


def test_newline_conventions_unified():
    text, _, _ = build(lines_to_parts("첫째\r\n둘째\r셋째\u2028넷째"))
    assert text == "첫째\n둘째\n셋째\n넷째"


def test_html_residue_in_table_cells_removed_keeping_cells():
    row = '1\t시는 일부 작업에서\t<ul style="list-style-type: none"> 시는 이미지 분류, 시각적 추론'
    assert strip_markup(row) == ["1\t시는 일부 작업에서\t시는 이미지 분류, 시각적 추론"]


def test_paragraph_tags_split_paragraphs_outside_tables():
    line = "<p>AI는 기회와 위험이 둘 다 될 수 있다.</p> <p>AI를 선한 목적으로 활용해야 한다.</p>"
    assert strip_markup(line) == ["AI는 기회와 위험이 둘 다 될 수 있다.", "AI를 선한 목적으로 활용해야 한다."]


def test_captions_and_links_in_angle_brackets_are_kept():
    for line in ("<표 2-1> 전 세계 주목할 머신러닝 학습모델 현황", "5) <https://www.cbinsights.com/research/>"):
        assert normalise_line(line) == [line]


def test_entities_and_invisible_characters():
    assert normalise_line("AT&amp;T\u200b와&nbsp;삼성\ufeff") == ["AT&T와 삼성"]


def test_seed_report_has_no_html_tags_left(seeded_project):
    from workbench.services.documents import show_document

    text = show_document(seeded_project, "004_2c1d2e21fcbb52ad.txt").text
    assert "<ul" not in text and "</p>" not in text and "list-style-type" not in text
    assert "시는 이미지 분류, 시각적 추론" in text
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text
