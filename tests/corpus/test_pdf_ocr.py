"""Pages without a text layer in a PDF that has one: read by OCR as lines with
their sizes (the cover's title set largest becomes the document's title), a
blank page passed over in silence, pages over the budget or without Tesseract
named in the warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.corpus import pdf_ocr
from workbench.corpus.extract import extract_file
from workbench.corpus.ocr import _lines
from workbench.corpus.pdf_types import Line, Page

FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None or not FONT.exists(),
                                     reason="make test installs tesseract-ocr, tesseract-ocr-kor and fonts-nanum")
PDF_FONT = "HYSMyeongJo-Medium"
BODY = "정부는 인공지능 기본법 시행령을 마련하여 관계 부처와 협의를 거친 뒤 입법예고할 예정이다."


def tsv(*words):
    """Tesseract's TSV: one row per word (block, paragraph, line, left, top, width, height, conf, text)."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [f"5\t1\t{b}\t{p}\t{ln}\t{n}\t{x}\t{y}\t{w}\t{h}\t{c}\t{t}"
            for n, (b, p, ln, x, y, w, h, c, t) in enumerate(words, 1)]
    return "\n".join([head, *rows])


def test_tesseract_words_become_lines_with_spaces_where_the_words_stand_apart():
    lines = _lines(tsv((1, 1, 1, 924, 820, 130, 114, 93, "해양"), (1, 1, 1, 1062, 820, 180, 114, 92, "수산"),
                       (1, 1, 1, 1414, 823, 76, 111, 93, "수"), (1, 1, 1, 1490, 827, 78, 94, 93, "소"),
                       (1, 1, 1, 1590, 820, 200, 114, 80, "경제"), (1, 1, 1, 1859, 821, 206, 113, 97, "기술"),
                       (1, 1, 2, 1250, 1000, 815, 113, 16, "때"),  # a speck of the picture, unsure
                       (1, 1, 3, 8, 2337, 315, 239, 79, "^"), (1, 1, 3, 324, 2239, 134, 98, 52, "a")))
    assert lines == [("해양수산 수소경제 기술", 924.0, 820.0, 2065.0, 934.0, 114.0)]


def test_the_cover_title_is_its_largest_lines_one_after_the_other():
    def line(text, y, size):
        return Line(text, 100, y, 100 + size * len(text), y + size, size=size, font="ocr")

    cover = Page(1, 595, 842, [line("보다나은 해양수산부", 50, 13), line("2019. 12.", 130, 12),
                               line("해양수산 수소경제 기술", 195, 27), line("활성화 방안 연구", 240, 27),
                               line("© 해양수산부", 745, 16)], ocr=True)
    assert pdf_ocr.cover_title(cover) == "해양수산 수소경제 기술 활성화 방안 연구"
    assert pdf_ocr.cover_title(Page(1, 595, 842, [line("본문 한 줄", 100, 11), line("또 한 줄", 120, 11)])) is None


def _picture(path: Path, lines: list[str], size: int = 90) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (2480, 3508), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), size)
    for n, text in enumerate(lines):
        draw.text((300, 800 + int(size * 1.6) * n), text, font=font, fill=(20, 90, 40))
    image.save(path)
    return path


def mixed_pdf(path: Path, pictures: list[list[str]], blank: bool = False) -> Path:
    """Picture pages (a cover set as an image), maybe a blank page, then a page of text."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for n, lines in enumerate(pictures):
        c.drawImage(str(_picture(path.with_name(f"picture{n}.png"), lines)), 0, 0, 595, 842)
        c.showPage()
    if blank:
        c.showPage()
    c.setFont(PDF_FONT, 11)
    c.drawString(60, 760, "1. 추진 배경")
    c.drawString(60, 730, BODY)
    c.showPage()
    c.save()
    return path


@needs_tesseract
def test_a_picture_cover_is_read_and_titles_the_document(tmp_path):
    doc = extract_file(mixed_pdf(tmp_path / "report.pdf", [["인공지능 정책 동향", "연구 보고서"]], blank=True))
    first = doc.blocks[0]
    assert first.meta["page"] == 1 and first.meta.get("ocr") is True
    assert "인공지능 정책 동향" in doc.text[:200] and doc.text.index("인공지능 정책 동향") < doc.text.index(BODY)
    assert doc.title == "인공지능 정책 동향 연구 보고서"
    assert [w[0] for w in doc.warnings] == [
        "page(s) 1 have no readable text layer and were read by OCR: check quotes against the page"]
    assert not any(b.meta.get("ocr") for b in doc.blocks if b.meta["page"] == 3)


@needs_tesseract
def test_pages_over_the_budget_are_named_as_left_out(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_ocr, "MAX_PAGES", 1)
    doc = extract_file(mixed_pdf(tmp_path / "annex.pdf", [["첫째 그림 쪽"], ["둘째 그림 쪽"]]))
    english = [w[0] for w in doc.warnings]
    assert english[0].startswith("page(s) 1 have no readable text layer and were read by OCR")
    assert english[1].startswith("page(s) 2 have no readable text layer and were left out: only the first 1")
    assert "둘째" not in doc.text and BODY in doc.text


def test_a_text_pdf_with_no_pictures_reads_no_page_by_ocr(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("OCR run on a page with text")

    monkeypatch.setattr(pdf_ocr, "_page_lines", refuse)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    c = canvas.Canvas(str(tmp_path / "text.pdf"), pagesize=(595, 842))
    c.setFont(PDF_FONT, 11)
    c.drawString(60, 760, BODY)
    c.showPage()
    c.showPage()  # a blank page: nothing to read, nothing to say
    c.save()
    doc = extract_file(tmp_path / "text.pdf")
    assert doc.text == BODY and doc.warnings == []
