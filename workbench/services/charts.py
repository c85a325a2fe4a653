"""The tables behind the charts, as pandas frames computed from the project.

No Qt here: the window draws these frames with pyqtgraph, the CLI prints
them (``workbench chart … --json``) and the briefing workbook carries them
as a sheet. Every number is the one the rest of Workbench gives: per-document
counts for a query are the search service's passages per document; positions
are match offsets; tag cells count tagged passages; co-occurrence counts the
index passages that hold both entities (what ``entity:A entity:B`` finds).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from workbench.core.crosstab import NOT_GIVEN, check_grouping, group_of, group_order
from workbench.core.errors import WorkbenchError
from workbench.services.metadata import document_metadata, normalise_doc_type
from workbench.services.search import alias_table, search, search_index
from workbench.store.annotations import TagRepository, tagged
from workbench.store.documents import DocumentRepository
from workbench.store.entities import EntityRepository
from workbench.store.project import Project

PER = 10_000  # counts are also given per this many characters


@dataclass(frozen=True, slots=True)
class Source:
    """What a chart counts: a query, an entity (any of its names) or a tag."""

    kind: str  # "query" | "entity" | "tag"
    value: str

    @property
    def label(self) -> str:
        return {"query": self.value, "entity": f"entity:{self.value}", "tag": f"tag:{self.value}"}[self.kind]


def source_of(query: str | None = None, entity: str | None = None, tag: str | None = None) -> Source:
    given = [Source(k, v) for k, v in (("query", query), ("entity", entity), ("tag", tag)) if v]
    if len(given) != 1:
        raise WorkbenchError("Give one of a query, an entity or a tag", "검색어, 개체, 태그 중 하나를 주세요")
    return given[0]


def _entity_names(project: Project, name: str) -> set[str]:
    """Every canonical name an entity: filter on ``name`` matches (its aliases included)."""
    groups = alias_table(project).lookup(name)
    return {n.casefold() for n in {name} | {g.canonical for g in groups} | {x for g in groups for x in g.names}}


def _documents(conn) -> dict[int, object]:
    return {d.id: d for d in DocumentRepository(conn).list()}


# --- hits per document -------------------------------------------------------------------


def distribution(project: Project, source: Source) -> pd.DataFrame:
    """Per document: how often the source occurs, raw and per 10,000 characters.

    Columns: doc_id, title, chars, count, per_10k; most first. ``attrs["unit"]``
    says what is counted (passages with a hit, entity mentions, tagged passages).
    """
    conn = project.connect()
    try:
        docs = _documents(conn)
        if source.kind == "query":
            result = search(project, source.value, limit=None, docs=True)
            counts = {d.doc_id: d.hits for d in result.docs}
            unit = "passages"
        elif source.kind == "entity":
            names = _entity_names(project, source.value)
            marks = ",".join("?" * len(names))
            counts = dict(conn.execute(
                f"SELECT doc_id, COUNT(*) FROM entities WHERE lower(canonical) IN ({marks}) GROUP BY doc_id",
                tuple(names)).fetchall())
            unit = "mentions"
        else:
            counts = Counter(r.doc_id for r in tagged(conn, source.value))
            unit = "tagged passages"
    finally:
        conn.close()
    rows = [{"doc_id": doc_id, "title": docs[doc_id].title, "chars": docs[doc_id].chars, "count": int(n),
             "per_10k": round(n * PER / max(docs[doc_id].chars, 1), 3)}
            for doc_id, n in counts.items() if n and doc_id in docs]
    frame = pd.DataFrame(rows, columns=["doc_id", "title", "chars", "count", "per_10k"])
    frame = frame.sort_values(["count", "doc_id"], ascending=[False, True], ignore_index=True)
    frame.attrs.update(unit=unit, source=source.label)
    return frame


# --- where in one document ---------------------------------------------------------------


def positions(project: Project, doc_id: int, source: Source) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of the source in one document."""
    conn = project.connect()
    try:
        if source.kind == "query":
            result = search(project, f"doc:{doc_id} ({source.value})", limit=None)
            return sorted({m for h in result.hits if h.doc_id == doc_id for m in h.matches})
        if source.kind == "entity":
            names = _entity_names(project, source.value)
            return [(m.start, m.end) for m in EntityRepository(conn).mentions(doc_id)
                    if m.canonical.casefold() in names]
        return sorted((r.start, r.end) for r in tagged(conn, source.value) if r.doc_id == doc_id)
    finally:
        conn.close()


def dispersion(project: Project, doc_id: int, sources: list[Source]) -> pd.DataFrame:
    """Where each source occurs along one document: one row per occurrence.

    Columns: series, start, end, fraction (start / length), section. ``attrs``
    carries the document's length, title and its chapter/section starts
    (``sections``: list of (offset, heading)) for the axis.
    """
    conn = project.connect()
    try:
        repo = DocumentRepository(conn)
        info, blocks = repo.info(doc_id), repo.blocks(doc_id)
    finally:
        conn.close()
    starts = [b.start for b in blocks]
    rows = []
    for source in sources:
        for start, end in positions(project, doc_id, source):
            i = bisect_right(starts, start) - 1
            rows.append({"series": source.label, "start": start, "end": end,
                         "fraction": round(start / max(info.chars, 1), 6),
                         "section": blocks[i].section if i >= 0 else ""})
    frame = pd.DataFrame(rows, columns=["series", "start", "end", "fraction", "section"])
    frame.attrs.update(doc_id=doc_id, title=info.title, chars=info.chars, series=[s.label for s in sources],
                       sections=[(b.start, b.section_path[-1]) for b in blocks
                                 if b.kind.value == "heading" and b.level <= 2 and b.section_path])
    return frame


def density(offsets: list[int], length: int, bins: int = 100) -> list[float]:
    """Share of occurrences in each of ``bins`` equal slices of a document (the
    reader's scrollbar markers and the dispersion plot use the same numbers)."""
    counts = [0] * bins
    for offset in offsets:
        counts[min(bins - 1, max(0, offset * bins // max(length, 1)))] += 1
    peak = max(counts) or 1
    return [c / peak for c in counts]


# --- tags × documents ----------------------------------------------------------------------


def tag_matrix(project: Project, by: str = "document", language: str = "en") -> pd.DataFrame:
    """Tagged passages per tag (rows, full paths) and document (columns, ids),
    or per group of documents ``by`` publisher, type or month (columns, the
    group's label; "" for documents without it, last).

    A passage with two tags counts once in each. ``attrs["titles"]`` maps
    document ids to titles; ``attrs["groups"]`` maps each column to its
    documents' ids (a cell opens those passages); ``attrs["by"]`` says which.
    Types are labelled in ``language``.
    """
    check_grouping(by)
    conn = project.connect()
    try:
        paths = TagRepository(conn).paths()
        docs = _documents(conn)
        rows = conn.execute(
            "SELECT t.tag_id, t.tag_name, a.doc_id, COUNT(DISTINCT a.id) FROM annotation_tags t "
            "JOIN annotations a ON a.id = t.annotation_id GROUP BY t.tag_id, t.tag_name, a.doc_id").fetchall()
    finally:
        conn.close()
    group: dict[int, object] = {d: d for d in docs}
    if by != "document":
        metas = document_metadata(project)
        group = {d: group_of(by, m.publisher, m.type_label(language), m.date) for d, m in metas.items()}
    counts: dict[tuple[str, object], int] = {}
    members: dict[object, set[int]] = {}
    for tag_id, name, doc_id, n in rows:
        label = paths.get(tag_id, name) if tag_id is not None else name
        column = group.get(doc_id, NOT_GIVEN if by != "document" else doc_id)
        counts[(label, column)] = counts.get((label, column), 0) + n
        members.setdefault(column, set()).add(doc_id)
    tags = sorted({t for t, _ in counts})
    columns = sorted(members) if by == "document" else group_order(members)
    frame = pd.DataFrame([[counts.get((t, c), 0) for c in columns] for t in tags], index=tags, columns=columns,
                         dtype="int64")
    frame.index.name, frame.columns.name = "tag", "doc_id" if by == "document" else by
    frame.attrs["titles"] = {d: docs[d].title for d in members if by == "document" and d in docs}
    frame.attrs["groups"] = {c: sorted(members[c]) for c in columns}
    frame.attrs["by"] = by
    return frame


# --- entities that meet ----------------------------------------------------------------------


def cooccurrence(project: Project, kind: str = "ORG", top: int = 15) -> pd.DataFrame:
    """How many passages hold both of two entities, for the ``top`` entities of a type.

    A square frame over canonical names (most mentioned first); the diagonal is
    the passages holding the entity at all. Passages are the search index's,
    so a cell's number is what ``entity:A entity:B`` finds.
    """
    conn = project.connect()
    try:
        names = [r["canonical"] for r in EntityRepository(conn).facets(kind=kind.upper())[:top]]
    finally:
        conn.close()
    index = search_index(project)
    try:
        passages = index.passages_with("entity", names)
    finally:
        index.close()
    matrix = [[len(passages[a] & passages[b]) for b in names] for a in names]
    frame = pd.DataFrame(matrix, index=names, columns=names, dtype="int64")
    frame.attrs.update(kind=kind.upper())
    return frame


# --- a time axis ----------------------------------------------------------------------------


def timeline(project: Project, doctype: str | None = None, tag: str | None = None,
             mentions: bool = True) -> pd.DataFrame:
    """Documents at their dates and the dates their text mentions, month precision or finer.

    Columns: kind ("document" | "mention"), date (ISO), month ("YYYY-MM"),
    doc_id, label, start, end. ``doctype`` keeps documents of that type;
    ``tag`` keeps documents with passages so tagged, and only the dates
    mentioned inside those passages.

    A mention's year comes from its sentence or paragraph, else from the
    document's date (:func:`workbench.entities.dates.resolve_date`). What
    cannot be put on the calendar is left out and counted, never guessed:
    ``attrs["unresolved"]`` (mentions with no year or month to go by, or not a
    real day: "2월 30일"), ``attrs["year_only"]`` (a bare "2035년", too coarse
    for a month axis) and ``attrs["undated_documents"]``.
    """
    from workbench.entities.dates import context_before, resolve_date

    dates = document_dates(project)
    conn = project.connect()
    try:
        docs = _documents(conn)
        keep = set(docs)
        if doctype:  # a code or a label in either language: 보도자료, press_release
            wanted = normalise_doc_type(doctype)
            kinds = document_types(project)
            keep = {d for d in keep if normalise_doc_type(kinds.get(d) or "") == wanted}
        spans: dict[int, list[tuple[int, int]]] | None = None
        if tag:
            spans = {}
            for row in tagged(conn, tag):
                spans.setdefault(row.doc_id, []).append((row.start, row.end))
            keep &= set(spans)
        rows = [{"kind": "document", "date": dates[d], "doc_id": d, "label": docs[d].title, "start": 0, "end": 0}
                for d in sorted(keep) if dates.get(d)]
        left_out = Counter(undated_documents=sum(1 for d in keep if not dates.get(d)), unresolved=0, year_only=0)
        if mentions:
            repo, texts = DocumentRepository(conn), {}
            for doc_id, start, end, text in conn.execute(
                    "SELECT doc_id, start, end, text FROM entities WHERE type = 'DATE' ORDER BY doc_id, start"):
                if doc_id not in keep:
                    continue
                if spans is not None and not any(a <= start and end <= b for a, b in spans.get(doc_id, [])):
                    continue
                if doc_id not in texts:
                    texts = {doc_id: repo.text(doc_id)}  # one document's text at a time
                date = resolve_date(text, dates.get(doc_id), context_before(texts[doc_id], start))
                if date is None:
                    left_out["unresolved"] += 1
                elif len(date) < 7:  # a bare year is too coarse for a month axis
                    left_out["year_only"] += 1
                else:
                    rows.append({"kind": "mention", "date": date, "doc_id": doc_id,
                                 "label": f"{text} — {docs[doc_id].title}", "start": start, "end": end})
    finally:
        conn.close()
    frame = pd.DataFrame(rows, columns=["kind", "date", "doc_id", "label", "start", "end"])
    frame["month"] = frame["date"].str[:7]
    frame = frame.sort_values(["date", "kind", "doc_id"], ignore_index=True)
    frame.attrs.update(left_out)
    return frame


def document_dates(project: Project) -> dict[int, str]:
    """Each document's date (ISO), the analyst's correction first."""
    return {doc_id: meta.date for doc_id, meta in document_metadata(project).items() if meta.date}


def document_types(project: Project) -> dict[int, str]:
    """Each document's type as a code (press_release, report, …)."""
    return {doc_id: meta.doc_type for doc_id, meta in document_metadata(project).items() if meta.doc_type}


def source_from_text(text: str) -> Source:
    """"entity:과기정통부", "tag:정책 / 규제" or a query, as the chart panel's box takes them."""
    text = text.strip()
    for kind in ("entity", "tag"):
        if text.lower().startswith(kind + ":"):
            value = text[len(kind) + 1:].strip().strip('"').strip()
            if value:
                return Source(kind, value)
    if not text:
        raise WorkbenchError("Say what to count: a query, entity:NAME or tag:PATH",
                             "무엇을 셀지 입력하세요: 검색어, entity:이름 또는 tag:경로")
    return Source("query", text)


def frame_to_json(kind: str, frame: pd.DataFrame) -> dict:
    """The numbers a chart draws, for ``--json`` and ``--out FILE.json``: rows for
    the per-document and per-occurrence charts, a matrix (with document ids as
    columns where the chart is per document) for the heatmaps."""
    attrs = {k: v for k, v in frame.attrs.items() if k not in ("titles", "groups")}
    if kind in ("tags", "cooccurrence"):
        per_document = kind == "tags" and frame.attrs.get("by", "document") == "document"
        out = {"chart": kind, "rows": [str(i) for i in frame.index],
               "columns": [int(c) if per_document else str(c) for c in frame.columns],
               "values": frame.to_numpy().tolist(), **attrs}
        if kind == "tags":
            out["titles"] = {str(k): v for k, v in frame.attrs.get("titles", {}).items()}
            out["documents"] = {str(k): v for k, v in frame.attrs.get("groups", {}).items()}  # each column's
        return out
    return {"chart": kind, **attrs, "rows": frame.to_dict("records")}
