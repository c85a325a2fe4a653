"""Proximity: a passage where the query's words stand together, in order,
ranks above one where they are scattered.

BM25 scores each word on its own, so a long report passage mentioning 반도체
early and 수출 규제 much later can outrank a news sentence saying "반도체 수출
규제". The top passages are re-scored: words adjacent in order (a space or a
particle between them) double the score; near in order (a short clause apart)
raise it by half. Only the best :data:`RESCORE` are looked at (the rest keep
their order below them), so the cost is a few posting reads whatever the
corpus size.
"""

from __future__ import annotations

from workbench.search.compile import Highlight
from workbench.search.highlight import spans_for_hits
from workbench.search.plan import Word

RESCORE = 100
ADJACENT_CHARS = 2  # "반도체 수출", "반도체의 수출"
NEAR_CHARS = 15
ADJACENT_BOOST = 2.0
NEAR_BOOST = 1.5


def _gap(chains: list[list[tuple[int, int]]]) -> int | None:
    """The smallest largest gap (in characters) over the ways the words occur
    one after another, in order; None if they never do."""
    best = None
    for first in chains[0]:
        end, worst = first[1], 0
        for spans in chains[1:]:
            nxt = next((s for s in spans if s[0] >= end), None)
            if nxt is None:
                worst = None
                break
            worst = max(worst, nxt[0] - end)
            end = nxt[1]
        if worst is not None and (best is None or worst < best):
            best = worst
            if best == 0:
                break
    return best


def boost(gap: int | None) -> float:
    if gap is None:
        return 1.0
    if gap <= ADJACENT_CHARS:
        return ADJACENT_BOOST
    if gap <= NEAR_CHARS:
        return NEAR_BOOST
    return 1.0


def rescore(searcher, ranked: list[tuple[int, float]], near: list[Word]) -> list[tuple[int, float]]:
    """``ranked`` (docnum, score), best first, with the top re-scored for proximity."""
    if len(near) < 2 or not ranked:
        return ranked
    head, tail = ranked[:RESCORE], ranked[RESCORE:]
    docnums = [d for d, _ in head]
    per_word = [spans_for_hits(searcher, docnums, [Highlight("morph", w.near)]) for w in near]
    rescored = []
    for docnum, score in head:
        chains = [spans.get(docnum, []) for spans in per_word]
        factor = boost(_gap(chains)) if all(chains) else 1.0
        rescored.append((docnum, score * factor))
    rescored.sort(key=lambda pair: -pair[1])
    return rescored + tail
