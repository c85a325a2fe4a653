"""Side-by-side columns read column by column: a bilingual page (Korean beside
its English translation, rows set on the same baselines) made with reportlab,
down to a gutter narrower than a word space is wide in ems, and the Assembly
minutes' two columns still in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.models import BlockKind
from workbench.corpus.extract import extract_file

FONT = "HYSMyeongJo-Medium"
KOREAN = ["정부는 인공지능 기본법 시행령을 마련하여 관계 부처와 협의를 거친 뒤 입법예고할 예정이다. 시행령은 "
          "고영향 인공지능의 범위와 사업자의 책무를 구체적으로 정한다.",
          "과학기술정보통신부는 하반기에 최종안을 공개하고 의견을 수렴할 계획이다."]
ENGLISH = ["The government has prepared an enforcement decree of the Framework Act on Artificial Intelligence "
           "and will give notice of it after consulting the ministries concerned. The decree sets out the "
           "scope of high-impact AI and the duties of businesses.",
           "The Ministry of Science and ICT plans to publish the final draft in the second half of the year "
           "and to collect opinions."]
TITLE = "인공지능 기본법 시행령 / AI Framework Act Decree"


def _wrap(text: str, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, FONT, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    return lines + [current]


def bilingual_pdf(path: Path, gutter: float, size: float = 10.5, pages: int = 1) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    width = 297 - gutter / 2 - 50
    for page in range(pages):
        c.setFont(FONT, 14)
        c.drawCentredString(297, 780, TITLE if page == 0 else f"{TITLE} 해설")  # (the same title would be a running header)
        y = 740
        for korean, english in zip(KOREAN, ENGLISH):
            left, right = _wrap(korean, width, size), _wrap(english, width, size)
            c.setFont(FONT, size)
            for n in range(max(len(left), len(right))):  # row by row, as a two-column table without rules
                if n < len(left):
                    c.drawString(50, y - 15 * n, left[n])
                if n < len(right):
                    c.drawString(297 + gutter / 2, y - 15 * n, right[n])
            y -= 15 * max(len(left), len(right)) + 12
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("gutter", [9.0, 14.0, 30.0])
def test_a_bilingual_page_reads_column_by_column(tmp_path, gutter):
    doc = extract_file(bilingual_pdf(tmp_path / "bilingual.pdf", gutter))
    texts = [doc.text[b.start:b.end] for b in doc.blocks]
    assert texts == [TITLE, *KOREAN, *ENGLISH]
    assert doc.blocks[0].kind is BlockKind.TITLE


def test_bilingual_pages_keep_their_order_page_after_page(tmp_path):
    doc = extract_file(bilingual_pdf(tmp_path / "bilingual.pdf", 12.0, pages=2))
    texts = [doc.text[b.start:b.end] for b in doc.blocks]
    assert texts[1:5] == [*KOREAN, *ENGLISH] and texts[6:10] == [*KOREAN, *ENGLISH]
