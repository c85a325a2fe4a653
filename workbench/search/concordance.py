"""Every match of a query in the corpus, as (document, start, end) — what a
concordance (keyword in context) lists, one line per match.

A search ranks passages and marks the first page of them; a concordance
needs every match in every passage, in document order. It uses the same
compiled query, filters and tiers as the search (so both find the same
passages), with no limit, and the same match spans (``Hit.matches``: the
morpheme postings' character spans, bigram matches, entity mentions),
which the index stores relative to each passage: here they are made
absolute by adding the passage's stored ``start``, a code point offset into
the document's stored text (``DocumentRepository.text``), as ``Hit.matches``
does.

Passages are read from the index's stored fields; only the documents with a
match are named, and no text is read here (the caller reads each document's
text once, for the context).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import query as wq
from whoosh.reading import TermNotFound

from workbench.core.aliases import AliasTable
from workbench.search.compile import Compiled, Lookup, compile_query
from workbench.search.highlight import gram_spans, merge_spans, spans_for_hits
from workbench.search.plan import AllOf, AnyOf, Leaf, Plan, Word
from workbench.search.query import Node
from workbench.search.searching import _rank, entity_mentions, open_index, passage_filter
from workbench.search.tiers import _term_ids, bigram_matches
from workbench.store.documents import DocumentRepository


JOIN_GAP = 2  # at most this many spaces between two matches that are one


@dataclass(slots=True)
class Matches:
    """Every match of a query: ``spans`` per document, in offset order."""

    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    passages: int = 0  # passages with a match (what the search counts)
    expansions: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(s) for s in self.spans.values())


def every_match(folder: Path, aliases: AliasTable, repo: DocumentRepository, node: Node, query: str = "",
                text_of: Callable[[int], str] | None = None) -> Matches:
    """Every match of ``node`` in the index at ``folder``: absolute code-point
    spans into each document's stored text, merged where they touch (as the
    search marks them, and joined where only a space or two stands between
    them). ``text_of(doc_id)`` gives a document's text for the
    bigram matches, which are found again in the passage text (default: read
    from ``repo``)."""
    text_of = text_of or repo.text
    out = Matches()
    with open_index(folder) as entry:
        compiled = compile_query(node, aliases, Lookup(repo.names, entry.sections))
        out.expansions, out.ignored = compiled.expansions, compiled.ignored
        found = _by_postings(entry, repo, compiled, query)
        if found is None:
            found = _by_search(entry, repo, compiled, query)
        searcher = entry.searcher
        mentions: dict[int, list[tuple[int, int]]] = {}
        spans: dict[int, list[tuple[int, int]]] = {}
        for docnum in found.docnums:
            fields = searcher.stored_fields(docnum)
            doc_id = int(fields["pid"].split(":")[0])
            start, end = fields["start"], fields["end"]
            local = list(found.spans.get(docnum, []))
            grams = found.grams.get(docnum)
            if grams:  # bigram matches: positions found again in the passage's text
                local += gram_spans(text_of(doc_id)[start:end], grams)
            if compiled.entities:  # entity: filters mark the mentions themselves
                if doc_id not in mentions:
                    mentions[doc_id] = [(a, b) for a, b, _, name in entity_mentions(repo.conn, doc_id)
                                        if name.casefold() in compiled.entities]
                local += [(a - start, b - start) for a, b in mentions[doc_id] if start <= a and b <= end]
            local = merge_spans(local)
            if local:
                out.passages += 1
                spans.setdefault(doc_id, []).extend((start + a, start + b) for a, b in local)
        out.spans = {doc_id: _joined(sorted(set(s)), lambda a, b, d=doc_id: text_of(d)[a:b])
                     for doc_id, s in sorted(spans.items())}
    return out


@dataclass(slots=True)
class _Found:
    """The passages a query matches (sorted index document numbers), their
    morpheme match spans (relative to the passage) and, for passages found
    only through bigrams, the bigram positions to mark."""

    docnums: list[int] = field(default_factory=list)
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    grams: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def _by_search(entry, repo: DocumentRepository, compiled: Compiled, query: str) -> _Found:
    """Any query: the search's own evaluation (Whoosh, every passage ranked), then its spans."""
    ranked = _rank(entry, repo, compiled, None, query)
    if ranked is None:
        return _Found()
    docnums = sorted({d for d, _ in ranked.docnums})
    return _Found(docnums, spans_for_hits(entry.searcher, docnums, compiled.highlights), ranked.tiers.grams)


def _by_postings(entry, repo: DocumentRepository, compiled: Compiled, query: str) -> _Found | None:
    """A word or phrase (or words joined by OR), with filters: what a
    concordance is mostly asked for, found straight from the posting lists.

    The search ranks every passage with Whoosh, whose phrase matching runs
    in Python span by span (1.1 s for 인공지능, a phrase of 인공 + 지능, at
    50 MB), and then checks each bigram candidate against that phrase again.
    A concordance needs no ranking: the passages where the word's morphemes
    stand at consecutive positions are those where its match spans are
    found (``spans_for_hits``, the same check the search marks hits with),
    and the bigram candidates are checked against that set. Same passages,
    same spans; None for any other query (the search's way then)."""
    simple = _simple(compiled.plan)
    if simple is None:
        return None
    words, leaves = simple
    searcher = entry.searcher
    allowed = passage_filter(entry, repo, compiled, query)
    for leaf in leaves:
        if isinstance(leaf.query, wq.Every):
            continue
        ids = set() if leaf.query is wq.NullQuery else _term_ids(searcher, leaf.query)
        allowed = ids if allowed is None else allowed & ids
    if allowed is not None and not allowed:
        return _Found()
    candidates: set[int] = set()
    for highlight in compiled.highlights:
        ids = None
        for token in highlight.tokens:
            here = _postings_ids(searcher, highlight.field, token)
            ids = here if ids is None else ids & here
        candidates |= ids or set()
    if allowed is not None:
        candidates &= allowed
    spans = spans_for_hits(searcher, sorted(candidates), compiled.highlights)
    first = {d for d in candidates if spans.get(d)}
    grams: dict[int, list[tuple[int, int]]] = {}
    for word in words:
        for docnum, found in bigram_matches(searcher, word, allowed, found=first).items():
            grams.setdefault(docnum, []).extend(found)
    return _Found(sorted(first | set(grams)), {d: spans[d] for d in first}, grams)


def _plain(query) -> bool:
    """A morpheme query of terms and phrases (what words, phrases and alias names compile to)."""
    if query is None or isinstance(query, (wq.Term, wq.Phrase)):
        return True
    return isinstance(query, (wq.DisjunctionMax, wq.Or)) and all(isinstance(q, wq.Term) for q in query.subqueries)


def _simple(plan: Plan) -> tuple[list[Word], list[Leaf]] | None:
    """(words, filters) of a plan that is a word, or words joined by OR,
    narrowed by filters (doc:, tag:, date:, …); None for anything else."""
    leaves: list[Leaf] = []
    core = plan
    if isinstance(plan, AllOf):
        if plan.without:
            return None
        cores = [p for p in plan.parts if not isinstance(p, Leaf)]
        leaves = [p for p in plan.parts if isinstance(p, Leaf)]
        if len(cores) != 1:
            return None
        core = cores[0]
    words = [core] if isinstance(core, Word) else list(core.parts) if isinstance(core, AnyOf) else None
    if not words or not all(isinstance(w, Word) and _plain(w.morph) for w in words):
        return None
    for leaf in leaves:
        query = leaf.query
        if not (isinstance(query, wq.Every) or query is wq.NullQuery or _term_ids_able(query)):
            return None
    return words, leaves


def _term_ids_able(query) -> bool:
    return isinstance(query, wq.Term) or (isinstance(query, (wq.DisjunctionMax, wq.Or))
                                          and all(isinstance(q, wq.Term) for q in query.subqueries))


def _postings_ids(searcher, fieldname: str, text: str) -> set[int]:
    try:
        return set(searcher.postings(fieldname, text).all_ids())
    except TermNotFound:
        return set()


def _joined(spans: list[tuple[int, int]], between) -> list[tuple[int, int]]:
    """Spans with only spaces (not a line break) between them joined into one: the words of
    인공지능 기본법 found next to each other are one match (one line), as
    auto-code tags them; ``between(a, b)`` is the text from a to b."""
    out: list[list[int]] = []
    for a, b in spans:
        if out and a - out[-1][1] <= JOIN_GAP and not between(out[-1][1], a).strip(" \u00a0"):
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]
