"""Ingest files and folders into a project.

Each file is read and structured outside any transaction (the slow part),
then written in its own short transaction: one bad file never stops the run,
never leaves a half-written document, and never touches other documents.
Unchanged files (same content hash) are skipped; a changed file keeps its
document id; files that disappeared from an ingested folder are reported and
marked missing — never deleted, since annotations may point at them.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable
import dataclasses
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.core.changes import Changes
from workbench.core.errors import ReadError
from workbench.core.progress import Cancelled, CancelToken, Progress
from workbench.core.shown import shown, shown_path
from workbench.corpus.extract import extract_file, file_sha256, text_sha256
from workbench.corpus.readers import SUPPORTED_EXTENSIONS  # noqa: F401 - what File → Add documents offers
from workbench.services.annotations import reanchor_document
from workbench.services.file_choice import Refusal, chosen_file, still_regular, walk
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project, now_iso

ADDED, UPDATED, UNCHANGED, FAILED, REMOVED, SKIPPED = (
    "added", "updated", "unchanged", "failed", "removed", "skipped")


@dataclass(slots=True)
class FileReport:
    path: str
    status: str
    message: str = ""
    code: str | None = None
    doc_id: int | None = None
    format: str | None = None
    size_bytes: int | None = None
    chars: int | None = None
    blocks: int | None = None
    message_ko: str = ""
    moved: int = 0  # annotations re-anchored elsewhere because the text changed
    orphaned: int = 0  # annotations that could not be placed: listed for the analyst
    unmissed: bool = False  # an unchanged file that had been marked missing is back
    notes: list[str] = field(default_factory=list)  # what the reader noticed (renamed format, dropped symbols)
    ocr_pages: int = 0  # pages whose text was recognised by OCR (a scan, a page image)
    # Another document already had exactly this text (the same press release as .hwp and
    # .hwpx): the file is still added — the analyst may want both — but never silently.
    duplicate_of: int | None = None


@dataclass(slots=True)
class IngestReport:
    files: list[FileReport] = field(default_factory=list)
    cancelled: bool = False
    index: dict = field(default_factory=dict)  # what the index update did
    entity_docs: list[int] = field(default_factory=list)  # documents whose mentions changed

    @property
    def entities_changed(self) -> int:
        return len(self.entity_docs)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> bool:
        return any(f.status == FAILED for f in self.files)

    def summary(self) -> dict[str, int]:
        counts = {s: self.count(s) for s in (ADDED, UPDATED, UNCHANGED, FAILED, REMOVED, SKIPPED)}
        counts["duplicates"] = sum(1 for f in self.files if f.duplicate_of is not None)
        return counts

    def annotations(self) -> dict[str, int]:
        return {"moved": sum(f.moved for f in self.files), "orphaned": sum(f.orphaned for f in self.files)}

    @property
    def changes(self) -> Changes:
        """What this run changed in the project (also when it was cancelled midway)."""
        def ids(*statuses: str) -> list[int]:
            return [f.doc_id for f in self.files if f.status in statuses and f.doc_id is not None]

        updated = ids(UPDATED)
        return Changes.of(documents_added=ids(ADDED), documents_text=updated, documents_removed=ids(REMOVED),
                          documents_meta=[f.doc_id for f in self.files if f.unmissed and f.doc_id is not None],
                          annotation_docs=updated, entities=self.entity_docs,
                          index=bool(self.index.get("indexed")))

    def to_json(self) -> dict:
        return {"summary": self.summary(), "annotations": self.annotations(), "cancelled": self.cancelled,
                "index": self.index,
                "entities_changed": self.entities_changed,
                "files": [asdict(f) for f in self.files]}


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[FileReport], list[Path]]:
    """Expand folders recursively. Returns (files, early reports, folders walked).

    Only regular files the analyst chose are returned (services.file_choice:
    no link out of a folder, no FIFO); what is not read is reported."""
    files: list[Path] = []
    reports: list[FileReport] = []
    folders: list[Path] = []
    seen: set[Path] = set()

    def take(found: Path | Refusal) -> None:
        if isinstance(found, Refusal):
            reports.append(FileReport(found.path, found.status, found.message, found.code,
                                      message_ko=found.message_ko))
        elif found not in seen:  # a link inside the folder is read once, as its target
            seen.add(found)
            files.append(found)

    for given in paths:
        path = Path(given).expanduser()
        try:
            path = path.resolve()  # a named link is followed: the analyst chose it
        except (OSError, RuntimeError):
            pass
        if path.is_dir():
            folders.append(path)
            for found in walk(path):
                take(found)
        elif path.exists():
            take(chosen_file(path))
        else:
            name = shown_path(path)
            reports.append(FileReport(name, FAILED, f"{name}: no such file or folder", "not_found",
                                      message_ko=f"{name}: 파일이나 폴더가 없습니다"))
    return files, reports, folders


def ingest(project: Project, paths: Iterable[Path | str], cancel: CancelToken | None = None,
           index: bool = True, entities: bool = True) -> Generator[Progress, None, IngestReport]:
    """Ingest ``paths`` (files or folders), then find entities and index what changed.

    Yields progress (``stage`` "read", "entities", then "index"); returns the
    report, also when cancelled: a :class:`Cancelled` thrown in at a yield, or
    the token, stops the run between two files, and the report lists what was
    committed before (``cancelled`` set). Each file is read outside any lock
    and written in one short transaction with its log line, so the project
    stays writable for the analyst while a long ingest runs.
    """
    files, early, folders = collect(Path(p) for p in paths)
    report = IngestReport(list(early))
    total_bytes = sum(_size(f) for f in files)
    run_at = now_iso()
    done_bytes = 0
    try:
        conn = project.connect()
        try:
            repo = DocumentRepository(conn)
            yield Progress(0, len(files), "", 0, total_bytes, "read")
            for n, path in enumerate(files, 1):
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
                file_report = None
                job = _ingest_one(project, repo, path, run_at, cancel)
                while file_report is None:  # OCR reports page by page, within this file's step
                    try:
                        step = next(job)
                    except StopIteration as stop:
                        file_report = stop.value
                    else:
                        yield dataclasses.replace(step, done=n - 1, total=len(files), bytes_done=done_bytes,
                                                  bytes_total=total_bytes)
                report.files.append(file_report)
                done_bytes += _size(path)
                yield Progress(n, len(files), shown(path.name), done_bytes, total_bytes, "read",
                               IngestReport([file_report]).changes or None)
            report.files.extend(_removed(project, repo, folders, {shown_path(f) for f in files}))
        finally:
            conn.close()
        changed = [f.doc_id for f in report.files if f.status in (ADDED, UPDATED) and f.doc_id is not None]
        result = None
        if entities:
            from workbench.services.entities import extract_and_index_job, refresh_entities_job, unextracted

            todo = sorted(set(changed) | set(unextracted(project)))
            if index:  # one Kiwi pass per document for both
                report.entity_docs, result = yield from extract_and_index_job(project, todo, cancel)
            else:
                report.entity_docs = yield from refresh_entities_job(project, todo, cancel)
        elif index:
            from workbench.services.search import update_index

            result = yield from update_index(project, changed, cancel, extract_pending=False)
        if result is not None:
            report.index = {"indexed": result.indexed, "rebuilt": result.rebuilt, "reason": result.reason,
                            "seconds": round(result.seconds, 2), "phases": result.phases}
    except Cancelled:
        report.cancelled = True
    return report


def _shown_report(report: FileReport) -> FileReport:
    """The report with every name printable and storable: a reader's message
    quotes the file's name, which may hold bytes that are not UTF-8."""
    return dataclasses.replace(report, path=shown(report.path), message=shown(report.message),
                               message_ko=shown(report.message_ko), notes=[shown(n) for n in report.notes])


def _storable(doc):
    """The document with the strings taken from its file name (the title, a
    note, metadata) storable in SQLite, which cannot encode a surrogate."""
    return dataclasses.replace(
        doc, title=shown(doc.title), warnings=[(shown(en), shown(ko)) for en, ko in doc.warnings],
        metadata={shown(k): shown(v) if isinstance(v, str) else v for k, v in doc.metadata.items()})


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _ingest_one(project: Project, repo: DocumentRepository, path: Path, run_at: str,
                cancel: CancelToken | None = None) -> Generator[Progress, None, FileReport]:
    """Read one file (no lock held), store it in one short transaction, then log the outcome."""
    report = _shown_report((yield from _read_and_store(project, repo, path, cancel)))
    with project.writing(repo.conn):
        repo.log(run_at, report.path, report.status, report.code, report.message)
    return report


def _read_and_store(project: Project, repo: DocumentRepository, path: Path,
                    cancel: CancelToken | None = None) -> Generator[Progress, None, FileReport]:
    source = shown_path(path)  # what the database, the log and the report can hold (core.shown)
    try:
        changed = still_regular(path)  # checked before anything opens it: a FIFO would block
        if changed is not None:
            raise ReadError(changed.code, changed.message, changed.message_ko)
        size = path.stat().st_size
        sha = file_sha256(path)
        stored = repo.by_source(source)
        if stored is not None and stored.file_sha256 == sha:
            if stored.missing:
                with project.writing(repo.conn):
                    repo.set_missing(stored.id, False)
            return FileReport(source, UNCHANGED, f"{path.name}: unchanged", doc_id=stored.id, size_bytes=size,
                              message_ko=f"{path.name}: 변경 없음", unmissed=stored.missing)
        pages = 0  # read by OCR
        try:
            doc = extract_file(path)  # the slow part: outside the lock
        except ReadError as exc:
            if exc.code not in ("no_text", "unreadable_text"):
                raise
            # A scan, an image, or a PDF whose text layer is garbage: OCR, page by page.
            doc, pages = yield from _recognise(path, exc, cancel)
        doc = _storable(doc)
        digest = text_sha256(doc.text)
        counts = {"moved": 0, "orphaned": 0}
        with project.writing(repo.conn):
            stored = repo.by_source(source)  # another writer may have stored it meanwhile
            if stored is None:
                doc_id = repo.add(source, doc, size, sha, digest)
                status, verb, verb_ko = ADDED, "added", "추가됨"
            else:
                doc_id = stored.id
                repo.replace(doc_id, doc, size, sha, digest)
                # Same transaction: the new text and the annotations' new places land together.
                counts = reanchor_document(repo.conn, doc_id, doc.text, digest)
                status, verb, verb_ko = UPDATED, "updated (text changed)", "갱신됨(내용 변경)"
                if counts["moved"] or counts["orphaned"]:
                    verb += f"; {counts['moved']} annotations moved, {counts['orphaned']} orphaned"
                    verb_ko += f"; 주석 {counts['moved']}개 이동, {counts['orphaned']}개 위치 잃음"
            same = repo.same_text(digest, doc_id)
        notes = list(doc.warnings)
        if pages:
            notes.insert(0, (f"{pages} page{'s' if pages != 1 else ''} read by OCR: check quotes against the page",
                             f"{pages}쪽을 OCR로 읽었습니다. 인용할 때는 원본 쪽과 대조하세요"))
        if same:
            notes.insert(0, _same_text_note(same))
        if notes:
            verb += " — " + "; ".join(en for en, _ in notes)
            verb_ko += " — " + "; ".join(ko for _, ko in notes)
        return FileReport(source, status, f"{path.name}: {verb}", doc_id=doc_id, format=doc.format,
                          size_bytes=size, chars=len(doc.text), blocks=len(doc.blocks),
                          message_ko=f"{path.name}: {verb_ko}", moved=counts["moved"], orphaned=counts["orphaned"],
                          notes=[en for en, _ in notes], ocr_pages=pages,
                          duplicate_of=same[0][0] if same else None)
    except ReadError as exc:
        return FileReport(source, FAILED, exc.message, exc.code, size_bytes=_size(path), message_ko=exc.message_ko)
    except MemoryError:
        return FileReport(source, FAILED, f"{path.name}: not enough memory to read this file", "too_large",
                          message_ko=f"{path.name}: 메모리가 부족해 읽을 수 없습니다")
    except Exception as exc:  # a reader library failing in a way we did not foresee
        return FileReport(source, FAILED, f"{path.name}: could not be read ({type(exc).__name__}: {exc})",
                          "damaged", message_ko=f"{path.name}: 읽을 수 없습니다 ({type(exc).__name__}: {exc})")


def _recognise(path: Path, no_text: ReadError, cancel: CancelToken | None,
               ) -> Generator[Progress, None, tuple[object, int]]:
    """OCR a file without a text layer; its text is marked as recognised.
    Returns the document and how many pages were recognised (for the report)."""
    from workbench.corpus.extract import assemble
    from workbench.corpus.ocr import IMAGE_EXTENSIONS, ocr_pages
    from workbench.corpus.readers import ReaderResult

    data = path.read_bytes()
    job, pages = ocr_pages(path, data, cancel, why=no_text), 0
    while True:  # the pages recognised: the last step counts them
        try:
            step = next(job)
        except StopIteration as stop:
            parts = stop.value
            break
        pages = step.total
        yield step
    if not any(part.text.strip() for part in parts):
        raise ReadError("no_text", f"{no_text.message}; OCR found no text either",
                        f"{no_text.message_ko}. OCR로도 글자를 찾지 못했습니다")
    fmt = "image" if path.suffix.lower() in IMAGE_EXTENSIONS else "pdf"
    return assemble(path, fmt, ReaderResult(parts, paragraph_gap=True), extraction="ocr"), pages


def _same_text_note(same: list[tuple[int, str, str]]) -> tuple[str, str]:
    """Which document already has this text (English, Korean): its file name, id and title."""
    doc_id, title, source = same[0]
    title = title if len(title) <= 50 else title[:49] + "…"
    named = f"{Path(source).name} (#{doc_id} {title})"
    more_en = f" and {len(same) - 1} more" if len(same) > 1 else ""
    more_ko = f" 외 {len(same) - 1}개" if len(same) > 1 else ""
    return (f"the same text as a document already in the project: {named}{more_en}",
            f"같은 내용의 문서가 이미 있습니다: {named}{more_ko}")


def _removed(project: Project, repo: DocumentRepository, folders: list[Path], present: set[str]) -> list[FileReport]:
    reports = []
    for folder in folders:
        for source, doc_id in repo.sources_under(str(folder)).items():
            if source in present or Path(source).exists():
                continue
            with project.writing(repo.conn):
                repo.set_missing(doc_id, True)
            reports.append(FileReport(source, REMOVED, f"{Path(source).name}: no longer in {folder}; "
                                      "kept in the project and marked missing", doc_id=doc_id,
                                      message_ko=f"{Path(source).name}: 폴더에서 사라졌습니다. 프로젝트에는 남겨 두고 '없음'으로 표시했습니다"))
    return reports
