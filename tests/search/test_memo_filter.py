"""memo: in the query language (issue 25): a search restricted to the
documents whose memo says something, read from the database when searching
(a memo written a moment ago counts, no re-indexing); alone it lists those
documents' passages. Korean and English, spacing, case and NFC ignored; a
particle after the word still finds it. Misuse gets a message in both
languages. Plus a Hypothesis property for the parser."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.search.query import QueryError, Term, parse_query
from workbench.services import memos
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.projects import open_project
from workbench.services.search import search
from workbench.store.documents import DocumentRepository

FILES = {
    "news.txt": "😀 과학기술정보통신부가 인공지능 기본법 시행령을 공개했다.\n\n업계는 환영했다.",
    "press.txt": "행정안전부는 인공지능 기반 행정 서비스를 발표했다.\n\nAI budget rises.",
    "report.txt": "인공지능 산업이 빠르게 성장했다.\n\nThe AI industry grew.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("memo-filter")
    project = open_project(root / "p")
    folder = root / "docs"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [folder], index=True, entities=False))
    conn = project.connect()
    try:
        ids = {d.file_name: d.id for d in DocumentRepository(conn).list()}
    finally:
        conn.close()
    memos.set_document_memo(project, ids["news.txt"], "검토 필요: 시행령 초안과 비교")
    memos.set_document_memo(project, ids["press.txt"], unicodedata.normalize("NFD", "검토필요") + " — Follow UP")
    return project, ids


def _found(project, query) -> list[int]:
    return sorted(d.doc_id for d in search(project, query, limit=None, docs=True).docs)


def test_memo_restricts_a_search_to_the_documents_whose_memo_says_so(corpus):
    project, ids = corpus
    news, press, report = ids["news.txt"], ids["press.txt"], ids["report.txt"]
    assert _found(project, "인공지능") == sorted([news, press, report])
    assert _found(project, "인공지능 memo:검토") == sorted([news, press])  # the NFD memo too
    assert _found(project, 'memo:"검토 필요"') == sorted([news, press])  # spacing ignored
    assert _found(project, "memo:검토를") == sorted([news, press])  # a particle after the word
    assert _found(project, "memo:초안") == [news]
    assert _found(project, "memo:follow") == [press] and _found(project, "memo:FOLLOW") == [press]
    assert _found(project, "인공지능 -memo:초안") == sorted([press, report])  # no memo: not excluded by it
    assert _found(project, "memo:없는말") == []
    assert _found(project, "(memo:초안 OR memo:follow)") == sorted([news, press])


def test_memo_alone_lists_those_documents_passages(corpus):
    project, ids = corpus
    result = search(project, "memo:초안", limit=None)
    texts = {hit.doc_id for hit in result.hits}
    assert texts == {ids["news.txt"]} and result.total == len(result.hits) >= 1  # its passages, no other's


def test_a_memo_written_now_is_found_at_once(tmp_path):
    project = open_project(tmp_path / "p")
    path = tmp_path / "a.txt"
    path.write_text("인공지능 기본법을 논의했다.", encoding="utf-8")
    run_job(ingest(project, [path], index=True, entities=False))
    assert _found(project, "memo:재검토") == []
    memos.set_document_memo(project, "a.txt", "재검토")
    assert len(_found(project, "memo:재검토")) == 1


@pytest.mark.parametrize("query,problem,problem_ko", [
    ("인공지능 OR memo:검토", "memo: filter whole documents", "memo:는 문서 전체를 거르는 필터"),
    ("memo:*", "A * must follow at least one letter", "*는 글자 뒤에 써야 합니다"),
    ("memo: 검토", '"memo:" needs a value', '"memo:" 뒤에 값이 있어야 합니다'),
])
def test_misused_memo_filters_are_explained_in_both_languages(corpus, query, problem, problem_ko):
    project, _ = corpus
    with pytest.raises(QueryError) as error:
        search(project, query)
    assert problem in error.value.message and problem_ko in error.value.message_ko


# A value starting "//" is a web address (memo://x, like http://x), which the
# query reads as a word, not a filter: Hypothesis found it.
MEMO_WORDS = st.text(st.one_of(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
                               st.sampled_from("abcXYZ0123456789._/")), min_size=1, max_size=12
                     ).filter(lambda word: not word.startswith("//"))


@settings(max_examples=200, deadline=None)
@given(MEMO_WORDS)
def test_memo_takes_any_word_or_phrase_as_its_value(word):
    """memo:WORD and memo:"WORD WORD" are a memo filter carrying exactly the value typed."""
    node = parse_query(f"memo:{word}")
    assert node == Term(word.rstrip("*"), "memo", False) or isinstance(node, Term) and node.field == "memo"
    assert node.text == word
    phrase = parse_query(f'memo:"{word} {word}"')
    assert phrase.field == "memo" and phrase.text == f"{word} {word}"
