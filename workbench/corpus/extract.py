"""Read one file into an :class:`ExtractedDocument`, or say clearly why not."""

from __future__ import annotations

import hashlib
from pathlib import Path

from workbench.core.errors import ReadError
from workbench.core.models import ExtractedDocument
from workbench.corpus.doc_meta import infer_with_sources, merge_metadata
from workbench.corpus.readers import SUPPORTED_EXTENSIONS, reader_for, reader_for_format
from workbench.corpus.readers.ooxml import drm_error
from workbench.corpus.sniff import drm_vendor, sniff
from workbench.corpus.structure import build
from workbench.corpus.symbols import map_private_use
from workbench.corpus.titles import choose_title

# Formats whose content names them: a file of one under another's name is read as what it is.
STRUCTURED = ("hwp", "hwpx", "docx", "pdf")
LABELS = {"hwp": "HWP 5.0", "hwpx": "HWPX", "docx": "Word (.docx)", "pdf": "PDF"}

# Larger files are refused with their size in the message: a 300 MB "report"
# is almost always a mislabelled archive or database dump.
MAX_FILE_BYTES = 256 * 1024 * 1024
# Plain text and HTML are their own text: 200 MB of it peaked at 1.3 GB just to
# read and structure (benchmarks/hostile.py), before Kiwi indexes it for a quarter
# of an hour. 64 MB (about 25 M Korean characters, some 10,000 pages) reads in
# ~10 s under 450 MB; a larger one is refused by name, to be split.
MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024
TEXT_FORMATS = ("txt", "md", "html")  # what that limit is for (not a scanned page's picture)
# One document's text goes to Kiwi whole, and ingest holds its analysis: about
# 215 bytes a character (8 MB of Korean text, 3.4 M characters, peaked at 1.35 GB;
# a 40 MB one passed 3.2 GB and six minutes). 4 M characters (some 2,500 pages,
# 8.5 times the longest real report here) ingests in about 1.5 GB; a longer text,
# from any format (a 224 KB HWPX can hold 50 MB of it), is refused by name.
MAX_DOCUMENT_CHARS = 4_000_000


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """Hash a file in chunks so even a huge one never sits in memory twice."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_EXTENSIONS


def extract_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> ExtractedDocument:
    """Read, decode, normalise and structure one file. Raises :class:`ReadError`."""
    found = reader_for(path)
    if found is None:
        raise ReadError(
            "unsupported",
            f"{path.name}: unsupported file type {path.suffix or '(none)'}; "
            f"supported: {', '.join(SUPPORTED_EXTENSIONS)}",
            f"{path.name}: 지원하지 않는 파일 형식입니다 ({path.suffix or '확장자 없음'})",
        )
    fmt, reader = found
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(
                "too_large",
                f"{path.name}: {human_size(size)} is over the {human_size(max_bytes)} limit",
                f"{path.name}: 파일 크기 {human_size(size)}가 한도 {human_size(max_bytes)}를 넘습니다",
            )
        if fmt in TEXT_FORMATS and size > min(max_bytes, MAX_TEXT_FILE_BYTES):
            limit = human_size(min(max_bytes, MAX_TEXT_FILE_BYTES))
            raise ReadError(
                "too_large",
                f"{path.name}: {human_size(size)} of text is over the {limit} limit for one text file; "
                "split it into smaller files and add those",
                f"{path.name}: 텍스트 {human_size(size)}가 텍스트 파일 하나의 한도 {limit}를 넘습니다. "
                "작은 파일로 나눠서 추가하세요",
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise ReadError("unreadable", f"{path}: permission denied", f"{path}: 읽기 권한이 없습니다") from exc
    except IsADirectoryError as exc:
        raise ReadError("unreadable", f"{path}: is a folder", f"{path}: 폴더입니다") from exc
    except OSError as exc:
        raise ReadError("unreadable", f"{path}: cannot read ({exc.strerror or exc})",
                        f"{path}: 읽을 수 없습니다 ({exc.strerror or exc})") from exc
    if not data.strip():
        raise ReadError("empty", f"{path.name}: the file is empty", f"{path.name}: 빈 파일입니다")
    vendor = drm_vendor(data)
    if vendor:
        raise drm_error(path, vendor)
    warnings: list[tuple[str, str]] = []
    actual = sniff(data)
    if actual and actual != fmt and fmt in STRUCTURED:
        warnings.append((f"the file is {LABELS[actual]} named {path.suffix}: read as {LABELS[actual]}",
                         f"확장자는 {path.suffix}이지만 {LABELS[actual]} 파일이라 {LABELS[actual]}(으)로 읽었습니다"))
        fmt, reader = actual, reader_for_format(actual)
    result = reader(path, data)
    return assemble(path, fmt, result, warnings)


def _check_length(path: Path, parts) -> None:
    """Refuse a text over MAX_DOCUMENT_CHARS before its structure is built."""
    chars = sum(len(p.text) + (sum(len(c) for row in p.rows for c in row) if p.rows is not None else 0)
                for p in parts)
    if chars > MAX_DOCUMENT_CHARS:
        raise ReadError(
            "too_large",
            f"{path.name}: {chars:,} characters of text is over the limit of {MAX_DOCUMENT_CHARS:,} characters "
            "for one document; split it into smaller files and add those",
            f"{path.name}: 텍스트 {chars:,}자가 문서 하나의 한도 {MAX_DOCUMENT_CHARS:,}자를 넘습니다. "
            "작은 파일로 나눠서 추가하세요",
        )


def assemble(path: Path, fmt: str, result, warnings: list[tuple[str, str]] | None = None,
             extraction: str = "") -> ExtractedDocument:
    """A reader's parts → the stored document: symbols mapped, structure, title."""
    warnings = list(warnings or []) + list(result.warnings)
    dropped = 0
    for part in result.parts:
        part.text, n = map_private_use(part.text)
        dropped += n
        if part.rows is not None:
            for row in part.rows:
                for i, cell in enumerate(row):
                    row[i], n = map_private_use(cell)
                    dropped += n
    _check_length(path, result.parts)
    if dropped:
        warnings.append((f"{dropped} symbols of the word processor's own font could not be shown and were left out",
                         f"워드프로세서 전용 기호 {dropped}개는 표시할 수 없어 뺐습니다"))
    text, blocks, _ = build(result.parts, paragraph_gap=result.paragraph_gap)
    if not text.strip():
        raise ReadError("empty", f"{path.name}: no text found in the file",
                        f"{path.name}: 파일에서 텍스트를 찾지 못했습니다")
    # The title an analyst knows it by (titles.choose_title); an HTML <title> is written for the page.
    title = choose_title(result.title, text, blocks, path.name, trust_file_title=fmt == "html") or path.stem
    # What the file says about itself, with the date, publisher, author, URL
    # and type read from the text merged in (see doc_meta.merge_metadata).
    found = infer_with_sources(text, blocks, result.metadata, path.name, title=title)
    return ExtractedDocument(
        text=text,
        blocks=blocks,
        title=title,
        format=fmt,
        encoding=result.encoding,
        warnings=warnings,
        metadata=merge_metadata(dict(result.metadata), found),
        extraction=extraction,
    )
