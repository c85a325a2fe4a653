"""The passage index in ``<project>/index``: build, keep in step, search.

The index is derived data. Each passage records the hash of its document's
text (``doc_key``), so opening the index can tell which documents are new,
changed or gone and index only those. An index that is missing, unreadable,
or built with another schema or analysis is rebuilt from the database — into
a fresh folder that replaces the old one only when complete, so a cancelled
or failed rebuild leaves the previous index usable. All writes go through
here, under the project's index lock held by the caller (Whoosh allows one
writer at a time); searching never writes.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as windex

from workbench.core.progress import Cancelled, CancelToken, Progress
from workbench.core.aliases import AliasTable
from workbench.search.analysis import pretokenized
from workbench.search.compile import compile_query
from workbench.search.highlight import merge_spans, snippet, spans_for_hits, text_spans
from workbench.search.passages import make_passages
from workbench.search.query import parse_query
from workbench.search.schema import SCHEMA_VERSION, build_schema
from workbench.store.documents import DocumentRepository

META_FILE = "workbench-index.json"
_BATCH_PASSAGES = 512


@dataclass(slots=True)
class IndexReport:
    rebuilt: bool = False
    reason: str = ""
    indexed: int = 0
    removed: int = 0
    seconds: float = 0.0


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


def _annotation_filter(searcher, conn, tag_names: list[str], notes: list[str]) -> set[int]:
    """Passages (index documents) that overlap an annotation with every given tag
    and whose note contains every given text."""
    from workbench.store.annotations import AnnotationRepository, tagged

    repo = AnnotationRepository(conn)
    allowed: set[int] | None = None
    conditions = [("tag", n) for n in tag_names] + [("note", n) for n in notes]
    for kind, name in conditions:
        if kind == "tag":
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
    analyst's correction, else the file's or the text's) passes every group:
    read from the database at query time, so a correction needs no re-indexing."""
    from workbench.store.metadata import effective_metadata

    allowed: set[int] = set()
    for doc_id, meta in effective_metadata(conn).items():
        if all(group.matches(meta.values) for group in groups):
            allowed.update(searcher.document_numbers(doc=str(doc_id)))
    return allowed


def entity_mentions(conn, doc_id: int) -> list[tuple[int, int, str, str]]:
    rows = conn.execute("SELECT start, end, type, canonical FROM entities WHERE doc_id = ? ORDER BY start",
                        (doc_id,)).fetchall()
    return [tuple(r) for r in rows]


def _entity_fields(mentions: list[tuple[int, int, str, str]], passage) -> dict:
    inside = [m for m in mentions if passage.start <= m[0] and m[1] <= passage.end]
    return {"entity": ",".join(sorted({m[3] for m in inside})), "etype": ",".join(sorted({m[2] for m in inside}))}


def _key(info) -> str:
    """Changes when the document's text or its entities change."""
    return f"{info.id}:{info.text_sha256[:16]}:{info.entities_sha[:8]}"


class SearchIndex:
    def __init__(self, index_dir: Path, aliases: AliasTable) -> None:
        self.dir = Path(index_dir)
        self.aliases = aliases
        self._ix = None

    # --- state ------------------------------------------------------------

    def signature(self) -> dict:
        import kiwipiepy

        return {"schema": SCHEMA_VERSION, "kiwi": kiwipiepy.__version__,
                "aliases": self.aliases.user_word_signature()}

    def _meta(self) -> dict | None:
        try:
            return json.loads((self.dir / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write_meta(self, folder: Path, content_version: int) -> None:
        meta = {**self.signature(), "content_version": content_version}
        (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")

    def in_step(self, content_version: int) -> bool:
        """Cheap check before a search: built with our settings, after the last text change."""
        meta = self._meta()
        return (meta is not None and meta.get("content_version") == content_version
                and {k: v for k, v in meta.items() if k != "content_version"} == self.signature()
                and any(self.dir.glob("*.toc")))

    def problem(self) -> str | None:
        """Why the index cannot be used as it is, or None if it can."""
        if not self.dir.exists() or not any(self.dir.glob("*.toc")):
            return "the search index is missing"
        meta = self._meta()
        if meta is None:
            return "the search index has no readable description"
        if {k: v for k, v in meta.items() if k != "content_version"} != self.signature():
            return "the search index was built with other settings (schema, analyzer or alias list)"
        try:
            ix = windex.open_dir(str(self.dir))
            try:
                with ix.searcher() as searcher:
                    searcher.doc_count()
                    list(searcher.reader().lexicon("doc_key"))
            finally:
                ix.close()
        except Exception as exc:  # Whoosh raises many kinds on damaged files
            return f"the search index is damaged ({type(exc).__name__}: {exc})"
        return None

    def open(self):
        if self._ix is None:
            self._ix = windex.open_dir(str(self.dir))
        return self._ix

    def close(self) -> None:
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    def indexed_keys(self) -> set[str]:
        """The doc_key of every document with live passages.

        The lexicon still lists terms of deleted passages until segments merge,
        so each key is checked for a passage that is not deleted.
        """
        keys = set()
        with self.open().searcher() as searcher:
            reader = searcher.reader()
            for raw in reader.lexicon("doc_key"):
                key = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                if any(not reader.is_deleted(n) for n in reader.postings("doc_key", raw).all_ids()):
                    keys.add(key)
        return keys

    # --- writing ------------------------------------------------------------

    def ensure(self, repo: DocumentRepository, cancel: CancelToken | None = None,
               ) -> Generator[Progress, None, IndexReport]:
        """Make the index match the database: rebuild if unusable, else sync."""
        problem = self.problem()
        if problem:
            report = yield from self.rebuild(repo, cancel)
            report.reason = problem
            return report
        return (yield from self.sync(repo, cancel))

    def sync(self, repo: DocumentRepository, cancel: CancelToken | None = None,
             ) -> Generator[Progress, None, IndexReport]:
        start = time.perf_counter()
        version = repo.content_version()
        wanted = {_key(d): d.id for d in repo.list()}
        have = self.indexed_keys()
        stale_ids = sorted(doc_id for key, doc_id in wanted.items() if key not in have)
        gone = {int(k.split(":")[0]) for k in have if k not in wanted}
        report = IndexReport()
        if stale_ids or gone:
            report.indexed = yield from self._write(self.open(), repo, stale_ids, sorted(gone | set(stale_ids)),
                                                    cancel)
            report.removed = len(gone - set(stale_ids))
        self._write_meta(self.dir, version)
        report.seconds = time.perf_counter() - start
        return report

    def update(self, repo: DocumentRepository, doc_ids: Iterable[int], cancel: CancelToken | None = None,
               ) -> Generator[Progress, None, IndexReport]:
        """Re-index the given documents (after ingest); rebuild if the index is unusable."""
        if self.problem():
            return (yield from self.ensure(repo, cancel))
        ids = sorted(set(doc_ids))
        start = time.perf_counter()
        count = (yield from self._write(self.open(), repo, ids, ids, cancel)) if ids else 0
        rest = yield from self.sync(repo, cancel)  # anything else out of step; records the version
        return IndexReport(indexed=count + rest.indexed, removed=rest.removed, seconds=time.perf_counter() - start)

    def rebuild(self, repo: DocumentRepository, cancel: CancelToken | None = None,
                ) -> Generator[Progress, None, IndexReport]:
        start = time.perf_counter()
        self.close()
        version = repo.content_version()
        fresh = self.dir.with_name(self.dir.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        try:
            ix = windex.create_in(str(fresh), build_schema())
            count = yield from self._write(ix, repo, [d.id for d in repo.list()], [], cancel)
            ix.close()
            self._write_meta(fresh, version)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        old = self.dir.with_name(self.dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.dir.exists():
            self.dir.rename(old)
        fresh.rename(self.dir)
        shutil.rmtree(old, ignore_errors=True)
        return IndexReport(rebuilt=True, indexed=count, seconds=time.perf_counter() - start)

    def _write(self, ix, repo: DocumentRepository, doc_ids: list[int], delete_ids: list[int],
               cancel: CancelToken | None) -> Generator[Progress, None, int]:
        infos = {d.id: d for d in repo.list()}
        doc_ids = [i for i in doc_ids if i in infos]
        total_chars = sum(infos[i].chars for i in doc_ids)
        done_chars = 0
        # Whoosh allows one writer: this process's are serialised by the caller
        # (Project.index_lock); another process's is waited for.
        writer = ix.writer(limitmb=128, timeout=120.0, delay=0.25)
        try:
            for doc_id in delete_ids:
                writer.delete_by_term("doc", str(doc_id))
            yield Progress(0, len(doc_ids), "", 0, total_chars)
            for n, doc_id in enumerate(doc_ids, 1):
                info = infos[doc_id]
                text = repo.text(doc_id)
                passages = make_passages(text, repo.blocks(doc_id))
                mentions = entity_mentions(repo.conn, doc_id)
                name = Path(info.source).name.lower()
                for i in range(0, len(passages), _BATCH_PASSAGES):
                    if cancel is not None and cancel.cancelled:
                        raise Cancelled()
                    batch = passages[i : i + _BATCH_PASSAGES]
                    texts = [text[p.start:p.end] for p in batch]
                    with pretokenized(texts + [info.title] + [p.section for p in batch]):
                        for p, body in zip(batch, texts):
                            writer.add_document(
                                pid=f"{doc_id}:{p.seq}", doc=str(doc_id), doc_key=_key(info),
                                docname=name, title=info.title, section=p.section, start=p.start, end=p.end,
                                morph=body, bigram=body, **_entity_fields(mentions, p),
                            )
                    yield Progress(n - 1, len(doc_ids), info.title[:40], done_chars + batch[-1].end, total_chars)
                done_chars += info.chars
                yield Progress(n, len(doc_ids), info.title[:40], done_chars, total_chars)
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self.close()  # readers reopen and see the new segments
        return len(doc_ids)

    # --- searching ----------------------------------------------------------

    def passages_with(self, fieldname: str, values: list[str]) -> dict[str, set[int]]:
        """The live passages (index document numbers) holding each value of a
        keyword field, e.g. the passages that mention an entity (case-folded like the field)."""
        from whoosh import query as wq

        out: dict[str, set[int]] = {}
        with self.open().searcher() as searcher:
            for value in values:
                out[value] = set(searcher.docs_for_query(wq.Term(fieldname, value.lower())))
        return out

    def search(self, repo: DocumentRepository, query: str, limit: int | None = 20, docs: bool = False,
               ) -> SearchResult:
        texts: dict[int, str] = {}
        entity_spans: dict[int, list[tuple[int, int]]] = {}

        def passage_text(doc_id: int, start: int, end: int) -> str:
            if doc_id not in texts:  # one read per document, however many hits it has
                texts[doc_id] = repo.text(doc_id)
            return texts[doc_id][start:end]

        def mention_spans(doc_id: int, start: int, end: int) -> list[tuple[int, int]]:
            """entity: filters mark the mentions themselves (relative to the passage)."""
            if not compiled.entities:
                return []
            if doc_id not in entity_spans:
                entity_spans[doc_id] = [(a, b) for a, b, _, name in entity_mentions(repo.conn, doc_id)
                                        if name.casefold() in compiled.entities]
            return [(a - start, b - start) for a, b in entity_spans[doc_id] if start <= a and b <= end]

        started = time.perf_counter()
        node = parse_query(query)
        compiled = compile_query(node, self.aliases)
        infos = {d.id: d for d in repo.list()}
        result = SearchResult(query, str(node), compiled.expansions, 0, ignored=compiled.ignored)
        with self.open().searcher() as searcher:
            allowed = (_annotation_filter(searcher, repo.conn, compiled.tags, compiled.notes)
                       if compiled.tags or compiled.notes else None)
            if compiled.doc_filters and (allowed is None or allowed):
                documents = _document_filter(searcher, repo.conn, compiled.doc_filters)
                allowed = documents if allowed is None else allowed & documents
            if allowed is not None and not allowed:
                pass  # no passage carries the tag: nothing to search (Whoosh reads an empty filter as none)
            elif docs:
                found = searcher.search(compiled.query, limit=None, filter=allowed)
                result.total = len(found)
                groups: dict[int, list] = {}
                for hit in found:
                    groups.setdefault(int(hit["doc"]), []).append(hit)
                ranked = sorted(groups.items(), key=lambda kv: -kv[1][0].score)[:limit]
                spans = spans_for_hits(searcher, [hits[0].docnum for _, hits in ranked], compiled.highlights)
                for doc_id, hits in ranked:
                    best = self._hit(passage_text, infos, hits[0], spans[hits[0].docnum] + mention_spans(
                        doc_id, hits[0]['start'], hits[0]['end']), compiled.highlights)
                    info = infos.get(doc_id)
                    result.docs.append(DocHit(doc_id, info.source if info else "", info.title if info else "",
                                              hits[0].score, len(hits), best))
            else:
                found = searcher.search(compiled.query, limit=limit, filter=allowed)
                result.total = len(found)
                spans = spans_for_hits(searcher, [hit.docnum for hit in found], compiled.highlights)
                result.hits = [self._hit(passage_text, infos, hit, spans[hit.docnum] + mention_spans(
                    int(hit["doc"]), hit["start"], hit["end"]), compiled.highlights) for hit in found]
        result.text_shas = {d: infos[d].text_sha256 for d in {h.doc_id for h in result.hits}
                             | {d.doc_id for d in result.docs} if d in infos}
        result.milliseconds = (time.perf_counter() - started) * 1000
        return result

    def _hit(self, passage_text, infos: dict, hit, spans: list[tuple[int, int]], highlights) -> Hit:
        doc_id = int(hit["doc"])
        start, end = hit["start"], hit["end"]
        body = passage_text(doc_id, start, end)
        spans = merge_spans(spans + text_spans(body, highlights))
        info = infos.get(doc_id)
        return Hit(
            doc_id=doc_id, source=info.source if info else "", title=info.title if info else "",
            section=hit.get("section", ""), score=hit.score, start=start, end=end,
            snippet=snippet(body, spans), matches=[(start + a, start + b) for a, b in spans],
            passage=int(hit["pid"].split(":")[1]),
        )
