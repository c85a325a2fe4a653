"""Corrections persist in the project and survive re-ingest; entity filters in search."""

from __future__ import annotations

import pytest

from workbench.services.entities import (add_entity, entities_of, facets, merge_names, reject_name, reject_span,
                                         set_type)
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import search

TEXT = ("제1장 서론\n\n과기정통부가 발표했다. 코딧 부설 글로벌정책실증연구원이 보고서를 냈다. "
        "워크벤치랩이 참여했다. 코엑스에서 열렸다. 2억 달러를 투자한다.")


@pytest.fixture
def corpus(project, tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [path]))
    return project, path


def mentions(project, ref="news.txt"):
    return {(m.text, m.type, m.canonical) for m in entities_of(project, ref)[1]}


def test_extracted_at_ingest_with_facets(corpus):
    project, _ = corpus
    found = mentions(project)
    assert ("과기정통부", "ORG", "과학기술정보통신부") in found
    assert ("2억 달러", "MONEY", "2억 달러") in found
    rows = {(r["type"], r["canonical"]): r for r in facets(project)}
    assert rows[("ORG", "과학기술정보통신부")]["mentions"] == 1
    assert rows[("ORG", "과학기술정보통신부")]["documents"] == 1


def test_corrections_survive_reingest(corpus):
    project, path = corpus
    add_entity(project, "워크벤치랩", "ORG")
    set_type(project, "코엑스", "ORG")
    merge_names(project, "코딧", "CODIT 코리아")
    reject_name(project, "2억 달러")
    text = entities_of(project, "news.txt")
    span = next(m for m in text[1] if m.text == "글로벌정책실증연구원")
    reject_span(project, "news.txt", span.start, span.end)

    def check():
        found = mentions(project)
        assert ("워크벤치랩", "ORG", "워크벤치랩") in found
        assert ("코엑스", "ORG", "코엑스") in found
        assert ("코딧", "ORG", "CODIT 코리아") in found
        assert not any(t == "2억 달러" for t, _, _ in found)
        assert not any(t == "글로벌정책실증연구원" for t, _, _ in found)

    check()
    # The document changes (text inserted before everything) and is ingested again.
    path.write_text("[속보] 새 문단이 앞에 들어갔다.\n\n" + TEXT, encoding="utf-8")
    report = run_job(ingest(project, [path]))
    assert report.summary()["updated"] == 1
    check()


def test_entity_and_type_filters_in_search(corpus):
    project, _ = corpus
    by_alias = search(project, "entity:과학기술정보통신부")
    assert by_alias.total == 1
    from workbench.services.documents import show_document

    text = show_document(project, "news.txt").text
    assert [text[a:b] for a, b in by_alias.hits[0].matches] == ["과기정통부"]
    assert search(project, "entity:MSIT").total == 1  # any name of it
    assert search(project, "type:MONEY").total == 1
    assert search(project, "type:금액 투자").total == 1
    assert search(project, "type:PERSON").total == 0


def test_unknown_file_is_analysed_on_the_fly(project, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("앤트로픽이 클로드를 공개했다.", encoding="utf-8")
    about, found = entities_of(project, str(other))
    assert about["in_project"] is False
    assert [(m.text, m.type.value) for m in found] == [("앤트로픽", "ORG"), ("클로드", "PRODUCT")]


def test_merges_that_would_loop_are_refused(corpus):
    from workbench.core.errors import WorkbenchError

    project, _ = corpus
    merge_names(project, "코딧", "CODIT 코리아")
    with pytest.raises(WorkbenchError):
        merge_names(project, "CODIT 코리아", "코딧")
    with pytest.raises(WorkbenchError):
        merge_names(project, "코엑스", "코엑스")
