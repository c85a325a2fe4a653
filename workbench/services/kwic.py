"""Keyword in context (a concordance): every match of a query in the corpus
as one row — the match, and the text really before and after it — for the
window's concordance table, ``workbench kwic`` and its Excel export.

Every match, not a page of the ranking: the search's compiled query finds
the passages (search.concordance), and each document's stored text gives
the rows, so ``match == text[start:end]`` and ``left``/``right`` are exact
substrings of the document (the table may show a line break as a space; the
JSON and the workbook keep it).

Sorting by the words before or after a match keys each row on Kiwi's
morphemes around it (search.kwic_keys): 반도체가 and 반도체는 sort together.
Keys cost Kiwi time (about 1 s for 10,000 rows), so they are made only when
asked for (``keys=True``, a ``sort``, or later by ``key_steps`` from the
short window each row keeps), in batches the task runner can cancel between.

Filters are the search's own (doc:, tag:, date:, doctype:), added to the
query as nodes, so a concordance and a search of the same words find the
same passages. A tag filter then keeps only the matches inside (overlapping)
a passage tagged with that tag or a tag under it, not every match of a
passage that touches one.

A query with very many matches (a common word in a 50 MB corpus) is capped
at ``limit`` rows in document order, and the result says "first N of M".
"""

from __future__ import annotations

import time
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field

from workbench.core.changes import Changes, Outcome
from workbench.core.errors import IndexNotReadyError, WorkbenchError
from workbench.core.progress import CancelToken, Progress
from workbench.corpus.doc_meta import normalise_date
from workbench.search.concordance import every_match
from workbench.search.doc_filters import parse_date_filter
from workbench.search.kwic_keys import Key, key_window, order, sort_keys
from workbench.search.query import And, Node, Or, Term, parse_query
from workbench.services.search import _problem_ko, search_index
from workbench.store.annotations import AnnotationRow, tagged
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project

DEFAULT_WIDTH = 40
MAX_WIDTH = 500
MAX_ROWS = 20_000  # rows listed at most (first in document order); the total is still counted
SORTS = ("left", "right")
KEY_STAGE = "sort"


@dataclass(slots=True)
class KwicRow:
    doc_id: int
    title: str
    source: str
    start: int  # the match, code points into the document's stored (NFC) text
    end: int
    left: str  # text[start - len(left):start]
    match: str  # text[start:end]
    right: str  # text[end:end + len(right)]
    text_sha: str  # the text the offsets are into (a tag made from the row carries it)
    window: tuple[str, int, int] = ("", 0, 0)  # what Kiwi reads for the sort keys (kwic_keys.key_window)
    left_key: Key = ()
    right_key: Key = ()

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "source": self.source, "start": self.start,
                "end": self.end, "left": self.left, "match": self.match, "right": self.right}


@dataclass(frozen=True, slots=True)
class KwicFilters:
    """Which matches to list: in these documents (ids), inside passages tagged
    ``tag`` (a codebook path, or a tag's unique last part), in documents dated
    within [date_from, date_to] (either open) and of type ``doc_type``."""

    docs: tuple[int, ...] = ()
    tag: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    doc_type: str | None = None

    def nodes(self) -> list[Node]:
        """The filters as query nodes: the search's own doc:, tag:, date:, doctype:."""
        out: list[Node] = []
        if self.docs:
            terms = tuple(Term(str(int(d)), "doc") for d in dict.fromkeys(self.docs))
            out.append(terms[0] if len(terms) == 1 else Or(terms))
        if self.tag and self.tag.strip():
            out.append(Term(self.tag.strip(), "tag"))
        dates = date_range(self.date_from, self.date_to)
        if dates:
            out.append(Term(dates, "date"))
        if self.doc_type and self.doc_type.strip():
            out.append(Term(self.doc_type.strip(), "doctype"))
        return out


@dataclass(slots=True)
class Concordance:
    query: str
    width: int
    rows: list[KwicRow] = field(default_factory=list)
    total: int = 0  # matches found (rows lists the first ``limit`` of them)
    documents: int = 0  # documents with a match
    sort: str | None = None
    keyed: bool = False  # the rows carry their sort keys
    expansions: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    index_behind: bool = False
    milliseconds: float = 0.0

    @property
    def capped(self) -> bool:
        return len(self.rows) < self.total

    def to_json(self) -> dict:
        return {"query": self.query, "width": self.width, "sort": self.sort or "document", "total": self.total,
                "shown": len(self.rows), "documents": self.documents, "expansions": self.expansions,
                "ignored": self.ignored, "warnings": self.warnings, "index_behind": self.index_behind,
                "milliseconds": round(self.milliseconds, 1), "rows": [r.to_json() for r in self.rows]}


def check_width(width: object) -> int:
    """The context width in characters each side: a whole number 1–500."""
    try:
        value = int(str(width).strip())
    except (TypeError, ValueError):
        value = None
    if value is None or not 1 <= value <= MAX_WIDTH:
        raise WorkbenchError(f"The context width must be a whole number from 1 to {MAX_WIDTH} (characters), "
                             f"not {width!r}",
                             f"문맥 너비는 1에서 {MAX_WIDTH} 사이의 정수(글자 수)여야 합니다: {width!r}")
    return value


def check_sort(sort: str | None) -> str | None:
    """``left``, ``right``, or None (document order; also "document" or "")."""
    if sort is None or str(sort).strip().lower() in ("", "document", "doc"):
        return None
    value = str(sort).strip().lower()
    if value not in SORTS:
        raise WorkbenchError(f"Sort by left or right (the words before or after the match), not {sort!r}",
                             f"정렬은 left(앞 단어) 또는 right(뒤 단어)로만 할 수 있습니다: {sort!r}")
    return value


def date_range(first: str | None, last: str | None) -> str | None:
    """``first..last`` as a date: filter value (ISO dates; either end open), or None for no dates."""
    bounds = []
    for value, name in ((first, "from"), (last, "to")):
        text = (value or "").strip()
        if not text:
            bounds.append("")
            continue
        normal = normalise_date(text)
        if normal is None:
            raise WorkbenchError(f'"{text}" ({name}) is not a date; write e.g. 2024, 2024-03 or 2024-03-05',
                                 f'"{text}"({"시작" if name == "from" else "끝"})은(는) 날짜가 아닙니다. '
                                 "예: 2024, 2024-03, 2024-03-05")
        bounds.append(normal)
    if not any(bounds):
        return None
    value = f"{bounds[0]}..{bounds[1]}"
    parse_date_filter(value)  # an end before the start is refused here, in both languages
    return value


def sort_rows(rows: list[KwicRow], by: str | None) -> list[KwicRow]:
    """Rows in document order, or by the morphemes before (``left``: nearest
    first) or after (``right``) the match; document and offset break ties."""
    if by == "left":
        return sorted(rows, key=lambda r: (order(r.left_key), r.doc_id, r.start))
    if by == "right":
        return sorted(rows, key=lambda r: (order(r.right_key), r.doc_id, r.start))
    return sorted(rows, key=lambda r: (r.doc_id, r.start))


def kwic(project: Project, query: str, width: int = DEFAULT_WIDTH, sort: str | None = None,
         filters: KwicFilters | None = None, limit: int | None = MAX_ROWS, keys: bool = False) -> Concordance:
    from workbench.services.jobs import run_job

    return run_job(kwic_steps(project, query, width, sort, filters, limit, keys))


def kwic_steps(project: Project, query: str, width: int = DEFAULT_WIDTH, sort: str | None = None,
               filters: KwicFilters | None = None, limit: int | None = MAX_ROWS, keys: bool = False,
               token: CancelToken | None = None) -> Generator[Progress, None, Concordance]:
    """The concordance of ``query``, as a job: the rows in document order (or
    sorted), with their sort keys when ``keys`` or ``sort`` asks. Never
    writes; an index behind the database is used as it is and said so (an
    index job catches up), a missing one raises :class:`IndexNotReadyError`."""
    started = time.perf_counter()
    width, sort = check_width(width), check_sort(sort)
    filters = filters or KwicFilters()
    node = parse_query(query)
    extra = filters.nodes()
    if extra:
        node = And((node, *extra))
    yield Progress(0, 1, query, stage="search")
    result = Concordance(query, width, sort=sort)
    index = search_index(project)
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        result.index_behind = not index.in_step(repo.content_version())
        problem = index.problem() if result.index_behind else None
        if problem and not problem.startswith("the search index was built with other settings"):
            raise IndexNotReadyError(f"The search index cannot be used yet ({problem}); it is being built",
                                     f"검색 색인을 아직 쓸 수 없습니다({_problem_ko(problem)}). 색인을 만드는 중입니다")
        texts: dict[int, str] = {}

        def text_of(doc_id: int) -> str:
            if doc_id not in texts:
                if len(texts) >= 8:
                    texts.clear()  # a few documents' texts at a time: the rows come document by document
                texts[doc_id] = repo.text(doc_id)
            return texts[doc_id]

        matches = every_match(index.dir, index.aliases, repo, node, query, text_of)
        spans = matches.spans
        if filters.tag and filters.tag.strip():
            spans = _inside_tagged(conn, filters.tag.strip(), spans)
        result.expansions, result.ignored = matches.expansions, matches.ignored
        result.total = sum(len(s) for s in spans.values())
        result.documents = sum(1 for s in spans.values() if s)
        if token is not None:
            token.check()
        result.rows = _rows(repo, spans, width, limit, text_of)
        texts.clear()
    finally:
        conn.close()
        index.close()
    if keys or sort is not None:
        yield from key_steps(result, token)
    if sort:
        result.rows = sort_rows(result.rows, sort)
    if result.index_behind:
        result.warnings.append("the search index is catching up with the latest changes; "
                               "results may miss them for a moment")
    if result.capped:
        result.warnings.append(f"{result.total:,} matches: the first {len(result.rows):,} in document order "
                               "are listed")
    result.milliseconds = (time.perf_counter() - started) * 1000
    return result


def _inside_tagged(conn, tag: str, spans: dict[int, list[tuple[int, int]]]) -> dict[int, list[tuple[int, int]]]:
    """The matches that overlap a passage tagged ``tag`` (or a tag under it);
    orphaned passages (whose place is lost) hold none."""
    tagged_spans: dict[int, list[tuple[int, int]]] = {}
    for row in tagged(conn, tag):
        if row.status != "orphaned":
            tagged_spans.setdefault(row.doc_id, []).append((row.start, row.end))
    return {doc_id: kept for doc_id, found in spans.items()
            if (kept := [(a, b) for a, b in found
                         if any(s < b and a < e for s, e in tagged_spans.get(doc_id, ()))])}


def key_steps(result: Concordance, token: CancelToken | None = None) -> Generator[Progress, None, Concordance]:
    """Give the rows their sort keys (Kiwi, in batches; the window asks for
    them when the analyst first sorts), unless they have them."""
    if result.keyed or not result.rows:
        result.keyed = True
        return result
    rows = result.rows
    yield Progress(0, len(rows), result.query, stage=KEY_STAGE)
    keyed = 0
    cancelled = (lambda: token.cancelled) if token is not None else (lambda: False)
    for done, batch in sort_keys([r.window for r in rows], cancelled):
        for row, (left_key, right_key) in zip(rows[keyed:keyed + len(batch)], batch):
            row.left_key, row.right_key = left_key, right_key
        keyed += len(batch)
        yield Progress(done, len(rows), result.query, stage=KEY_STAGE)
    if token is not None:
        token.check()
    result.keyed = True
    return result


def _rows(repo: DocumentRepository, spans: dict[int, list[tuple[int, int]]], width: int, limit: int | None,
          text_of) -> list[KwicRow]:
    rows: list[KwicRow] = []
    wanted = [(doc_id, s) for doc_id, found in spans.items() for s in found]
    if limit is not None:
        wanted = wanted[:max(0, limit)]
    infos = repo.infos(sorted({doc_id for doc_id, _ in wanted}))
    for doc_id, (start, end) in wanted:
        text = text_of(doc_id)
        info = infos.get(doc_id)
        rows.append(KwicRow(doc_id, info.title if info else "", info.source if info else "", start, end,
                            text[max(0, start - width):start], text[start:end], text[end:end + width],
                            info.text_sha256 if info else "", key_window(text, start, end)))
    return rows


def documents_with(rows: Iterable[KwicRow]) -> list[tuple[int, str]]:
    """(id, title) of the documents the rows come from, in id order: what a
    document filter offers."""
    return sorted({(r.doc_id, r.title) for r in rows})


def describe_filters(filters: KwicFilters | None, language: str = "en") -> str:
    """The filters in words, for the workbook's About sheet and the CLI."""
    if filters is None:
        return ""
    ko = language.lower().startswith("ko")
    parts = []
    if filters.docs:
        parts.append(("문서 " if ko else "documents ") + ", ".join(str(d) for d in filters.docs))
    if filters.tag:
        parts.append(("태그 " if ko else "tag ") + filters.tag)
    dates = date_range(filters.date_from, filters.date_to)
    if dates:
        parts.append(("날짜 " if ko else "dated ") + dates)
    if filters.doc_type:
        parts.append(("유형 " if ko else "type ") + filters.doc_type)
    return "; ".join(parts)


def export_kwic_steps(result: Concordance, path, language: str = "en", paper: str = "a4",
                      filters: KwicFilters | None = None) -> Generator[Progress, None, dict]:
    """The concordance's rows, as listed (sorted as shown), to an .xlsx workbook."""
    from pathlib import Path

    from workbench.export.kwic_xlsx import KwicLine, KwicSheetInfo, kwic_xlsx_steps

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise WorkbenchError(f"A concordance is written to .xlsx, not {path.suffix or 'a name without extension'}",
                             "용례(KWIC)는 .xlsx로만 내보낼 수 있습니다")
    lines = (KwicLine(r.doc_id, r.title, r.left, r.match, r.right, r.start, r.end) for r in result.rows)
    info = KwicSheetInfo(result.query, result.total, result.documents, result.width, result.sort,
                         describe_filters(filters, language))
    yield from kwic_xlsx_steps(lines, len(result.rows), info, path, language, paper)
    return {"path": str(path), "rows": len(result.rows), "total": result.total}


def resolve_documents(project: Project, refs: Iterable[str]) -> tuple[int, ...]:
    """Document ids for what the analyst typed: ids, file names, source paths or title prefixes."""
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        return tuple(dict.fromkeys(repo.resolve(str(ref)) for ref in refs))
    finally:
        conn.close()


def tag_matches(project: Project, matches: Iterable[tuple[int, int, int, str]], tags: list[str],
                note: str = "") -> Outcome[list[AnnotationRow]]:
    """Tag each match — (doc id, start, end, the text hash the row was made
    on) — as a passage of its own, in one transaction with one announcement:
    the concordance's "Tag…" on many rows (one transaction and one refresh
    of the views, not one per row). All or nothing: a document whose text
    changed since the concordance was made refuses the whole step, naming it.
    Undone with ``annotations.put_back``."""
    from workbench.annotations.anchoring import selector
    from workbench.services.analyst import analyst_name
    from workbench.services.annotations import _stale, resolve_tags
    from workbench.store.annotations import AnnotationRepository

    wanted = list(dict.fromkeys(matches))
    if not tags:
        raise WorkbenchError("Give at least one tag", "태그를 하나 이상 주세요")
    if not wanted:
        return Outcome([], Changes())
    with project.writing() as conn:
        docs = DocumentRepository(conn)
        infos = docs.infos(sorted({m[0] for m in wanted}))
        texts: dict[int, str] = {}
        for doc_id, start, end, seen_sha in wanted:
            info = infos.get(doc_id)
            if info is None:
                raise WorkbenchError(f"No document {doc_id}: it was removed; find again",
                                     f"문서 {doc_id}이(가) 없습니다(삭제됨). 다시 찾으세요")
            if seen_sha and seen_sha != info.text_sha256:
                raise _stale(info.title)
            if doc_id not in texts:
                texts[doc_id] = docs.text(doc_id)
            if not 0 <= start < end <= len(texts[doc_id]):
                raise WorkbenchError(f"A passage needs 0 <= start < end <= {len(texts[doc_id])}",
                                     f"구간은 0 <= 시작 < 끝 <= {len(texts[doc_id])}이어야 합니다")
        refs, created = resolve_tags(conn, tags)
        repo = AnnotationRepository(conn)
        who = analyst_name(project, conn)
        ids = []
        for doc_id, start, end, _ in wanted:
            sel = selector(texts[doc_id], start, end)
            ids.append(repo.add(doc_id, start, end, sel.quote, sel.prefix, sel.suffix, infos[doc_id].text_sha256,
                                note, refs, created_by=who))
        rows = [repo.get(i) for i in ids]
        return Outcome(rows, Changes.of(annotations=ids, annotation_docs={m[0] for m in wanted}, codebook=created))
