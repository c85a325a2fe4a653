"""OCR of scans and page images with Tesseract (Korean + English): a page
rendered from known Korean text is read back, page progress is reported,
cancel stops between pages, and a machine without Tesseract gets a clear
message in both languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.core.progress import Cancelled, CancelToken
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job

SENTENCES = [
    "과학기술정보통신부는 인공지능 기본법 시행령을 발표했다.",
    "정부는 내년 예산에서 반도체 지원을 확대하기로 했다.",
    "업계는 규제 완화와 인력 양성이 시급하다고 밝혔다.",
]
FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None or not FONT.exists(),
                                     reason="make test installs tesseract-ocr, tesseract-ocr-kor and fonts-nanum")


def page_image(path: Path, lines: list[str]) -> Path:
    """A scanned-looking page: black Korean text on white, 300 dpi A4 width."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 160 + 110 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 56)
    for n, line in enumerate(lines):
        draw.text((150, 100 + 110 * n), line, font=font, fill=0)
    image.save(path)
    return path


def scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    from PIL import Image

    images = [Image.open(page_image(path.with_name(f"p{n}.png"), lines)).convert("RGB")
              for n, lines in enumerate(pages)]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=300)
    return path


def words_found(text: str, sentences: list[str]) -> float:
    words = [w.strip(".,") for s in sentences for w in s.split()]
    compact = "".join(text.split())
    return sum(1 for w in words if w in compact) / len(words)


@needs_tesseract
@pytest.mark.slow
def test_a_scanned_pdf_is_read_by_ocr_page_by_page(project, tmp_path):
    pdf = scanned_pdf(tmp_path / "scan.pdf", [SENTENCES[:2], SENTENCES[2:]])
    seen = []
    job = ingest(project, [pdf], index=False, entities=False)
    while True:
        try:
            seen.append(next(job))
        except StopIteration as stop:
            report = stop.value
            break
    [file_report] = report.files
    assert file_report.status == "added", file_report.message
    from workbench.services.documents import show_document

    view = show_document(project, "scan.pdf")
    assert view.info.extraction == "ocr" and view.info.format == "pdf"
    assert words_found(view.text, SENTENCES) >= 0.9, view.text
    assert [p.message for p in seen if p.stage == "ocr"][:2] == ["scan.pdf p. 1/2", "scan.pdf p. 2/2"]
    assert {b.meta.get("page") for b in view.blocks} >= {1, 2}  # pages kept for citations


@needs_tesseract
def test_a_page_image_is_read_by_ocr(project, tmp_path):
    image = page_image(tmp_path / "page.png", SENTENCES[:1])
    report = run_job(ingest(project, [image], index=False, entities=False))
    assert report.files[0].status == "added", report.files[0].message
    from workbench.services.documents import show_document

    view = show_document(project, "page.png")
    assert view.info.extraction == "ocr" and words_found(view.text, SENTENCES[:1]) >= 0.9


@needs_tesseract
def test_cancel_stops_ocr_between_pages(project, tmp_path):
    pdf = scanned_pdf(tmp_path / "long.pdf", [SENTENCES[:1]] * 3)
    job = ingest(project, [pdf], index=False, entities=False)
    progress = next(job)
    while progress.stage != "ocr":
        progress = next(job)
    with pytest.raises(StopIteration) as stop:
        job.throw(Cancelled())
    assert stop.value.value.cancelled and stop.value.value.files == []  # nothing half-read was stored


def test_without_tesseract_the_message_says_how_to_get_it(project, tmp_path, monkeypatch):
    import workbench.corpus.ocr as ocr

    monkeypatch.setattr(ocr, "tesseract", lambda: None)
    from PIL import Image

    image = tmp_path / "page.png"
    Image.new("L", (100, 100), 255).save(image)
    report = run_job(ingest(project, [image], index=False, entities=False))
    [failed] = report.files
    assert failed.status == "failed" and failed.code == "needs_ocr"
    assert "tesseract-ocr-kor" in failed.message and "OCR" in failed.message_ko and "설치" in failed.message_ko
    assert CancelToken  # the module's cancel type is the one ingest passes on
