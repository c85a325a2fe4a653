"""One reader per file format; :func:`reader_for` picks by extension.

A reader turns a file into :class:`~workbench.corpus.structure.RawPart` items
and says whether paragraphs should be separated by a blank line. Every
failure a user can cause becomes a :class:`~workbench.core.errors.ReadError`
with a code (``encrypted``, ``damaged``, ``encoding``, ``binary``, ``empty``,
``no_text``) and a message naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.corpus.structure import RawPart


@dataclass(slots=True)
class ReaderResult:
    parts: list[RawPart]
    paragraph_gap: bool = False
    encoding: str | None = None
    title: str | None = None  # from file metadata, when the format has it
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (English, Korean)
    # What the file says about itself: title, author, subject, created,
    # modified (ISO dates), publisher, url, … — kept with the document.
    metadata: dict[str, str] = field(default_factory=dict)


Reader = Callable[[Path, bytes], ReaderResult]


def _registry() -> dict[str, tuple[str, Reader]]:
    from workbench.corpus.readers import docx, html, hwp, hwpx, image, pdf, text

    return {
        ".txt": ("txt", text.read_txt),
        ".text": ("txt", text.read_txt),
        ".md": ("md", text.read_markdown),
        ".markdown": ("md", text.read_markdown),
        ".html": ("html", html.read_html),
        ".htm": ("html", html.read_html),
        ".xhtml": ("html", html.read_html),
        ".docx": ("docx", docx.read_docx),
        ".pdf": ("pdf", pdf.read_pdf),
        ".hwpx": ("hwpx", hwpx.read_hwpx),
        ".hwp": ("hwp", hwp.read_hwp),
        **{ext: ("image", image.read_image) for ext in IMAGE_EXTENSIONS},
    }


# Scanned pages as images: read by OCR (see workbench.corpus.ocr).
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
SUPPORTED_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml",
                        ".docx", ".pdf", ".hwpx", ".hwp", *IMAGE_EXTENSIONS)


def reader_for(path: Path) -> tuple[str, Reader] | None:
    return _registry().get(path.suffix.lower())


def reader_for_format(fmt: str) -> Reader | None:
    """The reader of a format found by content (see :mod:`workbench.corpus.sniff`)."""
    return next((reader for f, reader in _registry().values() if f == fmt), None)
