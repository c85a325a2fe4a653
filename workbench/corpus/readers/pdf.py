"""PDF text layers, page by page, with PDFium (via pypdfium2).

PDFium extracts Korean text from CID-keyed fonts more faithfully than the
pure-Python parsers. Each line keeps its page number (block ``meta.page``) so
exports can cite the page. A PDF without a text layer (a scan) is reported as
such: we do not do OCR.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from workbench.core.errors import ReadError
from workbench.corpus.normalise import normalise_newlines
from workbench.corpus.readers import ReaderResult
from workbench.corpus.readers.ooxml import damaged_error, encrypted_error
from workbench.corpus.structure import RawPart


def read_pdf(path: Path, data: bytes) -> ReaderResult:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise encrypted_error(path) from exc
        raise damaged_error(path, str(exc)) from exc
    parts: list[RawPart] = []
    chars = 0
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = normalise_newlines(textpage.get_text_bounded())
            textpage.close()
            page.close()
            if parts and text.strip():
                parts.append(RawPart(""))
            for line in text.split("\n"):
                chars += len(line.strip())
                parts.append(RawPart(line, meta={"page": index + 1}))
        title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
    except pdfium.PdfiumError as exc:
        raise damaged_error(path, str(exc)) from exc
    finally:
        pdf.close()
    if chars == 0:
        raise ReadError(
            "no_text",
            f"{path.name}: the PDF has no text layer (a scanned image?); OCR is not supported",
            f"{path.name}: PDF에 텍스트 층이 없습니다(스캔 이미지?). OCR은 지원하지 않습니다",
        )
    return ReaderResult(parts, title=title)
