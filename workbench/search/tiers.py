"""Passages found only through bigrams: found, checked and ranked last.

Whoosh scores the plan with every word found as morphemes (tier 1). A word's
bigram sequences can find more: spacing variants, words Kiwi analysed
otherwise in the passage. Those passages are few, so they are worked out
here from posting lists, not by Whoosh's span matching over every passage:

1. for each word, the passages holding its sequence's rarest bigram, then
   the others, minus those where the word matched as morphemes; then the
   bigram positions are checked to stand in order (``bigram_matches``);
2. each such passage is judged against the whole query twice, with and
   without its bigram matches (``split_tiers``): if it matches only with
   them it is a tier-2 hit, ranked after every tier-1 hit; if it matched
   tier 1 only because a NOT word was found through bigrams alone, it is
   masked out of tier 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.reading import TermNotFound

from workbench.search.plan import Leaf, Plan, Word, matches, morph_query, words


class Follower:
    """A matcher walked forward through ascending document numbers."""

    def __init__(self, matcher) -> None:
        self.matcher = matcher

    def at(self, docnum: int) -> bool:
        m = self.matcher
        if not m.is_active():
            return False
        if m.id() < docnum:
            m.skip_to(docnum)
            if not m.is_active():
                return False
        return m.id() == docnum

    def positions(self) -> list[int]:
        return self.matcher.value_as("positions")


def _term(searcher, text: str) -> Follower | None:
    try:
        return Follower(searcher.postings("bigram", text))
    except TermNotFound:
        return None


def _doc_frequency(searcher, alternatives: tuple[str, ...]) -> int:
    return sum(searcher.doc_frequency("bigram", t) for t in alternatives)


def _ids(searcher, alternatives: tuple[str, ...]) -> set[int]:
    found: set[int] = set()
    for text in alternatives:
        try:
            found.update(searcher.postings("bigram", text).all_ids())
        except TermNotFound:
            pass
    return found


def _term_ids(searcher, query) -> set[int] | None:
    """The passages a query of plain terms matches (a term, or a DisMax/OR of
    terms — an alias word's group token), read from the posting lists in one
    go; None for anything needing positions (a phrase)."""
    if isinstance(query, wq.Term):
        terms = [query]
    elif isinstance(query, (wq.DisjunctionMax, wq.Or)):  # any of them: a union (never And)
        terms = query.subqueries
    else:
        return None
    if not terms or not all(isinstance(t, wq.Term) for t in terms):
        return None
    found: set[int] = set()
    for term in terms:
        try:
            found.update(searcher.postings(term.fieldname, term.text).all_ids())
        except TermNotFound:
            pass
    return found


def _present(followers: list[list[Follower]], order: list[int], docnum: int) -> list[list[Follower]] | None:
    """Each bigram group's postings at this passage, or None when one is
    missing (the groups are tried rarest first: most candidates fail at once)."""
    present: list = [None] * len(followers)
    for i in order:
        here = [f for f in followers[i] if f.at(docnum)]
        if not here:
            return None
        present[i] = here
    return present


def bigram_matches(searcher, word: Word, allowed: set[int] | None = None,
                   found: set[int] | None = None) -> dict[int, list[tuple[int, int]]]:
    """Passages where one of the word's bigram sequences stands and its
    morpheme query does not match: {passage: [(first, last) bigram position]}.
    ``found``: the passages the morphemes match, when the caller knows them
    already (the concordance does: asking a phrase matcher passage by passage
    cost 0.45 s for 인공지능)."""
    out: dict[int, list[tuple[int, int]]] = {}
    morph_ids = found if found is not None else (
        _term_ids(searcher, word.morph) if word.morph is not None else None)
    morph = (Follower(word.morph.matcher(searcher)) if word.morph is not None and morph_ids is None else None)
    for seq in word.grams:
        if any(_doc_frequency(searcher, alts) == 0 for alts in seq):
            continue
        order = sorted(range(len(seq)), key=lambda i: _doc_frequency(searcher, seq[i]))
        candidates = _ids(searcher, seq[order[0]])
        if allowed is not None:
            candidates &= allowed
        if morph_ids is not None:  # found as morphemes: tier 1 has them (most candidates)
            candidates -= morph_ids
        followers = [[f for f in (_term(searcher, t) for t in alts) if f is not None] for alts in seq]
        for docnum in sorted(candidates):
            if morph is not None and morph.at(docnum):
                continue  # found as morphemes: tier 1 has it (most candidates; checked first)
            present = _present(followers, order, docnum)
            if present is None:
                continue
            positions = [set().union(*(f.positions() for f in group)) for group in present]
            spans = [(p, p + len(seq) - 1) for p in sorted(positions[0])
                     if all(p + i in positions[i] for i in range(1, len(seq)))]
            if spans:
                out.setdefault(docnum, []).extend(spans)
    return out


@dataclass(slots=True)
class Tiers:
    second: set[int] = field(default_factory=set)  # passages found only with bigram matches
    mask: set[int] = field(default_factory=set)  # tier-1 passages a NOT word's bigrams exclude
    grams: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # bigram positions to mark


def split_tiers(searcher, plan: Plan, allowed: set[int] | None = None) -> Tiers:
    found = {id(w): bigram_matches(searcher, w, allowed) for w in words(plan) if w.grams}
    candidates = sorted(set().union(*found.values())) if found else []
    tiers = Tiers()
    if not candidates:
        return tiers
    followers: dict[int, Follower | None] = {}

    def as_morphemes(node: Word | Leaf, docnum: int) -> bool:
        query = morph_query(node)
        if isinstance(query, wq.Every):
            return True
        if id(node) not in followers:
            followers[id(node)] = Follower(query.matcher(searcher)) if query is not wq.NullQuery else None
        follower = followers[id(node)]
        return follower is not None and follower.at(docnum)

    for docnum in candidates:
        morph_only = matches(plan, lambda node: as_morphemes(node, docnum))
        with_grams = matches(plan, lambda node: as_morphemes(node, docnum) or (
            isinstance(node, Word) and docnum in found.get(id(node), ())))
        if with_grams and not morph_only:
            tiers.second.add(docnum)
            tiers.grams[docnum] = [s for spans in found.values() for s in spans.get(docnum, [])]
        elif morph_only and not with_grams:
            tiers.mask.add(docnum)
    return tiers


def second_tier_query(plan: Plan) -> wq.Query:
    """What ranks tier-2 passages among themselves: their words' morphemes
    and first bigrams, as a plain OR (BM25)."""
    parts = []
    for word in words(plan):
        if word.morph is not None:
            parts.append(word.morph)
        parts += [wq.Term("bigram", t) for seq in word.grams for t in seq[0]]
    return wq.Or(parts) if parts else wq.Every()
