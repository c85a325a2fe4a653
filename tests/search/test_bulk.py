"""The bulk writer writes what Whoosh's own writer would: the same encoded
postings, field lengths and segments, searchable and mergeable."""

from __future__ import annotations

import random

from whoosh import index as windex
from whoosh import query as wq
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.formats import Characters, Positions

from workbench.search.bulk import BulkWriter, Terms, encode_characters, encode_positions, identifier


def test_encoders_write_what_whoosh_formats_write():
    rng = random.Random(3)
    for _ in range(300):
        positions = sorted(rng.sample(range(6000), rng.randint(1, 5)))
        assert encode_positions(positions) == Positions().encode(positions)
        occurrences, char = [], 0
        for pos in positions:
            char += rng.randint(0, 30)
            occurrences.append((pos, char, char + rng.randint(1, 9)))
        assert encode_characters(occurrences) == Characters().encode(occurrences)


def _schema() -> Schema:
    return Schema(pid=STORED(), doc=ID(), body=TEXT(phrase=True, chars=True), grams=TEXT(phrase=True))


def _body(words: list[str]) -> Terms:
    groups: dict[str, list] = {}
    char = 0
    for pos, word in enumerate(words):
        groups.setdefault(word, []).append((pos, char, char + len(word)))
        char += len(word) + 1
    return Terms(groups, encode_characters, len(words))


def _grams(words: list[str]) -> Terms:
    groups: dict[str, list] = {}
    for pos, word in enumerate(words):
        groups.setdefault(word, []).append(pos)
    return Terms(groups, encode_positions, len(words))


def _add(writer, pid: str, doc: str, words: list[str]) -> None:
    writer.add_document(pid=pid, doc=identifier(doc), body=_body(words), grams=_grams(words))


def test_written_index_reads_back_and_merges(tmp_path):
    ix = windex.create_in(str(tmp_path), _schema())
    writer = BulkWriter(ix)
    _add(writer, "1:0", "1", ["인공", "지능", "기본법", "인공"])
    _add(writer, "1:1", "1", ["반도체", "수출"])
    _add(writer, "2:0", "2", ["반도체"])
    writer.commit()

    with ix.searcher() as searcher:
        reader = searcher.reader()
        matcher = reader.postings("body", "인공")
        assert matcher.value_as("characters") == [(0, 0, 2), (3, 10, 12)]
        assert reader.doc_field_length(0, "body") == 4
        assert reader.doc_frequency("grams", "반도체") == 2
        hits = searcher.search(wq.Phrase("body", ["지능", "기본법"]))
        assert [h["pid"] for h in hits] == ["1:0"]
        assert sorted(searcher.document_numbers(doc="1")) == [0, 1]

    # A second segment, a deletion, then everything merged into one segment
    # (the merge feeds the old postings through the compact pool).
    writer = BulkWriter(ix)
    writer.delete_by_term("doc", "2")
    _add(writer, "3:0", "3", ["수출", "규제", "반도체"])
    writer.commit(optimize=True)
    assert len(ix._segments()) == 1
    with ix.searcher() as searcher:
        assert sorted(h["pid"] for h in searcher.search(wq.Term("grams", "반도체"))) == ["1:1", "3:0"]
        third = next(searcher.document_numbers(doc="3"))
        assert searcher.reader().doc_field_length(third, "body") == 3
        assert searcher.reader().doc_field_length(next(searcher.document_numbers(doc="1")), "body") == 4
        assert [h["pid"] for h in searcher.search(wq.Phrase("body", ["수출", "규제"]))] == ["3:0"]


def test_index_bigrams_and_highlight_bigrams_agree():
    """Highlighting maps a bigram match's positions back to characters by
    re-running the bigram regex; the index's faster grouping must give the
    same tokens at the same positions."""
    from workbench.search.analysis import bigram_groups, bigram_tokens

    text = ("과기정통부가 www.msit.go.kr 에서 인공지능 기본법을 설명했다. Zhipu.AI와 GPT-4o, 2억 달러.\n"
            "계층의 대표성 심의대상 文化 한 글자 가 나\t표 안의 칸") * 3
    rng = random.Random(5)
    starts = set(rng.sample(range(len(text)), len(text) // 3))
    groups, count = bigram_groups(text, starts)
    tokens = bigram_tokens(text, starts)
    expected: dict[str, list[int]] = {}
    for pos, (token, _, _) in enumerate(tokens):
        expected.setdefault(token, []).append(pos)
    assert count == len(tokens) and dict(groups) == expected
    assert [t for t, _, _ in bigram_tokens(text)] == [t.lstrip("^") for t, _, _ in tokens]
