"""Searching a page at a time: the page after the first 300 hits continues
the same ranking, with no hit twice and none left out."""

from __future__ import annotations

from workbench.services.search import search


def test_pages_continue_the_ranking(seeded_project):
    every = search(seeded_project, "AI", limit=None)
    first = search(seeded_project, "AI", limit=300)
    rest = search(seeded_project, "AI", limit=300, offset=300)
    assert first.total == rest.total == every.total > 300
    keys = lambda hits: [(h.doc_id, h.passage) for h in hits]  # noqa: E731
    assert keys(first.hits) + keys(rest.hits) == keys(every.hits)
    assert search(seeded_project, "AI", limit=300, offset=every.total).hits == []


def test_pages_of_documents(seeded_project):
    every = search(seeded_project, "AI", limit=None, docs=True)
    pages = [search(seeded_project, "AI", limit=2, docs=True, offset=o) for o in (0, 2, 4)]
    assert [d.doc_id for p in pages for d in p.docs] == [d.doc_id for d in every.docs]
    assert all(p.doc_total == len(every.docs) == 5 for p in pages)
    assert [len(p.docs) for p in pages] == [2, 2, 1]
