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

import functools
import json
import os
import shutil
import threading
import time
import uuid
from contextlib import closing
from importlib import metadata
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as windex
from whoosh.writing import NO_MERGE

from workbench.core.changes import Changes
from workbench.core.collection import fewer_collections
from workbench.core.phases import PhaseClock
from workbench.core.progress import Cancelled, CancelToken, Progress
from workbench.core.aliases import AliasTable
from workbench.corpus.kiwi import Analysing, DocumentTokens, tokenize_in_background
from workbench.search.alias_tokens import AliasMatcher, names_signature
from workbench.search.analysis import morph_tokens
from workbench.search.bulk import BulkWriter, identifier
from workbench.search.doc_analysis import SectionKeys, passage_fields
from workbench.search.passages import make_passages
from workbench.search.schema import SCHEMA_VERSION, build_schema
from workbench.search.searching import SearchResult, entity_mentions, forget, passages_with, run_search
from workbench.store.documents import DocumentRepository

META_FILE = "workbench-index.json"
# A segment is committed every this many postings (~30 bytes each in memory,
# ~90 MB in all): about 8 MB of Korean text. Fewer, larger segments search
# faster; this bounds the writer's memory.
POSTINGS_PER_SEGMENT = 3_000_000

# Called with (document id, text, Kiwi's tokens) before a document is indexed;
# returns what it changed in the project (reported with that document's progress).
BeforeIndex = Callable[[int, str, DocumentTokens], Changes | None]


@dataclass(slots=True)
class IndexReport:
    rebuilt: bool = False
    reason: str = ""
    indexed: int = 0
    removed: int = 0
    seconds: float = 0.0
    phases: dict = field(default_factory=dict)  # seconds by phase (PhaseClock), for benchmarks
    extracted: list[int] = field(default_factory=list)  # entities an interrupted run had left


def _entity_fields(mentions: list[tuple[int, int, str, str]], passages) -> list[dict]:
    """The entity: and type: fields of each passage: the mentions inside it
    (mentions and passages both sorted by start, so one sweep)."""
    out = []
    first = 0
    for p in passages:
        while first < len(mentions) and mentions[first][0] < p.start:
            first += 1
        names, kinds = set(), set()
        i = first
        while i < len(mentions) and mentions[i][0] < p.end:
            if mentions[i][1] <= p.end:
                names.add(mentions[i][3])
                kinds.add(mentions[i][2])
            i += 1
        out.append({"entity": ",".join(sorted(names)), "etype": ",".join(sorted(kinds))})
    return out


def _only(hook: BeforeIndex | None, doc_ids: Iterable[int]) -> BeforeIndex | None:
    """``hook`` called for ``doc_ids`` only."""
    wanted = set(doc_ids)
    if hook is None or not wanted:
        return None
    return lambda doc_id, text, tokens: hook(doc_id, text, tokens) if doc_id in wanted else None


_matchers: dict[tuple, AliasMatcher] = {}
_matchers_lock = threading.Lock()


def alias_matcher(table: AliasTable) -> AliasMatcher:
    key = tuple((g.canonical, tuple(g.names)) for g in table.groups if len(g.names) > 1)
    with _matchers_lock:
        matcher = _matchers.get(key)
        if matcher is None:
            if len(_matchers) > 8:
                _matchers.clear()
            matcher = _matchers[key] = AliasMatcher(table, morph_tokens)
    return matcher


@functools.cache
def _kiwi_version() -> str:
    """kiwipiepy's version from its package metadata, without touching the module:
    the warm-up thread may be importing it at that moment, and a module half
    imported has no ``__version__`` yet (the window crashed at start on that race)."""
    try:
        return metadata.version("kiwipiepy")
    except metadata.PackageNotFoundError:  # a frozen build without the package's metadata
        import kiwipiepy  # the import lock waits for a thread importing it

        return kiwipiepy.__version__


def _key(info) -> str:
    """Changes when the document's text or its entities change."""
    return f"{info.id}:{info.text_sha256[:16]}:{info.entities_sha[:8]}"


class SearchIndex:
    def __init__(self, index_dir: Path, aliases: AliasTable, owner: str = "") -> None:
        self.dir = Path(index_dir)
        self.aliases = aliases
        # The project's own id (schema v8), written in the index's description: an
        # index copied from a sibling project with the same change counter was
        # trusted and missed passages. "" for callers that index no project.
        self.owner = owner
        self._ix = None
        self.clock = PhaseClock()  # where indexing time goes (IndexReport.phases)

    # --- state ------------------------------------------------------------

    def alias_matcher(self) -> AliasMatcher:
        """Finds the alias names in passages (built once per alias list and process)."""
        return alias_matcher(self.aliases)

    def cheap_signature(self) -> dict:
        """What the index was built with, known without loading Kiwi (the
        window asks on its GUI thread whether the index is in step)."""
        return {"schema": SCHEMA_VERSION, "kiwi": _kiwi_version(), "aliases": self.aliases.user_word_signature(),
                "names_source": names_signature(self.aliases), **({"project": self.owner} if self.owner else {})}

    def signature(self) -> dict:
        """The cheap signature and Kiwi's analysis of the alias names (loads Kiwi)."""
        return {**self.cheap_signature(), "names": self.alias_matcher().signature()}

    def _meta(self) -> dict | None:
        try:
            return json.loads((self.dir / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write_meta(self, folder: Path, content_version: int) -> None:
        """Written whole or not at all (a search in another process reads it at
        any moment; half a file read as "damaged" and started a rebuild)."""
        meta = {**self.signature(), "content_version": content_version}
        temp = folder / f".{META_FILE}.{uuid.uuid4().hex[:8]}"
        temp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(temp, folder / META_FILE)

    def _remove_leftovers(self) -> None:
        """Folders a killed build left beside the index. Only the holder of the
        index lock builds, so none of them is in use."""
        for folder in self.dir.parent.glob(f"{self.dir.name}.new*"):
            shutil.rmtree(folder, ignore_errors=True)
        for folder in self.dir.parent.glob(f"{self.dir.name}.old*"):
            shutil.rmtree(folder, ignore_errors=True)

    def in_step(self, content_version: int) -> bool:
        """Cheap check before a search (no Kiwi): built with our settings, after
        the last text change. An index described before ``names_source`` was
        recorded is not in step (the index job rewrites its description)."""
        meta = self._meta()
        if meta is None or meta.get("content_version") != content_version or "names_source" not in meta:
            return False
        cheap = self.cheap_signature()
        return all(meta.get(k) == v for k, v in cheap.items()) and any(self.dir.glob("*.toc"))

    def settings_differ(self, full: bool = True) -> bool:
        """Whether the index was built with other settings. ``full=False``
        compares only what is known without loading Kiwi."""
        built = {k: v for k, v in (self._meta() or {}).items() if k != "content_version"}
        expected = self.signature() if full else self.cheap_signature()
        if "names_source" not in built:  # described by an older version: Kiwi's reading of the names decides
            expected.pop("names_source")
        if full:
            return built != expected
        return any(built.get(k) != v for k, v in expected.items())

    def problem(self, full: bool = True) -> str | None:
        """Why the index cannot be used as it is, or None if it can. ``full=False``
        checks without loading Kiwi (the alias names as Kiwi reads them are
        then taken to be unchanged when the alias list is)."""
        if not self.dir.exists() or not any(self.dir.glob("*.toc")):
            return "the search index is missing"
        meta = self._meta()
        if meta is None:
            return "the search index has no readable description"
        if self.owner and meta.get("project") != self.owner:
            return "the search index belongs to another project (copied from elsewhere)"
        if self.settings_differ(full):
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
               before_index: BeforeIndex | None = None, seen: Iterable[int] = (),
               ) -> Generator[Progress, None, IndexReport]:
        """Make the index match the database: rebuild if unusable, else sync.
        A rebuild shows ``before_index`` the documents in ``seen``."""
        self._remove_leftovers()
        problem = self.problem()
        if problem:
            report = yield from self.rebuild(repo, cancel, _only(before_index, seen))
            report.reason = problem
            return report
        return (yield from self.sync(repo, cancel))

    def sync(self, repo: DocumentRepository, cancel: CancelToken | None = None,
             ) -> Generator[Progress, None, IndexReport]:
        start, clock = time.perf_counter(), self.clock.snapshot()
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
        report.phases = self.clock.since(clock)
        return report

    def update(self, repo: DocumentRepository, doc_ids: Iterable[int], cancel: CancelToken | None = None,
               before_index: BeforeIndex | None = None) -> Generator[Progress, None, IndexReport]:
        """Re-index the given documents (after ingest); rebuild if the index is
        unusable. ``before_index`` sees each of them first (see ``_write``)."""
        ids = sorted(set(doc_ids))
        if self.problem():
            report = yield from self.ensure(repo, cancel, before_index, ids)
            # The hook changed documents after the rebuild read the content version.
            rest = yield from self.sync(repo, cancel)
            report.indexed += rest.indexed
            return report
        start, clock = time.perf_counter(), self.clock.snapshot()
        count = (yield from self._write(self.open(), repo, ids, ids, cancel, before_index)) if ids else 0
        rest = yield from self.sync(repo, cancel)  # anything else out of step; records the version
        return IndexReport(indexed=count + rest.indexed, removed=rest.removed, seconds=time.perf_counter() - start,
                           phases=self.clock.since(clock))

    def rebuild(self, repo: DocumentRepository, cancel: CancelToken | None = None,
                before_index: BeforeIndex | None = None) -> Generator[Progress, None, IndexReport]:
        start, clock = time.perf_counter(), self.clock.snapshot()
        self.close()
        version = repo.content_version()
        self._remove_leftovers()
        # A folder of its own: a fixed "index.new" was removed by another process's
        # build halfway through this one's (they are serialised now, but a build
        # killed at any point must not be mistaken for, or clash with, the next).
        fresh = self.dir.with_name(f"{self.dir.name}.new-{uuid.uuid4().hex[:12]}")
        fresh.mkdir(parents=True)
        try:
            ix = windex.create_in(str(fresh), build_schema())
            count = yield from self._write(ix, repo, [d.id for d in repo.list()], [], cancel, before_index)
            ix.close()
            self._write_meta(fresh, version)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        old = self.dir.with_name(f"{self.dir.name}.old-{uuid.uuid4().hex[:12]}")
        forget(self.dir)  # searchers holding the old files close (Windows cannot rename them open)
        if self.dir.exists():
            self.dir.rename(old)
        fresh.rename(self.dir)
        shutil.rmtree(old, ignore_errors=True)
        return IndexReport(rebuilt=True, indexed=count, seconds=time.perf_counter() - start,
                           phases=self.clock.since(clock))

    def _write(self, ix, repo: DocumentRepository, doc_ids: list[int], delete_ids: list[int],
               cancel: CancelToken | None, before_index: BeforeIndex | None = None,
               ) -> Generator[Progress, None, int]:
        """Index ``doc_ids`` (after deleting their old passages and those of
        ``delete_ids``). Kiwi analyses each document once, in a background
        thread, while this one writes the previous document's passages; the
        postings go into a segment committed every few million postings.
        ``before_index`` sees each document's text and tokens first (ingest
        extracts entities there, from the same tokens)."""
        infos = {d.id: d for d in repo.list()}
        doc_ids = [i for i in doc_ids if i in infos]
        readding, deleting = set(doc_ids), set(delete_ids)
        total_chars = sum(infos[i].chars for i in doc_ids)
        done_chars = 0
        matcher = self.alias_matcher()
        sections = SectionKeys()
        cancelled = (lambda: cancel.cancelled) if cancel is not None else (lambda: False)

        open_reader = repo.opener()

        def texts():
            reader = open_reader()
            try:
                for doc_id in doc_ids:
                    yield doc_id, reader.text(doc_id)
            finally:
                reader.conn.close()

        # Whoosh allows one writer: this process's are serialised by the caller
        # (Project.index_lock); another process's is waited for.
        writer = BulkWriter(ix, timeout=120.0, delay=0.25)
        try:
            for doc_id in delete_ids:
                if doc_id not in readding:
                    writer.delete_by_term("doc", str(doc_id))
            yield Progress(0, len(doc_ids), "", 0, total_chars)
            clock = self.clock
            with closing(tokenize_in_background(texts, cancelled, partial=True)) as stream, fewer_collections():
                for n in range(1, len(doc_ids) + 1):
                    with clock.phase("waiting for Kiwi"):
                        item = next(stream, None)
                    while isinstance(item, Analysing):  # a long document: how far Kiwi has got into it
                        yield Progress(n - 1, len(doc_ids), infos[item.key].title[:40], done_chars + item.chars,
                                       total_chars)
                        with clock.phase("waiting for Kiwi"):
                            item = next(stream, None)
                    if item is None:
                        break
                    doc_id, text, tokens = item
                    if cancelled():
                        raise Cancelled()
                    info = infos[doc_id]
                    changed = None
                    if before_index is not None:
                        with clock.phase("entities"):
                            changed = before_index(doc_id, text, tokens)
                        if changed:  # e.g. new entities: the document's key changed with them
                            info = repo.info(doc_id)
                    with clock.phase("passages"):
                        if doc_id in deleting:  # its old passages go with its new ones, in one segment
                            writer.delete_by_term("doc", str(doc_id))
                        passages = make_passages(text, repo.blocks(doc_id))
                        doc, key = identifier(str(doc_id)), identifier(_key(info))
                        entities = _entity_fields(entity_mentions(repo.conn, doc_id), passages)
                    with clock.phase("analysis"):
                        rows = list(zip(passage_fields(text, passages, tokens, matcher), entities))
                    with clock.phase("postings"):
                        for (p, morph, bigram), fields in rows:
                            writer.add_document(
                                pid=f"{doc_id}:{p.seq}", doc=doc, doc_key=key if p.seq == 0 else None,
                                section=sections(p.section), _stored_section=p.section, start=p.start, end=p.end,
                                morph=morph, bigram=bigram, **fields,
                            )
                    del rows
                    done_chars += info.chars
                    yield Progress(n, len(doc_ids), info.title[:40], done_chars, total_chars, changes=changed)
                    if writer.postings > POSTINGS_PER_SEGMENT:
                        with clock.phase("segments"):
                            writer.commit(mergetype=NO_MERGE)
                        writer = None
                        writer = BulkWriter(ix, timeout=120.0, delay=0.25)
            if cancelled():
                raise Cancelled()
            with self.clock.phase("segments"):
                writer.commit()
        except BaseException:
            if writer is not None:
                writer.cancel()
            raise
        self.close()  # readers reopen and see the new segments
        return len(doc_ids)

    # --- searching ----------------------------------------------------------

    def passages_with(self, fieldname: str, values: list[str]) -> dict[str, set[int]]:
        """The live passages (index document numbers) holding each value of a
        keyword field, e.g. the passages that mention an entity."""
        return passages_with(self.dir, fieldname, values)

    def search(self, repo: DocumentRepository, query: str, limit: int | None = 20, docs: bool = False,
               offset: int = 0) -> SearchResult:
        return run_search(self.dir, self.aliases, repo, query, limit=limit, docs=docs, offset=offset)
