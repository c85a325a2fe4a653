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

from workbench.core.aliases import AliasTable
from workbench.search.compile import Lookup, compile_query
from workbench.search.highlight import gram_spans, merge_spans, spans_for_hits
from workbench.search.query import Node
from workbench.search.searching import _rank, entity_mentions, open_index
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
        ranked = _rank(entry, repo, compiled, None, query)
        if ranked is None:
            return out
        searcher = entry.searcher
        docnums = sorted({d for d, _ in ranked.docnums})
        spans = spans_for_hits(searcher, docnums, compiled.highlights)
        mentions: dict[int, list[tuple[int, int]]] = {}
        found: dict[int, list[tuple[int, int]]] = {}
        for docnum in docnums:
            fields = searcher.stored_fields(docnum)
            doc_id = int(fields["pid"].split(":")[0])
            start, end = fields["start"], fields["end"]
            local = list(spans.get(docnum, []))
            grams = ranked.tiers.grams.get(docnum)
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
                found.setdefault(doc_id, []).extend((start + a, start + b) for a, b in local)
        out.spans = {doc_id: _joined(sorted(set(s)), lambda a, b, d=doc_id: text_of(d)[a:b])
                     for doc_id, s in sorted(found.items())}
    return out


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
