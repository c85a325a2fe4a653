"""Searching the passage index: what a query finds, ranked, with snippets
and match offsets, for the passages view and the documents view.

The searcher stays open between searches (opening the index costs ~100 ms
at 50 MB) and is reopened when a writer has committed. Tier 1 is Whoosh
scoring the plan's morpheme query; proximity re-scores its top; tier 2
(passages found only through bigrams, see ``tiers``) follows. Only the hits
shown are read from the database: their documents' details and the
passages' own text (``substr``), never whole documents.
"""

from __future__ import annotations

import threading
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as windex

from workbench.core.aliases import AliasTable
from workbench.core.errors import AmbiguousTagError, WorkbenchError
from workbench.search.compile import Compiled, Lookup, compile_query
from workbench.search.highlight import gram_spans, merge_spans, snippet, spans_for_hits
from workbench.search.plan import near_words
from workbench.search.query import parse_query, words_after
from workbench.search.ranking import RESCORE, rescore
from workbench.search.tiers import Tiers, second_tier_query, split_tiers
from workbench.store.documents import DocumentRepository

@dataclass(slots=True)
class Hit:
    doc_id: int
    source: str
    title: str
    section: str
    score: float
    start: int
    end: int
    snippet: str
    matches: list[tuple[int, int]]
    passage: int

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "source": self.source, "title": self.title, "section": self.section,
                "score": round(self.score, 4), "start": self.start, "end": self.end, "snippet": self.snippet,
                "matches": [list(m) for m in self.matches], "passage": self.passage}


@dataclass(slots=True)
class DocHit:
    doc_id: int
    source: str
    title: str
    score: float
    hits: int
    best: Hit

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "source": self.source, "title": self.title,
                "score": round(self.score, 4), "hits": self.hits, "best": self.best.to_json()}


@dataclass(slots=True)
class SearchResult:
    query: str
    parsed: str
    expansions: dict[str, list[str]]
    total: int
    hits: list[Hit] = field(default_factory=list)
    docs: list[DocHit] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    milliseconds: float = 0.0
    index_behind: bool = False  # the database changed after the index was last brought in step
    offset: int = 0  # the hits (or documents) are this page of the ranking, from this place on
    doc_total: int = 0  # documents with a hit (searched with docs=True)
    # The text hash of each document with hits, as it was when searched: a reader
    # showing another version of the text must not mark these offsets.
    text_shas: dict[int, str] = field(default_factory=dict)

    def to_json(self, docs: bool = False) -> dict:
        out = {"query": self.query, "parsed": self.parsed, "expansions": self.expansions,
               "total": self.total, "ignored": self.ignored, "warnings": self.warnings,
               "index_behind": self.index_behind,
               "milliseconds": round(self.milliseconds, 1)}
        if docs:
            out["documents"] = [d.to_json() for d in self.docs]
        else:
            out["hits"] = [h.to_json() for h in self.hits]
        return out


class UnknownTagError(WorkbenchError):
    """A tag: filter names no tag. Says how to write it when the words typed
    after it make a tag's name: tag:AI 기본법 reads as the tag "AI" and the word
    기본법; the analyst meant tag:"AI 기본법"."""

    code = "unknown_tag"

    def __init__(self, name: str, quoted: str | None = None, known: bool = False) -> None:
        message, message_ko = f'No tag "{name}" in the codebook', f'코드북에 "{name}" 태그가 없습니다'
        if quoted and known:
            message += f". A tag name with a space goes in quotes: {quoted}"
            message_ko += f". 띄어 쓴 태그 이름은 따옴표로 묶으세요: {quoted}"
        elif quoted:
            message += f". If the tag's name has a space, put it in quotes: {quoted}"
            message_ko += f". 태그 이름에 띄어쓰기가 있으면 따옴표로 묶으세요: {quoted}"
        super().__init__(message, message_ko)
        self.name, self.quoted = name, quoted


def _tag_exists(conn, name: str) -> bool:
    from workbench.store.annotations import AnnotationRepository, TagRepository, normalise_path

    try:
        if TagRepository(conn).find(name) is not None:
            return True
    except AmbiguousTagError:
        return True  # it names tags; quoted, the search says which ones
    return normalise_path(name) in AnnotationRepository(conn).deleted_tag_names()


def unknown_tag(conn, name: str, query: str) -> UnknownTagError:
    """The error for a tag: filter naming no tag, with the quoted filter the
    analyst can type when the words after it make (or may make) a tag's name."""
    words = words_after(query, "tag", name)
    for count in range(len(words), 0, -1):
        candidate = " ".join([name, *words[:count]])
        if _tag_exists(conn, candidate):
            return UnknownTagError(name, f'tag:"{candidate}"', known=True)
    return UnknownTagError(name, f'tag:"{name} {words[0]}"' if words else None)


def _annotation_filter(searcher, conn, tag_names: list[str], notes: list[str], query: str = "") -> set[int]:
    """Passages (index documents) that overlap an annotation with every given tag
    and whose note contains every given text."""
    from workbench.store.annotations import AnnotationRepository, tagged

    repo = AnnotationRepository(conn)
    allowed: set[int] | None = None
    conditions = [("tag", n) for n in tag_names] + [("note", n) for n in notes]
    for kind, name in conditions:
        if kind == "tag":
            if not _tag_exists(conn, name):
                raise unknown_tag(conn, name, query)
            rows = tagged(conn, name)  # by id: 정책 / 규제 is not 산업 / 규제
        else:
            rows = [r for r in repo.query() if name.casefold() in r.note.casefold()]
        spans: dict[int, list[tuple[int, int]]] = {}
        for row in rows:
            spans.setdefault(row.doc_id, []).append((row.start, row.end))
        here = set()
        for doc_id, ranges in spans.items():
            for docnum in searcher.document_numbers(doc=str(doc_id)):
                fields = searcher.stored_fields(docnum)
                if any(a < fields["end"] and fields["start"] < b for a, b in ranges):
                    here.add(docnum)
        allowed = here if allowed is None else allowed & here
    return allowed or set()


def _document_filter(searcher, conn, groups) -> set[int]:
    """Passages (index documents) of the documents whose effective metadata (the
    analyst's correction, else the file's or the text's) and memo pass every
    group: read from the database at query time, so a correction or a memo
    needs no re-indexing."""
    from workbench.store.memos import MemoRepository
    from workbench.store.metadata import effective_metadata

    allowed: set[int] = set()
    wants_memo = any(f.field == "memo" for group in groups for f in group.alternatives)
    memos = MemoRepository(conn).document_texts() if wants_memo else {}
    for doc_id, meta in effective_metadata(conn).items():
        values = {**meta.values, "memo": memos.get(doc_id, "")} if wants_memo else meta.values
        if all(group.matches(values) for group in groups):
            allowed.update(searcher.document_numbers(doc=str(doc_id)))
    return allowed


def entity_mentions(conn, doc_id: int) -> list[tuple[int, int, str, str]]:
    rows = conn.execute("SELECT start, end, type, canonical FROM entities WHERE doc_id = ? ORDER BY start",
                        (doc_id,)).fetchall()
    return [tuple(r) for r in rows]




# --- the open searchers ---------------------------------------------------------


class OpenIndex:
    """One index folder's searcher, kept open between searches."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = threading.Lock()
        self.ix = None
        self.searcher = None
        self._doc_ids: array | None = None
        self._sections: list[str] | None = None

    def fresh(self):
        """The searcher, reopened if a writer committed since (call under ``lock``)."""
        current = self.searcher
        try:
            if current is not None and current.up_to_date():
                return current
        except Exception:  # the folder was replaced by a rebuild
            pass
        self.close()
        self.ix = windex.open_dir(str(self.folder))
        self.searcher = self.ix.searcher()
        return self.searcher

    def close(self) -> None:
        if self.searcher is not None:
            self.searcher.close()
        if self.ix is not None:
            self.ix.close()
        self.ix = self.searcher = None
        self._doc_ids = self._sections = None

    def doc_ids(self) -> array:
        """The document id of every passage number (-1 for deleted ones)."""
        if self._doc_ids is None:
            reader = self.searcher.reader()
            ids = array("i", [-1]) * reader.doc_count_all()
            for raw in reader.lexicon("doc"):
                doc_id = int(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
                for docnum in reader.postings("doc", raw).all_ids():
                    ids[docnum] = doc_id
            self._doc_ids = ids
        return self._doc_ids

    def sections(self) -> list[str]:
        if self._sections is None:
            self._sections = [raw.decode("utf-8") if isinstance(raw, bytes) else raw
                              for raw in self.searcher.reader().lexicon("section")]
        return self._sections


_open: dict[Path, OpenIndex] = {}
_open_lock = threading.Lock()


@contextmanager
def open_index(folder: Path) -> Iterator[OpenIndex]:
    """The folder's open index, locked for this caller (searches take milliseconds)."""
    folder = Path(folder).resolve()
    with _open_lock:
        entry = _open.get(folder)
        if entry is None:
            entry = _open[folder] = OpenIndex(folder)
    with entry.lock:
        entry.fresh()
        yield entry


def forget(folder: Path) -> None:
    """Close the folder's open searcher (before the folder is replaced or deleted)."""
    with _open_lock:
        entry = _open.pop(Path(folder).resolve(), None)
    if entry is not None:
        with entry.lock:
            entry.close()


# --- a search ---------------------------------------------------------------------


@dataclass(slots=True)
class _Ranked:
    docnums: list[tuple[int, float]]  # best first: tier 1 (proximity re-scored), then tier 2
    total: int
    tiers: Tiers
    allowed: set[int] | None
    matched: set[int] | None = None  # every tier-1 passage, when all were ranked (want=None)


def passage_filter(entry: OpenIndex, repo: DocumentRepository, compiled: Compiled, query: str = "") -> set[int] | None:
    """The passages the tag:, note: and document filters allow (None: all)."""
    searcher = entry.searcher
    allowed = (_annotation_filter(searcher, repo.conn, compiled.tags, compiled.notes, query)
               if compiled.tags or compiled.notes else None)
    if compiled.doc_filters and (allowed is None or allowed):
        documents = _document_filter(searcher, repo.conn, compiled.doc_filters)
        allowed = documents if allowed is None else allowed & documents
    return allowed


def _rank(entry: OpenIndex, repo: DocumentRepository, compiled: Compiled, want: int | None,
          query: str = "") -> _Ranked | None:
    searcher = entry.searcher
    allowed = passage_filter(entry, repo, compiled, query)
    if allowed is not None and not allowed:
        return None  # no passage passes the filters (Whoosh reads an empty filter as none)
    tiers = split_tiers(searcher, compiled.plan, allowed)
    # optimize=False: Whoosh's block skipping would make len() run the whole
    # query again to count; one full pass that counts as it goes is cheaper.
    found = searcher.search(compiled.query, limit=want, filter=allowed, mask=tiers.mask or None, optimize=False)
    ranked = rescore(searcher, [(hit.docnum, hit.score) for hit in found], near_words(compiled.plan))
    total = len(found)
    matched = {hit.docnum for hit in found} if want is None else None
    if tiers.second:
        second = searcher.search(second_tier_query(compiled.plan), limit=None, filter=tiers.second)
        seen = {hit.docnum for hit in second}
        ranked += [(hit.docnum, hit.score) for hit in second]
        ranked += [(d, 0.0) for d in sorted(tiers.second - seen)]
        total += len(tiers.second)
    return _Ranked(ranked, total, tiers, allowed, matched)


def run_search(folder: Path, aliases: AliasTable, repo: DocumentRepository, query: str,
               limit: int | None = 20, docs: bool = False, offset: int = 0) -> SearchResult:
    """``limit`` hits (or documents) of the ranking from ``offset`` on: the list
    shows a page at a time, and the next page continues the same ranking."""
    started = time.perf_counter()
    node = parse_query(query)
    offset = max(0, offset)
    end = None if limit is None else offset + limit
    with open_index(folder) as entry:
        compiled = compile_query(node, aliases, Lookup(repo.names, entry.sections))
        result = SearchResult(query, str(node), compiled.expansions, 0, ignored=compiled.ignored, offset=offset)
        if docs:  # every passage ranked in one pass: the documents' counts come with it
            want = None
        else:
            want = None if end is None else max(end, RESCORE) if near_words(compiled.plan) else end
        ranked = _rank(entry, repo, compiled, want, query)
        if ranked is not None:
            result.total = ranked.total
            hits = _Hits(entry, repo, compiled, ranked.tiers)
            if docs:
                result.docs, result.doc_total = _documents(entry, ranked, offset, end, hits)
            else:
                result.hits = hits.make(ranked.docnums[offset:end])
            result.text_shas = hits.text_shas()
    result.milliseconds = (time.perf_counter() - started) * 1000
    return result


def _documents(entry: OpenIndex, ranked: _Ranked, offset: int, end: int | None,
               hits: _Hits) -> tuple[list[DocHit], int]:
    """Documents ranked by their best passage, each with its number of hits
    (every passage was ranked, so each document's best one is in the list):
    those from ``offset`` to ``end``, and how many documents there are."""
    doc_of = entry.doc_ids()
    matched = (ranked.matched or set()) | ranked.tiers.second
    counts = Counter(doc_of[d] for d in matched)
    best: dict[int, tuple[int, float]] = {}
    for docnum, score in ranked.docnums:
        best.setdefault(doc_of[docnum], (docnum, score))
    order = list(best)[offset:end]
    made = hits.make([best[d] for d in order])
    return [DocHit(h.doc_id, h.source, h.title, h.score, counts.get(h.doc_id, 1), h) for h in made], len(best)


class _Hits:
    """Turns ranked passage numbers into hits: stored fields, the documents'
    details, the passages' text, snippets and match offsets."""

    def __init__(self, entry: OpenIndex, repo: DocumentRepository, compiled: Compiled, tiers: Tiers) -> None:
        self.searcher = entry.searcher
        self.repo = repo
        self.compiled = compiled
        self.tiers = tiers
        self.infos: dict = {}
        self._mentions: dict[int, list[tuple[int, int]]] = {}

    def make(self, ranked: list[tuple[int, float]]) -> list[Hit]:
        stored = [(docnum, score, self.searcher.stored_fields(docnum)) for docnum, score in ranked]
        ids = {int(fields["pid"].split(":")[0]) for _, _, fields in stored}
        self.infos.update(self.repo.infos(sorted(ids - set(self.infos))))
        spans = spans_for_hits(self.searcher, [d for d, _, _ in stored], self.compiled.highlights)
        return [self._hit(docnum, score, fields, spans.get(docnum, [])) for docnum, score, fields in stored]

    def _hit(self, docnum: int, score: float, fields: dict, spans: list[tuple[int, int]]) -> Hit:
        doc_id, seq = (int(x) for x in fields["pid"].split(":"))
        start, end = fields["start"], fields["end"]
        body = self.repo.text_range(doc_id, start, end)
        spans = merge_spans(spans + gram_spans(body, self.tiers.grams.get(docnum, []))
                            + self._mention_spans(doc_id, start, end))
        info = self.infos.get(doc_id)
        return Hit(doc_id=doc_id, source=info.source if info else "", title=info.title if info else "",
                   section=fields.get("section", ""), score=score, start=start, end=end,
                   snippet=snippet(body, spans), matches=[(start + a, start + b) for a, b in spans], passage=seq)

    def _mention_spans(self, doc_id: int, start: int, end: int) -> list[tuple[int, int]]:
        """entity: filters mark the mentions themselves (relative to the passage)."""
        if not self.compiled.entities:
            return []
        if doc_id not in self._mentions:
            self._mentions[doc_id] = [(a, b) for a, b, _, name in entity_mentions(self.repo.conn, doc_id)
                                      if name.casefold() in self.compiled.entities]
        return [(a - start, b - start) for a, b in self._mentions[doc_id] if start <= a and b <= end]

    def text_shas(self) -> dict[int, str]:
        return {doc_id: info.text_sha256 for doc_id, info in self.infos.items()}


def passages_with(folder: Path, fieldname: str, values: list[str]) -> dict[str, set[int]]:
    """The live passages (index document numbers) holding each value of a
    keyword field, e.g. the passages that mention an entity (case-folded like the field)."""
    from whoosh import query as wq

    with open_index(folder) as entry:
        return {value: set(entry.searcher.docs_for_query(wq.Term(fieldname, value.lower()))) for value in values}
