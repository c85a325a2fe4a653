"""The concordance finds a word or phrase straight from the posting lists
(search.concordance._by_postings) instead of ranking every passage with
Whoosh: it must find exactly the passages, spans and bigram matches the
search's own evaluation finds, for words, phrases, alias names, Latin model
names, OR, and with filters — on the seed documents."""

from __future__ import annotations

import pytest

from workbench.search import concordance
from workbench.search.compile import Lookup, compile_query
from workbench.search.query import parse_query
from workbench.search.searching import open_index
from workbench.services.search import search_index
from workbench.store.documents import DocumentRepository

SIMPLE = ["AI", "반도체", "인공지능", '"개인 정보"', "과기정통부", "오픈AI", '"AI 기본법"', "GPT-4", "반도체 OR 인공지능",
          "인공지능 doc:1", "인공지능 (date:2020..2030)", "투자 doctype:보도자료", "의대증원", "없는말입니다", "인공지능 기본법"]
GENERAL = ["반도체 투자", "반도체 -중국", "인공*", "entity:과기정통부"]


def _both(project, text):
    index = search_index(project)
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        with open_index(index.dir) as entry:
            compiled = compile_query(parse_query(text), index.aliases, Lookup(repo.names, entry.sections))
            return (concordance._by_postings(entry, repo, compiled, text),
                    concordance._by_search(entry, repo, compiled, text))
    finally:
        conn.close()
        index.close()


@pytest.mark.parametrize("text", SIMPLE)
def test_a_word_or_phrase_from_the_postings_is_what_the_search_finds(seeded_project, text):
    fast, searched = _both(seeded_project, text)
    assert fast is not None
    assert fast.docnums == searched.docnums
    assert {d: s for d, s in fast.spans.items() if s} == {d: s for d, s in searched.spans.items() if s}
    assert fast.grams == searched.grams


@pytest.mark.parametrize("text", GENERAL)
def test_other_queries_go_the_search_s_way(seeded_project, text):
    fast, _ = _both(seeded_project, text)
    assert fast is None


def test_the_seeds_give_the_comparison_something_to_compare(seeded_project):
    found = {text: len(_both(seeded_project, text)[1].docnums) for text in ("AI", "인공지능", '"개인 정보"')}
    assert all(n > 0 for n in found.values()), found
