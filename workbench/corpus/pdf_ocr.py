"""Pages without a text layer in a PDF that has one elsewhere: read by OCR.

A report's cover is often one picture (the title set in an image, the
ministry's logo), a scanned annex sits between typeset pages, and a page's
fonts may lack a Unicode mapping. Such a page gives PDFium no text, or only
garbage; this module renders it and reads it with Tesseract
(:func:`workbench.corpus.ocr.recognise_lines`), as positioned lines that go
through the same layout as the text layer (so a cover's big title is a big
line, at the top of the text, where the title is looked for).

A page with no ink at all is blank and skipped without a word. OCR takes
seconds a page and the reader cannot report progress, so at most
:data:`MAX_PAGES` pages of a document are read here; the rest, and every page
when Tesseract is missing, are named in the document's warnings. A document
with no text layer at all is a scan, which the ingest service reads by OCR
page by page with progress (:func:`workbench.corpus.ocr.ocr_pages`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from workbench.core.errors import ReadError
from workbench.corpus import ocr
from workbench.corpus.pdf_types import Line, Page

MAX_PAGES = 5  # pages read by OCR inside one document's reading
_INK = 0.0002  # share of inked pixels that makes a page more than blank (a line of text on a picture)
_PREVIEW_SCALE = 0.25  # 18 dpi: enough to see whether anything is printed


def has_ink(page: pdfium.PdfPage) -> bool:
    """Is anything printed on the page (a picture, drawn text, a chart)?"""
    image = page.render(scale=_PREVIEW_SCALE, grayscale=True).to_pil()
    histogram = image.convert("L").histogram()
    return sum(histogram[:235]) >= _INK * sum(histogram)


def recognise_pages(pdf: pdfium.PdfDocument, pages: list[Page], numbers: list[int]
                    ) -> tuple[list[int], list[tuple[str, str]]]:
    """Read ``numbers`` (1-based) by OCR into their :class:`Page` (its lines, ``ocr``
    set); returns the pages read and the warnings (English, Korean) to show."""
    if not numbers:
        return [], []
    reason = ocr.unavailable_reason()
    if reason is not None:
        return [], [_skipped(numbers, reason)]
    read: list[int] = []
    failed: list[int] = []
    with tempfile.TemporaryDirectory(prefix="wb-pdf-ocr-") as folder:
        for number in numbers[:MAX_PAGES]:
            try:
                lines = _page_lines(pdf, number, Path(folder))
            except ReadError:
                failed.append(number)
                continue
            if lines:  # nothing legible: a speck or a faint border, not worth a word
                page = pages[number - 1]
                page.lines, page.tables, page.ocr = lines, [], True
                read.append(number)
    warnings = []
    if read:
        listed = _listed(read)
        warnings.append((f"page(s) {listed} have no readable text layer and were read by OCR: check quotes "
                         "against the page",
                         f"{listed}쪽은 읽을 수 있는 글자 정보가 없어 OCR로 읽었습니다. 인용할 때는 원본 쪽과 대조하세요"))
    if failed:
        warnings.append(_skipped(failed, ("OCR could not read them", "OCR로 읽지 못했습니다")))
    if len(numbers) > MAX_PAGES:
        warnings.append(_skipped(numbers[MAX_PAGES:], (
            f"only the first {MAX_PAGES} such pages are read by OCR when a file is added; OCR the file to search "
            "the others", f"파일을 추가할 때는 이런 쪽을 {MAX_PAGES}쪽까지만 OCR로 읽습니다. 나머지를 검색하려면 파일을 OCR로 "
            "처리하세요")))
    return read, warnings


def _page_lines(pdf: pdfium.PdfDocument, number: int, folder: Path) -> list[Line]:
    """The page rendered at OCR resolution and read into lines, in points."""
    page = pdf[number - 1]
    try:
        image = folder / f"page-{number}.png"
        # In grey: Tesseract misses a title set in colour on a picture (a green "활성화 방안 연구").
        page.render(scale=ocr.DPI / 72).to_pil().convert("L").save(image)
    finally:
        page.close()
    scale = 72 / ocr.DPI
    return [Line(text, x0 * scale, y0 * scale, x1 * scale, y1 * scale, size=round(height * scale, 1), font="ocr")
            for text, x0, y0, x1, y1, height in ocr.recognise_lines(image)]


def cover_title(page: Page) -> str | None:
    """The title set largest on a cover read by OCR: its biggest lines, one after
    the other ("해양수산 수소경제 기술" / "활성화 방안 연구"), or None."""
    lines = [line for line in page.lines if len(line.text.replace(" ", "")) >= 4]
    if not lines:
        return None
    biggest = max(line.size for line in lines)
    if biggest < 1.3 * sorted(line.size for line in page.lines)[len(page.lines) // 2]:
        return None  # nothing stands out: no title on this page
    title: list[Line] = []
    for line in sorted(page.lines, key=lambda line: line.y0):
        if line.size >= 0.8 * biggest:
            if title and line.y0 - title[-1].y1 > 1.5 * biggest:
                break
            title.append(line)
        elif title:
            break
    return " ".join(line.text for line in title) or None


def _skipped(numbers: list[int], reason: tuple[str, str]) -> tuple[str, str]:
    listed = _listed(numbers)
    return (f"page(s) {listed} have no readable text layer and were left out: {reason[0]}",
            f"{listed}쪽은 읽을 수 있는 글자 정보가 없어 뺐습니다: {reason[1]}")


def _listed(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
