"""Real Korean PDFs (a bill, two-column Assembly minutes) and PDFs built with
reportlab, read through ``extract_file``: text coverage against poppler's
``pdftotext``, paragraph structure, page furniture, columns, tables, refusals.

How the coverage reference is made
----------------------------------
``tests/helpers/coverage.py`` compares character bigrams with whitespace
removed, so it measures missing text *and*, at every place two pieces of text
meet, whether the same two pieces meet in both readings. The reference is
``pdftotext -raw`` (poppler, independent of PDFium), which keeps the order in
which the producer wrote the text: for Hancom's PDFs that is column by column
and table cell by table cell, the reading order an analyst wants. Our order
is computed from the geometry (it does not look at the content order), so the
comparison is not circular. pdftotext's default mode is *not* used for the
0.99 bar: it reads the bill's 신ㆍ구조문대비표 and the minutes' tables row by row
across cells ("제15조(2050 탄소중립녹색성장 제15조(2050 탄소중립녹색성장"), so each
of hundreds of junctions differs from any column- or cell-wise reading; its
figure is checked against a looser 0.97 as a second opinion. The reverse
share (how much of our text pdftotext holds) guards against doubled text.

From the reference we drop exactly the page furniture we remove on purpose,
by patterns written here (not by our code): the bill's "- N -" page numbers
and the minutes' running header "제414회-환경노동제1차(2024년5월7일)" with its page
number. Everything else pdftotext finds must be in our text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from workbench.core.errors import ReadError
from workbench.core.models import BlockKind
from workbench.corpus.extract import extract_file
from tests.helpers.coverage import coverage, missing

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"
BILL = REAL / "pdf" / "의안원문_2125318.pdf"
MINUTES = REAL / "pdf" / "국회회의록_환노위.pdf"
HEADER = "제414회-환경노동제1차(2024년5월7일)"
FURNITURE = re.compile(r"^\s*(-\s*\d+\s*-|(\d+\s+)?" + re.escape(HEADER) + r"(\s+\d+)?)\s*$")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler-utils is installed by make test")


@pytest.fixture(scope="module")
def bill():
    return extract_file(BILL)


@pytest.fixture(scope="module")
def minutes():
    return extract_file(MINUTES)


def _reference(path: Path, *mode: str) -> str:
    text = subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(line for line in text.splitlines() if not FURNITURE.match(line))


def _blocks(doc, kind=None):
    return [(b, doc.text[b.start:b.end]) for b in doc.blocks if kind is None or b.kind is kind]


@needs_pdftotext
@pytest.mark.parametrize("name", ["bill", "minutes"])
def test_text_coverage_against_pdftotext(name, request):
    doc, path = request.getfixturevalue(name), {"bill": BILL, "minutes": MINUTES}[name]
    reference = _reference(path, "-raw")
    share = coverage(doc.text, reference)
    assert share >= 0.99, (share, missing(doc.text, reference)[:20])
    assert coverage(reference, doc.text) >= 0.99  # and nothing doubled or made up
    assert coverage(doc.text, _reference(path)) >= 0.97


def test_minutes_are_read_without_pathology():
    """A guard against runaway layout work only; the speed is measured in benchmarks/ingest.py."""
    start = time.perf_counter()
    extract_file(MINUTES)
    assert time.perf_counter() - start < 30.0


def test_no_paragraph_starts_with_the_end_of_the_line_above(bill, minutes):
    # "바랍니/다." must not give a paragraph "다. 성원이 …"; neither file has a 가. 나. 다. list.
    for doc in (bill, minutes):
        for block, text in _blocks(doc):
            if block.kind is not BlockKind.TABLE:
                assert not re.match(r"[가-힣]{1,2}[.?!,](\s|$)", text), text


def test_running_headers_and_page_numbers_are_page_metadata(bill, minutes):
    for doc in (bill, minutes):
        for _, text in _blocks(doc):
            assert HEADER not in text and not re.search(r"(^|\s)-\s?\d{1,2}\s?-(\s|$)", text), text
    page12 = [b for b in minutes.blocks if b.meta["page"] == 12]
    assert page12 and all(b.meta.get("header") == HEADER and b.meta.get("page_label") == "12" for b in page12)
    assert {b.meta.get("page_label") for b in bill.blocks if b.meta["page"] == 2} == {"2"}


def test_bill_sections_are_headings_on_their_own(bill):
    [(heading, text)] = [(b, t) for b, t in _blocks(bill) if "제안이유 및 주요내용" in t]
    assert heading.kind is BlockKind.HEADING and text == "제안이유 및 주요내용"
    body = next(b for b, t in _blocks(bill) if t.startswith("현행법은 기후위기 대응을 위해"))
    assert body.section_path == ["제안이유 및 주요내용"]
    assert bill.title == "기후위기 대응을 위한 탄소중립ㆍ녹색성장 기본법 일부개정법률안"
    assert bill.metadata["created"] == "2024-06-04T00:52:41+09:00" and bill.metadata["producer"].startswith("Hancom")


def test_bill_paragraphs_run_over_lines_and_pages(bill):
    texts = [t for _, t in _blocks(bill, BlockKind.PARAGRAPH)]
    assert ("현행법은 기후위기 대응을 위해 국가 탄소중립 녹색성장 기본계획(이하 “탄소중립기본계획”이라 함)을 "
            "수립ㆍ시행하도록 하고, 탄소중립기본계획 및 주요 정책 등을 심의ㆍ의결하기 위하여 2050 탄소중립녹색성장위원회"
            "(이하 “탄소중립위원회”라 함)를 두도록 하고 있음.") in texts
    # "…지방탄소중립위원" ends page 1, "회의 위원 위촉의 경우에도" starts page 2: one paragraph.
    [(block, _)] = [(b, t) for b, t in _blocks(bill) if "지방탄소중립위원회의 위원 위촉의 경우에도" in t]
    assert block.meta["page"] == 1 and block.meta["page_end"] == 2


def test_minutes_sentences_wrap_into_one_block_and_columns_read_in_order(minutes):
    texts = [t for _, t in _blocks(minutes)]
    assert "이와 관련해서 발언하실 위원님 있으시면 거수해 주시기 바랍니다." in texts
    # Wrapped across the gutter: the left column's last line and the right column's first.
    assert any("이 국회 마지막 날 참여하지 않은 정부 부처 관계자에 대해서는" in t for t in texts)
    page12 = "\n".join(minutes.text[b.start:b.end] for b in minutes.blocks if b.meta["page"] == 12)
    assert 0 <= page12.index("단적인 모습이라고 생각합니다.") < page12.index("해임촉구결의안이 채택되기를 요청합니다.")
    speakers = [t for _, t in _blocks(minutes) if t.startswith("◯")]
    assert "◯노웅래 위원 의사진행발언하겠습니다." in speakers


def test_minutes_ruled_tables_are_tables(minutes):
    tables = [b.meta["rows"] for b in minutes.blocks if b.kind is BlockKind.TABLE]
    assert ["구분", "공포번호", "행정입법명", "소관부처", "공포일자"] in [rows[0] for rows in tables]
    rows = next(rows for rows in tables if rows[0][:2] == ["구분", "공포번호"])
    assert rows[1][:2] == ["대통령령", "제34045호"] and rows[1][-1] == "2023. 12. 26."


@pytest.mark.parametrize(("name", "code"), [("cid-font-no-tounicode.pdf", "unreadable_text"),
                                            ("landscape_scan.pdf", "no_text"),
                                            ("password-protected.pdf", "encrypted")])
def test_nasty_pdfs_are_refused_with_a_reason(name, code):
    with pytest.raises(ReadError) as info:
        extract_file(REAL / "nasty" / name)
    error = info.value
    assert error.code == code and name in error.message and name in error.message_ko
    assert not re.search("[A-Za-z]", error.message_ko.replace(name, "")) or code == "no_text"
    if code != "encrypted":
        assert error.pages == 1
    if code == "unreadable_text":
        assert "OCR" in error.message and "7KHTXLFN" not in error.message


# --- PDFs made with reportlab ---------------------------------------------------------

FONT = "HYSMyeongJo-Medium"
PARAGRAPH_1 = ("과학기술정보통신부는 인공지능 기본법 시행령 제정안을 마련하여 관계 부처와 협의를 거친 뒤 "
               "입법예고할 예정이라고 밝혔다. 시행령은 고영향 인공지능의 범위와 사업자의 책무를 구체적으로 정한다.")
PARAGRAPH_2 = ("이번 시행령은 국제 기준과의 정합성을 고려하여 마련되었으며 OpenAI and Anthropic representatives "
               "attended the consultation, which discussed an extraordinarily comprehensive framework for "
               "governance, and the ministry will publish the final text in the second half of the year.")


def _wrap(text: str, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, FONT, size) <= width:
            current = candidate
            continue
        if not word.isascii():
            lines.append(current)
            current = word
            continue
        # Latin: hyphenate the word that does not fit, as a typesetter would.
        for cut in range(len(word) - 1, 1, -1):
            if stringWidth(f"{current} {word[:cut]}-", FONT, size) <= width:
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
                break
        else:
            lines.append(current)
            current = word
    return lines + [current]


def _report_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("Microsoft Word - 인공지능 정책 동향.docx")
    c.setAuthor("정책분석팀")
    c.setKeywords("인공지능, 시행령")
    width, height = A4
    lines_1 = _wrap(PARAGRAPH_1, 300, 11)
    lines_2 = _wrap(PARAGRAPH_2, 300, 11)
    pages = [["제1장 인공지능 정책 동향", *lines_1, *lines_2[:2]], lines_2[2:]]
    for number, lines in enumerate(pages, 1):
        c.setFont(FONT, 9)
        c.drawString(60, height - 40, f"월간 정책 동향 2024년 5월호 {number}")
        c.drawCentredString(width / 2, 30, f"- {number} -")
        y = height - 120 if number == 1 else height - 110
        for n, text in enumerate(lines):
            c.setFont(FONT, 11)
            if number == 1 and n in (1, 1 + len(lines_1)):  # a gap before each paragraph
                y -= 10
            c.drawString(60, y, text)
            y -= 16
        c.showPage()
    c.save()
    return path


def test_a_reportlab_report_reads_as_paragraphs_without_its_furniture(tmp_path):
    doc = extract_file(_report_pdf(tmp_path / "report.pdf"))
    texts = [t for _, t in _blocks(doc)]
    assert texts == ["제1장 인공지능 정책 동향", PARAGRAPH_1, PARAGRAPH_2]
    assert "월간 정책 동향" not in doc.text and "- 1 -" not in doc.text
    heading, first, second = doc.blocks
    assert heading.kind is BlockKind.HEADING and first.section_path == ["제1장 인공지능 정책 동향"]
    assert first.meta == {"page": 1, "header": "월간 정책 동향 2024년 5월호", "page_label": "1"}
    assert second.meta["page"] == 1 and second.meta["page_end"] == 2
    assert doc.title == "인공지능 정책 동향"
    assert doc.metadata["author"] == "정책분석팀" and doc.metadata["keywords"] == "인공지능, 시행령"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", doc.metadata["created"])


def test_a_table_drawn_with_lines_and_a_rectangle(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    path = tmp_path / "table.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 11)
    c.drawString(60, 760, "다음은 부처별 예산 현황이다.")
    c.rect(60, 640, 300, 90)  # the outer border: one path of four edges
    for y in (700, 670):
        c.line(60, y, 360, y)
    c.line(180, 640, 180, 730)
    for y, (a, b) in zip((710, 680, 650), (("부처", "예산"), ("과학기술정보통신부", "110억 원"), ("산업통상자원부", "85억 원"))):
        c.drawString(65, y, a)
        c.drawString(185, y, b)
    c.showPage()
    c.save()
    doc = extract_file(path)
    [table] = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.meta["rows"] == [["부처", "예산"], ["과학기술정보통신부", "110억 원"], ["산업통상자원부", "85억 원"]]
    assert doc.text.startswith("다음은 부처별 예산 현황이다.")


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_page_reads_as_displayed(tmp_path, rotation):
    # Landscape content on a portrait page: drawn turned, shown upright through /Rotate.
    import pypdfium2 as pdfium
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    drawn = tmp_path / "drawn.pdf"
    c = canvas.Canvas(str(drawn), pagesize=(595, 842))
    width, height = (595, 842) if rotation == 180 else (842, 595)
    c.translate(297.5, 421)
    c.rotate(rotation)
    c.translate(-width / 2, -height / 2)
    c.setFont(FONT, 11)
    c.drawString(60, height - 80, "첫째 문단은 회전된 쪽에서도 제대로 읽혀야 합니다.")
    c.drawString(60, height - 130, "둘째 문단도 마찬가지입니다.")
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(str(drawn))
    pdf[0].set_rotation(rotation)
    pdf.save(str(tmp_path / "rotated.pdf"))
    pdf.close()
    doc = extract_file(tmp_path / "rotated.pdf")
    assert doc.text == "첫째 문단은 회전된 쪽에서도 제대로 읽혀야 합니다.\n\n둘째 문단도 마찬가지입니다."
