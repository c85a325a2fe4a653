"""OCR for scanned PDFs and page images, with Tesseract (Korean + English).

Tesseract is a program, not a Python package: Workbench uses it when it is
installed (``tesseract`` on the PATH, or ``$WORKBENCH_TESSERACT``) with the
Korean and English language data, and otherwise says how to install it.
Pages are rendered with PDFium at 300 dpi and recognised one by one, so a
long scan reports its progress page by page and can be cancelled between
pages. Recognised text is marked as such in the project (``extraction =
"ocr"``): an analyst should check a quote against the page image.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Generator
from functools import lru_cache
from pathlib import Path

from workbench.core.errors import ReadError
from workbench.core.progress import Cancelled, CancelToken, Progress
from workbench.corpus.readers import IMAGE_EXTENSIONS
from workbench.corpus.structure import RawPart

LANGUAGES = "kor+eng"
DPI = 300
PAGE_TIMEOUT = 180  # seconds for one page: a stuck Tesseract must not hang an ingest


def tesseract() -> str | None:
    return os.environ.get("WORKBENCH_TESSERACT") or shutil.which("tesseract")


@lru_cache(maxsize=4)
def _languages(binary: str) -> frozenset[str]:
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def unavailable_reason() -> tuple[str, str] | None:
    """Why OCR cannot run here (English, Korean), or None when it can."""
    binary = tesseract()
    if binary is None:
        return ("Tesseract OCR is not installed (on Debian/Ubuntu: apt install tesseract-ocr tesseract-ocr-kor; "
                "on Windows and macOS: install Tesseract with its Korean language data)",
                "Tesseract OCR이 설치되어 있지 않습니다(데비안·우분투: apt install tesseract-ocr tesseract-ocr-kor, "
                "윈도우·macOS: 한국어 언어 데이터와 함께 Tesseract 설치)")
    missing = [lang for lang in LANGUAGES.split("+") if lang not in _languages(binary)]
    if missing:
        return (f"Tesseract has no {', '.join(missing)} language data (install tesseract-ocr-kor)",
                f"Tesseract에 {', '.join(missing)} 언어 데이터가 없습니다(tesseract-ocr-kor를 설치하세요)")
    return None


def needs_ocr_error(path: Path, reason: tuple[str, str], why: ReadError | None = None) -> ReadError:
    """OCR is needed (``why`` says why: no text layer, an unreadable one) but cannot run here."""
    return ReadError(
        "needs_ocr",
        (why.message if why else f"{path.name}: the pages are images without text")
        + f"; OCR is needed and cannot run: {reason[0]}",
        (why.message_ko if why else f"{path.name}: 글자가 없는 이미지 페이지입니다")
        + f". OCR이 필요하지만 실행할 수 없습니다: {reason[1]}",
    )


def recognise(image: Path) -> str:
    """The text Tesseract reads in one image.

    Automatic page segmentation (``--psm 3``) keeps columns apart on real
    scans but finds nothing on some sparse, clean pages ("Empty page!!"); a
    page that gives little text is read again as one block (``--psm 6``) and
    the longer reading kept.
    """
    text = _tesseract(image, "3")
    if _letters(text) < 200:
        block = _tesseract(image, "6")
        if _letters(block) > _letters(text):
            return block
    return text


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


MIN_CONFIDENCE = 45  # Tesseract's word confidence (0-100) below which a "word" is a drawing's speck


def recognise_lines(image: Path) -> list[tuple[str, float, float, float, float, float]]:
    """The lines Tesseract reads in one image, each with its box in pixels
    (text, x0, y0, x1, y1) and its words' usual height, in reading order. Words are joined with a space
    where their boxes stand apart (Tesseract splits Hangul words oddly in its
    word boxes), words it is not sure of are left out, and a line without two
    letters is a drawing, not text. Segmentation as in :func:`recognise`."""
    lines = _lines(_tesseract(image, "3", "tsv"))
    if sum(_letters(text) for text, *_ in lines) < 200:
        block = _lines(_tesseract(image, "6", "tsv"))
        if sum(_letters(t) for t, *_ in block) > sum(_letters(t) for t, *_ in lines):
            return block
    return lines


def _lines(tsv: str) -> list[tuple[str, float, float, float, float, float]]:
    words: dict[tuple[str, str, str, str], list[tuple[float, float, float, float, str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            left, top, width, height, conf = (float(v) for v in cells[6:11])
        except ValueError:
            continue
        if conf >= MIN_CONFIDENCE:
            words.setdefault(tuple(cells[1:5]), []).append((left, top, left + width, top + height, cells[11].strip()))
    out = []
    for found in words.values():
        found.sort()
        heights = sorted(w[3] - w[1] for w in found)
        unit = heights[len(heights) // 2]
        text = found[0][4]
        for before, after in zip(found, found[1:]):
            text += (" " if after[0] - before[2] > 0.3 * unit else "") + after[4]
        if sum(1 for ch in text if ch.isalnum()) >= 2:
            out.append((text, found[0][0], min(w[1] for w in found), max(w[2] for w in found),
                        max(w[3] for w in found), unit))
    return out


def _tesseract(image: Path, psm: str, output: str = "") -> str:
    try:
        proc = subprocess.run([tesseract(), str(image), "stdout", "-l", LANGUAGES, "--psm", psm,
                               *([output] if output else [])],
                              capture_output=True, text=True, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise ReadError("ocr_failed", f"{image.name}: OCR took longer than {PAGE_TIMEOUT} s for one page",
                        f"{image.name}: 한 페이지의 OCR이 {PAGE_TIMEOUT}초를 넘었습니다") from exc
    except OSError as exc:
        raise ReadError("ocr_failed", f"Tesseract could not run ({exc})", "Tesseract를 실행할 수 없습니다") from exc
    if proc.returncode != 0:
        raise ReadError("ocr_failed", f"Tesseract failed: {proc.stderr.strip()[-300:]}",
                        "Tesseract가 이 페이지를 읽지 못했습니다")
    return proc.stdout


def page_parts(text: str, page: int) -> list[RawPart]:
    """Tesseract's lines → paragraphs (blank lines separate them; wrapped lines join)."""
    parts, lines = [], []
    for line in text.replace("\f", "\n").splitlines() + [""]:
        if line.strip():
            lines.append(line.strip())
        elif lines:
            parts.append(RawPart(" ".join(lines), meta={"page": page}))
            lines = []
    return parts


def ocr_pages(path: Path, data: bytes, cancel: CancelToken | None = None, why: ReadError | None = None,
              ) -> Generator[Progress, None, list[RawPart]]:
    """Recognise every page of a scanned PDF, or an image file; yields per page."""
    reason = unavailable_reason()
    if reason is not None:
        raise needs_ocr_error(path, reason, why)
    parts: list[RawPart] = []
    with tempfile.TemporaryDirectory(prefix="wb-ocr-") as tmp:
        images = _images(path, data, Path(tmp))
        total = len(images)
        for n, render in enumerate(images, 1):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            yield Progress(n - 1, total, f"{path.name} p. {n}/{total}", stage="ocr")
            parts.extend(page_parts(recognise(render()), n))
        yield Progress(total, total, f"{path.name} p. {total}/{total}", stage="ocr")
    return parts


def _images(path: Path, data: bytes, folder: Path) -> list:
    """One callable per page that writes the page image and returns its path
    (pages are rendered one at a time: a 200-page scan never sits in memory)."""
    if path.suffix.lower() in IMAGE_EXTENSIONS:
        image = folder / f"page{path.suffix.lower()}"
        image.write_bytes(data)
        return [lambda: image]
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)

    def render(index: int) -> Path:
        out = folder / f"page-{index + 1}.png"
        page = pdf[index]
        try:
            page.render(scale=DPI / 72).to_pil().convert("L").save(out)  # colour text reads better in grey
        finally:
            page.close()
        return out

    return [lambda i=i: render(i) for i in range(len(pdf))]
