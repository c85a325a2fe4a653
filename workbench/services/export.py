"""Export use cases: briefing tables of tagged passages (xlsx, csv, qdpx) and
the briefing as a report to hand on (hwpx for Hangul, docx for Word),
search hits to Excel, and batch search (a list of queries → one hit table)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Generator
from datetime import datetime, timezone
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.progress import CancelToken, Progress
from workbench.export.atomic import write_atomically
from workbench.export.csv_writer import write_csv
from workbench.export.rows import Briefing, EntityRow, PassageRow, SourceRow
from workbench.export.page import default_paper
from workbench.export.report_docx import docx_steps
from workbench.export.report_hwpx import write_hwpx
from workbench.export.report_model import build_report
from workbench.export.words import HITS_COLUMNS, QUERIES_COLUMNS, is_korean, location, pick, say
from workbench.export.xlsx import xlsx_steps
from workbench.services.analyst import analyst_name
from workbench.services.annotations import list_annotations
from workbench.services.entities import type_label
from workbench.services.refi import export_qdpx
from workbench.services.jobs import run_job
from workbench.services.search import search_in_step
from workbench.store.annotations import PATH_SEPARATOR
from workbench.store.documents import DocumentRepository
from workbench.store.entities import EntityRepository
from workbench.store.metadata import effective_metadata

FORMATS = (".xlsx", ".csv", ".qdpx", ".hwpx", ".docx")
REPORTS = (".hwpx", ".docx")  # the briefing as a report (export.report_model), not a table


def memo_sheets(project) -> tuple:
    """The Memos sheet's writer when the project has a journal entry, a memo or
    a tag definition (services.memos), else nothing: a briefing without memos
    keeps its sheets as they were."""
    from workbench.export.memo_sheet import memo_sheet
    from workbench.services.memos import memo_rows

    rows = memo_rows(project, _date)
    return (memo_sheet(rows),) if rows else ()


def _date(value: str | None) -> datetime | None:
    """A stored time (UTC) in the analyst's local time zone, zone attached:
    the writers name the zone (xlsx header) or write the offset (CSV)."""
    try:
        moment = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # the database stores UTC
    return moment.astimezone()


def _local_day(value: str) -> str:
    moment = _date(value)
    return moment.date().isoformat() if moment is not None else value[:10]


def _check_date(value: str | None, name: str) -> None:
    if value is None:
        return
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError as exc:
        raise WorkbenchError(f"--{name} {value!r} is not a date like 2025-03-31",
                             f"--{name} {value!r}은(는) 2025-03-31 같은 날짜가 아닙니다") from exc


def select_annotations(project, tags: list[str] | None = None, docs: list[str] | None = None,
                       query: str | None = None, since: str | None = None, until: str | None = None):
    _check_date(since, "since")
    _check_date(until, "until")
    rows = list_annotations(project)
    if tags:  # by id: a tag's full path, or a last part that names one tag only
        keep = {r.id for t in tags for r in list_annotations(project, tag=t)}
        rows = [r for r in rows if r.id in keep]
    if docs:
        keep = {r.id for d in docs for r in list_annotations(project, doc=d)}
        rows = [r for r in rows if r.id in keep]
    # The analyst's calendar day, as the exported Created column shows it (not UTC's).
    if since:
        rows = [r for r in rows if _local_day(r.created_at) >= since]
    if until:
        rows = [r for r in rows if _local_day(r.created_at) <= until]
    if query:
        hits = search_in_step(project, query, limit=None).hits
        spans = defaultdict(list)
        for h in hits:
            spans[h.doc_id].append((h.start, h.end))
        rows = [r for r in rows if any(a < r.end and r.start < b for a, b in spans.get(r.doc_id, []))]
    return rows


def build_briefing(project, annotations, title: str | None = None, language: str = "en") -> Briefing:
    """The rows of a briefing in the analyst's ``language`` ("en" or "ko"):
    entity and document types by their names in it, locations in its words;
    the Briefing carries the language on to the writers."""
    language = "ko" if is_korean(language) else "en"
    conn = project.connect()
    try:
        docs, ents = DocumentRepository(conn), EntityRepository(conn)
        analyst = analyst_name(project, conn)  # who tagged the passages that name no one (before v9)
        cache: dict[int, tuple] = {}
        infos: dict[int, object] = {}
        passages = []
        for n, a in enumerate(annotations, 1):
            if a.doc_id not in cache:
                info = docs.info(a.doc_id)
                blocks = docs.blocks(a.doc_id)
                mentions = ents.mentions(a.doc_id)
                cache[a.doc_id] = (info, blocks, [b.start for b in blocks], mentions, [m.start for m in mentions],
                                   docs.text(a.doc_id))
            info, blocks, starts, mentions, mention_starts, text = cache[a.doc_id]
            i = max(0, bisect_right(starts, a.start) - 1)
            block = blocks[i] if blocks else None
            page = block.meta.get("page") if block else None
            where = location(page, block.seq + 1 if block else None, a.start, a.end, language)
            inside: dict[str, list[str]] = defaultdict(list)
            j = bisect_right(mention_starts, a.start - 1)
            while j < len(mentions) and mentions[j].start < a.end:
                m = mentions[j]
                kind = type_label(m.type, language)  # "Organisation" / "기관·기업", never the code ORG
                if m.end <= a.end and m.canonical not in inside[kind]:
                    inside[kind].append(m.canonical)
                j += 1
            top = list(dict.fromkeys(path.split(PATH_SEPARATOR)[0] for path in a.tags))
            passages.append(PassageRow(
                number=n, doc_id=a.doc_id, title=info.title, source=info.source,
                section=block.section if block else "", location=where, start=a.start, end=a.end,
                text=text[a.start:a.end], tags=list(a.tags), top_tags=top,
                note=a.note,
                entities=dict(inside), created=_date(a.created_at), modified=_date(a.updated_at), status=a.status,
                coder=a.created_by or analyst))
        used = sorted({p.doc_id for p in passages})
        for i in used:
            infos[i] = cache[i][0]
        metas = effective_metadata(conn, used)
        sources = [SourceRow(i, infos[i].title, infos[i].source, infos[i].format, _date(infos[i].ingested_at),
                             infos[i].file_sha256, date=metas[i].date, publisher=metas[i].publisher,
                             author=metas[i].author, url=metas[i].url, doc_type=metas[i].type_label(language))
                   for i in used]
        entity_rows: dict[tuple[str, str], EntityRow] = {}
        for p in passages:
            for kind, names in p.entities.items():
                for name in names:
                    row = entity_rows.setdefault((kind, name), EntityRow(kind, name, 0, []))
                    row.mentions += 1
                    if p.title not in row.documents:
                        row.documents.append(p.title)
        return Briefing(title or say("Workbench briefing", language), passages, sources,
                        sorted(entity_rows.values(), key=lambda e: (e.type, -e.mentions)), language=language)
    finally:
        conn.close()


def export_briefing(project, out: Path, tags=None, docs=None, query=None, since=None, until=None,
                    columns: list[str] | None = None, language: str = "en", paper: str | None = None,
                    unique_code_names: bool = False) -> dict:
    """Write the chosen passages to .xlsx, .csv, .qdpx, .hwpx or .docx (see :func:`export_steps`)."""
    return run_job(export_steps(project, out, tags, docs, query, since, until, columns, language, paper,
                                unique_code_names=unique_code_names))


def export_steps(project, out: Path, tags=None, docs=None, query=None, since=None, until=None,
                 columns: list[str] | None = None, language: str = "en", paper: str | None = None,
                 token: CancelToken | None = None, unique_code_names: bool = False) -> Generator[Progress, None, dict]:
    """The export as a job: yields Progress(rows written, rows in all) every
    few hundred rows and returns what was written. ``language`` ("en" or
    "ko") is the language of every word in the file (sheets, headers, type
    names, the printed header and footer); ``paper`` ("a4" or
    "letter") defaults to the locale's; times are in the analyst's time zone.
    A cancel (the token, or Cancelled thrown in at a yield) stops it between
    batches and leaves no file — an older file at ``out`` stays as it was.
    ``unique_code_names`` (.qdpx only): codes named apart for QualCoder
    (services.refi.export_qdpx). A .hwpx or .docx is the same selection as a
    report (a section per top-level tag, the passages quoted with their
    sources, the analyst's notes); ``columns`` and ``paper`` are the tables'
    (a report is A4)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise WorkbenchError(f"Export to {', '.join(FORMATS)}, not {suffix or 'a name without extension'}",
                             f"{', '.join(FORMATS)} 형식으로만 내보낼 수 있습니다")
    if unique_code_names and suffix != ".qdpx":
        raise WorkbenchError("Unique code names are for a REFI-QDA project (.qdpx): a table names each tag by its "
                             "full path already",
                             "코드 이름을 겹치지 않게 바꾸는 것은 REFI-QDA 프로젝트(.qdpx)에만 해당합니다. 표에는 "
                             "태그마다 전체 경로가 이미 적힙니다")
    yield Progress(0, 1, out.name, stage="select")
    annotations = select_annotations(project, tags, docs, query, since, until)
    if not annotations:  # an empty table looks like a failed export: say so, write nothing
        raise WorkbenchError(f"No tagged passages match this selection; nothing was written to {out.name}",
                             f"이 조건에 맞는 태그 붙인 구절이 없습니다. {out.name}에 아무것도 쓰지 않았습니다")
    if token is not None:
        token.check()
    if suffix == ".qdpx":
        return export_qdpx(project, out, annotations, unique_code_names)
    briefing = build_briefing(project, annotations, language=language)
    if suffix == ".xlsx":
        for step in xlsx_steps(briefing, out, columns, paper or default_paper(),
                               extra_sheets=memo_sheets(project)):
            if token is not None:
                token.check()
            yield step
    elif suffix in REPORTS:
        yield from _report_steps(project, briefing, out, token)
    else:
        write_csv(briefing, out, columns)
    return {"path": str(out), "format": suffix[1:], "passages": len(briefing.passages),
            "documents": len(briefing.sources)}


def _report_steps(project, briefing: Briefing, out: Path, token: CancelToken | None) -> Generator[Progress]:
    """The report in the file's format, by the analyst the exports name."""
    conn = project.connect()
    try:
        report = build_report(briefing, analyst_name(project, conn))
    finally:
        conn.close()
    total = sum(len(section.entries) for section in report.sections)
    if out.suffix.lower() == ".hwpx":  # 1,000 passages in under a second: nothing to report on the way
        yield Progress(total, total, out.name, stage="save")
        write_hwpx(report, out)
        return
    for done in docx_steps(report, out):  # the file is saved after its last step: a cancel there writes nothing
        yield Progress(done, total, out.name, stage="write")
        if token is not None:
            token.check()


def read_queries(path: Path) -> list[str]:
    from workbench.core.errors import ReadError
    from workbench.corpus.decode import decode_text

    path = Path(path)
    if not path.is_file():
        raise WorkbenchError(f"No queries file {path}", f"검색어 파일 {path}이(가) 없습니다")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True).active
        values = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0]]
        queries = [str(v).strip() for v in values]
        if queries and queries[0].casefold() in ("query", "queries", "검색어"):
            queries = queries[1:]
    else:
        try:  # UTF-8, UTF-16 or CP949 alike, as ingest reads text
            text, _ = decode_text(path.read_bytes(), path.name)
        except ReadError as exc:
            raise WorkbenchError(exc.message, exc.message_ko) from exc
        queries = [line.strip() for line in text.lstrip("\ufeff").splitlines()]
    return [q for q in queries if q and not q.startswith("#")]


def batch_search(project, queries_file: Path, out: Path, limit: int = 200, language: str = "en") -> dict:
    """Run every query of a file and write one table of hits (and a sheet of the queries)."""
    return export_hits(project, read_queries(queries_file), out, limit, language=language)


def export_hits(project, queries: list[str], out: Path, limit: int = 200, *, language: str = "en") -> dict:
    """Search results to Excel: the hits of each query, and a sheet of the
    queries, in ``language`` (sheets, headers, problems, the printed page)."""
    from openpyxl import Workbook

    if Path(out).suffix.lower() != ".xlsx":
        raise WorkbenchError(f"Search hits are written to .xlsx, not {Path(out).suffix or 'a name without extension'}",
                             "검색 결과는 .xlsx로만 내보낼 수 있습니다")

    from workbench.export.xlsx import _finish, _header, _put

    wb = Workbook()
    hits_ws = wb.active
    hits_ws.title = say("Hits", language)
    _header(hits_ws, pick(HITS_COLUMNS, language), [24, 6, 28, 30, 30, 16, 80, 8])
    summary_ws = wb.create_sheet(say("Queries", language))
    _header(summary_ws, pick(QUERIES_COLUMNS, language), [30, 10, 10, 50, 50])
    r = 2
    total = 0
    conn = project.connect()
    try:
        docs = DocumentRepository(conn)
        for q_row, query in enumerate(queries, 2):
            _put(summary_ws, q_row, 1, query, language)
            try:
                result = search_in_step(project, query, limit=limit)
            except WorkbenchError as exc:
                _put(summary_ws, q_row, 5, exc.localized(language), language)
                continue
            summary_ws.cell(row=q_row, column=2, value=result.total)
            summary_ws.cell(row=q_row, column=3, value=len({h.doc_id for h in result.hits}))
            _put(summary_ws, q_row, 4, "; ".join(f"{k} → {', '.join(v)}" for k, v in result.expansions.items()),
                 language)
            for n, hit in enumerate(result.hits, 1):
                text = docs.text_range(hit.doc_id, hit.start, hit.end)
                for c, value in enumerate((query, n, hit.title, hit.source, hit.section,
                                           f"({hit.start}–{hit.end})", text, round(hit.score, 2)), 1):
                    _put(hits_ws, r, c, value, language)
                r += 1
                total += 1
    finally:
        conn.close()
    paper = default_paper()
    _finish(hits_ws, total, 8, say("Workbench", language), paper, language)
    _finish(summary_ws, len(queries), 5, say("Workbench", language), paper, language)
    write_atomically(Path(out), lambda temp: wb.save(temp))
    return {"path": str(out), "queries": len(queries), "hits": total}
