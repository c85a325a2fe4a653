"""PDF text layers with PDFium (via pypdfium2), laid out into paragraphs and tables.

PDFium extracts Korean text from CID-keyed and Type3 fonts more faithfully
than the pure-Python parsers, but its text order is the content stream's and
its line breaks are the typesetter's. So this module only asks PDFium for
characters with their boxes, fonts and sizes, and for the thin strokes drawn
on each page (table borders), builds positioned fragments
(:mod:`workbench.corpus.pdf_runs`: glyphs in the order they stand, not the
order drawn) and ruled grids (:mod:`workbench.corpus.pdf_tables`) from them
and hands those to :mod:`workbench.corpus.pdf_layout`, which finds columns,
running headers, page numbers, paragraphs and tables without PDFium.

Characters come through the raw ``FPDFText_*`` calls rather than
``PdfTextPage.get_text_range``: Hancom PDF leaves out space characters and
PDFium's generated ones sit at made-up positions, so spaces are decided from
the glyphs' gaps (PDFium's spaces count as hints); a few microseconds a
character keep a 20-page two-column minutes file well under a second.

Refusals, each a :class:`ReadError` with a code: ``encrypted`` (password),
``damaged``, ``no_text`` (a scan: no characters at all) and ``unreadable_text``
(fonts without a Unicode mapping, so PDFium can only return glyph codes:
"7KHTXLFN…" for "The quick…"); the last two carry ``exc.pages``, the page
count, for the OCR layered on top. In an otherwise readable file, pages with
such fonts and pages that are pictures (a cover, a scanned annex) are read by
OCR (:mod:`workbench.corpus.pdf_ocr`) or, where that cannot be done, named in
the warnings as left out.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from workbench.core.errors import ReadError
from workbench.corpus.pdf_layout import Line, Page, layout_pages
from workbench.corpus.pdf_ocr import cover_title, has_ink, recognise_pages
from workbench.corpus.pdf_runs import Glyph, glyph_lines
from workbench.corpus.pdf_tables import find_tables  # noqa: F401  (re-exported: tests and callers find it here)
from workbench.corpus.readers import ReaderResult
from workbench.corpus.readers.ooxml import damaged_error, encrypted_error
from workbench.corpus.titles import clean_title

# Share of a document's characters without a Unicode mapping that makes the
# whole text layer unreadable (below it, the bad pages are dropped with a warning).
_UNMAPPED_SHARE = 0.5
_SEGMENT_BUDGET = 20_000  # path segments walked per page looking for table borders (a chart has many)
_HAS_MAP_ERROR = hasattr(pdfium_c, "FPDFText_HasUnicodeMapError")
_FILL_STROKE = 2  # text render mode "fill, then stroke": how Hancom and Word fake bold
_METADATA_KEYS = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
                  "Creator": "creator", "Producer": "producer", "CreationDate": "created", "ModDate": "modified"}
_PDF_DATE_RE = re.compile(
    r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{0,2}'?)?"
)


def read_pdf(path: Path, data: bytes) -> ReaderResult:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise encrypted_error(path) from exc
        raise damaged_error(path, str(exc), "문서 구조를 읽을 수 없습니다") from exc
    try:
        pages, chars, unmapped, bad_pages, pictures = _read_pages(pdf)
        metadata = _metadata(pdf)
        recognised, ocr_warnings = [], []
        if chars and unmapped < _UNMAPPED_SHARE * chars and any(p.lines for p in pages):
            # A cover or an annex page that is a picture, a page whose fonts lack a Unicode map:
            # read by OCR where the rest of the file has a text layer.
            recognised, ocr_warnings = recognise_pages(pdf, pages, sorted(pictures + bad_pages))
    except pdfium.PdfiumError as exc:
        raise damaged_error(path, str(exc), "문서 구조를 읽을 수 없습니다") from exc
    finally:
        pdf.close()
    if chars == 0:
        error = ReadError(
            "no_text",
            f"{path.name}: the PDF has no text layer (a scanned image?)",
            f"{path.name}: PDF에 텍스트 층이 없습니다(스캔 이미지?)",
        )
        error.pages = len(pages)
        raise error
    if unmapped >= _UNMAPPED_SHARE * chars or all(not p.lines for p in pages):
        error = ReadError(
            "unreadable_text",
            f"{path.name}: the PDF's text layer is not readable (its fonts have no Unicode mapping, so the "
            "text would come out as garbage); run OCR on the file and add the OCR'd copy",
            f"{path.name}: 문서의 글자 정보를 읽을 수 없습니다(글꼴에 유니코드 대응표가 없어 글자가 깨집니다). "
            "광학 문자 인식으로 처리한 사본을 추가하세요",
        )
        error.pages = len(pages)
        raise error
    warnings = list(ocr_warnings)
    bad_pages = [n for n in bad_pages if n not in recognised]
    if bad_pages:
        listed = ", ".join(str(n) for n in bad_pages[:10]) + (" …" if len(bad_pages) > 10 else "")
        warnings.append((f"the text of page(s) {listed} is not readable (fonts without a Unicode mapping) and "
                         "was left out; OCR those pages to search them",
                         f"{listed}쪽의 글자 정보는 글꼴에 유니코드 대응표가 없어 읽을 수 없으므로 뺐습니다. "
                         "검색하려면 그 쪽을 광학 문자 인식으로 처리하세요"))
    parts = layout_pages(pages)
    title = clean_title(metadata.get("title"))
    first = next((p for p in pages if p.lines), None)
    if not title and first is not None and first.ocr:
        title = clean_title(cover_title(first))  # a cover that is a picture: the title set largest on it
    return ReaderResult(parts, paragraph_gap=True, title=title, warnings=warnings, metadata=metadata)


def _read_pages(pdf: pdfium.PdfDocument) -> tuple[list[Page], int, int, list[int], list[int]]:
    """Every page's fragments; the document's character count, unmapped count,
    bad pages (fonts without a Unicode map) and pictures (pages with no text but ink)."""
    pages: list[Page] = []
    chars = unmapped = 0
    bad_pages: list[int] = []
    pictures: list[int] = []
    fonts: dict[int, int] = {}
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            left, bottom, right, top = page.get_cropbox()
            width, height = right - left, top - bottom
            if page.get_rotation() in (90, 270):
                width, height = height, width
            rules = _rules(page)
            textpage = page.get_textpage()
            try:
                lines, n_chars, n_unmapped = _fragments(textpage, page, fonts, rules)
            finally:
                textpage.close()
            tables = find_tables(rules, lines=lines) if lines else []
            if n_chars == 0 and has_ink(page):
                pictures.append(index + 1)
        finally:
            page.close()
        page_bad = n_chars > 0 and n_unmapped >= 0.5 * n_chars
        if page_bad:
            bad_pages.append(index + 1)
        chars += n_chars
        unmapped += n_unmapped
        pages.append(Page(index + 1, width, height, [] if page_bad else lines, tables))
    return pages, chars, unmapped, bad_pages, pictures


def _fragments(textpage: pdfium.PdfTextPage, page: pdfium.PdfPage, fonts: dict[int, int],
               rules: list[tuple[float, float, float, float]]) -> tuple[list[Line], int, int]:
    """The page's text as fragments in top-left coordinates of the displayed page
    (ordered by position, see :mod:`workbench.corpus.pdf_runs`), with the number
    of characters and of characters without a Unicode mapping. A fragment never
    crosses a vertical rule (a table's cell border)."""
    walls = [((x0 + x1) / 2, y0, y1) for x0, y0, x1, y1 in rules if x1 - x0 <= 3 and y1 - y0 >= 6]
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    left, bottom, right, top = page.get_cropbox()
    transform = _transform(page.get_rotation(), right - left, top - bottom, left, bottom)
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    styles: dict[int, tuple[int, float, bool]] = {}
    glyphs: list[Glyph] = []
    chars = unmapped = 0
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    loose_box, text_object = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetTextObject
    hinted = False  # PDFium put a space here from the text positioning
    for i in range(count):
        code = get_unicode(handle, i)
        if is_generated(handle, i):
            hinted = hinted or code == 32
            continue
        space = code in (32, 0xA0, 0x3000)
        if 9 <= code <= 13:
            continue
        if not space:
            chars += 1
            if code in (2, 0xAD):  # PDFium's mark for a hyphen that ends a line ("exam-" / "ple")
                code = 0x2D
            if (_HAS_MAP_ERROR and pdfium_c.FPDFText_HasUnicodeMapError(handle, i) == 1) or code < 32 \
                    or 0xE000 <= code <= 0xF8FF or code in (0xFFFD, 0xFFFE, 0xFFFF):
                unmapped += 1
                continue
        if not loose_box(handle, i, rect_ref):
            continue
        x0, y0, x1, y1 = transform(rect.left, rect.bottom, rect.right, rect.top)
        if space:
            if x1 - x0 > 0.1:  # a drawn space: it stands where it separates
                glyphs.append(Glyph(" ", x0, y0, x1, y1, space=True))
            hinted = False
            continue
        obj = ctypes.cast(text_object(handle, i), ctypes.c_void_p).value or 0
        style = styles.get(obj)
        if style is None:
            style = styles[obj] = _style(text_object(handle, i), fonts, y1 - y0)
        glyphs.append(Glyph(chr(code), x0, y0, x1, y1, style, seq=len(glyphs), hinted=hinted))
        hinted = False
    return glyph_lines(glyphs, walls), chars, unmapped


def _style(obj, fonts: dict[int, int], height: float) -> tuple[int, float, bool]:
    """(font number, font size in points, bold) of a text object, looked up once per object."""
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    address = ctypes.cast(font, ctypes.c_void_p).value or 0
    number = fonts.setdefault(address, len(fonts))
    size = ctypes.c_float(0)
    matrix = pdfium_c.FS_MATRIX()
    points = 0.0
    if pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)) and pdfium_c.FPDFPageObj_GetMatrix(
            obj, ctypes.byref(matrix)):
        points = size.value * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    if not 2 <= points <= 300:  # a matrix that does not scale as we assume: fall back on the glyph box
        points = height / 1.2
    bold = pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == _FILL_STROKE or (
        font and pdfium_c.FPDFFont_GetWeight(font) >= 600)
    return number, round(points, 1), bool(bold)


def _transform(rotation: int, width: float, height: float, dx: float, dy: float):
    """Map a PDF box (left, bottom, right, top) to (x0, y0, x1, y1) on the page as
    displayed: origin top-left, y downwards, the page's /Rotate applied."""
    def apply(left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        xs, ys = [], []
        for x, y in ((left - dx, bottom - dy), (right - dx, top - dy)):
            if rotation == 90:
                xs.append(y), ys.append(x)
            elif rotation == 180:
                xs.append(width - x), ys.append(y)
            elif rotation == 270:
                xs.append(height - y), ys.append(width - x)
            else:
                xs.append(x), ys.append(height - y)
        return min(xs), min(ys), max(xs), max(ys)
    return apply


def _rules(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Thin horizontal and vertical strokes drawn on the page (table borders, underlines)."""
    left, bottom, right, top = page.get_cropbox()
    transform = _transform(page.get_rotation(), right - left, top - bottom, left, bottom)
    out: list[tuple[float, float, float, float]] = []
    bounds = [ctypes.c_float() for _ in range(4)]
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    budget = _SEGMENT_BUDGET
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *[ctypes.byref(b) for b in bounds]):
            continue
        x0, y0, x1, y1 = (b.value for b in bounds)
        if min(x1 - x0, y1 - y0) <= 3:
            if max(x1 - x0, y1 - y0) >= 5:
                out.append(transform(x0, y0, x1, y1))
            continue
        count = pdfium_c.FPDFPath_CountSegments(obj)
        budget -= max(count, 0)
        stroked = pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and stroke.value
        if not (0 < count <= 400 and budget >= 0 and stroked
                and pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))):
            continue
        m = matrix
        start = last = None
        for n in range(count):  # a grid or a frame drawn as one path: its straight edges
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, n)
            pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            edges = [(last, point)] if kind == pdfium_c.FPDF_SEGMENT_LINETO and last else []
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start:
                edges.append((point, start))
            for (ax, ay), (bx, by) in edges:
                if abs(ax - bx) < 1 or abs(ay - by) < 1:
                    box = transform(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
                    if max(box[2] - box[0], box[3] - box[1]) >= 5:
                        out.append(box)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = point
            last = point
    return out


def _metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    """The Info dictionary's non-empty entries under our names, dates as ISO 8601."""
    out = {}
    for key, value in pdf.get_metadata_dict().items():
        name = _METADATA_KEYS.get(key)
        value = " ".join((value or "").replace("\x00", " ").split())
        if not name or not value:
            continue
        if name in ("created", "modified"):
            value = pdf_date(value) or ""
            if not value:
                continue
        out[name] = value
    return out


def pdf_date(value: str) -> str | None:
    """``D:20240105093000+09'00'`` → ``2024-01-05T09:30:00+09:00``; None if it is no date."""
    match = _PDF_DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    if not (1 <= int(month or 1) <= 12 and 1 <= int(day or 1) <= 31 and int(hour or 0) <= 23
            and int(minute or 0) <= 59 and int(second or 0) <= 59):
        return None
    text = f"{year}-{month or '01'}-{day or '01'}"
    if hour is not None:
        text += f"T{hour}:{minute or '00'}:{second or '00'}"
        if zone == "Z":
            text += "+00:00"
        elif zone:
            digits = zone[1:].replace("'", "")
            text += f"{zone[0]}{digits[:2]}:{(digits[2:4] or '00')}"
    return text
