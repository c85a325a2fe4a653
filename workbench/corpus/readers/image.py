"""Page images (a scanned page saved as PNG, JPEG or TIFF): no text to read
without OCR. The reader says so with the ``no_text`` code, which ingest
answers with OCR when Tesseract is installed (see :mod:`workbench.corpus.ocr`)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.errors import ReadError
from workbench.corpus.readers import ReaderResult


def read_image(path: Path, data: bytes) -> ReaderResult:
    error = ReadError("no_text", f"{path.name}: an image; its text can only be read by OCR",
                      f"{path.name}: 이미지 파일이라 글자는 OCR로만 읽을 수 있습니다")
    error.pages = 1
    raise error
