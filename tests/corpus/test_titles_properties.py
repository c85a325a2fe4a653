"""Properties of the title rules, for any text (Hypothesis).

A title is what the library, the search hits, the briefing and the exports
call a document, so whatever a file holds it must be one line, not too long,
made of the document's own words, cut only between words, never an
attachment's label, and letter-spacing collapse must never glue real words.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbench.corpus.extract import assemble
from workbench.corpus.readers import ReaderResult
from workbench.corpus.structure import build, lines_to_parts
from workbench.corpus.titles import (TITLE_LIMIT, choose_title, clean_title, collapse_letter_spacing, fit, shorten,
                                     starts_with_label)

_SYLLABLES = "가나다라마바사아자차카타파하정책동향보고연구통합재계획수출입"
# Text like the top of a Korean document: syllables, Latin, digits, spaces, newlines, tabs,
# the brackets, bullets and punctuation those documents use.
_ALPHABET = st.sampled_from(list(_SYLLABLES) + list("AIRFPabc0123456789") + [" ", " ", " ", "\n", "\t"]
                            + list(".,:()[]<>「」‘’“”-·※□○■◎…_") + ["붙임", "별첨", "보도자료", "\u3000", "\x00"])
_TEXTS = st.lists(_ALPHABET, max_size=300).map("".join)

# Boilerplate that tops Korean documents: none of it is ever a title.
_BOILERPLATE = ["보도자료", "보도 참고자료 2", "붙임 2. 계약특수조건", "별첨 1 관련 사진", "[별지 제1호서식]",
                "별지 제4호 서식", "(RFP: Request For Proposal)", "2025. 8.", "공개용", "관계부처 합동",
                "교 통 실 (보행자전거과)", "국토안전관리원 원장", "보도시점 : 배포 즉시 보도 가능", "연구책임자: 차우규",
                "[ 세 목 ]", "목 차", "2010", "- 1 -", "0002989301_001_20251026183210914.png?type=w800",
                "김지선 기자 river@etnews.com"]
_WORDS = ["인공지능", "정책", "동향", "반도체", "수출", "전략", "추진", "2025년", "디지털", "혁신", "지역", "산업",
          "공공서비스", "데이터", "기본법", "시행령", "개정", "종합", "AI", "K-water"]
_TITLE_LINES = st.lists(st.sampled_from(_WORDS), min_size=2, max_size=12).map(" ".join)


def _doc(lines: list[str]):
    text, blocks, _ = build(lines_to_parts("\n\n".join(lines)), paragraph_gap=False)
    return text, blocks


def _has_letters(text: str) -> bool:
    return bool(re.search(r"[가-힣A-Za-z]", text))


def _compact(text: str) -> str:
    return re.sub(r"[\W_]", "", text).casefold()


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_any_text_gets_a_one_line_title_within_the_limit_made_of_its_own_words(raw):
    assume(raw.strip())
    result = ReaderResult(lines_to_parts(raw))
    try:
        doc = assemble(Path("문서.txt"), "txt", result)
    except Exception as exc:  # a text with nothing in it is refused, not titled
        assert "no text" in str(exc)
        return
    title = doc.title
    assert title and title == title.strip() and not re.search(r"[\n\r\t\x00\u3000]", title)
    assert "  " not in title and len(title) <= TITLE_LIMIT
    assert not starts_with_label(title)
    if _has_letters(doc.text):
        assert _has_letters(title)
    if title != "문서":  # the file name is the last resort
        source = _compact(doc.text)
        assert all(_compact(word) in source for word in title.split()), (title, doc.text)
        assert "…" not in title or "…" in doc.text  # a title is never marked as cut in the store


@given(st.lists(st.sampled_from(_BOILERPLATE), max_size=6), _TITLE_LINES,
       st.sampled_from([None] + _BOILERPLATE))
@settings(max_examples=300, deadline=None)
def test_the_title_line_under_any_boilerplate_is_found(boilerplate, title_line, file_title):
    text, blocks = _doc(boilerplate + [title_line, "본문은 여기에서 시작합니다. 정책의 내용을 설명합니다."])
    assert choose_title(file_title, text, blocks, "문서.hwp") == fit(title_line)


@given(st.sampled_from(_BOILERPLATE + ["붙임 3", "첨부 1. 세부 계획", "부록 A 설문지", "별표 2"]))
def test_boilerplate_is_never_a_title(label):
    assert clean_title(label) is None
    text, blocks = _doc([label])
    title = choose_title(label, text, blocks)
    assert title is None or not starts_with_label(title)


@given(_TEXTS)
@settings(max_examples=300)
def test_clean_title_is_one_tidy_line_or_nothing_and_cleaning_twice_changes_nothing(raw):
    cleaned = clean_title(raw)
    if cleaned is None:
        return
    assert cleaned == cleaned.strip() and "\n" not in cleaned and "\t" not in cleaned and "  " not in cleaned
    assert _has_letters(cleaned) and not starts_with_label(cleaned)
    # Cleaning a title line twice changes nothing. (A line break or two spaces part letter-spaced
    # syllables — "가\n가 가" stays three words — so only a line with single spaces is a fixed point.)
    line = " ".join(raw.split())
    once = clean_title(line)
    assert once is None or clean_title(once) == once


@given(_TEXTS, st.integers(10, 150))
@settings(max_examples=300)
def test_fit_cuts_between_words_within_the_limit(raw, limit):
    text = " ".join(raw.split())
    title = fit(raw, limit)
    assert len(title) <= limit and text.startswith(title)
    assert fit(title, limit) == title
    if title != text:
        rest = text[len(title)]
        between_words = not (title[-1].isalnum() and rest.isalnum())
        sentence_end = title[-1] in ".!?。"
        no_space_to_cut_at = " " not in text[limit // 2: limit + 1]
        assert between_words or sentence_end or no_space_to_cut_at, (title, text)


@given(_TEXTS, st.integers(2, 120))
@settings(max_examples=300)
def test_shorten_marks_a_cut_for_display_only(raw, width):
    text = " ".join(raw.split())
    shown = shorten(raw, width)
    assert len(shown) <= width
    if len(text) <= width:
        assert shown == text
    else:
        assert shown.endswith("…") and text.startswith(shown[:-1].rstrip())


_SPACED = st.lists(st.one_of(st.sampled_from(list(_SYLLABLES)), st.sampled_from(_WORDS),
                             st.sampled_from(["(A)", "2010", ":"])), max_size=20)
_GAPS = st.lists(st.sampled_from([" ", " ", " ", "  ", "   ", "\t"]), min_size=20, max_size=20)


@given(_SPACED, _GAPS)
@settings(max_examples=500)
def test_letter_spacing_collapse_is_idempotent_and_never_glues_words(tokens, gaps):
    raw = "".join(token + gap for token, gap in zip(tokens, gaps)).strip()
    collapsed = collapse_letter_spacing(raw)
    assert collapse_letter_spacing(collapsed) == collapsed
    assert collapsed.replace(" ", "") == raw.replace(" ", "")  # only spaces go
    # Two or more spaces (or a tab) part words: each such part is collapsed on its own.
    parts, collapsed_parts = re.split(r" {2,}|\t", raw), re.split(r" {2,}|\t", collapsed)
    assert collapsed_parts == [collapse_letter_spacing(part) for part in parts]
    # A word of its own is either kept, or one of three or more single syllables glued together.
    words = raw.split()
    for word in collapsed.split():
        if word not in words:
            assert len(word) >= 3 and re.fullmatch(r"[가-힣]+", word), (raw, collapsed)
    for word in words:
        if len(word) > 1:
            assert any(word in w for w in collapsed.split())
            if re.search(r"[가-힣]", word):
                assert word in collapsed.split() or not re.fullmatch(r"[가-힣]+", word), (raw, collapsed)


def test_letter_spacing_examples():
    assert collapse_letter_spacing("통 합 재 정 통 계") == "통합재정통계"
    assert collapse_letter_spacing("2024년 국내외 인공지능 산업 동향 연구") == "2024년 국내외 인공지능 산업 동향 연구"
    assert collapse_letter_spacing("구 분") == "구 분"
    assert collapse_letter_spacing("수 입 (A)") == "수 입 (A)"
