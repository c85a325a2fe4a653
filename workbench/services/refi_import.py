"""Import a REFI-QDA project (``.qdpx``) into the open project: its text
sources become documents, its codebook tags, its coded selections tagged
passages with their notes, its other notes memos (services.refi_memos) — with a report of what was added, merged,
renamed, converted or skipped.

The order protects the project:

1. The whole file is read and checked first (export.qdpx_read): a damaged
   file, one over the size limits or with two codes or users sharing a GUID
   raises before anything is written. Reading yields progress in bytes and
   stops at a cancel. Only the archive's own files are read, unless the
   analyst chose a folder for texts the file names outside it
   (``sources_from``).
2. Each text source goes the way every document goes (services.ingest), so
   its text is normalised like the rest: it is written as a ``.txt`` under
   ``<project>/imported/<file name>/`` and ingested from there. A source
   whose normalised text is already a document's (same SHA-256) is *merged*
   into that document instead — importing the same file twice adds nothing.
3. The codebook and every selection are written in one transaction
   (services.refi_codes, store repositories): all of them land, or none.

A selection is placed only where it is exact (annotations.placement): in
the file's own counting (code points, or UTF-16 units and CR LF line ends
where the tool counted so, confirmed by the quote), then carried through
normalisation. Anything else is skipped with its reason — never shifted,
never stored against text the analyst did not see. Who tagged and last
changed each passage, and when, are kept as the file gives them (a user
the file does not name is stored as "? (file name)", never as this
project's analyst). A source's one-line Description (Workbench writes the
document's title there, the source's name being a safe file name) becomes
the document's title; its creator and dates in the other program are
kept in the document's metadata (``refi_created_by``, ``refi_created_at``,
``refi_modified_by``, ``refi_modified_at``), not replaced by the import's time.

The report says everything dropped or changed: each element kind Workbench
has no place for (sets, graphs, links other than a note's, variables, cases)
with its count, GUIDs given twice, and per source what normalising its text
changed (zero-width spaces removed, CR LF made LF, runs of blank lines
collapsed, NFC …), counted by comparing the file's text with the stored one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Generator
from functools import lru_cache
from pathlib import Path

from workbench.annotations.anchoring import selector
from workbench.annotations.placement import (
    CODE_POINTS, CRLF_ONE, CRLF_ONE_UTF16, UTF16, OffsetMap, place_in_source, quote_matches, readings, same_text,
)
from workbench.core.changes import Changes
from workbench.core.errors import ReadError
from workbench.core.progress import Cancelled, CancelToken, Progress
from workbench.corpus.extract import extract_file, text_sha256
from workbench.corpus.normalise import has_markup
from workbench.corpus.titles import clean_title
from workbench.export.filenames import safe_file_name
from workbench.export.qdpx_read import (
    RefiProject, RefiSelection, RefiSource, codebook_dropped, member_name, outside_sources, read_qdpx_job,
)
from workbench.services.import_report import (
    ADDED, CONVERTED, IMPORTED, MERGED, NOTED, PRESENT, SKIPPED, ImportReport,
)
from workbench.services.ingest import FAILED, ingest
from workbench.services.refi_codes import plan_codes, write_codes
from workbench.services.refi_memos import write_memos
from workbench.store.annotations import AnnotationRepository, TagRepository
from workbench.store.documents import DocumentRepository
from workbench.core.times import utc_iso
from workbench.store.project import Project

IMPORTED_DIR = "imported"
__all__ = ["codebook_dropped", "import_qdpx", "outside_sources"]


def import_qdpx(project: Project, path: Path | str, cancel: CancelToken | None = None, index: bool = True,
                entities: bool = True, sources_from: Path | str | None = None) -> Generator[Progress, None, ImportReport]:
    """The import as a job: yields progress (the archive read in bytes, stage
    "read"; "sources", the ingest's "read"/"entities"/"index", then
    "codings"); returns the report, also when cancelled (then only the
    documents already ingested are in the project; importing the file again
    merges them and adds the codings). Texts the file names outside its
    archive are read only from ``sources_from``, a folder the analyst chose."""
    path = Path(path)
    try:
        parsed = yield from read_qdpx_job(path, sources_from, cancel)  # raises before anything is written
    except Cancelled:
        report = ImportReport(str(path))
        report.cancelled = True
        return report
    planned = plan_codes(parsed.codes)
    report = ImportReport(str(path), parsed.name, parsed.origin, sorted(set(parsed.users.values()) - {""}))
    for kind, name in parsed.other_sources:
        report.add("source", name or kind, SKIPPED, f"a {kind}: only text sources can be imported",
                   f"{kind}: 텍스트 원본만 가져올 수 있습니다")
    _report_dropped(report, parsed)
    try:
        docs = yield from _sources(project, path, parsed, report, cancel, index, entities)
        if report.cancelled:
            return report
        yield Progress(0, 1, path.name, stage="codings")
    except Cancelled:
        report.cancelled = True
        return report
    # The last step is one transaction and is not interrupted: its changes come with the result.
    _codings(project, parsed, planned, docs, report)
    return report


# What Workbench has no place for: (kind in the report, English, Korean) by element.
_DROPPED = {
    "Set": ("set", "set", "sets", "(groups of documents or codes)", "집합(문서나 코드의 묶음)"),
    "Graph": ("graph", "graph", "graphs", "(network diagrams)", "그래프(관계도)"),
    "Link": ("link", "link", "links", "between items, other than a note's", "메모 연결이 아닌 항목 사이의 연결"),
    "Variable": ("variable", "variable", "variables", "", "변수"),
    "VariableValue": ("variable", "value of a variable", "values of variables", "", "변수 값"),
    "Case": ("case", "case", "cases", "", "사례(case)"),
}


def _report_dropped(report: ImportReport, parsed: RefiProject) -> None:
    """One line per element kind the file holds and Workbench has no place for,
    with its count, and one per GUID the file gives to two sources, selections
    or notes (each is imported by its element; a reference to the GUID is
    ambiguous)."""
    for element, (kind, one, many, what, ko) in _DROPPED.items():
        count = parsed.dropped.get(element, 0)
        if count:
            en = f"{count} {one if count == 1 else many}" + (f" {what}" if what else "")
            report.add(kind, f"{element} × {count}", SKIPPED,
                       f"{en}: Workbench has no place for {'it' if count == 1 else 'them'}; not imported",
                       f"{ko} {count}개: Workbench에는 둘 곳이 없어 가져오지 않았습니다")
    words = {"source": ("sources", "원본"), "selection": ("selections", "구절"), "note": ("notes", "메모")}
    for kind, guid, names in parsed.duplicates:
        en, ko = words[kind]
        listed = ", ".join(repr(n) for n in names)
        report.add(kind, names[0] or guid, NOTED,
                   f"{len(names)} {en} share the GUID {guid} ({listed}): each is imported by its own element, "
                   "but a reference to that GUID from another program would be ambiguous",
                   f"{ko} {len(names)}개가 같은 GUID {guid}를 씁니다({listed}). 각각 제 요소대로 가져왔지만, 다른 "
                   "프로그램에서 이 GUID를 가리키면 어느 것인지 알 수 없습니다")


# --- sources ---------------------------------------------------------------------------------


def _sources(project: Project, path: Path, parsed: RefiProject, report: ImportReport, cancel: CancelToken | None,
             index: bool, entities: bool) -> Generator[Progress, None, dict[str, tuple[int, str]]]:
    """Each readable text source's document id and the text its positions count in."""
    conn = project.connect()
    try:
        known = {info.text_sha256: info.id for info in DocumentRepository(conn).list()}
    finally:
        conn.close()
    folder = project.root / IMPORTED_DIR / safe_file_name(path.stem, set())
    taken = {p.stem for p in folder.glob("*")} if folder.is_dir() else set()
    # By the source element itself, not its GUID: a file may give two sources one GUID,
    # and each source's selections belong to the document made from it.
    docs: dict[int, tuple[int, str]] = {}
    staged: dict[Path, list[RefiSource]] = {}
    pending: dict[str, Path] = {}  # text hash → a staged file (two sources with one text)
    try:
        for n, source in enumerate(parsed.sources):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            yield Progress(n, len(parsed.sources), source.name, stage="sources")
            label = source.name or source.guid
            if source.text is None:
                en, ko = source.problem or ("no text", "텍스트 없음")
                _skip_source(report, source, en, ko)
                continue
            if not source.text.strip():
                _skip_source(report, source, "the source's text is empty", "원본 텍스트가 비어 있습니다")
                continue
            folder.mkdir(parents=True, exist_ok=True)
            file = folder / (safe_file_name(member_name(label), taken) + ".txt")
            file.write_text(source.text, encoding="utf-8")
            try:
                digest = text_sha256(extract_file(file).text)  # the text as it will be stored
            except ReadError as exc:
                file.unlink()
                _skip_source(report, source, exc.message, exc.message_ko)
                continue
            if digest in known:
                file.unlink()
                docs[id(source)] = (known[digest], source.text)
                en, ko = _with_normalisation(project, known[digest], source,
                                             "the same text as a document already in the project",
                                             "프로젝트에 이미 있는 문서와 내용이 같아 그 문서에 합침")
                report.add("source", label, MERGED, en, ko, doc_id=known[digest])
            elif digest in pending:
                file.unlink()
                staged[pending[digest]].append(source)
            else:
                pending[digest] = file
                staged[file] = [source]
        if not staged:
            return docs
        result = yield from ingest(project, list(staged), cancel, index=index, entities=entities)
        report.ingest = {"summary": result.summary(), "index": result.index, "cancelled": result.cancelled}
        report.changes = report.changes | result.changes
        by_path = {str(Path(f.path).resolve()): f for f in result.files}
        for file, sources in staged.items():
            done = by_path.get(str(file.resolve()))
            for i, source in enumerate(sources):
                label = source.name or source.guid
                if done is None or done.status == FAILED or done.doc_id is None:
                    en = done.message if done is not None else "not ingested (cancelled)"
                    ko = done.message_ko if done is not None else "추가되지 않음(취소됨)"
                    _skip_source(report, source, en, ko)
                    continue
                docs[id(source)] = (done.doc_id, source.text)
                if i == 0:
                    if (title := _title(source)) is not None:
                        report.titles[done.doc_id] = title
                    en, ko = f"added as {file.name}", f"{file.name}(으)로 추가"
                    if source.outside:  # the file named a text outside the archive: say which
                        en, ko = f"{en}; text read from {source.outside}", f"{ko}. 원문은 {source.outside}에서 읽음"
                    meta = _source_meta(source, parsed, path.name)
                    if meta:
                        report.source_meta[done.doc_id] = meta
                        en, ko = _said_meta(meta, en, ko, parsed.origin)
                    en, ko = _with_normalisation(project, done.doc_id, source, en, ko)
                    report.add("source", label, ADDED, en, ko, doc_id=done.doc_id)
                else:
                    report.add("source", label, MERGED, "the same text as another source of the file",
                               "파일 안의 다른 원본과 내용이 같아 합침", doc_id=done.doc_id)
            if done is not None and done.status != FAILED:
                staged[file] = []  # kept: it is the document's source now
        report.cancelled = result.cancelled
        return docs
    finally:
        for file, sources in staged.items():  # staged but never ingested (a cancel, a failure)
            if sources and file.exists():
                file.unlink()


def _user_name(parsed: RefiProject, guid: str, file_name: str) -> str:
    """A user's name from the file's <Users>; a GUID it does not list is kept as
    written, with the file's name (as the passages' coders are)."""
    return parsed.users.get(guid, "").strip() or f"{guid} ({file_name})"


def _source_meta(source: RefiSource, parsed: RefiProject, file_name: str) -> dict[str, str]:
    """Who made the source in the other program and when, for the document's metadata."""
    meta: dict[str, str] = {}
    if source.created_by:
        meta["refi_created_by"] = _user_name(parsed, source.created_by, file_name)
    if created := utc_iso(source.created):
        meta["refi_created_at"] = created
    if source.modified_by:
        meta["refi_modified_by"] = _user_name(parsed, source.modified_by, file_name)
    if modified := utc_iso(source.modified):
        meta["refi_modified_at"] = modified
    return meta


def _said_meta(meta: dict[str, str], en: str, ko: str, origin: str) -> tuple[str, str]:
    where = f" in {origin}" if origin else ""
    parts_en, parts_ko = [], []
    if "refi_created_by" in meta or "refi_created_at" in meta:
        by, at = meta.get("refi_created_by"), meta.get("refi_created_at")
        parts_en.append("created" + (f" by {by}" if by else "") + (f" on {at}" if at else "") + where)
        parts_ko.append((f"{origin}에서 " if origin else "") + (f"{by}이(가) " if by else "")
                        + (f"{at}에 " if at else "") + "만듦")
    if "refi_modified_at" in meta and meta.get("refi_modified_at") != meta.get("refi_created_at"):
        by, at = meta.get("refi_modified_by"), meta["refi_modified_at"]
        parts_en.append(f"last changed on {at}" + (f" by {by}" if by else ""))
        parts_ko.append((f"{by}이(가) " if by else "") + f"{at}에 마지막으로 고침")
    if not parts_en:
        return en, ko
    return f"{en}; {', '.join(parts_en)}", f"{ko}. {', '.join(parts_ko)}"


def _with_normalisation(project: Project, doc_id: int, source: RefiSource, en: str, ko: str) -> tuple[str, str]:
    """The source's report line, with what storing its text changed."""
    conn = project.connect()
    try:
        stored = DocumentRepository(conn).text(doc_id)
    finally:
        conn.close()
    changes = normalisation_changes(source.text or "", stored, source.bom)
    if not changes:
        return en, ko
    return (f"{en}; text normalised: {', '.join(c[0] for c in changes)}",
            f"{ko}. 텍스트 정규화: {', '.join(c[1] for c in changes)}")


_ZWSP = "\u200b"
_INVISIBLE = "\ufeff\u200e\u200f\u2060"  # a BOM inside the text, direction marks, word joiners
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_OTHER_BREAKS_RE = re.compile("\r(?!\n)|[\u2028\u2029\x0b\x0c\x85]")
_BLANK_RUN_RE = re.compile("\n[ \t\u00a0\u3000]*\n(?:[ \t\u00a0\u3000]*\n)+")
_TRAILING_RE = re.compile("[ \u00a0\u3000]+$", re.MULTILINE)


def _composes(ch: str) -> bool:
    """A character NFC may join to the one before it: a combining mark, or a
    Hangul medial vowel or final consonant (the decomposed 가 is ᄀ + ᅡ)."""
    return bool(unicodedata.combining(ch)) or "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff"


def _nfc_changes(text: str) -> int:
    """How many characters (a letter with what composes onto it) NFC changes."""
    count = 0
    for line in text.split("\n"):
        if unicodedata.is_normalized("NFC", line):
            continue
        cluster = ""
        for ch in line + "\n":
            if cluster and not _composes(ch):
                count += unicodedata.normalize("NFC", cluster) != cluster
                cluster = ""
            cluster += ch
    return count


def _edge_blank_lines(text: str) -> int:
    """Blank lines before the first line of text and after the last (its own line end is none)."""
    if not text.strip():
        return 0
    lead = text[:len(text) - len(text.lstrip())].count("\n")
    tail = text[len(text.rstrip()):].count("\n")
    return lead + max(0, tail - 1)


def normalisation_changes(raw: str, stored: str, bom: bool = False) -> list[tuple[str, str]]:
    """What normalising a source's text changed, each (English, Korean) with its
    count, found by comparing the file's text with the stored one (each kind
    counted in both; what the stored text still has was not changed). The
    normalisation itself is the ingest's (corpus.normalise, corpus.structure)."""
    out: list[tuple[str, str]] = []

    def said(n: int, en: str, ko: str) -> None:
        if n > 0:
            out.append((en.format(n=n, s="" if n == 1 else "s"), ko.format(n=n)))

    if bom:
        out.append(("a byte-order mark removed", "바이트 순서 표시(BOM) 제거"))
    said(raw.count(_ZWSP) - stored.count(_ZWSP), "{n} zero-width space{s} removed", "폭 없는 공백 {n}개 제거")
    said(sum(raw.count(c) - stored.count(c) for c in _INVISIBLE),
         "{n} invisible mark{s} removed (direction marks, word joiners)",
         "보이지 않는 문자 {n}개 제거(방향 표시, 단어 결합자)")
    said(raw.count("\u00ad") - stored.count("\u00ad"), "{n} soft hyphen{s} removed", "숨은 하이픈 {n}개 제거")
    said(len(_CONTROL_RE.findall(raw)) - len(_CONTROL_RE.findall(stored)),
         "{n} control character{s} removed", "제어 문자 {n}개 제거")
    said(raw.count("\r\n") - stored.count("\r\n"), "{n} CR LF line end{s} made LF",
         "CR LF 줄바꿈 {n}개를 LF로 바꿈")
    said(len(_OTHER_BREAKS_RE.findall(raw)) - len(_OTHER_BREAKS_RE.findall(stored)),
         "{n} other line break{s} (CR, line or page separators) made LF",
         "다른 줄바꿈 {n}개(CR, 줄·쪽 구분자)를 LF로 바꿈")
    lines = re.sub("\r\n|\r|[\u2028\u2029\x0b\x0c\x85]", "\n", raw)
    said(_nfc_changes(lines) - _nfc_changes(stored), "{n} character{s} composed to their standard form (NFC)",
         "글자 {n}개를 표준 형태(NFC)로 합침")
    said(len(_TRAILING_RE.findall(lines)) - len(_TRAILING_RE.findall(stored)),
         "spaces removed at the end of {n} line{s}", "줄 {n}개 끝의 공백 제거")
    said(len(_BLANK_RUN_RE.findall(lines.strip())) - len(_BLANK_RUN_RE.findall(stored.strip())),
         "{n} run{s} of blank lines collapsed to one", "연속된 빈 줄 {n}곳을 한 줄로 줄임")
    said(_edge_blank_lines(lines) - _edge_blank_lines(stored), "{n} blank line{s} at the start or end removed",
         "처음과 끝의 빈 줄 {n}개 제거")
    markup = sum(1 for line in lines.split("\n") if has_markup(line))
    said(markup - sum(1 for line in stored.split("\n") if has_markup(line)),
         "HTML markup removed from {n} line{s}", "줄 {n}개에서 HTML 태그 제거")
    if not out and lines.rstrip("\n") != stored:
        out.append((f"{len(raw):,} characters stored as {len(stored):,}",
                    f"{len(raw):,}자를 {len(stored):,}자로 저장"))
    return out


def _title(source: RefiSource) -> str | None:
    """The source's Description when it reads as a title (one line, not long),
    else the source's own name, the analyst's name for it in the other program
    (without a document extension): two NVivo sources whose texts both begin
    with a table header were both titled "video_id"."""
    text = source.description.strip()
    if text and "\n" not in text and len(text) <= 200:
        return clean_title(text)
    name = member_name(source.name).strip() if source.name else ""
    if not name or _GUID_RE.match(name) or not re.search(r"[^\W\d_]", name):
        return None
    # The analyst's own name for the source stands even where a title found in a text
    # would be passed over as an identifier ("videos_selection").
    return clean_title(name) or name


_GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _skip_source(report: ImportReport, source: RefiSource, en: str, ko: str) -> None:
    if source.selections:
        en += f"; its {len(source.selections)} coded selections were not imported"
        ko += f". 코딩된 구간 {len(source.selections)}개도 가져오지 않았습니다"
    report.add("source", source.name or source.guid, SKIPPED, en, ko)


# --- codebook and codings -----------------------------------------------------------------------


def _quotes_in_file(source: RefiSource) -> bool:
    """Whether this file's selection names are quotes of the selected text
    (Workbench, QualCoder) rather than labels: most named ones match."""
    named = [s for s in source.selections if s.name.strip()]
    if not named or source.text is None:
        return False
    hits = 0
    for sel in named:
        try:
            spans = readings(source.text, int(sel.start), int(sel.end)).values()
        except ValueError:
            continue
        hits += any(quote_matches(source.text[s:e], sel.name) for s, e in spans)
    return hits * 2 >= len(named)


def _preferred(source: RefiSource, origin: str, quotes: bool) -> list[str]:
    """The counting to assume where no quote decides: the one this source's
    quoted selections showed, else CR LF as one for ATLAS.ti (QualCoder's
    finding), else code points as the standard says."""
    counts: Counter = Counter()
    if quotes and source.text is not None:
        for sel in source.selections:
            try:
                placed = place_in_source(source.text, int(sel.start), int(sel.end), sel.name, [CODE_POINTS])
            except ValueError:
                continue
            if placed.checked:
                counts[placed.counting] += 1
    order = [c for c, _ in counts.most_common()]
    if not order and source.text is not None:
        order = _by_boundaries(source)
    if "nvivo" in origin.lower():  # NVivo counts UTF-16 units (Windows strings)
        default = [UTF16, CRLF_ONE_UTF16, CODE_POINTS]
    elif "atlas" in origin.lower():  # QualCoder's finding
        default = [CRLF_ONE, CODE_POINTS]
    else:
        default = [CODE_POINTS]
    return order + [c for c in default if c not in order]


def _at_boundary(text: str, start: int, end: int) -> int:
    """How many of a span's two ends fall between words (a selection made in a tool
    starts and ends at a word, a line or the text's ends)."""
    def edge(i: int) -> bool:
        return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())
    return edge(start) + edge(end)


def _by_boundaries(source: RefiSource) -> list[str]:
    """With no quote to go by, the counting under which this source's selections
    start and end between words clearly more often than under any other (a
    shifted reading cuts words: 'itikusoknak' for 'A Politikusoknak'); [] when
    no counting stands out."""
    scores: Counter = Counter()
    total = 0
    for sel in source.selections:
        try:
            spans = readings(source.text, int(sel.start), int(sel.end))
        except ValueError:
            continue
        if len(spans) < 2:
            continue  # every counting reads it alike: no evidence
        total += 2
        for counting, (s, e) in spans.items():
            scores[counting] += _at_boundary(source.text, s, e)
    if not scores:
        return []
    (best, top), *rest = scores.most_common() + [(None, 0)]
    runner_up = rest[0][1] if rest else 0
    return [best] if best and top - runner_up >= max(2, total // 10) else []


def _note(sel: RefiSelection, notes: dict[str, str]) -> str:
    parts = [sel.description] if sel.description else []
    for guid in sel.note_guids:
        text = notes.get(guid, "")
        if text and text not in parts:
            parts.append(text)
    return "\n\n".join(parts)


def _codings(project: Project, parsed: RefiProject, planned, docs: dict[int, tuple[int, str]],
             report: ImportReport) -> None:
    """The codebook and every selection, in one transaction."""
    with project.writing() as conn:
        titled = DocumentRepository(conn)
        for doc_id, title in report.titles.items():
            titled.set_title(doc_id, title)
        _keep_source_meta(conn, report.source_meta)
        tag_ids, codebook_changed = write_codes(conn, planned, report)
        writer = _Writer(conn, tag_ids, parsed, report)
        for source in parsed.sources:
            if id(source) in docs:
                writer.source(source, *docs[id(source)])
        # Notes on no passage: the project journal, a document's or a tag's memo (services.refi_memos).
        memos_changed = write_memos(conn, parsed, docs, tag_ids, report)
    report.changes = report.changes | Changes.of(annotations=writer.added, annotation_docs=writer.touched,
                                                 codebook=codebook_changed, memos=memos_changed,
                                                 documents_meta=set(report.titles) | set(report.source_meta))


def _keep_source_meta(conn, source_meta: dict[int, dict[str, str]]) -> None:
    """The other program's creator and dates of each source, into its document's
    metadata JSON (beside what the ingest found), inside the caller's transaction.
    The document repository has no method for it; the column is the one
    store.metadata's backfill writes the same way."""
    documents = DocumentRepository(conn)
    for doc_id, meta in source_meta.items():
        merged = {**documents.info(doc_id).metadata, **meta}
        conn.execute("UPDATE documents SET metadata = ? WHERE id = ?", (json.dumps(merged, ensure_ascii=False), doc_id))


class _Writer:
    """Writes one source's selections as passages, inside the caller's transaction.

    Selections on the same span (QualCoder writes one per code) become one
    passage with all their tags and notes, as Workbench keeps them; one that
    the project already holds (same span, its tags and note) is not added again.
    """

    def __init__(self, conn, tag_ids: dict[str, int], parsed: RefiProject, report: ImportReport) -> None:
        self.conn, self.tag_ids, self.parsed, self.report = conn, tag_ids, parsed, report
        self.docs, self.repo = DocumentRepository(conn), AnnotationRepository(conn)
        self.names = {t.id: t.name for t in TagRepository(conn).list()}
        self.file_name = Path(report.path).name
        self.added: list[int] = []
        self.touched: set[int] = set()

    def source(self, source: RefiSource, doc_id: int, raw: str) -> None:
        report = self.report
        stored, info = self.docs.text(doc_id), self.docs.info(doc_id)
        offsets = OffsetMap(raw, stored)
        quotes = _quotes_in_file(source)
        preferred = _preferred(source, self.parsed.origin, quotes)
        existing = self.repo.for_document(doc_id)
        # (span, coder) → (id, {tag id: (who applied it, when)}, note), this import: one passage per coder on a span
        made: dict[tuple[int, int, str], tuple[int, dict[int, tuple[str, str]], str]] = {}
        if source.source_codings:
            report.add("selection", source.name, SKIPPED,
                       f"{source.source_codings} codes on the whole source: Workbench tags passages only",
                       f"원본 전체에 붙은 코드 {source.source_codings}개: Workbench는 구간에만 태그를 붙입니다")
        for sel in source.selections:
            label = f"{source.name or source.guid}: {sel.start}-{sel.end}"
            try:
                start, end, counting, unchecked = _place(sel, raw, stored, offsets, quotes, preferred)
            except _Skip as skip:
                report.add("selection", label, SKIPPED, *skip.args, doc_id=doc_id)
                continue
            ids = {self.tag_ids[g] for g in sel.code_guids if g in self.tag_ids}
            if not ids:
                en, ko = (("none of its codes is in the file's codebook", "코드가 파일의 코드북에 없습니다")
                          if sel.code_guids else
                          ("a memo without a code: Workbench passages carry tags",
                           "코드 없는 메모: Workbench의 구간에는 태그가 있어야 합니다"))
                report.add("selection", label, SKIPPED, en, ko, doc_id=doc_id)
                continue
            note = _note(sel, self.parsed.notes)
            coder = self._who(sel.user)
            created = utc_iso(sel.created)
            applied = {self.tag_ids[g]: (self._who(who), utc_iso(when) or created or "")
                       for g, (who, when) in sel.coders.items() if g in self.tag_ids}
            for tag_id in ids - set(applied):  # a code the file gives without its <Coding>: the passage's
                applied[tag_id] = (coder, created or "")
            if any(a.start == start and a.end == end and ids <= set(a.tag_ids) and note in a.note
                   and a.created_by == coder for a in existing):
                report.add("selection", label, PRESENT, "already in the project", "이미 프로젝트에 있음", doc_id=doc_id)
                continue
            if (start, end, coder) in made:
                annotation_id, tags, old_note = made[(start, end, coder)]
                tags = {**applied, **tags}  # a tag already there keeps who applied it first
                self.repo.set_tags(annotation_id, self._refs(tags))
                if note and note not in old_note:
                    old_note = f"{old_note}\n\n{note}" if old_note else note
                    row = self.repo.get(annotation_id)
                    stamp = max(row.updated_at, utc_iso(sel.modified) or utc_iso(sel.created) or "")
                    self.repo.update(annotation_id, note=old_note, updated_at=stamp)
                made[(start, end, coder)] = (annotation_id, tags, old_note)
                report.add("selection", label, MERGED, f"joined the passage at {start}-{end} (same text)",
                           f"같은 글인 {start}-{end} 구간에 합침", doc_id=doc_id, annotation_id=annotation_id)
                continue
            quoted = selector(stored, start, end)
            annotation_id = self.repo.add(
                doc_id, start, end, quoted.quote, quoted.prefix, quoted.suffix, info.text_sha256, note,
                self._refs(applied), created_at=created, created_by=coder,
                updated_at=utc_iso(sel.modified) or created,
                updated_by=self._who(sel.modifying_user) if sel.modifying_user else None)
            made[(start, end, coder)] = (annotation_id, applied, note)
            self.added.append(annotation_id)
            self.touched.add(doc_id)
            if counting == CODE_POINTS:
                en, ko = f"at {start}-{end}", f"{start}-{end} 위치"
                if unchecked:  # said, so the analyst can look: another counting would differ here
                    en += (" (code points, as the standard says; no quote in the file to confirm it, and a tool "
                           "that counted UTF-16 units or CR LF as one would mean other text)")
                    ko += (" (표준대로 코드 포인트 기준. 파일에 확인할 인용문이 없고, UTF-16 단위나 CR LF를 한 글자로 "
                           "센 도구라면 다른 글을 가리킵니다)")
                report.add("selection", label, IMPORTED, en, ko, doc_id=doc_id, annotation_id=annotation_id)
            else:
                report.add("selection", label, CONVERTED, f"converted from {counting} to {start}-{end}",
                           f"{counting} 기준 위치를 {start}-{end}(으)로 변환", doc_id=doc_id,
                           annotation_id=annotation_id)

    def _who(self, guid: str) -> str:
        """A user's name from the file's <Users>; a GUID it does not list is kept
        as written, and no user at all is "?" — with the file's name, never
        taken for this project's analyst."""
        return self.parsed.users.get(guid, "").strip() or f"{guid or '?'} ({self.file_name})"

    def _refs(self, applied: dict[int, tuple[str, str]]) -> list[tuple[int, str, str, str]]:
        """(tag id, name, who applied it, when) for the store."""
        return [(i, self.names[i], *applied[i]) for i in sorted(applied) if i in self.names]


@lru_cache(maxsize=4)
def _utf16_length(text: str) -> int:
    """The text's length in UTF-16 units (computed once per source, not per selection)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class _Skip(Exception):
    """A selection that cannot be placed exactly: args are (English, Korean)."""


def _place(sel: RefiSelection, raw: str, stored: str, offsets: OffsetMap, quotes: bool,
           preferred: list[str]) -> tuple[int, int, str, bool]:
    """(start, end, counting, unchecked) in the stored text — unchecked when no
    quote confirmed it and another counting would give other text; raises
    :class:`_Skip` saying why not."""
    try:
        start, end = int(sel.start), int(sel.end)
    except ValueError:
        raise _Skip(f"positions {sel.start!r}-{sel.end!r} are not whole numbers",
                    f"위치 {sel.start!r}-{sel.end!r}이(가) 정수가 아닙니다") from None
    if start < 0 or end < 0:  # read as CR LF counting, -5 became 0: "converted", on text nobody chose
        raise _Skip(f"a negative position ({start}-{end})", f"음수 위치({start}-{end})")
    if start > end:
        raise _Skip(f"a reversed selection ({start}-{end}): it ends before it starts",
                    f"거꾸로 된 구간({start}-{end}): 끝이 시작보다 앞에 있습니다")
    if start == end:
        raise _Skip(f"an empty selection ({start}-{end})", f"빈 구간({start}-{end})")
    # The furthest any counting reaches: UTF-16 units count an astral character twice.
    furthest = _utf16_length(raw)
    if end > furthest:
        units, units_ko = ((f"; {furthest} in UTF-16 units", f", UTF-16 단위로 {furthest}") if furthest != len(raw)
                           else ("", ""))
        if start >= furthest:
            raise _Skip(f"starts at {start}, past the end of the text ({len(raw)} characters{units})",
                        f"{start}에서 시작해 원문의 끝({len(raw)}자{units_ko})을 넘습니다")
        raise _Skip(f"ends at {end}, past the end of the text ({len(raw)} characters{units})",
                    f"{end}에서 끝나 원문의 끝({len(raw)}자{units_ko})을 넘습니다")
    placed = place_in_source(raw, start, end, sel.name if quotes and sel.name.strip() else None, preferred)
    if placed.reason is not None:
        raise _Skip(*placed.reason)
    s, e = offsets.start(placed.start), offsets.end(placed.end)
    if s is None or e is None:
        raise _Skip("a boundary falls inside text that was changed when it was normalised (NFC, line ends)",
                    "구간 경계가 정규화(NFC, 줄바꿈)로 바뀐 글자 안에 있습니다")
    if s >= e or not same_text(raw[placed.start:placed.end], stored[s:e]):
        raise _Skip("the selected text does not read the same after normalisation",
                    "정규화한 뒤 선택한 글이 같지 않습니다")
    unchecked = not placed.checked and len(readings(raw, start, end)) > 1
    return s, e, placed.counting, unchecked
