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
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.core.errors import ReadError
from workbench.core.progress import CancelToken, Progress
from workbench.corpus.extract import extract_file, file_sha256, is_supported, text_sha256
from workbench.services.annotations import reanchor_document
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project, now_iso, transaction

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


@dataclass(slots=True)
class IngestReport:
    files: list[FileReport] = field(default_factory=list)
    cancelled: bool = False
    index: dict = field(default_factory=dict)  # what the index update did
    entities_changed: int = 0

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> bool:
        return any(f.status == FAILED for f in self.files)

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in (ADDED, UPDATED, UNCHANGED, FAILED, REMOVED, SKIPPED)}

    def annotations(self) -> dict[str, int]:
        return {"moved": sum(f.moved for f in self.files), "orphaned": sum(f.orphaned for f in self.files)}

    def to_json(self) -> dict:
        return {"summary": self.summary(), "annotations": self.annotations(), "cancelled": self.cancelled,
                "index": self.index,
                "entities_changed": self.entities_changed,
                "files": [asdict(f) for f in self.files]}


def _is_hidden(path: Path) -> bool:
    return path.name.startswith((".", "~$"))


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[FileReport], list[Path]]:
    """Expand folders recursively. Returns (files, early reports, folders walked)."""
    files: list[Path] = []
    reports: list[FileReport] = []
    folders: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser()
        try:
            path = path.resolve()
        except OSError:
            pass
        if path.is_dir():
            folders.append(path)
            for dirpath, dirnames, filenames in os.walk(path, onerror=lambda e: reports.append(
                    FileReport(str(e.filename), FAILED, f"{e.filename}: cannot list folder ({e.strerror})",
                               "unreadable", message_ko=f"{e.filename}: 폴더를 읽을 수 없습니다"))):
                dirnames[:] = sorted(d for d in dirnames if not _is_hidden(Path(d)))
                for name in sorted(filenames):
                    child = Path(dirpath) / name
                    if _is_hidden(child) or child in seen:
                        continue
                    seen.add(child)
                    if is_supported(child):
                        files.append(child)
                    else:
                        reports.append(FileReport(str(child), SKIPPED,
                                                  f"{name}: not a supported document type", "unsupported",
                                                  message_ko=f"{name}: 지원하지 않는 문서 형식"))
        elif path.exists() or path.is_symlink():
            if path not in seen:
                seen.add(path)
                files.append(path)
        else:
            reports.append(FileReport(str(path), FAILED, f"{path}: no such file or folder", "not_found",
                                      message_ko=f"{path}: 파일이나 폴더가 없습니다"))
    return files, reports, folders


def ingest(project: Project, paths: Iterable[Path | str], cancel: CancelToken | None = None,
           index: bool = True, entities: bool = True) -> Generator[Progress, None, IngestReport]:
    """Ingest ``paths`` (files or folders), then index what changed.

    Yields progress (``stage`` "read", "entities", then "index"); returns the report. The
    database is committed file by file before indexing starts: if indexing is
    cancelled or fails, the next search brings the index in step.
    """
    files, early, folders = collect(Path(p) for p in paths)
    report = IngestReport(list(early))
    total_bytes = sum(_size(f) for f in files)
    run_at = now_iso()
    done_bytes = 0
    with project.write_lock():
        conn = project.connect()
        try:
            repo = DocumentRepository(conn)
            yield Progress(0, len(files), "", 0, total_bytes, "read")
            for n, path in enumerate(files, 1):
                if cancel is not None and cancel.cancelled:
                    report.cancelled = True
                    break
                file_report = _ingest_one(repo, path)
                report.files.append(file_report)
                with transaction(conn):
                    repo.log(run_at, file_report.path, file_report.status, file_report.code, file_report.message)
                done_bytes += _size(path)
                yield Progress(n, len(files), path.name, done_bytes, total_bytes, "read")
            if not report.cancelled:
                report.files.extend(_removed(repo, folders, {str(f) for f in files}))
        finally:
            conn.close()
        changed = [f.doc_id for f in report.files if f.status in (ADDED, UPDATED) and f.doc_id is not None]
        if entities and not report.cancelled:
            from workbench.services.entities import refresh_entities, unextracted

            yield Progress(0, 1, "entities", 0, 0, "entities")
            report.entities_changed = len(refresh_entities(project, sorted(set(changed) | set(unextracted(project))),
                                                           lock=False))
        if index and not report.cancelled:
            from workbench.core.progress import Cancelled
            from workbench.services.search import update_index

            try:
                result = yield from update_index(project, changed, cancel, lock=False)
                report.index = {"indexed": result.indexed, "rebuilt": result.rebuilt, "reason": result.reason,
                                "seconds": round(result.seconds, 2)}
            except Cancelled:
                report.cancelled = True
                report.index = {"indexed": 0, "cancelled": True}
    return report


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _ingest_one(repo: DocumentRepository, path: Path) -> FileReport:
    source = str(path)
    try:
        if not path.is_file():
            raise ReadError("unreadable", f"{path}: not a regular file", f"{path}: 일반 파일이 아닙니다")
        size = path.stat().st_size
        sha = file_sha256(path)
        stored = repo.by_source(source)
        if stored is not None and stored.file_sha256 == sha:
            if stored.missing:
                with transaction(repo.conn):
                    repo.set_missing(stored.id, False)
            return FileReport(source, UNCHANGED, f"{path.name}: unchanged", doc_id=stored.id, size_bytes=size,
                              message_ko=f"{path.name}: 변경 없음")
        doc = extract_file(path)
        digest = text_sha256(doc.text)
        with transaction(repo.conn):
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
                report = FileReport(source, status, f"{path.name}: {verb}", doc_id=doc_id, format=doc.format,
                                    size_bytes=size, chars=len(doc.text), blocks=len(doc.blocks),
                                    message_ko=f"{path.name}: {verb_ko}", moved=counts["moved"],
                                    orphaned=counts["orphaned"])
                return report
        return FileReport(source, status, f"{path.name}: {verb}", doc_id=doc_id, format=doc.format,
                          size_bytes=size, chars=len(doc.text), blocks=len(doc.blocks),
                          message_ko=f"{path.name}: {verb_ko}")
    except ReadError as exc:
        return FileReport(source, FAILED, exc.message, exc.code, size_bytes=_size(path), message_ko=exc.message_ko)
    except MemoryError:
        return FileReport(source, FAILED, f"{path.name}: not enough memory to read this file", "too_large",
                          message_ko=f"{path.name}: 메모리가 부족해 읽을 수 없습니다")
    except Exception as exc:  # a reader library failing in a way we did not foresee
        return FileReport(source, FAILED, f"{path.name}: could not be read ({type(exc).__name__}: {exc})",
                          "damaged", message_ko=f"{path.name}: 읽을 수 없습니다 ({type(exc).__name__}: {exc})")


def _removed(repo: DocumentRepository, folders: list[Path], present: set[str]) -> list[FileReport]:
    reports = []
    for folder in folders:
        for source, doc_id in repo.sources_under(str(folder)).items():
            if source in present or Path(source).exists():
                continue
            with transaction(repo.conn):
                repo.set_missing(doc_id, True)
            reports.append(FileReport(source, REMOVED, f"{Path(source).name}: no longer in {folder}; "
                                      "kept in the project and marked missing", doc_id=doc_id,
                                      message_ko=f"{Path(source).name}: 폴더에서 사라졌습니다. 프로젝트에는 남겨 두고 '없음'으로 표시했습니다"))
    return reports
