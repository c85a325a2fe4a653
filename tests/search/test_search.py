"""Korean-aware search over the seeds: morphology, spacing, aliases, numbers,
phrases, filters, malformed queries, and highlight offsets that mark the text."""

from __future__ import annotations

import pytest

from workbench.search.query import QueryError
from workbench.services.documents import show_document
from workbench.services.search import search


@pytest.fixture(scope="module")
def texts(seeded_project):
    from workbench.services.documents import list_documents

    return {d.id: show_document(seeded_project, str(d.id)).text for d in list_documents(seeded_project)}


@pytest.fixture(scope="module")
def doc_ids(seeded_project):
    from workbench.services.documents import list_documents

    return {d.source.rsplit("/", 1)[1][:3]: d.id for d in list_documents(seeded_project)}


def marked(result, texts):
    """Every highlighted string, read from the document text by its offsets."""
    return [texts[h.doc_id][a:b] for h in result.hits for a, b in h.matches]


def check_offsets(result, texts):
    for h in result.hits:
        assert 0 <= h.start < h.end <= len(texts[h.doc_id])
        for a, b in h.matches:
            assert h.start <= a < b <= h.end
        if h.matches:
            assert "<mark>" in h.snippet


def test_particles_do_not_matter(seeded_project, texts, doc_ids):
    result = search(seeded_project, "과기정통부가", limit=50)
    check_offsets(result, texts)
    assert "과기정통부" in marked(result, texts)  # 002: "… 과기정통부 제공"
    assert doc_ids["002"] in {h.doc_id for h in result.hits}
    with_particle = search(seeded_project, "과기정통부는", limit=50)
    assert {h.passage for h in with_particle.hits if h.doc_id == doc_ids["002"]} >= {
        h.passage for h in result.hits if h.doc_id == doc_ids["002"] and "과기정통부" in texts[h.doc_id][h.start:h.end]}


def test_aliases_expand_and_are_reported(seeded_project, texts):
    result = search(seeded_project, "과기정통부", limit=100)
    assert "과학기술정보통신부" in result.expansions["과기정통부"]
    found = set(marked(result, texts))
    assert {"과기정통부", "과학기술정보통신부"} <= found
    anthropic = search(seeded_project, "앤트로픽", limit=100)
    assert {"앤트로픽", "Anthropic", "앤스로픽"} <= set(marked(anthropic, texts))
    openai = search(seeded_project, "OpenAI", limit=200)
    assert {"오픈AI", "OpenAI"} <= set(marked(openai, texts))
    grok = search(seeded_project, "그록", limit=20)
    assert "그록" in set(marked(grok, texts))


def test_spacing_variants_and_compounds(seeded_project, texts):
    spaced = search(seeded_project, "인공지능기본법", limit=50)
    hits = marked(spaced, texts)
    assert "인공지능 기본법" in hits  # the text has the space, the query not
    assert "AI기본법" in hits or "AI 기본법" in hits  # and the aliases
    compound = search(seeded_project, "통신부", limit=50)
    assert any("과학기술정보통신부" in texts[h.doc_id][a - 8:b] for h in compound.hits for a, b in h.matches)


def test_english_terms_and_numbers_stay_findable(seeded_project, texts):
    for query, expected in [("GPT-4", "GPT-4"), ("B200", "B200"), ("3.5", "3.5"), ("Anthropic", "Anthropic"),
                            ("llama", "Llama"), ("2억", "2억"), ("110억원", "110억원"), ("95%", "95")]:
        result = search(seeded_project, query, limit=50)
        check_offsets(result, texts)
        assert result.total > 0, query
        assert expected in marked(result, texts), (query, marked(result, texts)[:5])


def test_phrases_and_word_order(seeded_project, texts):
    phrase = search(seeded_project, '"AI 기본법"', limit=50)
    assert "AI 기본법" in marked(phrase, texts)
    reversed_phrase = search(seeded_project, '"기본법 AI"', limit=50)
    assert "AI 기본법" not in marked(reversed_phrase, texts)
    both = search(seeded_project, "기본법 AI", limit=200)  # two words: both, anywhere
    assert both.total >= phrase.total


def test_and_or_not(seeded_project, texts):
    anthropic = search(seeded_project, "앤트로픽", limit=None).total
    both = search(seeded_project, "앤트로픽 오픈AI", limit=None)
    either = search(seeded_project, "앤트로픽 OR 오픈AI", limit=None)
    without = search(seeded_project, "앤트로픽 -오픈AI", limit=None)
    assert both.total < anthropic < either.total
    assert without.total == anthropic - both.total
    for h in without.hits:
        passage = texts[h.doc_id][h.start:h.end]
        assert "오픈AI" not in passage and "OpenAI" not in passage
    grouped = search(seeded_project, "(구글 OR 메타) 투자", limit=None)
    assert 0 < grouped.total <= search(seeded_project, "구글 OR 메타", limit=None).total


def test_prefix(seeded_project, texts):
    result = search(seeded_project, "파운데이션*", limit=20)
    assert result.total > 0
    assert all(t.startswith("파운데이션") for t in marked(result, texts))


def test_field_filters(seeded_project, texts, doc_ids):
    usa = search(seeded_project, "section:미국 행정명령", limit=None)
    assert usa.total > 0 and all("미국" in h.section for h in usa.hits)
    only_report = search(seeded_project, f"doc:{doc_ids['004']} 오픈AI", limit=None)
    assert {h.doc_id for h in only_report.hits} == {doc_ids["004"]}
    by_name = search(seeded_project, "doc:002 AI", limit=None)
    assert {h.doc_id for h in by_name.hits} == {doc_ids["002"]}
    by_title = search(seeded_project, "title:파운데이션 AI", limit=None)
    assert {h.doc_id for h in by_title.hits} == {doc_ids["002"]}


def test_highlights_late_in_the_long_report(seeded_project, texts, doc_ids):
    result = search(seeded_project, "Zhipu", limit=10)
    assert result.hits
    report = texts[doc_ids["004"]]
    late = [(a, b) for h in result.hits for a, b in h.matches if a > 400_000]
    assert late and all(report[a:b] == "Zhipu" for a, b in late)


def test_document_view_collapses_passages(seeded_project, doc_ids):
    docs = search(seeded_project, "오픈AI", limit=10, docs=True)
    assert sum(d.hits for d in docs.docs) == docs.total
    assert docs.docs[0].doc_id == doc_ids["004"] and docs.docs[0].hits > 10
    assert len({d.doc_id for d in docs.docs}) == len(docs.docs)


@pytest.mark.parametrize("query, fragment", [
    ('"AI 기본법', "quote"), ("(구글 OR 메타", "never closed"), ("구글 OR", "OR needs a term after it"), ("구글)", '")"'),
    ("OR 구글", "OR needs a term before"), ("doc:", "needs a value"), ("foo:bar", "Unknown filter"),
    ("NOT 구글", "not excluded"), ("*", "*"), ("  ", "empty"), ("!!?…", "Nothing searchable"),
])
def test_malformed_queries_get_clear_messages(seeded_project, query, fragment):
    with pytest.raises(QueryError) as info:
        search(seeded_project, query)
    assert fragment in info.value.message
    assert info.value.message_ko


def test_model_names_are_exact(seeded_project, texts):
    gpt4 = search(seeded_project, "GPT-4", limit=None)
    assert gpt4.total > 0
    assert set(marked(gpt4, texts)) <= {"GPT-4", "GPT4"}
    gpt4o = search(seeded_project, "GPT-4o", limit=None)
    assert set(marked(gpt4o, texts)) == {"GPT-4o"}
    assert search(seeded_project, "GPT", limit=None).total > gpt4.total  # the family still finds all


def test_noun_suffixes_keep_meaning(seeded_project, texts):
    copyright_hits = marked(search(seeded_project, "저작권", limit=None), texts)
    assert copyright_hits and all(m.startswith("저작권") for m in copyright_hits)


def test_words_that_together_are_a_name_use_its_aliases(seeded_project, texts):
    result = search(seeded_project, "AI 안전연구소", limit=None)
    assert "AI 안전연구소" in result.expansions
    assert "AI Safety Institute" in set(marked(result, texts))


@pytest.mark.parametrize("query, fragment", [
    ("(((", "never closed"), (")(", "without a matching"), ("구*글", "character 2"),
    ("(" * 500 + "구글" + ")" * 500, "deeper than"), ("인공지능 " * 100, "terms"), ("x" * 3000, "characters long"),
])
def test_hostile_queries_are_refused_quickly(seeded_project, query, fragment):
    import time

    started = time.perf_counter()
    with pytest.raises(QueryError) as info:
        search(seeded_project, query)
    assert fragment in info.value.message
    assert time.perf_counter() - started < 5
