"""One Kiwi pass per document: offsets into the whole text, documents in
order, a cancel that never hands over a document cut short, and a
background thread that stops when its reader does."""

from __future__ import annotations

import threading

import pytest

from workbench.corpus.kiwi import MAX_LINE_CHARS, tokenize_documents, tokenize_in_background

DOCS = ["제1장 서론\n\n과기정통부가 인공지능 기본법을 발표했다.", "", "둘째 문서는\n한 줄 더 있다.\n", "   \n"]


def test_tokens_carry_offsets_into_the_whole_document():
    results = list(tokenize_documents(DOCS))
    assert len(results) == len(DOCS)
    for text, tokens in zip(DOCS, results):
        for tok in tokens.tokens():
            if tok.tag.startswith("N"):  # (a verb's form is its lemma: 했 → 하)
                assert text[tok.start:tok.start + tok.len] == tok.form
    assert results[1].lines == [] and results[3].lines == []
    assert "과기정통부" in [t.form for t in results[0].tokens()]
    assert [t.form for t in results[0].proper_nouns()] == ["과기정통부"]


def test_long_lines_are_cut_at_a_space():
    text = ("가나다라 " * (MAX_LINE_CHARS // 2)).strip()
    (tokens,) = list(tokenize_documents([text]))
    assert len(tokens.lines) > 1
    assert all(text[t.start:t.start + t.len] == t.form for t in tokens.tokens())


def test_a_cancel_never_hands_over_half_a_document():
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 3  # during the third document's lines

    results = list(tokenize_documents(DOCS, cancelled))
    assert len(results) == 2  # the first two, whole; not the one it stopped in


def test_background_results_match_and_errors_reach_the_caller():
    direct = [d.tokens() for d in tokenize_documents(DOCS)]
    through = list(tokenize_in_background(lambda: enumerate(DOCS)))
    assert [key for key, _, _ in through] == list(range(len(DOCS)))
    assert [tokens.tokens() for _, _, tokens in through] == direct

    def broken():
        yield 0, DOCS[0]
        raise OSError("disk went away")

    with pytest.raises(OSError, match="disk went away"):
        list(tokenize_in_background(broken))


def test_the_background_thread_ends_when_the_reader_stops_early():
    before = threading.active_count()
    many = [(n, "인공지능 기본법이 통과됐다.\n" * 50) for n in range(40)]
    stream = tokenize_in_background(lambda: iter(many))
    next(stream)
    stream.close()
    assert threading.active_count() == before
