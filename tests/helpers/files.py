"""Builders of real document files for the tests, one per format.

Each uses the library a real producer would (python-docx, reportlab,
hwpforge) so the readers are tested on files like the ones analysts receive.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

KOREAN_PARAGRAPH = "과기정통부가 인공지능 기본법 시행령을 발표했다. 오픈AI와 앤트로픽도 참석했다."


def make_docx(path: Path, footnote: bool = False) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "인공지능 정책 보고서"
    document.add_heading("제1장 서론", level=1)
    document.add_paragraph(KOREAN_PARAGRAPH)
    document.add_heading("제1절 미국", level=2)
    document.add_paragraph("미국 국방부는 최대 2억 달러 규모의 계약을 체결했다 😀.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "구분"
    table.cell(0, 1).text = "내용"
    table.cell(1, 0).text = "예산"
    table.cell(1, 1).text = "110억원"
    document.add_paragraph("<표 1-1> 주요 예산")
    document.save(path)
    return path


def make_pdf(path: Path, pages: list[list[str]] | None = None, password: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    pages = pages or [["제1장 서론", KOREAN_PARAGRAPH], ["제2장 결론", "Anthropic and OpenAI signed."]]
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=password)
    c.setTitle("PDF 보고서")
    for lines in pages:
        y = 800
        for line in lines:
            c.setFont("HYSMyeongJo-Medium", 11)
            c.drawString(60, y, line)
            y -= 20
        c.showPage()
    c.save()
    return path


def make_hwpx(path: Path, markdown: str) -> Path:
    import hwpforge

    path.write_bytes(hwpforge.convert_md(markdown).document.to_bytes())
    return path


def make_encrypted_hwpx(path: Path) -> Path:
    """An HWPX whose manifest declares encrypted parts, as Hancom writes them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/hwp+zip")
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<odf:file-entry odf:full-path="Contents/section0.xml" odf:media-type="application/xml">'
            '<odf:encryption-data odf:checksum-type="SHA1"/></odf:file-entry></odf:manifest>',
        )
        z.writestr("Contents/section0.xml", b"\x8f\x12garbage")
    path.write_bytes(buffer.getvalue())
    return path


def make_encrypted_docx(path: Path) -> Path:
    """What Word writes for a password-protected document: an OLE file, not a zip."""
    from tests.helpers.cfb import build_cfb

    path.write_bytes(build_cfb({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 60,
                                "EncryptedPackage": b"\0" * 5000}))
    return path


def truncate(path: Path, keep: float = 0.5) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path
